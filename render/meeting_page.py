"""The meeting view: one offline HTML file in which a team moves its priorities and sees the plan change.

The page holds, as data, the score tables and gap cells of :mod:`brief.meeting_view`, the
labels in the run's language and the profile; its script (``templates/meeting.js``) does only
the final weighted sum, the exclusions that depend on the controls and the sort with the
ranking's tie-breaks, so the scoring formula stays in Python. The file needs no network: script
and style are inline and allowed by their SHA-256 hashes in a strict Content-Security-Policy,
and the data sits in a ``<script type="application/json">`` block with every ``<``, ``>`` and
``&`` escaped, so catalogue or inventory text can never become markup there; the script only
ever puts text into the page as text (``textContent``).

Jinja2 is imported only when the page is built.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from brief.meeting_view import MeetingView
from catalog.arrays import LISTED, catalogue_arrays
from catalog.catalogue import Catalogue
from inputs.evidence_scale import TIER_ORDER
from inputs.problems import Code, InputError, Problem
from inputs.profile import MAX_PRIORITIES, LoadedProfile
from inputs.vocabulary import DOMAINS, LEVELS
from recommender import __version__
from recommender.ranking import EXCLUSION_REASONS
from render.exports import plan_exports, write_all_or_nothing
from render.labels import Labels, strings
from render.rows import about_rows, in_place_lines, resource_headers, resource_rows
from render.templating import render_template

TEMPLATES = Path(__file__).with_name("templates")
#: Exclusion reasons in the order the page tests them: the ranking's, with the page's own mark
#: "can't run here" after "in place" (an "already running" mark counts as in place).
PAGE_REASONS = (*EXCLUSION_REASONS[:4], "not_possible", *EXCLUSION_REASONS[4:])
STATUS_CODES = {"gap": 0, "partial": 1, "covered": 2}
#: Choices of how many programmes to show; the page starts at the first.
TOP_CHOICES = (10, 5, 20)
#: Interface strings the script uses (the template's own are looked up when it is rendered).
SCRIPT_STRINGS = (
    "points", "exclusions", "notice_heading", "notice_low_score", "notice_factor", "notice_elsewhere",
    "notice_advice", "no_recommendations", "gap_status_gap", "gap_status_partial", "gap_status_covered",
    "col_factor", "col_age_band", "col_coverage", "col_gap_status", "col_severity", "col_resources",
    "header_levels", "why_warning", "why_sources", "why_summary", "source_word", "heatmap_title",
    *(f"excluded_{reason}" for reason in PAGE_REASONS),
    "meeting_weight_label", "meeting_weight_number_label", "meeting_weight_invalid", "meeting_button_up",
    "meeting_button_down", "meeting_button_remove", "meeting_up_label", "meeting_down_label", "meeting_remove_label",
    "meeting_risk_factors", "meeting_protective_factors", "meeting_add_full", "meeting_need_one_factor",
    "meeting_need_one_level", "meeting_need_one_domain", "meeting_added", "meeting_removed", "meeting_saved",
    "meeting_reset_done", "meeting_weight_item", "meeting_weights_line", "meeting_marks_line", "meeting_snapshot_time",
    "meeting_mark_not_possible", "meeting_mark_running", "meeting_mark_not_possible_label",
    "meeting_mark_running_label", "meeting_marked_none", "meeting_marked_not_possible", "meeting_marked_running",
    "meeting_unmark", "meeting_unmark_label", "meeting_more", "meeting_status", "meeting_status_none",
    "meeting_heatmap_corner", "meeting_yaml_saved", "meeting_yaml_source", "meeting_yaml_resources",
    "meeting_yaml_not_possible", "meeting_yaml_running", "meeting_file_suffix",
)  # fmt: skip


def resources_entry(loaded: LoadedProfile, resources_path: Path | None) -> str | None:
    """What ``resources:`` says in a saved profile: the profile's own entry, or ``--resources``
    relative to the profile's folder (the saved file belongs next to the profile)."""
    if resources_path is None:
        return loaded.profile.resources
    try:
        return os.path.relpath(resources_path.resolve(), loaded.path.resolve().parent)
    except ValueError:  # another drive on Windows: no relative path exists
        return str(resources_path.resolve())


def yaml_chunks(loaded: LoadedProfile, resources: str | None) -> list[dict[str, str]]:
    """The saved profile as pieces in the profile's own key order.

    Keys the page does not change (area, ages, resources, anything a later version adds) are
    written here, by PyYAML, as the profile has them; ``levels``, ``domains`` and
    ``priorities`` are marked for the page to write from the team's choices.
    """
    data = dict(loaded.doc.data)
    if resources is not None:
        data["resources"] = resources
    edited = ("levels", "domains", "priorities")
    chunks = []
    for key in [*data, *(k for k in edited if k not in data)]:
        if key in edited:
            chunks.append({"edit": key})
        else:
            text = yaml.safe_dump({key: data[key]}, allow_unicode=True, sort_keys=False, width=100_000)
            chunks.append({"text": text})
    return chunks


def _distinct_rows(rows: np.ndarray) -> tuple[list[list[float]], list[int]]:
    """Rows without repeats and, per original row, the index of its distinct row."""
    distinct: list[list[float]] = []
    index: list[int] = []
    for row in rows.tolist():
        if row not in distinct:
            distinct.append(row)
        index.append(distinct.index(row))
    return distinct, index


def _bits(flags: np.ndarray) -> int:
    """A bool vector as an int: bit i is flags[i]."""
    return int(sum(1 << i for i, flag in enumerate(flags) if flag))


def programme_data(view: MeetingView, catalogue: Catalogue, L: Labels) -> tuple[list[dict[str, Any]], list[float]]:
    """One entry per programme (catalogue order) and the table of distinct E times fit values."""
    tables = view.tables
    basis = catalogue_arrays(catalogue).basis
    values, codes = np.unique(tables.multiplier, return_inverse=True)
    codes = codes.reshape(tables.multiplier.shape)  # [C, D, P]
    in_place = set(view.in_place)
    out = []
    for p, programme in enumerate(catalogue.programmes):
        factors = np.flatnonzero(tables.targets[p])
        unit, unit_of = _distinct_rows(tables.unit[:, p, factors])
        out.append(
            {
                "id": programme.id,
                "name": programme.display_name(L.lang),
                "levels": L.join([L.level(x) for x in programme.levels]),
                "domains": L.join([L.domain(x) for x in programme.domains]),
                "ages": f"{programme.ages.min}-{programme.ages.max}",
                "summary": programme.summary.get(L.lang),
                "warnings": [{"text": w.text.get(L.lang), "source": w.source} for w in programme.warnings],
                "sources": list(programme.sources),
                "factors": factors.tolist(),
                "listed": [bool(basis[p, f] == LISTED) for f in factors],
                "unit": unit,
                "unitOf": unit_of,
                "mult": codes[:, :, p].ravel().tolist(),  # index c * D + d
                "tier": tables.tier[:, p].tolist(),
                "offersLevel": _bits(tables.offers_level[:, p]),
                "offersDomain": _bits(tables.offers_domain[:, p]),
                "harmful": _bits(tables.harmful[:, p]),
                "servesAges": bool(tables.serves_ages[p]),
                "strong": bool(tables.strong_anywhere[p]),
                "idRank": int(tables.id_rank[p]),
                "inPlace": programme.id in in_place,
            }
        )
    return out, values.tolist()


def gap_data(view: MeetingView, catalogue: Catalogue) -> dict[str, Any] | None:
    """Coverage, status and contributing resources per level choice, factor and band; None without an inventory."""
    if view.gap_cells is None:
        return None
    names: list[str] = []
    for cells in view.gap_cells:
        for cell in cells.values():
            names.extend(r for r in cell.resources if r not in names)
    factor_ids = catalogue.taxonomy.factor_ids
    every = view.gap_cells[-1]  # all levels wanted: coverage by level is the same in every choice
    return {
        "resources": names,
        "byLevel": [[[every[(f, b)].by_level[lv] for lv in LEVELS] for b in view.bands] for f in factor_ids],
        "cells": [
            [
                [
                    [
                        cells[(f, b)].coverage,
                        STATUS_CODES[cells[(f, b)].status],
                        [names.index(r) for r in cells[(f, b)].resources],
                    ]
                    for b in view.bands
                ]
                for f in factor_ids
            ]
            for cells in view.gap_cells
        ],
    }


def profile_data(loaded: LoadedProfile) -> dict[str, Any]:
    """The profile's own choices, the page's starting point; weights raw (before normalising)."""
    profile = loaded.profile
    n = len(profile.priorities)
    return {
        "area": profile.area,
        "ages": str(profile.ages),
        "file": loaded.path.name,
        "sha256": loaded.doc.sha256,
        "levels": list(profile.levels),
        "domains": list(profile.domains),
        "priorities": [
            {"factor": p.factor, "weight": p.weight if p.weight is not None else float(n - i), "note": p.note}
            for i, p in enumerate(profile.priorities)
        ],
    }


def page_data(view: MeetingView, catalogue: Catalogue, L: Labels, resources: str | None) -> dict[str, Any]:
    """Everything the page's script reads, as JSON-ready data."""
    taxonomy = catalogue.taxonomy
    programmes, multipliers = programme_data(view, catalogue, L)
    settings = view.brief.settings
    return {
        "lang": L.lang,
        "version": __version__,
        "strings": {key: strings()[key][L.lang] for key in SCRIPT_STRINGS},  # plural forms stay whole
        "factors": [{"id": f.id, "label": L.factor(f.id), "kind": f.kind} for f in taxonomy.factors],
        "levels": [{"id": lv, "label": L.level(lv)} for lv in LEVELS],
        "domains": [{"id": d, "label": L.domain(d)} for d in DOMAINS],
        "bands": [{"id": b, "label": L.band(b)} for b in view.bands],
        "tiers": [L.tier(t) for t in TIER_ORDER],
        "noEffectTier": view.tables.no_effect_tier,
        "preliminaryTier": view.tables.preliminary_tier,
        "reasons": list(PAGE_REASONS),
        "lowScore": settings.low_score,
        "maxPriorities": MAX_PRIORITIES,
        "topChoices": list(TOP_CHOICES),
        "multipliers": multipliers,
        "programmes": programmes,
        "gaps": gap_data(view, catalogue),
        "profile": profile_data(view.brief.loaded),
        "yaml": yaml_chunks(view.brief.loaded, resources),
    }


def script_json(data: dict[str, Any]) -> str:
    """``data`` as JSON that is safe inside a ``<script type="application/json">`` element.

    ``<`` ``>`` ``&`` and the two Unicode line separators are written as ``\\u`` escapes, so
    no text in the data can close the element or start markup; JSON.parse restores them.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Nothing may load from anywhere; only this file's own script and style run."""
    return (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(style)}; "
        "base-uri 'none'; form-action 'none'"
    )


def meeting_html(view: MeetingView, catalogue: Catalogue, L: Labels, resources: str | None = None) -> str:
    """The meeting view as one complete HTML document.

    Args:
        resources: the ``resources:`` entry to write into a saved profile (see
            :func:`resources_entry`); None keeps the profile's own.
    """
    from markupsafe import Markup

    brief = view.brief
    profile = brief.loaded.profile
    script = (TEMPLATES / "meeting.js").read_text(encoding="utf-8")
    style = (TEMPLATES / "meeting.css").read_text(encoding="utf-8")
    with_inventory = brief.inventory is not None
    context = {
        "lang": L.lang,
        "version": __version__,
        "csp": content_security_policy(script, style),
        "style": Markup(style),
        "script": Markup(script),
        "data": Markup(script_json(page_data(view, catalogue, L, resources))),
        "L": L,
        "title": L("meeting_title", area=profile.area),
        "meta": [
            L("meeting_profile_line", file=brief.loaded.path.name, ages=str(profile.ages)),
            L(
                "meeting_created_line",
                date=dt.date.today().isoformat(),
                version=__version__,
                catalogue=catalogue.version,
                count=len(catalogue.programmes),
            ),
        ],
        "levels": [(lv, L.level(lv), lv in profile.levels) for lv in LEVELS],
        "domains": [(d, L.domain(d), d in profile.domains) for d in DOMAINS],
        "top_choices": [(n, L("meeting_top_option", count=n)) for n in sorted(TOP_CHOICES)],
        "top_default": TOP_CHOICES[0],
        "with_inventory": with_inventory,
        "resources": {
            "headers": resource_headers(L),
            "rows": resource_rows(brief.gaps, L) if with_inventory else [],
            "in_place": in_place_lines(brief, L) if with_inventory else [],
        },
        "thresholds": L(
            "gap_thresholds",
            covered=L.pct(brief.settings.coverage.covered),
            partial=L.pct(brief.settings.coverage.partial),
        ),
        "provenance": about_rows(brief, catalogue, L),
    }
    return render_template("meeting.html", **context)


def export_meeting_page(
    path: Path, force: bool, view: MeetingView, catalogue: Catalogue, L: Labels, resources: str | None = None
) -> Path:
    """Check the target, build the page and write it all-or-nothing (``--force`` to replace).

    Raises:
        InputError: the name does not end in .html or .htm, or the target cannot be written.
    """
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError([Problem(file=path, code=Code.MEETING_EXPORT_SUFFIX, params={"suffix": path.suffix or "-"})])
    plan_exports([path], force)
    write_all_or_nothing([(path, meeting_html(view, catalogue, L, resources).encode("utf-8"))])
    return path
