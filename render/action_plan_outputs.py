"""What phase 4's additions write in each format: ``recommend --stability`` and the generic export step.

``recommend --stability N`` prints the usual shortlist with its stability: JSON adds
``"stability": {"top_k_share", "rank_low", "rank_high", ...}`` to each recommendation, CSV adds three
columns, terminal text and Markdown add a table at the end. XLSX and HTML exports stay as they
are without ``--stability``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from action_plan.stability import Stability
from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.problems import Code
from render import documents
from render.exports import plan_exports, write_all_or_nothing
from render.labels import Labels
from render.outputs import CsvDialect, Format, render_output
from render.portfolio_views import stability_dict, stability_section
from render.rows import shortlist_rows
from render.tables import render_csv


def export_rendered(
    paths: Sequence[Path],
    force: bool,
    render: Callable[[Any], bytes],
    suffixes: Mapping[str, str] | None = None,
    suffix_code: Code = Code.EXPORT_SUFFIX,
) -> list[Path]:
    """Check every target, render each in the format its suffix names, write all or nothing."""
    requests = plan_exports(paths, force, suffixes, suffix_code)
    rendered = [(r.path, render(r.format)) for r in requests]
    write_all_or_nothing(rendered)
    return [path for path, _ in rendered]


def recommend_with_stability(
    fmt: Format,
    brief: MeetingBrief,
    catalogue: Catalogue,
    L: Labels,
    stability: list[Stability],
    info: dict[str, Any],
    csv_dialect: CsvDialect = "standard",
) -> bytes:
    """``insatsval recommend --stability N`` in ``fmt``."""
    by_id = {s.programme: s for s in stability}
    if fmt == "json":
        doc = documents.recommend_document(brief, catalogue)
        doc["stability"] = info
        doc["recommendations"] = [
            {**rec, "stability": stability_dict(by_id.get(rec["id"]))} for rec in doc["recommendations"]
        ]
        return documents.to_json(doc).encode("utf-8")
    if fmt == "csv":
        headers, rows = shortlist_rows(brief.recommendations, catalogue, L)
        headers = [*headers, "top_k_share", "rank_low", "rank_high"]
        out = []
        for rec, row in zip(brief.recommendations.recommendations, rows, strict=True):
            s = by_id[rec.programme.id]
            out.append([*row, round(s.share, 4), s.rank_low, s.rank_high])
        return render_csv(headers, out, csv_dialect).encode("utf-8")
    base = render_output("recommend", fmt, brief, catalogue, L, csv_dialect)
    if fmt not in ("table", "md"):
        return base
    names = {r.programme.id: r.programme.display_name(L.lang) for r in brief.recommendations.recommendations}
    shown = [by_id[r.programme.id] for r in brief.recommendations.recommendations]
    heading = L("ap_section_stability")
    title = [f"## {heading}", ""] if fmt == "md" else [heading, "-" * len(heading)]
    section = stability_section(shown, names, info["draws"], info["seed"], info["k"], L, fmt)
    return base + ("\n".join(["", *title, section]) + "\n").encode("utf-8")
