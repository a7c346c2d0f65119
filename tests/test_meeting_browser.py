"""The meeting view in real headless Chromium: the page ranks exactly as ``recommend`` does.

Every test opens the file from ``file://`` as a team would, drives the page's own controls
(sliders by keyboard, number fields, the factor list, checkboxes, buttons) and compares what it
shows with ``recommend --format json`` and the gap analysis for the same choices, written as a
profile. Chromium is Debian's, started by Playwright for Python; the tests skip, saying why,
where either is missing, and fail instead in CI (``INSATSVAL_REQUIRE_CLIENTS=1``, .ci/run).
"""

from __future__ import annotations

import csv
import json
import math
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief import build_brief
from catalog.catalogue import Catalogue, load_catalogue
from cli import cli
from inputs.evidence_scale import TIER_ORDER
from inputs.profile import load_profile
from inputs.settings import load_settings
from inputs.vocabulary import DOMAINS, LEVELS
from render.labels import Labels
from render.outputs import render_output
from tests.builders import EXAMPLES, programme_record, write_yaml
from tests.clients import CHROMIUM, REQUIRED, need, pdf_pages

INVENTORY = EXAMPLES / "familj-10-15-resurser.yaml"
#: Records CSP violations and page errors before the page's own script runs.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
                          e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(CHROMIUM, "Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        if REQUIRED:
            pytest.fail("Playwright for Python is missing: pip install -e '.[dev]'")
        pytest.skip("Playwright for Python is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@dataclass
class Opened:
    """An open meeting page and everything that went wrong in it."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def check_clean(self) -> None:
        assert not self.errors, self.errors
        assert self.page.evaluate("window.__violations") == []
        assert all(url.startswith("file://") for url in self.requests), self.requests


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a page from file:// with the network cut: every request that is not the file is aborted and recorded."""
    contexts = []
    opened_pages: list[Opened] = []

    def opener(html: Path) -> Opened:
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        contexts.append(context)
        context.add_init_script(WATCH)
        opened = Opened(context.new_page())

        def route(request_route: Any) -> None:
            url = request_route.request.url
            opened.requests.append(url)
            if url.startswith("file://"):
                request_route.continue_()
            else:
                request_route.abort()

        context.route("**/*", route)
        context.set_offline(True)
        opened.page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
        opened.page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
        opened.page.goto(html.resolve().as_uri())
        opened.page.wait_for_function("window.insatsvalMeeting !== undefined")
        opened_pages.append(opened)
        return opened

    yield opener
    for opened in opened_pages:
        opened.check_clean()
    for context in contexts:
        context.close()


def write_page(folder: Path, profile: Path, *extra: str) -> Path:
    out = folder / f"{profile.stem}.{len(list(folder.glob('*.html')))}.html"
    result = CliRunner().invoke(cli, ["meeting", str(profile), "--export", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return out


# --- driving the page's controls ------------------------------------------------------------------
def priorities(page: Any) -> list[tuple[str, float]]:
    """(factor, weight) of every priority row, in the page's order, as the number fields show them."""
    rows = page.eval_on_selector_all(
        "#priorities tbody tr", "rows => rows.map(r => [r.dataset.factor, r.querySelector('[data-role=number]').value])"
    )
    return [(factor, float(value)) for factor, value in rows]


def checked(page: Any, name: str) -> list[str]:
    values: list[str] = page.eval_on_selector_all(f"input[name={name}]:checked", "boxes => boxes.map(b => b.value)")
    return values


def random_step(page: Any, rng: random.Random) -> None:
    """One thing a team might do: move a weight, add, remove or move a factor, tick a level or domain."""
    rows = page.locator("#priorities tbody tr")
    n = rows.count()
    action = rng.choices(["slider", "number", "add", "remove", "move", "level", "domain"], [4, 3, 2, 1.5, 1, 2, 1.5])[0]
    i = rng.randrange(n)
    if action == "slider":
        slider = rows.nth(i).locator("input[type=range]")
        slider.focus()
        for _ in range(rng.randint(1, 6)):
            slider.press(rng.choice(["ArrowRight", "ArrowLeft", "ArrowUp", "PageUp", "Home", "End"]))
    elif action == "number":
        rows.nth(i).locator("input[type=number]").fill(str(round(rng.uniform(0.05, 25), rng.choice([0, 1, 2]))))
    elif action == "add" and n < 10:
        options = page.eval_on_selector_all("#add-factor option", "os => os.map(o => o.value)")
        page.select_option("#add-factor", rng.choice(options))
        page.click("#add-button")
    elif action == "remove" and n > 1:
        rows.nth(i).locator("button[data-action=remove]").click()
    elif action == "move" and n > 1:
        button = rows.nth(i).locator("button[data-action=up]" if i else "button[data-action=down]")
        button.click()
    elif action in ("level", "domain"):
        box = page.locator(f"input[name={action}][value={rng.choice(LEVELS if action == 'level' else DOMAINS)}]")
        before = checked(page, action)
        box.click()
        if before == [box.get_attribute("value")]:
            # the last level or domain cannot be unticked: the page keeps it and says why
            assert box.is_checked()


# --- the reference: insatsval itself ---------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """A profile to open in the page, and what the equivalent profiles written for recommend need."""

    profile: Path
    lang: str = "sv"
    inventory: Path | None = None
    settings: Path | None = None
    steps: int = 50


def state_profile(folder: Path, base: dict[str, Any], page: Any, case: Case) -> Path:
    """The page's current choices as a profile file for ``recommend``."""
    data = {
        "area": base["area"],
        "ages": base["ages"],
        "levels": checked(page, "level"),
        "domains": checked(page, "domain"),
        "priorities": [{"factor": f, "weight": w} for f, w in priorities(page)],
    }
    if case.inventory is not None:
        data["resources"] = str(case.inventory.resolve())
    return write_yaml(folder / "state.yaml", data)


def printed(value: float, shown: float, digits: int = 3) -> bool:
    """``value`` prints as ``shown`` at ``digits`` decimals, or lies within 1e-9 of a rounding tie.

    The page and Python add the same terms in different orders, so they agree to about 1e-13,
    not to the last bit: only a value on a tie may print differently.
    """
    scaled = value * 10**digits
    return round(value, digits) == shown or abs(abs(scaled - math.floor(scaled)) - 0.5) < 1e-9 * 10**digits


def compare(page: Any, catalogue: Catalogue, state: Path, case: Case, via_cli: bool) -> tuple[Any, ...]:
    """The page's ranking, scores, points, exclusions, notice and gaps against insatsval's.

    Returns what the state looked like (the ranking, whether a no-effect group and a notice were
    shown, the exclusion reasons), so that a walk can show it met varied situations.
    """
    settings_ = load_settings(case.settings)
    brief = build_brief(catalogue, load_profile(state, catalogue.taxonomy), settings_, top=None)
    labels = Labels(case.lang, catalogue.taxonomy, catalogue.scale)  # type: ignore[arg-type]
    text = render_output("recommend", "json", brief, catalogue, labels, "standard").decode("utf-8")
    if via_cli:
        args = ["recommend", str(state), "--format", "json", "--top", "1000", "--lang", case.lang]
        result = CliRunner().invoke(cli, args + (["--settings", str(case.settings)] if case.settings else []))
        assert result.exit_code == 0, result.stderr
        cli_doc, lib_doc = json.loads(result.stdout), json.loads(text)
        for doc in (cli_doc, lib_doc):
            doc.pop("weights")  # names the settings file only when given on the command line
        assert cli_doc == lib_doc
    document = json.loads(text)
    expected = document["recommendations"]
    full = brief.recommendations.recommendations

    rows = page.eval_on_selector_all(
        "#shortlist-table tbody tr, #no-effect-table tbody tr",
        "rows => rows.map(r => [r.dataset.id, Number(r.dataset.score), r.dataset.group,"
        " r.querySelector('td.score').textContent])",
    )
    snap = page.evaluate("window.insatsvalMeeting.snapshot()")
    assert [r[0] for r in rows] == [r["id"] for r in expected]
    assert [r[2] for r in rows] == [r["group"] for r in expected]
    for (pid, score, _, shown), rec, exact, mine in zip(rows, expected, full, snap["ranked"], strict=True):
        assert abs(score - exact.score) < 1e-9, pid
        assert printed(score, rec["score"]), (pid, score, rec["score"])
        # the displayed 1-decimal text is Python's, except a hair's breadth from a rounding tie
        assert shown == labels.num(exact.score) or printed(exact.score, -1.0, digits=1), (pid, shown, exact.score)
        assert TIER_ORDER[mine["tier"]] == rec["evidence_tier"], pid
        assert [p["factor"] for p in mine["points"]] == [c["factor"] for c in rec["matched_factors"]], pid
        for p, c in zip(mine["points"], rec["matched_factors"], strict=True):
            assert printed(p["points"], c["contribution"]), (pid, p, c)
    assert snap["excluded"] == {reason: len(ids) for reason, ids in document["excluded"].items()}
    fit = document["fit"]
    assert snap["notice"]["needed"] == fit["weak_fit"]
    assert printed(snap["notice"]["best"], fit["best_score"])
    assert [(p["factor"], {e["reason"]: e["count"] for e in p["elsewhere"]}) for p in snap["notice"]["poorly"]] == [
        (p["factor"], p["left_out_elsewhere"]) for p in fit["poorly_covered"]
    ]
    if case.inventory is None:
        assert snap["gaps"] is None
    else:
        cells = brief.gaps.cells
        assert [(g["factor"], g["band"], g["status"]) for g in snap["gaps"]] == [
            (c.factor, c.band, c.status) for c in cells
        ]
        for g, c in zip(snap["gaps"], cells, strict=True):
            assert abs(g["coverage"] - c.coverage) < 1e-12 and abs(g["severity"] - c.severity) < 1e-12
    groups = {r[2] for r in rows}
    return (
        tuple((r[0], round(r[1], 6)) for r in rows),
        "no_effect" in groups,
        fit["weak_fit"],
        tuple(sorted(snap["excluded"])),
    )


def generated_cases(folder: Path) -> list[Case]:
    """Three made-up profiles: with the example inventory, with a settings file, and plain."""
    rng = random.Random(20261201)
    factor_ids = [f.id for f in load_catalogue().taxonomy.factors]
    cases = []
    for k in range(3):
        lo = rng.randint(0, 18)
        hi = min(24, lo + rng.randint(0, 9))
        chosen = rng.sample(factor_ids, rng.randint(1, 6))
        profile = {
            "area": f"Genererat område {k}",
            "ages": {"min": lo, "max": hi},
            "levels": rng.sample(LEVELS, rng.randint(1, 3)),
            "domains": rng.sample(DOMAINS, rng.randint(1, 4)),
            "priorities": [
                {"factor": f, **({"weight": rng.randint(1, 9)} if rng.random() < 0.6 else {})} for f in chosen
            ],
        }
        inventory = settings_file = None
        if k == 0:
            inventory = INVENTORY
            profile["resources"] = str(INVENTORY.resolve())
        if k == 1:
            settings_file = write_yaml(
                folder / "settings.yaml",
                {"fit_bonus": 0.35, "evidence": {"good": 0.7}, "targeting": {"mapped": 0.5}, "low_score": 30},
            )
        path = write_yaml(folder / f"generated-{k}.yaml", profile)
        cases.append(Case(path, ("sv", "en")[k % 2], inventory, settings_file, steps=25))
    return cases


EXAMPLE_CASES = [
    Case(EXAMPLES / "familj-10-15.yaml", "sv", INVENTORY),
    Case(EXAMPLES / "skola-6-12.yaml", "en"),
    Case(EXAMPLES / "alkohol-13-20.yaml", "sv"),
]


def run_case(case: Case, folder: Path, open_page: Any, catalogue: Catalogue, seed: int) -> list[tuple[Any, ...]]:
    """Random choices in the page, each compared with insatsval; every tenth through the command line itself."""
    html = write_page(
        folder, case.profile, "--lang", case.lang, *(["--settings", str(case.settings)] if case.settings else [])
    )
    opened = open_page(html)
    page = opened.page
    page.select_option("#top", "all")
    base = yaml.safe_load(case.profile.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    seen = [compare(page, catalogue, state_profile(folder, base, page, case), case, via_cli=True)]
    for step in range(case.steps):
        random_step(page, rng)
        state = state_profile(folder, base, page, case)
        seen.append(compare(page, catalogue, state, case, via_cli=step % 10 == 9))
    # the walk changed the shortlist again and again, and reached choices with programmes to compare
    assert len({s[0] for s in seen}) >= 5 and max(len(s[0]) for s in seen) > 0
    return seen


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=lambda c: c.profile.stem)
def test_the_page_ranks_the_examples_as_recommend_does(
    case: Case, tmp_path: Path, open_page: Any, catalogue: Catalogue
) -> None:
    run_case(case, tmp_path, open_page, catalogue, seed=len(case.profile.stem))


def test_the_page_ranks_generated_profiles_as_recommend_does(
    tmp_path: Path, open_page: Any, catalogue: Catalogue
) -> None:
    seen = []
    for k, case in enumerate(generated_cases(tmp_path)):
        seen += run_case(case, tmp_path, open_page, catalogue, seed=100 + k)
    # the walks met a no-effect group and a weak-fit notice, and left programmes out for several reasons
    assert any(s[1] for s in seen) and any(s[2] for s in seen)
    assert {"ages", "levels", "domains", "in_place", "no_priority_factor"} <= {r for s in seen for r in s[3]}


# --- offline, hostile text ----------------------------------------------------------------------------
SCRIPT_NAME = "</script><script>window.pwned = 1</script>"
IMG_NAME = '<img src="https://example.org/x.png" onerror="window.pwned = 2">'
NOTE = 'Anteckning med "citat", \\ bakstreck, # brädgård och: kolon\nnya rader\u2028och <b>fet</b> text'


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A catalogue layer, profile and inventory full of markup; returns (page, profile)."""
    layer = write_yaml(
        tmp_path / "layer.yaml",
        {
            "schema_version": 2,
            "catalogue": {"name": "local", "version": "1"},
            "programmes": [
                programme_record(
                    "evil",
                    factors=("poor_family_management", "family_conflict"),
                    name=SCRIPT_NAME,
                    summary={"sv": IMG_NAME, "en": IMG_NAME},
                    warnings=[
                        {
                            "kind": "implementation",
                            "text": {"sv": IMG_NAME, "en": IMG_NAME},
                            "source": "https://example.org/warning?<b>=1",
                        }
                    ],
                )
            ],
        },
    )
    inventory = tmp_path / "inv.csv"
    with inventory.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["name", "factors", "age_min", "age_max", "reach"], [IMG_NAME, "family_conflict", 10, 15, 0.3]]
        )
    profile = write_yaml(
        tmp_path / "hostile.yaml",
        {
            "area": SCRIPT_NAME,
            "ages": {"min": 10, "max": 15},
            "priorities": [
                {"factor": "poor_family_management", "weight": 3, "note": NOTE},
                {"factor": "family_conflict", "note": IMG_NAME},
            ],
            "resources": "inv.csv",
        },
    )
    return write_page(tmp_path, profile, "--catalog", str(layer)), profile


def test_hostile_text_shows_as_text_offline(hostile: tuple[Path, Path], open_page: Any) -> None:
    """From file:// with the network off: no request leaves, only the page's script runs, markup shows as text."""
    html, _ = hostile
    opened = open_page(html)
    page = opened.page
    assert page.title().endswith(SCRIPT_NAME)
    assert page.locator("h1").inner_text().endswith(SCRIPT_NAME)
    row = page.locator("#shortlist-table tbody tr[data-id=evil]")
    assert row.locator("strong").inner_text() == SCRIPT_NAME
    row.locator("summary").click()
    assert IMG_NAME in row.locator("details").inner_text()
    assert IMG_NAME in page.locator("#gap-table").inner_text()  # the inventory's resource name
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0
    assert page.evaluate("window.pwned") is None
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)
    page.get_by_role("button", name=f"{SCRIPT_NAME}: kan inte genomföras här").click()
    assert SCRIPT_NAME in page.locator("#marked").inner_text()
    assert page.locator("#shortlist-table tbody tr[data-id=evil]").count() == 0
    opened.check_clean()
    assert len(opened.requests) == 1  # the file itself, nothing else


def test_saved_hostile_profile_loads_with_its_text_intact(
    hostile: tuple[Path, Path], open_page: Any, catalogue: Catalogue
) -> None:
    html, profile = hostile
    page = open_page(html).page
    page.get_by_role("button", name=f"{SCRIPT_NAME}: körs redan").click()
    with page.expect_download() as download:
        page.click("#save")
    saved = profile.with_name(download.value.suggested_filename)
    download.value.save_as(saved)
    assert saved.name == "hostile-mote.yaml"
    text = saved.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("evil" in line and SCRIPT_NAME in line for line in comments)
    loaded = load_profile(saved, catalogue.taxonomy)
    assert loaded.profile.area == SCRIPT_NAME
    assert [p.note for p in loaded.profile.priorities] == [NOTE, IMG_NAME]
    assert loaded.profile.resources == "inv.csv"


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(max_size=40), min_size=50, max_size=50))
def test_the_pages_yaml_strings_read_back_unchanged(texts: list[str], browser: Any) -> None:
    """Any text the page writes into the saved profile (notes) is read back by PyYAML exactly."""
    page = browser.new_page()
    try:
        page.set_content("<meta charset=utf-8><script id=meeting-data type=application/json>{}</script>")
        script = (Path(__file__).resolve().parent.parent / "render" / "templates" / "meeting.js").read_text(
            encoding="utf-8"
        )
        # only the writer is needed: take the function's source from the page's script
        start = script.index("  function yamlString(text)")
        end = script.index("  /* A comment line", start)
        written = page.evaluate(f"(texts) => {{ {script[start:end]} return texts.map(yamlString); }}", texts)
    finally:
        page.close()
    for original, scalar in zip(texts, written, strict=True):
        assert yaml.safe_load(f"note: {scalar}\n") == {"note": original}, (original, scalar)


def test_the_page_words_counts_as_python_does(browser: Any) -> None:
    """The script's t() picks the singular for 1 and the plural otherwise, like render.labels.text."""
    from render.labels import strings, text
    from render.meeting_page import SCRIPT_STRINGS

    page = browser.new_page()
    try:
        script = (Path(__file__).resolve().parent.parent / "render" / "templates" / "meeting.js").read_text(
            encoding="utf-8"
        )
        start = script.index("  function t(key, params)")
        end = script.index("\n  }\n", start) + 4
        params = {"first": "P", "score": "1,0", "factor": "F", "programme": "P", "reason": "R"}
        plural_forms = 0
        for lang in ("sv", "en"):
            table = {key: strings()[key][lang] for key in SCRIPT_STRINGS}
            counted = [key for key, form in table.items() if "{count}" in str(form)]
            plural_forms += sum(isinstance(table[key], dict) for key in counted)
            for count in (0, 1, 2, "1"):
                words = page.evaluate(
                    f"([STR, keys, params]) => {{ {script[start:end]} return keys.map(k => t(k, params)); }}",
                    [table, counted, {**params, "count": count}],
                )
                expected = [text(key, lang, **params, count=count) for key in counted]
                assert words == expected, (lang, count)
        assert plural_forms, "the premise: plural forms reach the page"
    finally:
        page.close()


# --- saving, the keyboard and printing ----------------------------------------------------------------
def test_saved_priorities_are_what_recommend_reads(tmp_path: Path, open_page: Any, catalogue: Catalogue) -> None:
    """Save from the page, put the file next to the profile, run recommend: the same shortlist as the page."""
    folder = tmp_path / "area"
    folder.mkdir()
    profile = Path(shutil.copy(EXAMPLES / "familj-10-15.yaml", folder))
    shutil.copy(INVENTORY, folder)
    page = open_page(write_page(tmp_path, profile, "--lang", "en")).page
    page.select_option("#top", "all")
    page.locator("#priorities tbody tr").nth(1).locator("input[type=number]").fill("4.25")
    page.locator("#priorities tbody tr").nth(3).locator("button[data-action=remove]").click()
    page.select_option("#add-factor", "low_commitment_to_school")
    page.click("#add-button")
    page.locator("#priorities tbody tr").nth(0).locator("button[data-action=down]").click()
    page.locator("input[name=domain][value=school]").check()
    page.locator("input[name=level][value=indicated]").check()
    page.locator("#shortlist-table tbody tr").first.locator("button[data-mark=not_possible]").click()
    with page.expect_download() as download:
        page.click("#save")
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "familj-10-15-meeting.yaml"
    loaded = load_profile(saved, catalogue.taxonomy).profile
    original = load_profile(profile, catalogue.taxonomy).profile
    assert [(p.factor, p.weight) for p in loaded.priorities] == [
        ("family_conflict", 4.25),
        ("poor_family_management", 3),
        ("parental_attitudes_favourable_to_drug_use", 2),
        ("low_commitment_to_school", 1),
    ]
    assert [p.note for p in loaded.priorities] == [original.priorities[1].note, original.priorities[0].note, None, None]
    assert loaded.levels == ["universal", "selective", "indicated"] and loaded.domains == ["family", "school"]
    assert (loaded.area, loaded.description, loaded.ages, loaded.resources) == (
        original.area,
        original.description,
        original.ages,
        original.resources,
    )
    text = saved.read_text(encoding="utf-8")
    assert "Cannot run here, as the meeting decided" in text
    # the mark is a comment for the record: take it back and the page ranks as recommend on the saved file
    page.locator("#marked button[data-unmark]").click()
    result = CliRunner().invoke(cli, ["recommend", str(saved), "--format", "json", "--top", "1000"])
    assert result.exit_code == 0, result.stderr
    expected = [(r["id"], r["score"]) for r in json.loads(result.stdout)["recommendations"]]
    rows = page.eval_on_selector_all(
        "#shortlist-table tbody tr, #no-effect-table tbody tr",
        "rows => rows.map(r => [r.dataset.id, Number(r.dataset.score)])",
    )
    assert [r[0] for r in rows] == [e[0] for e in expected]
    assert all(printed(score, shown) for (_, score), (_, shown) in zip(rows, expected, strict=True))


def test_every_control_is_labelled_and_reachable_by_keyboard(tmp_path: Path, open_page: Any) -> None:
    page = open_page(write_page(tmp_path, EXAMPLES / "familj-10-15.yaml")).page
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, button, summary, a[href]')].filter(el => {
             const labels = el.labels ? [...el.labels].map(l => l.textContent).join('') : '';
             const name = (el.getAttribute('aria-label') || labels || el.textContent || '').trim();
             return !name;
           }).map(el => el.outerHTML)"""
    )
    assert unlabelled == []
    controls = page.evaluate(
        "() => [...document.querySelectorAll('input, select, button, summary')].filter(el => !el.disabled).length"
    )
    seen = set()
    for _ in range(controls + 5):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.outerHTML"))
    reached = page.evaluate(
        """(seen) => [...document.querySelectorAll('input, select, button, summary')]
             .filter(el => !el.disabled).map(el => seen.includes(el.outerHTML))""",
        sorted(seen),
    )
    assert all(reached), reached.count(False)
    # a slider moved with the keyboard re-ranks; marking with Enter moves focus to the next programme's button
    ranking = (
        "() => [...document.querySelectorAll('#shortlist-table tbody tr')].map(r => r.dataset.id + r.dataset.score)"
    )
    before = page.evaluate(ranking)
    slider = page.locator("#priorities tbody tr").nth(3).locator("input[type=range]")
    slider.focus()
    page.keyboard.press("End")
    assert page.locator("#priorities tbody tr").nth(3).locator("input[type=number]").input_value() == "10"
    assert page.evaluate(ranking) != before
    button = page.locator("#shortlist-table tbody tr").first.locator("button[data-mark=running]")
    second = page.locator("#shortlist-table tbody tr").nth(1).get_attribute("data-id")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.id") == second
    assert page.locator("#status").get_attribute("role") == "status"


def test_the_printout_states_the_chosen_weights_without_controls(tmp_path: Path, open_page: Any) -> None:
    page = open_page(write_page(tmp_path, EXAMPLES / "familj-10-15.yaml", "--lang", "en")).page
    page.locator("#priorities tbody tr").nth(3).locator("input[type=number]").fill("6")
    pdf = tmp_path / "meeting.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "Prioritised factors: 1. Poor family management: weight 3 (23%)" in text
    assert "4. Family attachment: weight 6 (46%)" in text
    assert "Snapshot" in text and "Programme shortlist" in text and "Gaps, most severe first" in text
    for control in ("Save priorities", "Add a factor", "Can't run here", "Back to the profile"):
        assert control not in text
