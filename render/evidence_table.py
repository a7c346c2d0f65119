"""The evidence mapping tables in docs/evidence.md, generated from catalog/evidence.yaml.

``make docs`` rewrites the part of docs/evidence.md between the markers; a test fails when the
file and the data disagree, so the documentation cannot drift from what the tool does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from catalog.bundled import load_evidence_scale
from inputs.evidence_scale import EvidenceScale

BEGIN = "<!-- BEGIN GENERATED: evidence mapping (make docs) -->"
END = "<!-- END GENERATED -->"


def mapping_markdown(scale: EvidenceScale) -> str:
    """Markdown tables: registry labels -> tier, published evaluations -> tier, then warning kinds."""
    lines = ["| registry | label | tier | why |", "|---|---|---|---|"]
    for registry in scale.registries:
        for mapping in registry.labels:
            lines.append(
                f"| [{registry.short.en}]({registry.url}) | {mapping.label} | {mapping.tier} | {mapping.reason} |"
            )
    designs = {word.id: word.label.en for word in scale.evaluations.designs}
    results = {word.id: word.label.en for word in scale.evaluations.results}
    lines += ["", "| evaluation design | result | tier | why |", "|---|---|---|---|"]
    for rule in scale.evaluations.tiers:
        design = f"`{rule.design}` ({designs[rule.design]})"
        result = f"`{rule.result}` ({results[rule.result]})"
        lines.append(f"| {design} | {result} | {rule.tier} | {rule.reason} |")
    lines += ["", "| warning kind | effect on the tier | why |", "|---|---|---|"]
    for kind in scale.warning_kinds:
        effect = []
        if kind.effect.lower:
            effect.append(f"down {kind.effect.lower} step" + ("s" if kind.effect.lower > 1 else ""))
        if kind.effect.cap:
            effect.append(f"no better than {kind.effect.cap}")
        lines.append(f"| `{kind.id}` ({kind.label.en}) | {', '.join(effect) or 'none (information)'} | {kind.reason} |")
    return "\n".join(lines) + "\n"


def render_into(doc_text: str, scale: EvidenceScale) -> str:
    """``doc_text`` with the generated part replaced."""
    start = doc_text.index(BEGIN) + len(BEGIN)
    end = doc_text.index(END)
    return doc_text[:start] + "\n" + mapping_markdown(scale) + doc_text[end:]


if __name__ == "__main__":  # pragma: no cover - exercised by `make docs`
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/evidence.md")
    path.write_text(render_into(path.read_text(encoding="utf-8"), load_evidence_scale()), encoding="utf-8")
    print(path)
