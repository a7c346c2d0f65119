"""The survey codebook: which answers make up each factor's scale, and where its cut-point lies.

A codebook turns respondent-level answers into the area profile's figures. It says, for each
factor of ``catalog/factors.yaml``, which columns (items) hold its questions, which of them are
reverse-coded, the valid answer range, how many items must be answered for a scale score, and the
cut-point: a pupil whose scale score (the mean of the answered items, after reversing) lies above
it counts as at risk on a risk factor; at or above it counts as protected on a protective factor.
Column names and answer codes are data, never code, so an analyst can write the codebook for the
survey they actually have (docs/survey.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from inputs.loading import load_document
from inputs.problems import Code, InputError, Problem
from inputs.suggest import suggest
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import Identifier, NonEmptyStr, StrictModel

#: How the respondents' school year is given: ``grade`` (6 = åk 6, 10 = gymnasiet år 1) or age.
Timing = Literal["grade", "age"]


class AnswerRange(StrictModel):
    """The valid answer codes of an item: whole numbers from ``min`` to ``max``."""

    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> AnswerRange:
        if self.max <= self.min:
            raise PydanticCustomError(
                Code.CODEBOOK_RANGE, "the answer range {min}-{max} is empty", {"min": self.min, "max": self.max}
            )
        return self


class Columns(StrictModel):
    """Where the respondent file keeps the area, the survey wave and the school year or age."""

    area: NonEmptyStr = Field(default="area", description="Column with the area (sub-area) name.")
    wave: NonEmptyStr = Field(default="wave", description="Column with the survey wave (year).")
    grade: str | None = Field(default="grade", description="Column with the school year (6 = åk 6, 10 = gy 1).")
    age: str | None = Field(default=None, description="Column with the age in years, when there is no grade.")

    @model_validator(mode="after")
    def _grade_or_age(self) -> Columns:
        if (self.grade is None) == (self.age is None):
            raise PydanticCustomError(Code.CODEBOOK_TIMING, "give exactly one of 'grade' and 'age'", {})
        return self

    @property
    def timing(self) -> Timing:
        return "grade" if self.grade is not None else "age"

    @property
    def timing_column(self) -> str:
        column = self.grade if self.grade is not None else self.age
        assert column is not None  # checked above
        return column


class Scale(StrictModel):
    """One factor's scale in the questionnaire."""

    factor: Identifier = Field(description="Factor id from catalog/factors.yaml.")
    items: list[NonEmptyStr] = Field(min_length=1, description="Columns holding the scale's questions.")
    reverse: list[NonEmptyStr] = Field(
        default_factory=list, description="Items scored the other way round (answer becomes min + max - answer)."
    )
    answers: AnswerRange | None = Field(default=None, description="Valid answer range; the codebook's by default.")
    min_answered: int = Field(default=1, ge=1, description="Items that must be answered for a scale score.")
    cut_point: float = Field(
        description="At risk when the scale score is above it (risk factors); protected when at or above it "
        "(protective factors). On the answer scale, after reversing."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        unknown = [item for item in self.reverse if item not in self.items]
        if unknown:
            raise PydanticCustomError(
                Code.CODEBOOK_REVERSE,
                "'{item}' is reverse-coded but not one of the scale's items",
                {"item": unknown[0]},
            )
        if self.min_answered > len(self.items):
            raise PydanticCustomError(
                Code.CODEBOOK_MIN_ANSWERED,
                "min_answered is {n} but the scale has {items} items",
                {"n": self.min_answered, "items": len(self.items)},
            )
        if len(set(self.items)) != len(self.items):
            dup = next(i for i in self.items if self.items.count(i) > 1)
            raise PydanticCustomError(Code.DUPLICATE_ITEM, "'{value}' is listed twice; remove one", {"value": dup})
        return self


class Codebook(StrictModel):
    """A codebook file: the respondent file's columns and one scale per factor."""

    schema_version: Literal[1] = 1
    name: NonEmptyStr = Field(description="What survey and version this codebook describes.")
    example: bool = Field(default=False, description="True for made-up example codebooks; every output then says so.")
    columns: Columns = Field(default_factory=Columns)
    answers: AnswerRange = Field(description="Valid answer range of every item unless its scale says otherwise.")
    scales: list[Scale] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_factor_once(self) -> Codebook:
        seen: set[str] = set()
        for scale in self.scales:
            if scale.factor in seen:
                raise PydanticCustomError(
                    Code.DUPLICATE_ITEM, "'{value}' is listed twice; remove one", {"value": scale.factor}
                )
            seen.add(scale.factor)
        return self

    def answer_range(self, scale: Scale) -> AnswerRange:
        return scale.answers or self.answers


def read_codebook(path: Path, taxonomy: Taxonomy | None = None) -> Codebook:
    """Load and validate a codebook; with ``taxonomy``, every scale must name one of its factors.

    Raises:
        InputError: every problem, with its line.
    """
    codebook, doc = load_document(path, Codebook)
    if taxonomy is not None:
        problems = [
            Problem(
                file=path,
                line=doc.line_of(("scales", i, "factor")),
                code=Code.UNKNOWN_FACTOR,
                params={"value": scale.factor, "suggestions": suggest(scale.factor, taxonomy.factor_ids)},
                loc=("scales", i, "factor"),
            )
            for i, scale in enumerate(codebook.scales)
            if scale.factor not in taxonomy.factor_index
        ]
        if problems:
            raise InputError(problems)
    return codebook
