"""The layers show in the folders, and dependencies run one way: down, with no cycles and no SQL outside storage."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bot"
# Lower layers never import higher ones; the top layer holds the entry points.
LAYERS = {
    "bot.config": 0, "bot.logsetup": 0, "bot.i18n": 0,
    "bot.knowledge": 1,
    "bot.storage": 2,
    "bot.understanding": 3,
    "bot.feeds": 3,
    "bot.answering": 4,
    "bot.tg": 5, "bot.chat": 5, "bot.cli": 5, "bot.bench": 5, "bot.devtools": 5, "bot.__main__": 5,
}
SQL_RE = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE TABLE)\b[^\n]*\b(FROM|INTO|SET|TABLE|\w+_\w+|=)")


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every `bot...` / `tests...` module this file imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] in ("bot", "tests")}


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    return {mod: {imp for imp in _imports(path) if imp in files and imp != mod} for mod, path in files.items()}


def _layer(module: str) -> int:
    best = max((prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")), key=len)
    return LAYERS[best]


def test_every_module_has_a_layer() -> None:
    for module in _graph():
        if module != "bot":
            _layer(module)  # raises ValueError (max of nothing) for a module outside every layer


def test_dependencies_run_down_only() -> None:
    wrong = [
        f"{mod} (layer {_layer(mod)}) imports {imp} (layer {_layer(imp)})"
        for mod, imports in _graph().items() if mod != "bot"
        for imp in imports if imp != "bot" and _layer(imp) > _layer(mod)
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not cycles, cycles


def test_product_never_imports_tests() -> None:
    offenders = {mod: sorted(i for i in _imports(p) if i.startswith("tests"))
                 for p in PACKAGE.rglob("*.py") if (mod := _module(p))}
    assert not {m: i for m, i in offenders.items() if i}


def test_sql_lives_in_the_storage_layer() -> None:
    outside = []
    for path in PACKAGE.rglob("*.py"):
        module = _module(path)
        if module.startswith(("bot.storage", "bot.devtools")):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL_RE.search(line) or ".execute(" in line:
                outside.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not outside, "\n".join(outside)


def test_the_sql_detector_detects_sql() -> None:
    assert SQL_RE.search('conn.execute("SELECT id FROM pending_reports WHERE state = 1")')
    assert SQL_RE.search('"UPDATE pending_reports SET state = ?"')
    assert not SQL_RE.search("Select a destination from the list")


def test_each_list_is_written_once() -> None:
    """The verdict words appear in one table; other modules read it instead of listing them again."""
    from bot.knowledge.vocabulary import VERDICTS

    def listed(path: Path) -> int:
        text = path.read_text(encoding="utf-8")
        return sum(f'"{verdict}"' in text for verdict in VERDICTS)

    found = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if listed(p) >= 5]
    # reference.py maps the Passport Index's own words onto ours: a translation table, not a second list.
    assert found == ["bot/knowledge/reference.py", "bot/knowledge/vocabulary.py"], found
