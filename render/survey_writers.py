"""Files the survey commands write besides reports: aggregate tables, the made-up survey, a profile.

* ``survey aggregate --out``: the aggregate format (inputs/survey_tables.py) as CSV or XLSX, with
  ``#`` note lines above the header saying how it was made, what was hidden and, for example
  data, that it is made up; the readers skip those lines and show them in every report.
* ``survey synth``: the made-up survey (responses, codebook, aggregates, population, the truth,
  the sub-areas' adjacency, geometry and planted local areas), each file marked as made up.
* ``prioritise --write-profile``: a profile YAML with a header comment and the provenance block.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from inputs.codebook import Codebook
from inputs.taxonomy import Taxonomy
from render.labels import Labels
from survey.aggregate import Aggregates
from survey.prioritise import AreaFigures, profile_document

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def aggregate_table(result: Aggregates) -> pd.DataFrame:
    """The aggregate format's columns, whole numbers with empty cells where hidden (or, for grade, the total)."""
    import pandas as pd

    frame = result.frame
    return pd.DataFrame(
        {
            "area": frame["area"],
            "wave": frame["wave"].astype("int64"),
            result.timing: frame["timing"].astype("Int64"),
            "factor": frame["factor"],
            "respondents": frame["respondents"].astype("Int64"),
            "count": frame["count"].astype("Int64"),
        }
    )


def aggregates_bytes(result: Aggregates, codebook: Codebook, L: Labels, suffix: str) -> bytes:
    """The aggregate table as CSV (with ``#`` notes) or XLSX (notes in the rows above the header)."""
    notes = [L("survey_aggregate_note", threshold=result.threshold)]
    if codebook.example:
        notes.insert(0, "PÅHITTADE EXEMPELDATA / MADE-UP EXAMPLE DATA (" + codebook.name + ")")
    import pandas as pd

    table = aggregate_table(result)
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for note in notes:
            sheet.append(["# " + note])
        sheet.append(list(table.columns))
        for row in table.itertuples(index=False):
            sheet.append([None if v is pd.NA else v.item() if hasattr(v, "item") else v for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    out = io.StringIO()
    for note in notes:
        out.write(f"# {note}\n")
    table.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue().encode("utf-8")


def profile_yaml(figures: AreaFigures, created: dt.date, L: Labels) -> str:
    """The suggested profile as YAML that ``recommend`` and ``plan`` read as it is."""
    document = profile_document(figures, created)
    document["description"] = L("survey_profile_header")
    comments = [f"# {L('survey_profile_header')}"]
    comments += [f"# {line}" for line in (L("survey_note", note=n) for n in figures.notes)]
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(comments) + "\n" + body


def _csv(header: list[str], rows: list[list[Any]], note: str) -> bytes:
    out = io.StringIO()
    out.write(f"# {note}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def synth_files(folder: Path, taxonomy: Taxonomy, seed: int, waves: int, L: Labels) -> list[tuple[Path, bytes]]:
    """Every file of the made-up survey, as (path, bytes), nothing written yet."""
    from inputs.codebook import read_codebook
    from survey.aggregate import aggregate
    from survey.responses import Responses
    from survey.synth import EXAMPLE_CODEBOOK, NOTE, adjacency, generate, geojson

    codebook_path = EXAMPLE_CODEBOOK
    codebook = read_codebook(codebook_path)
    made = generate(codebook, taxonomy, seed=seed, waves=waves)
    frame = made.responses
    columns = codebook.columns
    responses_csv = io.StringIO()
    responses_csv.write(f"# {NOTE}\n")
    frame.to_csv(responses_csv, index=False, lineterminator="\n", float_format="%.0f")
    answers = frame.drop(columns=[columns.area, columns.wave, columns.timing_column])
    responses = Responses(
        area=frame[columns.area].to_numpy(dtype=str),
        wave=frame[columns.wave].to_numpy(dtype="int64"),
        timing=frame[columns.timing_column].to_numpy(dtype="int64"),
        answers=answers,
        path=folder / "svar.csv",
        sha256="",
        rows=len(frame),
    )
    aggregates = aggregate(responses, codebook, taxonomy, threshold=10)
    truth = "# " + NOTE + "\n" + yaml.safe_dump(made.truth(), allow_unicode=True, sort_keys=False, width=100)
    groups = [[area, group] for area, group in made.groups.items()]
    return [
        (folder / "svar.csv", responses_csv.getvalue().encode("utf-8")),
        (folder / "kodbok.yaml", codebook_path.read_bytes()),
        (folder / "aggregat.csv", aggregates_bytes(aggregates, codebook, L, ".csv")),
        (folder / "befolkning.csv", _csv(["area", "population"], made.population.values.tolist(), NOTE)),
        (folder / "facit.yaml", truth.encode("utf-8")),
        (folder / "grannar.csv", _csv(["area", "neighbour"], [list(p) for p in adjacency(made.cells)], NOTE)),
        (
            folder / "delomraden.geojson",
            json.dumps(geojson(made.cells, made.groups), ensure_ascii=False).encode("utf-8"),
        ),
        (folder / "lokala_omraden.csv", _csv(["area", "group"], groups, NOTE)),
    ]
