"""Language-specific data, one folder per language code, as in spaCy's own layout.

Each folder holds reviewed YAML files (trigger words, number words, reporting verbs, date words...)
that the stages read through :func:`load`; the stages themselves hold no language-specific words.
Every file is validated on load against its schema (:mod:`sitrep.lang.schemas`): an unknown or
misspelt key, or a value of the wrong kind, is a :class:`DataFileError` that names the file and line.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from sitrep.lang.schemas import LANGUAGE_FILES, Strict

Schema = TypeVar("Schema", bound=BaseModel)


class DataFileError(ValueError):
    """A data file that does not have the shape its schema asks for; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def supported_languages() -> tuple[str, ...]:
    root = resources.files("sitrep.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


def language_file(lang: str, name: str) -> Traversable:
    if lang not in supported_languages():
        raise ValueError(f"unsupported language {lang!r}; supported: {', '.join(supported_languages())}")
    if name not in LANGUAGE_FILES:
        raise ValueError(f"no language file {name!r}; known: {', '.join(sorted(LANGUAGE_FILES))}")
    return resources.files("sitrep.lang").joinpath(lang, f"{name}.yaml")


@cache
def load(lang: str, name: str) -> Strict:
    """The validated content of lang/<lang>/<name>.yaml (a model of :data:`schemas.LANGUAGE_FILES`)."""
    path = language_file(lang, name)
    return read_validated(path.read_text("utf-8"), LANGUAGE_FILES[name], f"lang/{lang}/{name}.yaml")


def read_validated(text: str, schema: type[Schema], where: str) -> Schema:
    """``text`` (YAML) validated against ``schema``; a :class:`DataFileError` with ``where`` and the
    line of each problem otherwise."""
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataFileError([f"{where}{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    duplicates = [f"{where}:{line}: key {key!r} given twice (YAML keeps only the last)"
                  for key, line in _duplicate_keys(node)]
    try:
        validated = schema.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise DataFileError(duplicates + [f"{where}:{_line_of(node, error['loc'])}: {_describe(error)}"
                                          for error in exc.errors()]) from None
    if duplicates:
        raise DataFileError(duplicates)
    return validated


def _duplicate_keys(node: yaml.Node | None) -> list[tuple[str, int]]:
    """Keys a mapping of the document gives twice, with the line of the second."""
    found: list[tuple[str, int]] = []
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if key.value in seen:
                    found.append((key.value, key.start_mark.line + 1))
                seen.add(key.value)
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return sorted(found, key=lambda item: item[1])


def _describe(error: dict) -> str:
    path = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key {path!r}"
    return f"{path}: {error['msg']}"


def _line_of(node: yaml.Node | None, loc: tuple) -> int:
    """The line of the YAML node at ``loc`` (keys of mappings, indices of sequences), or of the
    deepest node on the way that exists."""
    line = (node.start_mark.line + 1) if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def check_all() -> list[str]:
    """Every problem of every language file and of the taxonomy, one line each (empty: none)."""
    from sitrep.taxonomy import check as check_taxonomy

    problems: list[str] = []
    for lang in supported_languages():
        for name in sorted(LANGUAGE_FILES):
            path = language_file(lang, name)
            if not path.is_file():
                problems.append(f"lang/{lang}/{name}.yaml: missing")
                continue
            try:
                read_validated(path.read_text("utf-8"), LANGUAGE_FILES[name], f"lang/{lang}/{name}.yaml")
            except DataFileError as exc:
                problems.extend(exc.problems)
    return problems + check_taxonomy()
