"""Write the XLSX copy of the example inventory from its YAML original.

Run with ``make examples``; a test checks that both files describe the same resources, so
the two formats cannot drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

COLUMNS = [
    "name", "provider", "programme", "factors", "age_min", "age_max", "levels", "domains",
    "reach", "participants", "eligible", "fidelity", "tested", "funded_until", "notes",
]  # fmt: skip


def write_xlsx(source: Path, target: Path) -> None:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "resurser"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for resource in data["resources"]:
        ages = resource.get("ages") or {}
        row = []
        for column in COLUMNS:
            if column == "age_min":
                row.append(ages.get("min"))
            elif column == "age_max":
                row.append(ages.get("max"))
            elif column in ("factors", "levels", "domains"):
                row.append(", ".join(resource.get(column) or []) or None)
            else:
                row.append(resource.get(column))
        sheet.append(row)
    for index, name in enumerate(COLUMNS, start=1):
        values = [str(v or "") for (v,) in sheet.iter_rows(min_col=index, max_col=index, values_only=True)]
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(45, max(len(v) for v in [name, *values]) + 2))
    sheet.freeze_panes = "A2"
    book.save(target)


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "examples/familj-10-15-resurser.yaml")
    write_xlsx(src, src.with_suffix(".xlsx"))
    print(src.with_suffix(".xlsx"))
