"""The one Jinja2 set-up every HTML export renders through.

Autoescaping is on for every template, so text from the catalogue, an inventory or a survey file
can never become markup; undefined names are errors, not empty strings. Jinja2 is imported only
when a page is rendered.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - types only
    from jinja2 import Environment


@cache
def environment() -> Environment:
    """The templates in ``render/templates``, autoescaped, strict about undefined names."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render ``render/templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
