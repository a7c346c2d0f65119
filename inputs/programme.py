"""The programme catalogue format: one :class:`Programme` per tested prevention programme.

This module is the single definition of ``catalog/programmes.yaml``; the JSON Schema in
``schemas/catalogue.schema.json`` is generated from it. Structural rules live here;
rules that need other data (that a factor id exists in the taxonomy, that a rating label
is known for its registry) are checked by :mod:`catalog.checks`.

Conventions every record follows:

* Every fact carries the URL of a public source next to it (``source``), and the record
  lists its main sources in ``sources``.
* Nothing is guessed: a value that no source gives is left out (``null``).
* ``ages`` are the ages of the children or young people the programme is meant to help,
  also for parenting programmes (where the participants are the parents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from inputs.factor_phrases import PhraseEntry
from inputs.problems import Code
from inputs.vocabulary import (
    AgeRange,
    Domain,
    Identifier,
    Level,
    LocalText,
    NonEmptyStr,
    SourceUrl,
    StrictModel,
)

#: How a factor tag was established.
#: ``listed``: a published factor list (``factor_lists``) names the factor, through the mapping
#: table ``catalog/factor_phrases.yaml``; ``catalog lint`` checks the two agree.
#: ``mapped``: we mapped the programme's stated content onto the CTC factor (the note says why).
TagBasis = Literal["listed", "mapped"]

#: Who published a factor list.
ListPublisher = Literal["blueprints", "episcenter", "athena", "ctc_guide", "crimesolutions", "developer", "other"]

#: The design of a published evaluation, and what it found (docs/evidence.md maps them to tiers).
EvaluationDesign = Literal["rct", "cluster_rct", "quasi_experiment", "systematic_review", "uncontrolled"]
EvaluationResult = Literal["effect", "no_effect", "insufficient", "harmful"]

Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. SE.")]

#: Where a programme stands in Sweden, as far as public sources show.
SwedishStatus = Literal["available", "trialled", "not_found", "unknown"]

DeliveryFormat = Literal[
    "classroom",
    "whole_school",
    "group",
    "individual",
    "family",
    "home_visits",
    "mentoring",
    "community",
    "policy",
    "online",
]

CostUnit = Literal[
    "per_participant",
    "per_child",
    "per_family",
    "per_group",
    "per_school",
    "per_team",
    "per_team_per_year",
    "per_municipality_per_year",
    "per_organisation",
]

CostKind = Literal["net_programme_cost", "programme_cost", "licence", "training", "materials"]

Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. SEK, USD.")]


def _no_duplicates(values: Sequence[object], what: str) -> None:
    seen: set[object] = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError(
                Code.DUPLICATE_ITEM,
                "{what} '{value}' is listed twice; remove one",
                {"what": what, "value": str(value)},
            )
        seen.add(value)


class FactorTag(StrictModel):
    """One CTC risk or protective factor that the programme targets."""

    factor: Identifier = Field(description="A factor id from catalog/factors.yaml.")
    basis: TagBasis = Field(description="listed: a registry or developer names it; mapped: mapped by us from content.")
    source: SourceUrl = Field(
        description="For listed tags the URL of the factor list; else where the content is described."
    )
    note: LocalText | None = Field(default=None, description="Why this tag, when it is not obvious.")


class FactorList(StrictModel):
    """A published list of the factors a programme targets, copied word for word."""

    publisher: ListPublisher
    source: SourceUrl
    phrases: list[NonEmptyStr] = Field(
        min_length=1,
        description="The factors as the source words them, one per entry; catalog/factor_phrases.yaml maps them.",
    )
    note: LocalText | None = Field(default=None, description="E.g. that the copy seen was cut off.")


class OutcomeTag(StrictModel):
    """A problem behaviour on which an evaluation found an effect."""

    behaviour: Identifier = Field(description="A problem-behaviour id from catalog/factors.yaml.")
    source: SourceUrl


class Rating(StrictModel):
    """A registry's rating, with the registry's own label kept verbatim."""

    registry: Identifier = Field(description="A registry id from catalog/evidence.yaml.")
    label: NonEmptyStr = Field(description="The registry's own label, as catalog/evidence.yaml spells it.")
    source: SourceUrl
    year: int | None = Field(default=None, ge=1990, le=2100, description="Year of the review.")
    note: LocalText | None = None


class Evaluation(StrictModel):
    """A published evaluation, cited like a registry rating: the design decides its tier (docs/evidence.md).

    Swedish and Nordic studies are always recorded; a study elsewhere when it is the programme's
    best evidence and no registry rates it.
    """

    design: EvaluationDesign
    countries: list[Country] = Field(min_length=1, description="Where the study was run.")
    result: EvaluationResult
    outcome: LocalText = Field(description="What was measured and found, in one sentence.")
    citation: NonEmptyStr = Field(description="Authors, year, title, journal (as the publication gives them).")
    year: int = Field(ge=1950, le=2100)
    source: SourceUrl


class ProgrammeWarning(StrictModel):
    """Something a team must know before choosing the programme (e.g. a null result in Sweden).

    ``kind`` decides how the warning changes the evidence tier (see docs/evidence.md).
    """

    kind: Identifier = Field(description="A warning kind from catalog/evidence.yaml.")
    text: LocalText
    source: SourceUrl
    levels: list[Level] | None = Field(
        default=None,
        description="Only when the finding concerns some prevention levels (e.g. universal use); default all.",
    )


class Delivery(StrictModel):
    """How the programme is delivered. Unknown numbers stay null."""

    formats: list[DeliveryFormat] = Field(default_factory=list)
    sessions: int | None = Field(default=None, ge=1, description="Number of sessions or lessons.")
    hours: float | None = Field(default=None, gt=0, description="Total contact hours.")
    weeks: float | None = Field(default=None, gt=0, description="Duration in weeks.")
    summary: LocalText | None = None
    source: SourceUrl | None = None


class Cost(StrictModel):
    """A cost figure exactly as a source gives it (no conversion, no inflation adjustment)."""

    amount: float = Field(ge=0)
    currency: Currency
    year: int = Field(ge=1990, le=2100, description="Price year of the amount.")
    unit: CostUnit
    kind: CostKind
    source: SourceUrl
    note: LocalText | None = None


class BenefitCost(StrictModel):
    """A benefit-cost estimate (typically WSIPP), per participant, present value."""

    ratio: float = Field(description="Benefits per unit of cost; negative means net loss.")
    benefits: float | None = Field(default=None, description="Total benefits per participant.")
    currency: Currency
    year: int = Field(ge=1990, le=2100, description="Price year.")
    chance_benefits_exceed_costs: float | None = Field(default=None, ge=0, le=1)
    source: SourceUrl
    note: LocalText | None = None


class SwedishAvailability(StrictModel):
    """Whether teams in Sweden can get the programme (licence, trainers, Swedish material)."""

    status: SwedishStatus
    note: LocalText | None = None
    source: SourceUrl | None = None


class ProgrammeAges(AgeRange):
    """The ages a programme serves, with where that comes from."""

    note: LocalText | None = Field(default=None, description="E.g. 'parents of children aged 9-14'.")
    source: SourceUrl


class Programme(StrictModel):
    """A tested prevention programme in the catalogue."""

    id: Identifier
    name: NonEmptyStr
    name_sv: str | None = Field(default=None, description="Name used in Sweden, when different.")
    aliases: list[NonEmptyStr] = Field(default_factory=list)
    developer: str | LocalText | None = Field(
        default=None,
        description="Who developed it: names only as plain text, or sv/en text when it says more than names.",
    )
    summary: LocalText = Field(description="What the programme does, in our own words.")
    domains: list[Domain] = Field(min_length=1)
    levels: list[Level] = Field(min_length=1)
    ages: ProgrammeAges
    factors: list[FactorTag] = Field(min_length=1)
    factor_lists: list[FactorList] = Field(
        default_factory=list, description="The published factor lists the listed tags come from."
    )
    outcomes: list[OutcomeTag] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    evaluations: list[Evaluation] = Field(default_factory=list)
    warnings: list[ProgrammeWarning] = Field(default_factory=list)
    delivery: Delivery | None = None
    costs: list[Cost] = Field(default_factory=list)
    benefit_cost: list[BenefitCost] = Field(default_factory=list)
    availability_sweden: SwedishAvailability
    sources: list[SourceUrl] = Field(min_length=1)
    checked: dt.date | None = Field(default=None, description="When the facts were last checked.")

    @field_validator("domains", "levels", "aliases", "sources")
    @classmethod
    def _unique(cls, values: list[str]) -> list[str]:
        _no_duplicates(values, "item")
        return values

    @field_validator("factors")
    @classmethod
    def _unique_factors(cls, tags: list[FactorTag]) -> list[FactorTag]:
        _no_duplicates([tag.factor for tag in tags], "factor")
        return tags

    def display_name(self, lang: str) -> str:
        """The name to show: the Swedish name in Swedish output when there is one."""
        return self.name_sv if (lang == "sv" and self.name_sv) else self.name


class CatalogueInfo(StrictModel):
    """Identifies a catalogue file."""

    name: NonEmptyStr
    version: NonEmptyStr
    description: str | None = None


class CatalogueFile(StrictModel):
    """The top level of a catalogue file such as ``catalog/programmes.yaml``."""

    schema_version: Literal[2] = 2
    catalogue: CatalogueInfo
    programmes: list[Programme]
    factor_phrases: list[PhraseEntry] = Field(
        default_factory=list,
        description="Wordings of this file's factor lists that catalog/factor_phrases.yaml does not map yet.",
    )


class CatalogueLayerFile(StrictModel):
    """The top level of any catalogue layer (``--catalog FILE``); records are checked after merging.

    A layer may add programmes (complete records) or change fields of programmes defined by an
    earlier layer (``id`` plus the fields it changes), so records are validated as
    :class:`Programme` only once the layers are merged. ``schemas/catalogue-layer.schema.json``
    publishes exactly this: every field of :class:`Programme`, with only ``id`` required.
    """

    schema_version: Literal[2] = 2
    catalogue: CatalogueInfo
    programmes: list[dict[str, Any]] = Field(default_factory=list)
    factor_phrases: list[PhraseEntry] = Field(default_factory=list)
