"""The one path every YAML input takes: read, reject empty files and duplicate keys, validate.

Taxonomy, evidence scale, settings, area profile and YAML inventory all load through
:func:`load_document`, so they report the same problems in the same way: the file, the line
and what to do, every problem at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from inputs.problems import Code, InputError, Problem, problems_from_validation
from inputs.yaml_source import YamlDocument, duplicate_key_problems, load_yaml

M = TypeVar("M", bound=BaseModel)


def read_document(path: Path, *, empty_ok: bool = False) -> YamlDocument:
    """Parse ``path``; an empty file (unless ``empty_ok``) or a duplicate key is an error.

    Raises:
        InputError: the file cannot be read, is not YAML, is empty or repeats a key.
    """
    doc = load_yaml(path)
    if doc.data is None and not empty_ok:
        raise InputError([Problem(file=path, code=Code.EMPTY_FILE)])
    if doc.lines.duplicate_keys:
        raise InputError(duplicate_key_problems(doc))
    return doc


def validate(model: type[M], doc: YamlDocument) -> M:
    """``doc``'s data as ``model``, or :class:`InputError` with every problem located by line."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, doc.path, doc.line_of)) from exc


def load_document(path: Path, model: type[M]) -> tuple[M, YamlDocument]:
    """Read and validate a YAML input; return the model and the document (for lines and hashes)."""
    doc = read_document(path)
    return validate(model, doc), doc
