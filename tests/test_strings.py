"""Every interface string exists in Swedish and English, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from typing import get_args

from recommender.programme import CostKind, CostUnit, SwedishStatus
from recommender.ranking import EXCLUSION_REASONS
from reports.labels import strings
from tests.builders import ROOT

KEY_CALL = re.compile(r"""\b(?:L|text)\(\s*["']([a-z0-9_]+)["']""")


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, entry in strings().items():
        assert set(entry) == {"sv", "en"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("sv", "en")]
        assert fields[0] == fields[1], key


def test_every_literal_key_used_in_code_exists() -> None:
    used = set()
    for path in [*ROOT.glob("reports/*.py"), ROOT / "cli.py", *ROOT.glob("gap_analysis/*.py")]:
        used |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
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


def test_problem_codes_have_messages() -> None:
    codes = set()
    for path in [*ROOT.glob("recommender/*.py"), *ROOT.glob("gap_analysis/*.py"), ROOT / "cli.py"]:
        codes |= set(re.findall(r"""code=["']([a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    codes.discard("schema")
    assert codes <= set(strings()), codes - set(strings())
