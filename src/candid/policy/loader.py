"""Read a declaration file into a validated `Declaration`, or say everything wrong with it."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from candid.policy.schema import Declaration

PathPart = str | int
# libyaml's safe loader when PyYAML was built with it: about ten times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a declaration: where it is and what to do about it."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        return f"{where}{self.path or '(top)'}: {self.message}"


class DeclarationError(Exception):
    """The declaration cannot be used; `problems` lists every reason."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{source}: {len(problems)} problem(s)\n{listing}")


def format_path(parts: tuple[PathPart, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _line_map(text: str) -> dict[tuple[PathPart, ...], int]:
    lines: dict[tuple[PathPart, ...], int] = {}

    def walk(node: yaml.Node, path: tuple[PathPart, ...]) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                walk(value_node, child)
                lines[child] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=_SAFE_LOADER)
    if root is not None:
        walk(root, ())
    return lines


def _nearest_line(
    lines: dict[tuple[PathPart, ...], int], path: tuple[PathPart, ...]
) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    # A field missing from the top level has no line: give where the mapping starts.
    return lines.get(())


_PLAIN_MESSAGES = {
    "missing": "is missing",
    "extra_forbidden": "is not a field of the declaration here",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
}


def _plain_message(error: dict[str, Any], allowed: list[str]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        close = difflib.get_close_matches(field, allowed, n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        return f"'{field}' is not a field here{hint}"
    if kind in _PLAIN_MESSAGES:
        return _PLAIN_MESSAGES[kind]
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}, not {error.get('input')!r}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def _allowed_fields(loc: tuple[PathPart, ...]) -> list[str]:
    model: Any = Declaration
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:  # pragma: no cover - pydantic reports only declared fields
            return []
        model = _model_of(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_of(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if hasattr(candidate, "model_fields"):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if hasattr(inner, "model_fields"):
                return inner
    return None


def _schema_problems(
    error: ValidationError, lines: dict[tuple[PathPart, ...], int]
) -> Iterator[Problem]:
    for item in error.errors():
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        yield Problem(
            path=format_path(loc),
            message=_plain_message(dict(item), _allowed_fields(loc)),
            line=_nearest_line(lines, loc),
        )


def parse_declaration(text: str, source: str = "<declaration>") -> Declaration:
    """Return the declaration that `text` holds, or raise `DeclarationError` with all problems."""
    from candid.policy.validate import semantic_problems

    try:
        raw = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
        lines = _line_map(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DeclarationError(
            source, [Problem("", f"not valid YAML: {error}", line)]
        ) from None
    if not isinstance(raw, dict):
        raise DeclarationError(
            source, [Problem("", "the declaration must be a YAML mapping")]
        )
    try:
        declaration = Declaration.model_validate(raw)
    except ValidationError as error:
        raise DeclarationError(source, list(_schema_problems(error, lines))) from None
    problems = [
        Problem(format_path(path), message, _nearest_line(lines, path))
        for path, message in semantic_problems(declaration)
    ]
    if problems:
        raise DeclarationError(source, problems)
    return declaration


def load_declaration(path: str | Path) -> Declaration:
    """Return the declaration in the YAML file at `path`, validated."""
    file_path = Path(path)
    return parse_declaration(
        file_path.read_text(encoding="utf-8"), source=str(file_path)
    )


def text_digest(text: str) -> str:
    """Return the SHA-256 of a text as shown to people (LAW-03 stores it with consent)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
