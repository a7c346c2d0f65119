"""The excerpt of ``insatsval plan`` in the README, generated from the real output.

``make docs`` rewrites the block between the markers in README.md with the output of
``insatsval plan examples/familj-10-15.yaml --top 5 --as-of 2026-11-27``, cut to its header,
the start of the gap table and the start of the shortlist; a test fails when the README and
the output disagree, so the README never shows output the tool no longer prints.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

BEGIN = "<!-- BEGIN GENERATED: plan excerpt (make docs) -->"
END = "<!-- END GENERATED -->"
EXAMPLE = "examples/familj-10-15.yaml"
AS_OF = dt.date(2026, 11, 27)
LINES_PER_SECTION = 12


def plan_output() -> str:
    """What ``insatsval plan EXAMPLE --top 5 --as-of AS_OF`` prints when run from the repository root.

    (Outputs name input files as given, so the example path stays relative.)
    """
    from brief import build_brief
    from catalog.catalogue import load_catalogue
    from inputs.profile import load_profile
    from render.labels import Labels
    from render.outputs import render_output

    catalogue = load_catalogue()
    brief = build_brief(catalogue, load_profile(Path(EXAMPLE), catalogue.taxonomy), as_of=AS_OF, top=5)
    return render_output("plan", "table", brief, catalogue, Labels("sv", catalogue.taxonomy, catalogue.scale)).decode()


def excerpt(output: str) -> str:
    """The header, then the first lines of sections 3 (gaps) and 4 (shortlist), with '...' between."""
    lines = output.splitlines()
    header = lines[: lines.index("")]
    out = [*header]
    for number in ("3.", "4."):
        start = next(i for i, line in enumerate(lines) if line.startswith(number + " "))
        out += ["...", *lines[start : start + LINES_PER_SECTION]]
    return "\n".join([*out, "..."])


def render_into(readme: str, text: str) -> str:
    """``readme`` with the generated block replaced by ``text`` in a code fence."""
    start = readme.index(BEGIN) + len(BEGIN)
    end = readme.index(END)
    return readme[:start] + "\n```\n" + text + "\n```\n" + readme[end:]


if __name__ == "__main__":  # pragma: no cover - exercised by `make docs`
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(render_into(path.read_text(encoding="utf-8"), excerpt(plan_output())), encoding="utf-8")
    print(path)
