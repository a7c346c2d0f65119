"""Small shared types: controlled vocabularies, bilingual text and source URLs.

These are the building blocks of every input format (catalogue, taxonomy, profile,
inventory). Vocabularies that CTC fixes (domains, prevention levels) are closed here;
vocabularies that analysts may extend (factors, registries, warning kinds) live in the
data files under ``catalog/`` and are checked against those files at load time.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from inputs.names import DOMAIN_NAMES as DOMAIN_NAMES
from inputs.names import DOMAIN_SWEDISH as DOMAIN_SWEDISH
from inputs.names import DOMAINS as DOMAINS
from inputs.names import LANGS as LANGS
from inputs.names import LEVEL_NAMES as LEVEL_NAMES
from inputs.names import LEVEL_SWEDISH as LEVEL_SWEDISH
from inputs.names import LEVELS as LEVELS
from inputs.names import Domain as Domain
from inputs.names import Lang as Lang
from inputs.names import Level as Level
from inputs.names import canonical_domain as canonical_domain
from inputs.names import canonical_level as canonical_level
from inputs.problems import Code


def _level_before(value: Any) -> Any:
    return canonical_level(value) if isinstance(value, str) else value


def _domain_before(value: Any) -> Any:
    return canonical_domain(value) if isinstance(value, str) else value


#: A level as people may write it in a file: the id or the Swedish name, in any case.
LevelName = Annotated[
    Level,
    BeforeValidator(_level_before),
    WithJsonSchema(
        {"type": "string", "enum": list(LEVEL_NAMES), "description": "Level id or Swedish name; case is ignored."}
    ),
]
#: A domain as people may write it in a file: the id or the Swedish name, in any case.
DomainName = Annotated[
    Domain,
    BeforeValidator(_domain_before),
    WithJsonSchema(
        {"type": "string", "enum": list(DOMAIN_NAMES), "description": "Domain id or Swedish name; case is ignored."}
    ),
]

#: Identifiers are lower-case snake_case so they read well in YAML, JSON and URLs.
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]

#: An absolute http(s) URL. Kept as the string the author wrote (no normalisation),
#: so that lint messages and exports show exactly what is in the file.
SourceUrl = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]+)?(/\S*)?$"),
]

NonEmptyStr = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


def _is_number(annotation: Any) -> bool:
    """True for int, float and optional or annotated forms of them (not bool)."""
    if annotation in (int, float):
        return True
    if get_origin(annotation) in (Union, Annotated) or type(annotation).__name__ == "UnionType":
        return any(_is_number(arg) for arg in get_args(annotation) if arg is not type(None))
    return False


@cache
def _numeric_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold numbers (worked out once per model, not once per record)."""
    return tuple(name for name, info in model.model_fields.items() if _is_number(info.annotation))


class StrictModel(BaseModel):
    """Base for every input model: unknown keys are errors, so typos surface early.

    Two of pydantic's lax conversions are refused for every input: infinite and NaN numbers
    (``.inf`` in YAML), so no result and no JSON output can hold them, and truth values where a
    number belongs (YAML's ``true`` would count as 1).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _truth_values_are_not_numbers(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        bad = [name for name in _numeric_fields(cls) if isinstance(data.get(name), bool)]
        if not bad:
            return data
        # as the word it was written as, so the usual "must be a number" error names the field
        return {**data, **{name: str(data[name]).lower() for name in bad}}


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
