"""What people read from ``compare``: areas x factors with shares and standout marks.

The rows are built once here and formatted per medium: terminal text, Markdown, CSV and JSON
here; HTML (a heat table) and XLSX in :mod:`render.compare_files`. A hidden figure is ``None``
in the data and shows as "dold"/"hidden" (``null`` in JSON, empty in CSV): no format shows a
number from fewer respondents than the threshold, and none adds a total over areas.

136 areas x 38 factors do not fit a terminal, so the terminal (``--format table``) shows the
factors that stand out in each area, unless ``--factor`` chooses the columns; every other format
holds the whole table (the chosen factors, or all of them) and the terminal says how to get it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from areas.compare import Comparison
from render.documents import to_json
from render.labels import Labels
from render.provenance import SCHEMA_VERSION, tool_info
from render.survey_views import benchmark_text, header_lines
from render.tables import render_csv, text_table

#: The mark of a factor that stands out: a higher share at risk, or a lower share protected.
MARKS = {"risk": "▲", "protective": "▼"}


def _value(values: np.ndarray) -> float | None:
    value = float(values)
    return None if np.isnan(value) else value


def _points(difference: float, L: Labels) -> str:
    sign = "+" if difference > 0 else "-" if difference < 0 else "±"
    return sign + L.num(abs(difference) * 100)


def cell_text(comp: Comparison, r: int, f: int, L: Labels) -> str:
    """Area row ``r`` on factor ``f`` (an index into the city's factors): ``23 % ▲``, ``dold`` or ``-``."""
    city, a, w = comp.city, comp.rows[r], comp.w
    if not city.present[a, w, f]:
        return "-"
    share = city.prevalence[a, w, f]
    if np.isnan(share):
        return L("survey_hidden")
    mark = f" {MARKS[str(city.kinds[f])]}" if city.stands_out[a, w, f] else ""
    return L.pct(float(share)) + mark


def standout_text(comp: Comparison, r: int, L: Labels, joiner: str = "; ") -> str:
    """The factors row ``r`` stands out on, each with its share and difference in points."""
    city, a, w = comp.city, comp.rows[r], comp.w
    items = [
        L(
            "compare_standout_item",
            mark=MARKS[str(city.kinds[f])],
            factor=L.factor(city.factors[f]),
            share=L.pct(float(city.prevalence[a, w, f])),
            diff=_points(float(city.difference[a, w, f]), L),
        )
        for f in comp.standouts(r)
    ]
    return joiner.join(items) or "-"


def hidden_count(comp: Comparison, r: int) -> int:
    city, a, w = comp.city, comp.rows[r], comp.w
    return int((city.present[a, w] & city.hidden[a, w]).sum())


def compare_lines(comp: Comparison, L: Labels) -> list[str]:
    """Provenance, benchmark, threshold, the file's notes, areas without answers in the wave."""
    city = comp.city
    lines = header_lines(
        city.source.name,
        city.sha256,
        L("survey_wave", wave=comp.wave),
        benchmark_text("city", "", L),
        city.threshold,
        city.notes,
        L,
    )
    if comp.absent:
        lines.append(L("compare_absent", count=len(comp.absent), wave=comp.wave, areas=", ".join(comp.absent)))
    if comp.chosen_factors:
        lines.append(L("compare_chosen_note", shown=len(comp.columns), factors=len(city.factors)))
    return lines


def summary_table(comp: Comparison, L: Labels, joiner: str = "; ") -> tuple[list[str], list[list[Any]]]:
    """One row per area: how many factors stand out, which (share and difference), how many are hidden."""
    headers = [L("compare_col_area"), L("compare_col_standouts"), L("compare_col_standout_factors"),
               L("compare_col_hidden")]  # fmt: skip
    rows = [
        [name, len(comp.standouts(r)), standout_text(comp, r, L, joiner), hidden_count(comp, r)]
        for r, name in enumerate(comp.area_names)
    ]
    return headers, rows


def matrix_table(comp: Comparison, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """One row per area, one column per shown factor: the share and its mark."""
    headers = [L("compare_col_area"), *[L.factor(f) for f in comp.factor_ids]]
    rows = [[name, *[cell_text(comp, r, int(f), L) for f in comp.columns]] for r, name in enumerate(comp.area_names)]
    return headers, rows


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def figure_rows(comp: Comparison, L: Labels) -> tuple[list[str], list[list[Any]]]:
    """Every figure, one row per area and shown factor (CSV, and a sheet of the XLSX); numbers stay numbers."""
    city, w = comp.city, comp.w
    headers = [
        L("compare_col_area"),
        L("col_factor"),
        L("col_kind"),
        L("col_respondents"),
        L("compare_col_share_pct"),
        L("compare_col_low_pct"),
        L("compare_col_high_pct"),
        L("compare_col_benchmark_pct"),
        L("compare_col_difference_points"),
        L("compare_col_p_adjusted"),
        L("col_stands_out"),
        L("compare_col_hidden_cell"),
        L("compare_col_incomplete"),
    ]
    rows = []
    for r, name in enumerate(comp.area_names):
        a = comp.rows[r]
        for f in comp.columns:
            if not city.present[a, w, f]:
                continue
            n = _value(city.respondents[a, w, f])
            p = _value(city.p_adjusted[a, w, f])
            rows.append(
                [
                    name,
                    L.factor(city.factors[f]),
                    L(f"kind_{city.kinds[f]}"),
                    None if n is None else int(n),
                    _percent(_value(city.prevalence[a, w, f])),
                    _percent(_value(city.ci_low[a, w, f])),
                    _percent(_value(city.ci_high[a, w, f])),
                    _percent(_value(city.benchmark[a, w, f])),
                    _percent(_value(city.difference[a, w, f])),
                    None if p is None else round(p, 6),
                    L("yes_word") if city.stands_out[a, w, f] else "",
                    L("yes_word") if city.hidden[a, w, f] else "",
                    L("yes_word") if city.incomplete[a, w, f] else "",
                ]
            )
    return headers, rows


def compare_document(comp: Comparison) -> dict[str, Any]:
    """The JSON contract of ``compare`` (English keys, ``schema_version``; ``null`` where hidden)."""
    city, w = comp.city, comp.w

    def factor(a: int, f: int) -> dict[str, Any]:
        n = _value(city.respondents[a, w, f])
        return {
            "factor": city.factors[f],
            "respondents": None if n is None else int(n),
            "prevalence": _value(city.prevalence[a, w, f]),
            "ci_low": _value(city.ci_low[a, w, f]),
            "ci_high": _value(city.ci_high[a, w, f]),
            "benchmark_prevalence": _value(city.benchmark[a, w, f]),
            "difference": _value(city.difference[a, w, f]),
            "difference_ci_low": _value(city.diff_low[a, w, f]),
            "difference_ci_high": _value(city.diff_high[a, w, f]),
            "p_adjusted": _value(city.p_adjusted[a, w, f]),
            "stands_out": bool(city.stands_out[a, w, f]),
            "suppressed": bool(city.hidden[a, w, f]),
            "incomplete": bool(city.incomplete[a, w, f]),
        }

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "wave": comp.wave,
        "waves": city.waves,
        "benchmark": {"kind": "city", "name": None, "sha256": None},
        "suppression_threshold": city.threshold,
        "source": {"file": city.source.name, "sha256": city.sha256, "notes": list(city.notes)},
        "factors": [{"factor": city.factors[f], "kind": str(city.kinds[f])} for f in comp.columns],
        "areas": [
            {
                "area": name,
                "stands_out_on": [city.factors[f] for f in comp.standouts(r)],
                "factors": [
                    factor(int(comp.rows[r]), int(f)) for f in comp.columns if city.present[comp.rows[r], w, f]
                ],
            }
            for r, name in enumerate(comp.area_names)
        ],
        "absent": comp.absent,
    }


def render_compare(comp: Comparison, L: Labels, fmt: str, csv_dialect: str = "standard") -> str:
    """``compare`` as terminal text, Markdown, CSV or JSON (see the module docstring for what each holds)."""
    if fmt == "json":
        return to_json(compare_document(comp))
    if fmt == "csv":
        headers, rows = figure_rows(comp, L)
        return render_csv(headers, rows, csv_dialect)
    title = L("compare_title", wave=comp.wave)
    footer = [L("compare_marks", threshold=comp.city.threshold), L("compare_method")]
    if fmt == "md":
        headers, rows = matrix_table(comp, L)
        head = "\n".join(f"- {line}" for line in compare_lines(comp, L))
        return f"# {title}\n\n{head}\n\n{text_table(headers, rows, 'md')}\n\n" + "\n\n".join(footer) + "\n"
    if comp.chosen_factors:
        headers, rows = matrix_table(comp, L)
        table = text_table(headers, rows, fmt, [24, *[18] * len(comp.columns)])
    else:
        headers, rows = summary_table(comp, L, "\n")
        table = text_table(headers, rows, fmt, [20, 12, 70, 8])
        footer.insert(0, L("compare_full_matrix", factors=len(comp.city.factors)))
    head = "\n".join(compare_lines(comp, L))
    return f"{title}\n{head}\n\n{table}\n\n" + "\n".join(footer) + "\n"
