"""Small shared types: controlled vocabularies, bilingual text and source URLs.

These are the building blocks of every input format (catalogue, taxonomy, profile,
inventory). Vocabularies that CTC fixes (domains, prevention levels) are closed here;
vocabularies that analysts may extend (factors, registries, warning kinds) live in the
data files under ``catalog/`` and are checked against those files at load time.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from inputs.problems import Code

#: The four CTC domains. ``individual_peer`` is CTC's "individual/peer" domain.
Domain = Literal["community", "family", "school", "individual_peer"]
DOMAINS: tuple[Domain, ...] = ("community", "family", "school", "individual_peer")

#: Prevention levels (Institute of Medicine classification used by CTC).
Level = Literal["universal", "selective", "indicated"]
LEVELS: tuple[Level, ...] = ("universal", "selective", "indicated")

#: Interface languages.
Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")

#: Identifiers are lower-case snake_case so they read well in YAML, JSON and URLs.
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]

#: An absolute http(s) URL. Kept as the string the author wrote (no normalisation),
#: so that lint messages and exports show exactly what is in the file.
SourceUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/\S*)?$"),
]

NonEmptyStr = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class StrictModel(BaseModel):
    """Base for every input model: unknown keys are errors, so typos surface early."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(StrictModel):
    """A text in Swedish and English. Both are required: output is always bilingual."""

    sv: NonEmptyStr
    en: NonEmptyStr

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``."""
        return self.sv if lang == "sv" else self.en


class AgeRange(StrictModel):
    """An inclusive range of ages in whole years. Age 0 stands for pregnancy and infancy."""

    min: int = Field(ge=0, le=99, description="Youngest age in years (0 = pregnancy/infancy).")
    max: int = Field(ge=0, le=99, description="Oldest age in years, inclusive.")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> AgeRange:
        if self.min > self.max:
            raise PydanticCustomError(
                Code.AGE_ORDER,
                "the youngest age ({min}) is above the oldest ({max}); swap them",
                {"min": self.min, "max": self.max},
            )
        return self

    def overlaps(self, other: AgeRange) -> bool:
        """True when the two ranges share at least one year."""
        return self.min <= other.max and other.min <= self.max

    def __str__(self) -> str:
        return f"{self.min}-{self.max}"
