"""The README's promises: two set-up commands, and CI runs the README's test command."""

from __future__ import annotations

import re

from cli import cli
from tests.builders import ROOT


def first_code_block(text: str) -> list[str]:
    match = re.search(r"```[a-z]*\n(.*?)```", text, flags=re.S)
    assert match, "README has no code block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_quick_start_is_exactly_two_commands() -> None:
    commands = first_code_block((ROOT / "README.md").read_text(encoding="utf-8"))
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "INSATSVAL_REQUIRE_CLIENTS=1" in ci  # real-client tests must run in CI, not skip


def test_makefile_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo:", "test:", "schemas:"):
        assert target in makefile


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import click

    for name, command in cli.commands.items():
        assert f"insatsval {name}" in readme, name
        if isinstance(command, click.Group):
            for sub in command.commands:
                assert f"insatsval {name} {sub}" in readme, f"{name} {sub}"


def test_docs_links_resolve() -> None:
    for doc in [ROOT / "README.md", *ROOT.glob("docs/*.md")]:
        for target in re.findall(r"\]\(([^)#]+\.md)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"


def test_evidence_tables_match_the_data() -> None:
    from catalog.bundled import load_evidence_scale
    from render.evidence_table import render_into

    path = ROOT / "docs" / "evidence.md"
    text = path.read_text(encoding="utf-8")
    assert text == render_into(text, load_evidence_scale()), "docs/evidence.md is stale: run `make docs`"


def test_readme_excerpt_is_the_real_output(monkeypatch) -> None:
    from render.readme_excerpt import excerpt, plan_output, render_into

    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    generated = excerpt(plan_output())
    assert generated.count("\n") > 20 and "3. Luckor" in generated and "4. Förslag" in generated
    assert text == render_into(text, generated), "README.md's excerpt is stale: run `make docs`"
