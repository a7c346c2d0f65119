"""The figures behind the estimate of a national run (docs/performance.md, "Beyond one machine").

    .venv/bin/python -m benchmarks.national

A national run is, for each of about 6,000 areas and each survey wave: the brief (gap analysis
and gap-weighted ranking) and the stability draws of ``recommend --stability`` (issue 12). The
areas are independent, so the run costs the sum of per-area work. Measured here, in this
process, the best of a few runs on the family example (with its inventory):

* ``brief_ms``: :func:`brief.build_brief` for one area;
* ``stability_ms``: :func:`action_plan.stability.ranking_stability` with 1,000 draws for it;
* ``render_ms``: the plan as Markdown and as JSON (what a batch writes for each area, roughly);
* the same with a catalogue of 1,000 programmes (the bundled ones repeated under new ids).

``--json`` prints the figures for ``python -m benchmarks``, which turns them into the estimate.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.batch_scoring import large_catalogue
from brief import build_brief
from catalog.catalogue import Catalogue, load_catalogue
from inputs.profile import load_profile
from inputs.settings import Settings
from render.labels import Labels
from render.outputs import render_output

ROOT = Path(__file__).resolve().parent.parent
DRAWS = 1000


def best_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def per_area(catalogue: Catalogue, repeat: int) -> dict[str, float]:
    """Milliseconds for one area's brief and its 1,000 stability draws, and how many programmes were ranked."""
    from action_plan.stability import ranking_stability

    loaded = load_profile(ROOT / "examples" / "familj-10-15.yaml", catalogue.taxonomy)
    settings = Settings()
    brief = build_brief(catalogue, loaded, settings, top=None)
    ranked = brief.recommendations.recommendations
    eligible, no_effect = [r.programme.id for r in ranked], [r.group == "no_effect" for r in ranked]

    def stability() -> object:
        uncovered = brief.gaps.uncovered
        return ranking_stability(catalogue, loaded.profile, settings, eligible, no_effect, 10, DRAWS, 1, uncovered)

    def render() -> object:
        labels = Labels("sv", catalogue.taxonomy, catalogue.scale)
        return [render_output("plan", fmt, brief, catalogue, labels) for fmt in ("md", "json")]

    return {
        "programmes": len(catalogue.programmes),
        "eligible": len(eligible),
        "brief_ms": best_ms(lambda: build_brief(catalogue, loaded, settings, top=None), repeat),
        "stability_ms": best_ms(stability, repeat),
        "render_ms": best_ms(render, repeat),
    }


def measure(repeat: int = 3) -> dict[str, Any]:
    return {
        "draws": DRAWS,
        "bundled": per_area(load_catalogue(), repeat),
        "large": per_area(large_catalogue(1000), repeat),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    figures = measure(args.repeat)
    if args.json:
        print(json.dumps(figures))
        return
    for name in ("bundled", "large"):
        f = figures[name]
        print(
            f"{f['programmes']} programmes ({f['eligible']} ranked for the example): brief {f['brief_ms']:.1f} ms,"
            f" {DRAWS} stability draws {f['stability_ms']:.1f} ms, plan as Markdown and JSON {f['render_ms']:.1f} ms,"
            " per area"
        )


if __name__ == "__main__":
    main()
