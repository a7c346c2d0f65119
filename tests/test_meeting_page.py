"""``insatsval meeting``: one self-contained HTML file, safe with any catalogue text, written safely.

What the page does in a browser is tested in ``tests/test_meeting_browser.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from catalog.catalogue import Catalogue
from cli import cli
from inputs.profile import load_profile
from render.meeting_page import csp_hash, resources_entry, script_json, yaml_chunks
from tests.builders import EXAMPLES, programme_record, write_yaml

SCRIPT_NAME = "</script><script>window.pwned = 1</script>"
IMG_NAME = '<img src=x onerror="window.pwned = 2">'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["meeting", *args])


def build(tmp_path: Path, example: str = "familj-10-15", *extra: str) -> str:
    out = tmp_path / f"{example}.html"
    result = run(str(EXAMPLES / f"{example}.yaml"), "--export", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def inline(html: str, tag: str) -> list[str]:
    """The text of every inline ``<tag>`` without attributes (the page's own script and style)."""
    return re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)


def page_data(html: str) -> dict[str, Any]:
    block = re.search(r'<script id="meeting-data" type="application/json">(.*?)</script>', html, flags=re.S)
    assert block is not None
    data: dict[str, Any] = json.loads(block.group(1))
    return data


def test_the_page_is_one_file_under_a_megabyte_with_a_strict_policy(tmp_path: Path) -> None:
    html = build(tmp_path)
    assert len(html.encode("utf-8")) < 1_000_000
    # nothing is fetched: no src or external stylesheet, no import, no url() to load
    assert not re.search(r"\ssrc=|<link|@import|url\(", html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    csp = policy.group(1).replace("&#39;", "'")
    (script,) = inline(html, "script")
    (style,) = inline(html, "style")
    assert f"script-src {csp_hash(script)};" in csp and f"style-src {csp_hash(style)};" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # the script never turns text into markup
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)


def test_the_data_holds_the_profile_and_the_catalogue(tmp_path: Path) -> None:
    data = page_data(build(tmp_path, "familj-10-15", "--lang", "en"))
    assert data["lang"] == "en"
    profile = data["profile"]
    assert isinstance(profile, dict)
    assert [p["factor"] for p in profile["priorities"]] == [
        "poor_family_management",
        "family_conflict",
        "parental_attitudes_favourable_to_drug_use",
        "family_attachment",
    ]
    assert [p["weight"] for p in profile["priorities"]] == [3, 2, 2, 1]
    programmes = data["programmes"]
    assert isinstance(programmes, list) and len(programmes) == 115
    assert {p["id"] for p in programmes if p["inPlace"]} == {"fft", "connect", "comet"}
    assert data["gaps"] is not None


def test_default_weights_follow_the_rank(tmp_path: Path) -> None:
    profile = page_data(build(tmp_path, "skola-6-12"))["profile"]
    assert isinstance(profile, dict)
    assert [p["weight"] for p in profile["priorities"]] == [5, 4, 3, 2, 1]
    assert page_data(build(tmp_path, "alkohol-13-20", "--force"))["gaps"] is None


def test_hostile_text_cannot_leave_the_data_block(tmp_path: Path) -> None:
    layer = write_yaml(
        tmp_path / "layer.yaml",
        {
            "schema_version": 2,
            "catalogue": {"name": "local", "version": "1"},
            "programmes": [
                programme_record(
                    "evil",
                    factors=("poor_family_management",),
                    name=SCRIPT_NAME,
                    summary={"sv": IMG_NAME + " \u2028 &amp;", "en": IMG_NAME},
                )
            ],
        },
    )
    out = tmp_path / "m.html"
    result = run(str(EXAMPLES / "familj-10-15.yaml"), "--catalog", str(layer), "--export", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert SCRIPT_NAME not in html and "<img" not in html and "\u2028" not in html
    evil = next(p for p in page_data(html)["programmes"] if p["id"] == "evil")
    assert evil["name"] == SCRIPT_NAME and evil["summary"].startswith(IMG_NAME)


def test_script_json_escapes_markup_characters() -> None:
    text = script_json({"a": "</script><!-- & \u2029"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2029"}


def test_yaml_chunks_keep_the_profiles_keys_in_order(tmp_path: Path, catalogue: Catalogue) -> None:
    profile = write_yaml(
        tmp_path / "p.yaml",
        {
            "area": "Norr: 'test' # not a comment",
            "description": "två\nrader",
            "ages": {"min": 10, "max": 15},
            "priorities": [{"factor": "Konflikter i familjen", "weight": 2}],
            "resources": "inv.yaml",
        },
    )
    loaded = load_profile(profile, catalogue.taxonomy)
    chunks = yaml_chunks(loaded, None)
    assert [c.get("edit") or next(iter(yaml.safe_load(c["text"]))) for c in chunks] == [
        "area",
        "description",
        "ages",
        "priorities",
        "resources",
        "levels",
        "domains",
    ]
    fixed = "".join(c["text"] for c in chunks if "text" in c)
    assert yaml.safe_load(fixed) == {
        "area": "Norr: 'test' # not a comment",
        "description": "två\nrader",
        "ages": {"min": 10, "max": 15},
        "resources": "inv.yaml",
    }
    # --resources on the command line is written relative to the profile's folder
    (tmp_path / "sub").mkdir()
    assert resources_entry(loaded, tmp_path / "sub" / "x.csv") == str(Path("sub") / "x.csv")
    assert resources_entry(loaded, None) == "inv.yaml"


def test_a_file_that_is_not_html_is_refused(tmp_path: Path) -> None:
    result = run(str(EXAMPLES / "familj-10-15.yaml"), "--export", str(tmp_path / "m.xlsx"), "--lang", "en")
    assert result.exit_code == 1
    assert "the meeting view is one HTML file, but the suffix is '.xlsx'" in result.stderr
    assert not (tmp_path / "m.xlsx").exists()


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    out.write_text("old", encoding="utf-8")
    result = run(str(EXAMPLES / "familj-10-15.yaml"), "--export", str(out))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    result = run(str(EXAMPLES / "familj-10-15.yaml"), "--export", str(out), "--force")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Skrev" in result.stderr


def test_export_is_required() -> None:
    result = run(str(EXAMPLES / "familj-10-15.yaml"), "--lang", "en")
    assert result.exit_code == 2 and "--export" in result.stderr


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_interface_string_is_in_the_page_language(tmp_path: Path, lang: str) -> None:
    html = build(tmp_path, "familj-10-15", "--lang", lang)
    strings = page_data(html)["strings"]
    assert isinstance(strings, dict) and strings
    for value in strings.values():  # text, or singular and plural forms (inputs/plural.py)
        assert (isinstance(value, str) and value) or (set(value) == {"one", "other"} and all(value.values()))
    assert ("Spara prioriteringar" in html) == (lang == "sv") and ("Save priorities" in html) == (lang == "en")
