"""Swedish on the command line: click's messages and insatsval's help, through one gettext catalogue."""

from __future__ import annotations

import gettext
import io
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli
from render.i18n import LOCALE_DIR, help_messages, language_from
from tests.builders import EXAMPLES

PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "insatsval.po"
MO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "insatsval.mo"


def catalogue() -> Any:
    from babel.messages.pofile import read_po

    with PO.open("rb") as handle:
        return read_po(handle)


def test_the_compiled_catalogue_matches_its_source() -> None:
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, catalogue())
    assert MO.read_bytes() == compiled.getvalue(), "insatsval.mo is stale: run `make locale`"


def test_every_help_text_has_a_swedish_translation() -> None:
    messages = help_messages(cli)
    assert len(messages) > 40
    po = catalogue()
    missing = [m for m in messages if not (po.get(m) and po.get(m).string)]
    assert not missing, missing


def test_clicks_own_messages_that_users_meet_are_translated() -> None:
    po = catalogue()
    for message in (
        "Usage:",
        "Options",
        "Commands",
        "Show this message and exit.",
        "Error: {message}",
        "Try '{command} {option}' for help.",
        "No such option {name!r}.",
        "No such command {name!r}.",
        "Missing argument",
        "Invalid value for {param_hint}: {message}",
    ):
        assert po.get(message) and po.get(message).string, message


def test_help_is_swedish_by_default_and_english_on_request() -> None:
    runner = CliRunner()
    sv = runner.invoke(cli, ["recommend", "--help"], env={"INSATSVAL_LANG": None})
    en = runner.invoke(cli, ["recommend", "--help", "--lang", "en"])
    assert sv.exit_code == en.exit_code == 0
    assert "Användning: insatsval recommend [FLAGGOR] PROFIL" in sv.stdout
    assert "Flaggor:" in sv.stdout and "Rangordna program" in sv.stdout and "Usage:" not in sv.stdout
    assert "Usage: insatsval recommend [OPTIONS] PROFILE" in en.stdout and "Rank programmes" in en.stdout
    assert "ÅÅÅÅ-MM-DD" in sv.stdout and "YYYY-MM-DD" in en.stdout and "%Y" not in sv.stdout + en.stdout


def test_usage_errors_follow_the_language() -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["recommend"], env={"INSATSVAL_LANG": None})
    assert missing.exit_code == 2 and "Fel: Argument saknas 'PROFIL'" in missing.stderr
    wrong = runner.invoke(cli, ["recommend", str(EXAMPLES / "familj-10-15.yaml"), "--format", "pdf", "--lang", "en"])
    assert wrong.exit_code == 2 and "Invalid value for '--format'" in wrong.stderr
    group_lang = runner.invoke(cli, ["--lang", "en", "recommend"])
    assert "Missing argument 'PROFILE'" in group_lang.stderr


def test_a_run_leaves_gettext_as_it_found_it() -> None:
    before = gettext.textdomain()
    CliRunner().invoke(cli, ["factors", "--lang", "sv"])
    assert gettext.textdomain() == before


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["factors"], {}, ("sv", None)),
        (["factors", "--lang", "en"], {}, ("en", None)),
        (["--lang=en", "factors"], {"INSATSVAL_LANG": "sv"}, ("en", None)),
        (["factors"], {"INSATSVAL_LANG": "en"}, ("en", None)),
        (["factors"], {"INSATSVAL_LANG": "de"}, ("sv", "de")),
    ],
)
def test_language_from_arguments_then_environment(args, env, expected) -> None:
    assert language_from(args, env) == expected


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (["--lang", "en", "factors"], "Factor"),
        (["factors", "--lang", "en"], "Factor"),
        (["--lang", "en", "catalog", "lint"], "no problems"),
        (["--lang", "en", "programmes", "--age", "12"], "programmes.\n"),
    ],
)
def test_lang_before_the_command_counts_like_lang_after_it(args: list[str], english: str) -> None:
    """`insatsval --lang en CMD` is what the group's help offers; the command must follow it, sub-groups too."""
    result = CliRunner().invoke(cli, args, env={"INSATSVAL_LANG": None})
    assert result.exit_code == 0, result.output
    assert english in result.stdout
    swedish = CliRunner().invoke(cli, [a for a in args if a not in ("--lang", "en")], env={"INSATSVAL_LANG": None})
    assert english not in swedish.stdout


def test_an_unsupported_language_is_named_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import cli as cli_module

    monkeypatch.setattr(cli_module, "_warned_about_lang", False)
    runner = CliRunner()
    first = runner.invoke(cli, ["factors"], env={"INSATSVAL_LANG": "de"})
    second = runner.invoke(cli, ["factors"], env={"INSATSVAL_LANG": "de"})
    assert "INSATSVAL_LANG='de'" in first.stderr and "INSATSVAL_LANG" not in second.stderr
    assert first.exit_code == second.exit_code == 0


def test_swedish_show_prints_no_english_catalogue_text(catalogue) -> None:
    """Every catalogue text `show` prints in Swedish is the record's Swedish text, never its English one."""
    from pydantic import BaseModel

    from inputs.vocabulary import LocalText

    def english_texts(value: object) -> list[str]:
        if isinstance(value, LocalText):
            return [value.en] if value.en.strip() != value.sv.strip() else []
        if isinstance(value, BaseModel):
            return [t for name in type(value).model_fields for t in english_texts(getattr(value, name))]
        if isinstance(value, list | tuple):
            return [t for item in value for t in english_texts(item)]
        return []

    runner = CliRunner()
    leaks = []
    for programme in catalogue.programmes:
        texts = english_texts(programme)
        assert texts, programme.id
        out = " ".join(runner.invoke(cli, ["show", programme.id, "--lang", "sv"]).stdout.split())
        leaks += [(programme.id, t[:60]) for t in texts if " ".join(t.split()) in out]
    assert leaks == []
