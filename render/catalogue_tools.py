"""Output of the analysts' tools: ``catalog lint``, ``catalog stats`` and ``catalog diff``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from catalog.diff import CatalogueDiff
from catalog.lint import LintReport
from catalog.stats import FactorStats, TagStats
from inputs.problems import problem_message
from inputs.taxonomy import Taxonomy
from render.documents import to_json
from render.labels import Labels
from render.messages import format_problem
from render.provenance import SCHEMA_VERSION
from render.tables import render_csv, text_table


# --- lint ------------------------------------------------------------------------------
def render_lint(report: LintReport, L: Labels, fmt: str) -> str:
    if fmt == "json":
        return to_json(
            {
                "schema_version": SCHEMA_VERSION,
                "ok": report.ok,
                "files": report.files,
                "programmes": report.programmes,
                "problems": [
                    {
                        "file": str(p.file),
                        "line": p.line,
                        "code": p.code if p.code != "schema" else f"schema.{p.params.get('pydantic_type')}",
                        "programme": p.params.get("id"),
                        "message": problem_message(p, L.lang),
                    }
                    for p in report.problems
                ],
            }
        )
    lines = [format_problem(p, L.lang) for p in report.problems]
    if report.ok:
        lines.append(L("lint_ok", programmes=L("n_programmes", count=report.programmes), files=", ".join(report.files)))
    else:
        lines.append(L("lint_failed", count=len(report.problems), files=", ".join(report.files)))
    return "\n".join(lines) + "\n"


# --- stats -----------------------------------------------------------------------------
def stats_document(
    stats: list[FactorStats], taxonomy: Taxonomy, tags: list[TagStats], thin_below: int = 3
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "programmes": len(tags),
        "thin_below": thin_below,
        "factors": [
            {**asdict(s), "kind": taxonomy.factors_by_id[s.factor].kind, "empty_bands": s.empty_bands} for s in stats
        ],
        "uncovered": [s.factor for s in stats if s.status == "none"],
        "thin": [s.factor for s in stats if s.status == "thin"],
        "tags": [asdict(t) for t in tags],
    }


def render_stats(
    stats: list[FactorStats],
    taxonomy: Taxonomy,
    tags: list[TagStats],
    L: Labels,
    fmt: str,
    thin_below: int = 3,
    by: str = "factor",
) -> str:
    """The coverage table (``by="factor"``) or the tag table (``by="programme"``); JSON holds both."""
    if fmt == "json":
        return to_json(stats_document(stats, taxonomy, tags, thin_below))
    if by == "programme":
        return _render_tag_stats(tags, L, fmt)
    programmes = len(tags)
    bands = taxonomy.band_ids
    band_heads = [L.span(b) for b in bands]
    headers = [
        L("col_factor"),
        L("col_programmes"),
        L("col_good_or_better"),
        *[L.level(lv)[:4] + "." for lv in ("universal", "selective", "indicated")],
        *band_heads,
        L("col_status"),
    ]
    rows: list[list[Any]] = [
        [
            L.factor(s.factor),
            s.programmes,
            s.good_or_better,
            *s.by_level.values(),
            *[s.by_band[b] for b in bands],
            L(f"status_{s.status}"),
        ]
        for s in stats
    ]
    if fmt == "csv":
        return render_csv(headers, rows)
    text = text_table(headers, rows, fmt, [40]) + "\n"
    none = [L.factor(s.factor) for s in stats if s.status == "none"]
    thin = [L.factor(s.factor) for s in stats if s.status == "thin"]
    text += "\n" + L("stats_summary", programmes=programmes, factors=len(stats), thin=thin_below) + "\n"
    text += L("stats_none", factors=", ".join(none) or "-") + "\n"
    text += L("stats_thin", factors=", ".join(thin) or "-") + "\n"
    return text


def _render_tag_stats(tags: list[TagStats], L: Labels, fmt: str) -> str:
    headers = [
        "id", L("col_tags"), L("col_listed"), L("col_mapped"), L("col_lists"),
        L("col_phrases"), L("col_unmapped"), L("col_unknown"),
    ]  # fmt: skip
    rows: list[list[Any]] = [
        [t.programme, t.tags, t.listed, t.mapped, t.lists, t.phrases, t.unmapped, t.unknown] for t in tags
    ]
    if fmt == "csv":
        return render_csv(headers, rows)
    total = sum(t.tags for t in tags)
    summary = L(
        "tag_stats_summary",
        programmes=len(tags),
        tags=total,
        mean=L.num(total / len(tags)) if tags else "0",
        listed=sum(t.listed for t in tags),
        mapped=sum(t.mapped for t in tags),
        lists=sum(t.lists > 0 for t in tags),
        phrases=sum(t.phrases for t in tags),
        unmapped=sum(t.unmapped for t in tags),
    )
    return text_table(headers, rows, fmt) + "\n\n" + summary + "\n"


# --- diff ------------------------------------------------------------------------------
def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def render_diff(diff: CatalogueDiff, L: Labels, fmt: str) -> str:
    if fmt == "json":
        return to_json({"schema_version": SCHEMA_VERSION, **asdict(diff)})
    if diff.empty:
        return L("diff_none") + "\n"
    out = []
    heading = "## " if fmt == "md" else ""
    if diff.added:
        out += [heading + L("diff_added", count=len(diff.added)), *[f"+ {pid}" for pid in diff.added], ""]
    if diff.removed:
        out += [heading + L("diff_removed", count=len(diff.removed)), *[f"- {pid}" for pid in diff.removed], ""]
    if diff.changed:
        out.append(heading + L("diff_changed", count=len(diff.changed)))
        for change in diff.changed:
            out.append(f"~ {change.id}")
            for c in change.changes:
                out.append(f"    {c.field}: {_show(c.old)} -> {_show(c.new)}")
    return "\n".join(out).rstrip() + "\n"
