"""Every interface string exists in Swedish and English, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from typing import get_args

from inputs.plural import Template
from inputs.programme import CostKind, CostUnit, SwedishStatus
from recommender.ranking import EXCLUSION_REASONS
from render.labels import strings
from tests.builders import ROOT

KEY_CALL = re.compile(r"""\b(?:L|text)\(\s*["']([a-z0-9_]+)["']""")


def placeholders(form: Template) -> set[str]:
    """The fields a language's form asks for (all plural forms together)."""
    texts = [form] if isinstance(form, str) else list(form.values())
    return {f for text in texts for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in strings().items():
        assert set(entry) == {"sv", "en"}, key
        for form in entry.values():
            assert isinstance(form, str) or (set(form) == {"one", "other"} and "count" in placeholders(form)), key
        assert placeholders(entry["sv"]) == placeholders(entry["en"]), key


def test_every_literal_key_used_in_code_exists() -> None:
    files = [*ROOT.glob("render/*.py"), ROOT / "cli.py"]
    files += [path for package in ("survey", "action_plan", "areas") for path in ROOT.glob(f"{package}/*.py")]
    used = set()
    for path in files:
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    # a glob that matches nothing would make this test pass vacuously
    assert len(files) > 10 and len(used) > 100, (len(files), len(used))
    missing = used - set(strings())
    assert not missing, missing


def test_keys_built_from_vocabularies_exist() -> None:
    keys = set(strings())
    expected = {f"unit_{u}" for u in get_args(CostUnit)}
    expected |= {f"cost_kind_{k}" for k in get_args(CostKind)}
    expected |= {f"sweden_{s}" for s in get_args(SwedishStatus)}
    expected |= {f"excluded_{r}" for r in EXCLUSION_REASONS}
    expected |= {"basis_listed", "basis_mapped", "kind_risk", "kind_protective"}
    assert expected <= keys, expected - keys


def test_no_key_is_defined_in_two_strings_files() -> None:
    import yaml

    seen: dict[str, str] = {}
    clashes = []
    files = sorted((ROOT / "render").glob("strings*.yaml"))
    assert files[0].name == "strings.yaml"
    for path in files:
        for key in yaml.safe_load(path.read_text(encoding="utf-8")) or {}:
            if key in seen:
                clashes.append(f"{key}: {seen[key]} and {path.name}")
            seen[key] = path.name
    assert not clashes, clashes
