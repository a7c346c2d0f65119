"""The problem-code catalogue: every code has a Swedish and an English message, and nothing else is used."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from catalog.bundled import load_evidence_scale, load_taxonomy
from inputs.plural import plural_form
from inputs.problems import (
    FRAGMENT_KEYS,
    PATTERN_KEYS,
    SCHEMA_TYPES,
    Code,
    InputError,
    Problem,
    problem_message,
    templates,
)
from render.messages import format_problem
from tests.builders import ROOT
from tests.test_architecture import LAYERS


def source_files() -> list[Path]:
    """Every module of every layer (tests/test_architecture.py), so a new package is checked too."""
    files = [ROOT / "cli.py", *[p for pkg in LAYERS if pkg != "cli" for p in (ROOT / pkg).glob("*.py")]]
    assert len(files) > 100, "the source tree was not found"
    return files


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_has_both_templates_with_the_same_placeholders() -> None:
    keys = [str(code) for code in Code if code != Code.SCHEMA]
    keys += [f"schema_{kind}" for kind in SCHEMA_TYPES] + [*PATTERN_KEYS, *FRAGMENT_KEYS, "schema_other"]
    for key in keys:
        entry = templates().get(key)
        assert entry is not None, f"no message for {key}"
        assert set(entry) == {"sv", "en"}, key
        forms: list[dict[str, str]] = []
        for lang in ("sv", "en"):
            form = entry[lang]
            forms.append(form if isinstance(form, dict) else {"text": form})
        assert all(text.strip() for form in forms for text in form.values()), key
        assert all(set(form) in ({"text"}, {"one", "other"}) for form in forms), key
        assert set.union(*map(placeholders, forms[0].values())) == set.union(*map(placeholders, forms[1].values())), key


def test_no_template_without_a_code() -> None:
    known = {str(code) for code in Code} | {f"schema_{kind}" for kind in SCHEMA_TYPES}
    known |= {*PATTERN_KEYS, *FRAGMENT_KEYS, "schema_other"}
    assert set(templates()) <= known, set(templates()) - known


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == name)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
        )
    ]


def _is_code_member(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):
        return _is_code_member(node.body) and _is_code_member(node.orelse)
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code"


def test_every_custom_pydantic_error_and_problem_uses_a_catalogued_code() -> None:
    seen_custom, seen_problem = 0, 0
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree, "PydanticCustomError"):
            seen_custom += 1
            assert call.args and _is_code_member(call.args[0]), f"{path.name}:{call.lineno} uses a bare string"
            assert call.args[0].attr in Code.__members__, f"{path.name}:{call.lineno}"  # type: ignore[attr-defined]
        for call in _calls(tree, "Problem"):
            code = next((kw.value for kw in call.keywords if kw.arg == "code"), None)
            if code is None or (isinstance(code, ast.Attribute) and code.attr == "code"):
                continue  # a problem re-located from another problem keeps its code
            seen_problem += 1
            if isinstance(code, ast.Name):
                continue  # passed through from a parameter typed Code (mypy checks it)
            assert _is_code_member(code), f"{path.name}:{call.lineno}: code must be a Code member"
    assert seen_custom >= 10 and seen_problem >= 25, (seen_custom, seen_problem)


@pytest.mark.parametrize("code", ["age_bands_gap", "predicts_without_source", "incomplete_vocabulary"])
def test_taxonomy_errors_read_as_swedish(code: str, tmp_path: Path) -> None:
    source = (ROOT / "catalog" / "factors.yaml").read_text(encoding="utf-8")
    if code == "incomplete_vocabulary":
        broken = source.replace("  - id: indicated", "  - id: universal", 1)  # a level twice, one missing
    elif code == "predicts_without_source":
        # drop the first predicts_source line that follows a non-empty predicts list
        marker = "    predicts_source: "
        index = source.index(marker)
        broken = source[:index] + source[source.index("\n", index) + 1 :]
    else:
        start = source.index("  - id: preschool")
        segment_end = source.index("\n", source.index("    min:", start))
        broken = source[:start] + source[start:segment_end].replace("min: 1", "min: 2") + source[segment_end:]
    path = tmp_path / "factors.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_taxonomy(path)
    messages = [format_problem(p, "sv") for p in info.value.problems]
    assert any(p.params.get("pydantic_type") == code for p in info.value.problems), messages
    sv = plural_form(templates()[code]["sv"], None).split("{")[0]
    assert any(sv in m for m in messages), messages
    assert not any("är fel:" in m for m in messages), messages  # not the English-text fallback


def test_tier_order_reads_as_swedish(tmp_path: Path) -> None:
    source = (ROOT / "catalog" / "evidence.yaml").read_text(encoding="utf-8")
    start, end = source.index("  - id: good\n"), source.index("  - id: preliminary\n")
    broken = source[:start] + source[end:]  # a tier missing
    path = tmp_path / "evidence.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_evidence_scale(path)
    (problem,) = info.value.problems
    assert problem.params["pydantic_type"] == "tier_order"
    assert problem_message(problem, "sv").startswith("evidensnivåerna ska definieras")


def test_a_template_missing_a_parameter_falls_back_instead_of_crashing() -> None:
    problem = Problem(file="x.yaml", code=Code.UNKNOWN_FACTOR, params={"value": "x"})  # no suggestions
    assert "unknown_factor" in problem_message(problem, "en") or "x" in problem_message(problem, "en")
