"""Hostile and broken files: never a traceback, never a hang, never NaN in JSON, exit 1 with a message.

One regression test per class of failure a fuzzing run found (duplicate keys, aliases, YAML
tags, paths, CSV and XLSX oddities, non-finite numbers, truth values as numbers, duplicate keys
in settings), then a hypothesis-driven fuzz test over every input kind with a fixed budget.
An internal error (a bug, not bad input) exits with 3, so the two can never be confused.
"""

from __future__ import annotations

import json
import math
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import cli
from tests.builders import EXAMPLES, programme_record, write_yaml

PROFILE = (EXAMPLES / "familj-10-15.yaml").read_text(encoding="utf-8")
GOOD_PROFILE = "area: X\nages: {min: 10, max: 15}\npriorities:\n  - factor: family_conflict\n    weight: 2\n"


class HangError(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging: an input that makes the tool spin is a defect too."""

    def stop(signum: int, frame: Any) -> None:
        raise HangError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def no_nan(value: str) -> float:
    raise AssertionError(f"JSON holds {value}, which is not JSON")


def run(*args: str, seconds: float = 20) -> Result:
    with time_limit(seconds):
        result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, HangError), f"hang: {args}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"traceback for {args}: {result.exception!r}"
    )
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    if result.exit_code == 1:  # a message: on stderr, or the report of `catalog lint` on stdout
        assert result.stderr.strip() or (args[0] == "catalog" and result.stdout.strip()), "exit 1 needs a message"
        assert "Traceback" not in result.stderr
    if result.exit_code == 0 and "json" in args:
        json.loads(result.stdout, parse_constant=no_nan)
    return result


def profile(tmp_path: Path, text: str, name: str = "p.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ----- one regression per class --------------------------------------------------------------
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_duplicate_keys_are_reported_not_crashed_on(tmp_path: Path, lang: str) -> None:
    text = "area: X\narea: Y\nages: {min: 10, max: 15, min: 11}\npriorities: [{factor: family_conflict}]\n"
    result = run("recommend", profile(tmp_path, text), "--lang", lang)
    assert result.exit_code == 1 and "'area'" in result.stderr and "'min'" in result.stderr
    assert "(i -)" not in result.stderr and "(in -)" not in result.stderr


def test_recursive_aliases_and_alias_bombs_end_quickly(tmp_path: Path) -> None:
    recursive = run("recommend", profile(tmp_path, "area: &a [*a]\n" + GOOD_PROFILE.split("\n", 1)[1]), seconds=5)
    assert recursive.exit_code == 1 and "alias" in recursive.stderr.lower()
    lines = ["a: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = run("recommend", profile(tmp_path, "\n".join(lines) + "\n", "bomb.yaml"), seconds=10)
    assert bomb.exit_code == 1


@pytest.mark.parametrize("value", ["!!int 1.0", "!!bool maybe", "!!timestamp x", "!!float abc"])
def test_explicit_yaml_tags_that_cannot_be_built(tmp_path: Path, value: str) -> None:
    text = f"area: X\nages: {{min: {value}, max: 15}}\npriorities: [{{factor: family_conflict}}]\n"
    result = run("recommend", profile(tmp_path, text), "--lang", "en")
    assert result.exit_code == 1 and "line 2" in result.stderr


@pytest.mark.parametrize(
    "path",
    ["x\0y.yaml", "README.md/x.yaml", "a" * 300 + ".yaml", "/proc/self/nonexistent/p.yaml"],
    ids=["nul", "through-a-file", "too-long", "missing-folder"],
)
def test_impossible_input_paths(path: str) -> None:
    result = run("recommend", path)
    assert result.exit_code in (1, 2)


@pytest.mark.parametrize(
    "target",
    ["/proc/p.html", "README.md/x.html", "x\0y.html", "a" * 300 + ".html", "/no/such/folder/x.csv"],
    ids=["read-only", "through-a-file", "nul", "too-long", "missing-folder"],
)
def test_impossible_export_targets_write_nothing(target: str, tmp_path: Path) -> None:
    before = sorted(Path("/proc").iterdir()) if target.startswith("/proc") else None
    result = run("plan", str(EXAMPLES / "familj-10-15.yaml"), "--export", target, "--export", str(tmp_path / "ok.md"))
    assert result.exit_code == (2 if "\0" in target else 1)  # an impossible path is a usage error
    assert not (tmp_path / "ok.md").exists()  # nothing half-done: the good target was not written either
    assert before is None or len(before) > 0


def test_a_csv_cell_over_the_csv_modules_limit(tmp_path: Path) -> None:
    inventory = tmp_path / "inv.csv"
    inventory.write_text('name,factors,age_min,age_max,reach\n"' + "x" * 200_000 + '",family_conflict,10,12,0.5\n')
    text = GOOD_PROFILE + "resources: inv.csv\n"
    result = run("gaps", profile(tmp_path, text))
    assert result.exit_code == 1


@pytest.mark.parametrize("weight", [".inf", ".nan", "-.inf", "1e308", "true", "0"])
def test_priority_weights_must_be_finite_positive_numbers(tmp_path: Path, weight: str) -> None:
    text = f"area: X\nages: {{min: 10, max: 15}}\npriorities:\n  - factor: family_conflict\n    weight: {weight}\n"
    result = run("recommend", profile(tmp_path, text), "--format", "json")
    assert result.exit_code == 1 and "weight" in result.stderr


def test_two_huge_weights_do_not_overflow_to_zero(tmp_path: Path) -> None:
    text = (
        "area: X\nages: {min: 10, max: 15}\npriorities:\n"
        "  - {factor: family_conflict, weight: 1e300}\n  - {factor: poor_family_management, weight: 1e300}\n"
    )
    result = run("recommend", profile(tmp_path, text), "--format", "json")
    assert result.exit_code == 1  # refused (at most 1000), never a 0 % weight


@pytest.mark.parametrize("text", ["evidence: {good: .nan}\n", "fit_bonus: .inf\n", "low_score: true\n"])
def test_settings_refuse_non_finite_numbers_and_truth_values(tmp_path: Path, text: str) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text(text, encoding="utf-8")
    result = run("recommend", str(EXAMPLES / "familj-10-15.yaml"), "--weights", str(weights), "--format", "json")
    assert result.exit_code == 1


def test_duplicate_keys_in_a_settings_file_are_refused(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("fit_bonus: 0.1\nfit_bonus: 0.3\n", encoding="utf-8")
    result = run("recommend", str(EXAMPLES / "familj-10-15.yaml"), "--weights", str(weights))
    assert result.exit_code == 1 and "fit_bonus" in result.stderr


@pytest.mark.parametrize(("field", "value"), [("costs", ".inf"), ("benefit_cost", ".nan")])
def test_catalogue_lint_refuses_non_finite_numbers(tmp_path: Path, field: str, value: str) -> None:
    record = programme_record("alpha")
    if field == "costs":
        record["costs"] = [{"amount": 1, "currency": "USD", "year": 2020, "unit": "per_child", "kind": "licence",
                            "source": "https://example.org/c"}]  # fmt: skip
    else:
        record["benefit_cost"] = [{"ratio": 1, "currency": "USD", "year": 2020, "source": "https://example.org/c"}]
    layer = write_yaml(
        tmp_path / "layer.yaml",
        {"schema_version": 2, "catalogue": {"name": "x", "version": "1"}, "programmes": [record]},
    )
    key = "amount" if field == "costs" else "ratio"
    text = layer.read_text(encoding="utf-8").replace(f"{key}: 1\n", f"{key}: {value}\n")
    layer.write_text(text, encoding="utf-8")
    result = run("catalog", "lint", str(layer), "--lang", "en")
    assert result.exit_code == 1 and "finite" in result.stdout


@pytest.mark.parametrize(("field", "value"), [("reach", "true"), ("participants", "true")])
def test_truth_values_are_not_numbers_in_an_inventory(tmp_path: Path, field: str, value: str) -> None:
    inventory = tmp_path / "inv.yaml"
    extra = "eligible: 10" if field == "participants" else ""
    inventory.write_text(
        f"resources:\n  - name: A\n    factors: [family_conflict]\n    ages: {{min: 10, max: 12}}\n"
        f"    {field}: {value}\n    {extra}\n",
        encoding="utf-8",
    )
    result = run("gaps", profile(tmp_path, GOOD_PROFILE + "resources: inv.yaml\n"), "--lang", "en")
    assert result.exit_code == 1 and field in result.stderr


def test_an_xlsx_given_as_a_profile_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "profil.yaml"
    path.write_bytes((EXAMPLES / "familj-10-15-resurser.xlsx").read_bytes())
    result = run("recommend", str(path))
    assert result.exit_code == 1 and "Excel" in result.stderr and "UTF-8" not in result.stderr


def test_internal_errors_exit_3_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import render.outputs

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(render.outputs, "render_output", broken)
    result = CliRunner().invoke(cli, ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--lang", "en"])
    assert result.exit_code == 3 and "Internal error" in result.stderr and "Traceback" not in result.stderr


# ----- the fuzz test ------------------------------------------------------------------------
SCALARS = [
    ".inf", ".nan", "-1", "0", "1e308", "true", "null", "~", "''", "[]", "{}", "!!int 1.0", "!!bool maybe",
    "&a [*a]", "*nope", "'x\\0y'", "é" * 300, "13-17", "- a", ":", "{a: [b, {c: d}]}", "'=HYPERLINK(1)'",
]  # fmt: skip


def mutate_lines(text: str, data: st.DataObject) -> str:
    """Replace values, drop or repeat lines, or flip characters: broken files as people make them."""
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1), label="line")
        action = data.draw(st.sampled_from(["value", "drop", "repeat", "char", "indent"]), label="action")
        if action == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {data.draw(st.sampled_from(SCALARS), label='scalar')}"
        elif action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "char" and lines[i]:
            j = data.draw(st.integers(0, len(lines[i]) - 1), label="col")
            char = data.draw(st.sampled_from(list("{}[]:,&*!|>'\"\t#%@`") + ["\x00", "\u00e4"]), label="char")
            lines[i] = lines[i][:j] + char + lines[i][j + 1 :]
        elif action == "indent":
            lines[i] = " " + lines[i]
    return "\n".join(lines) + "\n"


KINDS = {
    "profile": (EXAMPLES / "familj-10-15.yaml", "p.yaml"),
    "inventory-yaml": (EXAMPLES / "familj-10-15-resurser.yaml", "inv.yaml"),
    "inventory-csv": (None, "inv.csv"),
    "settings": (None, "w.yaml"),
    "catalogue": (None, "layer.yaml"),
}
CSV = (
    "namn;utförare;program;faktorer;lägsta ålder;högsta ålder;nivåer;räckvidd\n"
    "A;B;;family_conflict;10;12;universell;0,3\n"
)
SETTINGS = "targeting: {listed: 1.0, mapped: 0.5}\nevidence: {insufficient: 0.3}\nfit_bonus: 0.1\nlow_score: 15\n"


def seed_text(kind: str, tmp: Path) -> str:
    source, _ = KINDS[kind]
    if source is not None:
        return source.read_text(encoding="utf-8")
    if kind == "inventory-csv":
        return CSV
    if kind == "settings":
        return SETTINGS
    layer = {"schema_version": 2, "catalogue": {"name": "x", "version": "1"}, "programmes": [programme_record("alpha")]}
    return write_yaml(tmp / "seed.yaml", layer).read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(KINDS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_inputs_never_crash_hang_or_print_nan(kind: str, data: st.DataObject, tmp_path: Path) -> None:
    text = mutate_lines(seed_text(kind, tmp_path), data)
    target = tmp_path / KINDS[kind][1]
    target.write_bytes(text.encode("utf-8", "surrogatepass"))
    profile_path = tmp_path / "base.yaml"
    profile_path.write_text(GOOD_PROFILE, encoding="utf-8")
    if kind == "profile":
        args = ["plan", str(target), "--format", "json"]
    elif kind.startswith("inventory"):
        args = ["plan", str(profile_path), "--resources", str(target), "--format", "json"]
    elif kind == "settings":
        args = ["recommend", str(profile_path), "--settings", str(target), "--format", "json"]
    else:
        args = ["recommend", str(profile_path), "--catalog", str(target), "--format", "json"]
    run(*args, seconds=20)


def test_fuzzing_reaches_both_outcomes(tmp_path: Path) -> None:
    """The mutations are neither all harmless nor all fatal: the fuzz test exercises both paths."""
    ok = run("plan", str(EXAMPLES / "familj-10-15.yaml"), "--format", "json")
    bad = run("plan", profile(tmp_path, PROFILE.replace("ages:", "ages: 13-17\nx:")), "--format", "json")
    assert ok.exit_code == 0 and bad.exit_code == 1
    assert not math.isnan(json.loads(ok.stdout)["recommendations"][0]["score"])
