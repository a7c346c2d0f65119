"""Read YAML files and remember where every value came from.

pydantic reports errors by location (``("programmes", 3, "ages", "min")``); people need a
line number. :func:`load_yaml` parses a file once into plain Python data plus a
:class:`LineMap` from such locations to 1-based line numbers, so any later check can
point at the right line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.constructor

from inputs.files import decode_utf8, read_bytes
from inputs.problems import Code, InputError, Problem, loc_to_path

Loc = tuple[str | int, ...]

try:  # libyaml is much faster; fall back to the pure-Python parser where it is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass
class LineMap:
    """Maps a location inside a YAML document to the line where it starts (1-based)."""

    lines: dict[Loc, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Loc, int]] = field(default_factory=list)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Line of ``loc`` or of its nearest enclosing value that has a line."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


@dataclass
class YamlDocument:
    """A parsed YAML file: its data, line map and the path it was read from."""

    path: Path
    data: Any
    lines: LineMap
    text: str
    #: SHA-256 of the file's bytes, as ``sha256sum`` prints it: identifies the input in provenance.
    sha256: str

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        return self.lines.line_of(loc)


#: Most values a document may hold once aliases are expanded. No real input comes near (the
#: bundled catalogue holds tens of thousands); an "alias bomb" of nested aliases passes it at once.
MAX_VALUES = 1_000_000


class _UnusableError(Exception):
    """The document is well-formed YAML but cannot be an input (recursive or exploding aliases)."""

    def __init__(self, code: Code, line: int):
        super().__init__(code)
        self.code, self.line = code, line


def _walk(root: yaml.Node, out: LineMap) -> None:
    """Record the line of every location, refusing recursive aliases and oversized expansions.

    Aliases (``*a``) make one node appear at several locations; each is visited, so the number
    of locations is counted against :data:`MAX_VALUES` rather than trusted.
    """
    count = 0
    on_path: set[int] = set()

    def visit(node: yaml.Node, loc: Loc) -> None:
        nonlocal count
        count += 1
        if count > MAX_VALUES:
            raise _UnusableError(Code.YAML_TOO_LARGE, node.start_mark.line + 1)
        if id(node) in on_path:
            raise _UnusableError(Code.YAML_RECURSIVE, node.start_mark.line + 1)
        out.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            on_path.add(id(node))
            seen: set[Hashable] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    out.duplicate_keys.append((loc + (key,), key_node.start_mark.line + 1))
                seen.add(key)
                visit(value_node, loc + (key,))
                # Point errors about a key at the key's line, not at the start of its value.
                out.lines[loc + (key,)] = key_node.start_mark.line + 1
            on_path.discard(id(node))
        elif isinstance(node, yaml.SequenceNode):
            on_path.add(id(node))
            for index, item in enumerate(node.value):
                visit(item, loc + (index,))
            on_path.discard(id(node))

    visit(root, ())


def _unreadable_value_line(root: yaml.Node) -> int | None:
    """The line of the first value YAML's own constructor cannot build (e.g. ``!!int 1.0``)."""
    constructor = yaml.constructor.SafeConstructor()
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except Exception:
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def parse_yaml(text: str, path: Path, sha256: str | None = None) -> YamlDocument:
    """Parse YAML ``text`` (read from ``path``) into data and a line map.

    Raises:
        InputError: the text is not valid YAML, holds a value YAML cannot build, or uses
            aliases recursively or explosively; the problem names the line.
    """
    loader = _Loader(text)
    lines = LineMap()
    node = None
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, lines)  # before building the data: a recursive alias must never be built
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            [
                Problem(
                    file=path,
                    line=(mark.line + 1) if mark else None,
                    code=Code.YAML_SYNTAX,
                    params={"detail": str(exc.problem or exc.context or exc).strip()},
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError([Problem(file=path, code=Code.YAML_SYNTAX, params={"detail": str(exc)})]) from exc
    except _UnusableError as exc:
        raise InputError([Problem(file=path, line=exc.line, code=exc.code)]) from exc
    except Exception as exc:  # PyYAML's constructors raise ValueError, TypeError, KeyError,
        # AttributeError ... (not YAMLError) for explicit tags they cannot honour (``!!timestamp x``)
        line = _unreadable_value_line(node) if node is not None else None
        raise InputError([Problem(file=path, line=line, code=Code.YAML_VALUE, params={"detail": str(exc)})]) from exc
    finally:
        loader.dispose()
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return YamlDocument(path=path, data=data, lines=lines, text=text, sha256=digest)


def load_yaml(path: Path) -> YamlDocument:
    """Read and parse the YAML file at ``path``."""
    raw = read_bytes(path)
    return parse_yaml(decode_utf8(raw, path), path, hashlib.sha256(raw).hexdigest())


def duplicate_key_problems(doc: YamlDocument, display: str | Path | None = None) -> list[Problem]:
    """A problem for every key written twice in one mapping (YAML keeps only the last)."""
    return [
        Problem(
            file=display or doc.path,
            line=line,
            code=Code.DUPLICATE_KEY if len(loc) > 1 else Code.DUPLICATE_TOP_KEY,
            loc=loc,
            params={"key": str(loc[-1]), "where": loc_to_path(loc[:-1])},
        )
        for loc, line in doc.lines.duplicate_keys
    ]
