"""The mapping table from the words published factor lists use to the CTC factor ids.

Registries and developers name the factors a programme targets in their own words ("Friends'
Delinquent Behavior", "Poor Family Management"). ``catalog/factor_phrases.yaml`` maps each
wording, once for every programme, onto factor ids of ``catalog/factors.yaml``, or onto no factor
with the reason (a wording such as "Anxiety" that no CTC survey scale measures). A programme's
``listed`` tags are what its published lists say through this table; ``catalog lint`` checks
that the two agree (docs/catalogue.md, "Factor lists").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from inputs.loading import load_document
from inputs.problems import Code
from inputs.vocabulary import Identifier, NonEmptyStr, StrictModel

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalise_phrase(phrase: str) -> str:
    """How phrases are compared: case, curly quotes, runs of spaces and a closing '*', '.' or ':' ignored."""
    text = unicodedata.normalize("NFKC", phrase).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().rstrip("*.:").strip().casefold()


class PhraseEntry(StrictModel):
    """One wording and the factors it names; no factor needs the reason why."""

    phrase: NonEmptyStr = Field(description="The wording as a published list gives it.")
    factors: list[Identifier] = Field(description="Factor ids it names; empty when no CTC factor corresponds.")
    reason: str | None = Field(default=None, description="Why the mapping, and always why when there is no factor.")

    @model_validator(mode="after")
    def _unmapped_needs_reason(self) -> PhraseEntry:
        if not self.factors and not (self.reason or "").strip():
            raise PydanticCustomError(
                Code.PHRASE_WITHOUT_REASON, "'{phrase}' maps to no factor; say why", {"phrase": self.phrase}
            )
        return self


class PhraseTable(StrictModel):
    """The whole of ``catalog/factor_phrases.yaml``."""

    schema_version: Literal[1] = 1
    phrases: list[PhraseEntry]

    @model_validator(mode="after")
    def _each_wording_once(self) -> PhraseTable:
        seen: set[str] = set()
        for entry in self.phrases:
            key = normalise_phrase(entry.phrase)
            if key in seen:
                raise PydanticCustomError(Code.DUPLICATE_ITEM, "'{value}' is listed twice", {"value": entry.phrase})
            seen.add(key)
        return self

    @cached_property
    def by_phrase(self) -> dict[str, PhraseEntry]:
        """Entries keyed by :func:`normalise_phrase` of their wording."""
        return {normalise_phrase(e.phrase): e for e in self.phrases}

    def extended(self, entries: list[PhraseEntry]) -> PhraseTable:
        """This table with ``entries`` added (a catalogue layer's own wordings); later entries win."""
        merged = {**self.by_phrase, **{normalise_phrase(e.phrase): e for e in entries}}
        return PhraseTable(phrases=list(merged.values()))


def read_phrase_table(path: Path) -> PhraseTable:
    """Load and validate a mapping table (``catalog.bundled.load_phrase_table`` reads the bundled one)."""
    return load_document(path, PhraseTable)[0]
