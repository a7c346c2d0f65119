"""Singular or plural: the one rule both message catalogues use.

A language's form of a message is plain text, or ``{one: ..., other: ...}`` when a noun follows
``{count}`` ("1 område" / "2 områden", "1 hour" / "2 hours"). Swedish and English both use the
singular for exactly one and the plural for everything else, zero included, so two forms are
enough. It lives in the lowest layer because problem messages (``inputs/problems.yaml``) and
interface strings (``render/strings*.yaml``) both need it.
"""

from __future__ import annotations

from typing import Any

#: One language's form of a message.
Template = str | dict[str, str]


def plural_form(template: Template, count: Any) -> str:
    """The form of ``template`` for ``count``: ``one`` when it is 1 (or the text "1"), else ``other``.

    ``count`` may be a number or a number already formatted for people ("1", "12 345").
    """
    if isinstance(template, str):
        return template
    return template["one"] if str(count) == "1" else template["other"]
