"""'Did you mean' hints for ids people mistype."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(value: str, choices: Iterable[str], n: int = 3) -> str:
    """Closest known ids to ``value``, comma-separated, for "did you mean" hints."""
    choices = list(choices)
    close = difflib.get_close_matches(value, choices, n=n, cutoff=0.5)
    if not close:
        # Ids are long snake_case names; a shared word is a better hint than nothing.
        words = set(value.split("_")) - {"of", "to", "for", "the", "and", "in"}
        close = [c for c in choices if words & set(c.split("_"))][:n]
    return ", ".join(close)
