"""Reads curated YAML files and reports every problem as `file:line: message`.

Admins fix knowledge files by hand, so an error has to point at the line, and one run
has to show all of them rather than the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.schema import Destination, LandBorder, LandBorders, PairRule, PairRules


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """Raised with every problem found, so a build can refuse to write anything."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _line_map(node: yaml.Node, path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            lines[(*path, name)] = key.start_mark.line + 1
            _line_map(value, (*path, name), lines)
            lines[(*path, name)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)


def _nearest_line(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


_KIND_NAMES = {
    "entry": "entry rule",
    "advisories": "advisory",
    "events": "event",
    "reports": "report",
    "howto": "how-to",
    "status": "status",
    "consular": "consular note",
    "rules": "pair rule",
    "borders": "land border",
}


def _describe(loc: tuple[Any, ...], err: dict[str, Any]) -> str:
    what = _KIND_NAMES.get(str(loc[0]), "destination") if loc else "destination"
    field = ".".join(str(p) for p in loc if not isinstance(p, int))
    if err["type"] == "missing":
        return f"{what} has no {loc[-1]}" if loc else "missing field"
    if err["type"] == "extra_forbidden":
        return f"{what}: unknown field {loc[-1]!r}"
    message = err["msg"].removeprefix("Value error, ")
    return f"{what}: {field}: {message}" if field else f"{what}: {message}"


def _read_yaml(path: Path, shown: str) -> tuple[Any, dict[tuple[Any, ...], int], list[Problem]]:
    """The document, its line map and any problem reading it; never raises for bad content."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [Problem(shown, 1, f"cannot read file: {exc}")]
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return None, {}, [Problem(shown, line, f"YAML syntax error: {problem}")]
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        _line_map(node, (), lines)
    return data, lines, []


def parse_file(path: Path, root: Path | None = None) -> tuple[Destination | None, list[Problem]]:
    """Parse and validate one destination file; never raises for bad content."""
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    data, lines, problems = _read_yaml(path, shown)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "a destination file must be a mapping")]
    try:
        dest = Destination.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(shown, _nearest_line(tuple(e["loc"]), lines), _describe(tuple(e["loc"]), e))
            for e in exc.errors()
        ]
        return None, problems
    expected = dest.code.lower() + ".yaml"
    if path.name != expected:
        return None, [Problem(shown, lines.get(("code",), 1), f"file for {dest.code} must be named {expected}")]
    return dest, []


def load_destinations(directory: Path, root: Path | None = None) -> list[Destination]:
    """All curated destinations, or KnowledgeError listing every problem in every file."""
    problems: list[Problem] = []
    found: list[Destination] = []
    for path in sorted(directory.glob("*.yaml")):
        dest, errs = parse_file(path, root)
        problems.extend(errs)
        if dest is not None:
            found.append(dest)
    if problems:
        raise KnowledgeError(problems)
    return found


def _load_list(path: Path, root: Path | None, model: type[PairRules] | type[LandBorders], key: str) -> list[Any]:
    """A file holding one list under `key` (none is an empty list), or KnowledgeError listing its problems."""
    if not path.exists():
        return []
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    data, lines, problems = _read_yaml(path, shown)
    if problems:
        raise KnowledgeError(problems)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise KnowledgeError([Problem(shown, 1, f"the file must be a mapping with a '{key}' list")])
    try:
        return list(getattr(model.model_validate(data), key))
    except ValidationError as exc:
        raise KnowledgeError([Problem(shown, _nearest_line(tuple(e["loc"]), lines), _describe(tuple(e["loc"]), e))
                              for e in exc.errors()]) from None


def load_pair_rules(path: Path, root: Path | None = None) -> list[PairRule]:
    """The pair rules file (knowledge/pair_rules.yaml)."""
    return _load_list(path, root, PairRules, "rules")


def load_land_borders(path: Path, root: Path | None = None) -> list[LandBorder]:
    """The closed land borders file (knowledge/land_borders.yaml)."""
    return _load_list(path, root, LandBorders, "borders")
