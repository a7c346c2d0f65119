"""Swedish on the command line: click's own messages and insatsval's help, through gettext.

click words its help pages and usage errors with :func:`gettext.gettext`; insatsval ships one
Swedish message catalogue (``render/locale/sv/LC_MESSAGES/insatsval.po``, compiled to ``.mo``)
that holds click's strings and the help of every command and option, and makes it gettext's
default domain for the length of a Swedish run. This is what reuse-tool does for click.
English runs use no catalogue, so click's and insatsval's English texts show as written.
"""

from __future__ import annotations

import gettext
import inspect
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

Lang = Literal["sv", "en"]
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "insatsval"
SUPPORTED: tuple[Lang, ...] = ("sv", "en")
DEFAULT: Lang = "sv"


def language_from(args: Sequence[str], environ: Mapping[str, str]) -> tuple[Lang, str | None]:
    """The language of a run, read before click parses anything (help and usage errors need it).

    ``--lang sv|en`` anywhere on the command line wins, then ``INSATSVAL_LANG``, then Swedish.

    Returns:
        The language and, when ``INSATSVAL_LANG`` holds a value insatsval does not support,
        that value (the caller warns once); otherwise None.
    """
    for index, arg in enumerate(args):
        value = args[index + 1] if arg == "--lang" and index + 1 < len(args) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in SUPPORTED:
            return value, None
    wanted = environ.get("INSATSVAL_LANG", "")
    if wanted in SUPPORTED:
        return wanted, None
    return DEFAULT, (wanted or None)


@contextmanager
def use_language(lang: Lang) -> Iterator[None]:
    """Make gettext (and so click) speak ``lang`` inside the block; restore everything after."""
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    if lang == "sv":
        gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
        gettext.textdomain(DOMAIN)
        os.environ["LANGUAGE"] = "sv"  # gettext picks the catalogue by this, whatever the system locale
    else:
        gettext.textdomain("messages")  # no catalogue: the English texts as written
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language


def translate(text: str) -> str:
    """``text`` in the language of the current run (English texts are their own message ids)."""
    return gettext.gettext(text) if text else text


def translate_help(text: str) -> str:
    """A command's help in the run's language, paragraph by paragraph.

    Each prose paragraph is one message (click rewraps it anyway). A ``\\b`` block (examples,
    which click prints as written) has only its heading translated; the commands stay.
    """
    out = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        if paragraph.startswith("\b\n"):
            heading, _, rest = paragraph[2:].partition("\n")
            out.append("\b\n" + translate(heading) + ("\n" + rest if rest else ""))
        else:
            out.append(translate(" ".join(paragraph.split())))
    return "\n\n".join(out)


def help_messages(command: object) -> list[str]:
    """Every message id of a command tree's help: paragraphs, option help, shown defaults, metavars."""
    import click

    found: list[str] = []

    def add(text: str | None) -> None:
        if text and text not in found:
            found.append(text)

    def walk(cmd: click.Command) -> None:
        add(cmd.options_metavar)
        if isinstance(cmd, click.Group):
            add(cmd.subcommand_metavar)
        for paragraph in inspect.cleandoc(cmd.help or "").split("\n\n"):
            if paragraph.startswith("\b\n"):
                add(paragraph[2:].partition("\n")[0])
            else:
                add(" ".join(paragraph.split()))
        for param in cmd.params:
            if isinstance(param, click.Argument):
                add(click.Argument.make_metavar(param, click.Context(cmd)))
            if isinstance(param, click.Option):
                add(param.help)
                add(param.show_default if isinstance(param.show_default, str) else None)
                add(param.metavar)
        if isinstance(cmd, click.Group):
            for sub in cmd.commands.values():
                walk(sub)

    walk(command)  # type: ignore[arg-type]
    return found
