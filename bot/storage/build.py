"""Builds the SQLite knowledge base from the knowledge files, all or nothing.

The new database is written beside the old one, so a failed build leaves the database that is
being served untouched. Its knowledge tables then replace the live file's in one transaction;
user state (passports, subscriptions, audit trail, ...) stays where it is.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.i18n import LANGUAGES
from bot.knowledge import consistency
from bot.knowledge.consistency import Finding
from bot.knowledge.loader import KnowledgeError, Problem, load_destinations, load_land_borders, load_pair_rules
from bot.knowledge.reference import (
    PASSPORT_INDEX_DATE,
    PASSPORT_INDEX_URL,
    Country,
    display_names,
    load_alias_file,
    load_au_advisories,
    load_countries,
    load_passport_index,
    load_uk_advisories,
    load_us_advisories,
    name_index,
)
from bot.knowledge.schema import Destination, LandBorder, PairRule
from bot.storage import database as store
from bot.storage import rows


@dataclass
class BuildReport:
    path: Path
    destinations: int
    curated: int
    names: int
    entry_rules: int
    seconds: float


def _reference_rows(
    countries: dict[str, Country], ref_dir: Path
) -> Iterable[tuple[str, list[dict[str, Any]]]]:
    aliases = load_alias_file(ref_dir)
    yield (
        "names",  # what answers in other languages call each country
        [
            {"code": c.code, "name": name, "lang": lang, "kind": "display"}
            for c in countries.values()
            for lang, name in display_names(c, LANGUAGES[1:]).items()
        ],
    )
    yield (
        "names",
        [
            {"code": c.code, "name": name, "lang": lang, "kind": kind}
            for c in countries.values()
            for name, lang, kind in c.names
            if name.strip()
        ],
    )
    yield (
        "names",
        [
            {"code": code, "name": alias, "lang": "und", "kind": "alias"}
            for code, names in aliases.aliases.items()
            for alias in names
        ],
    )
    yield (
        "names",
        [
            {"code": code, "name": name, "lang": "und", "kind": "ambiguous"}
            for name, codes in aliases.ambiguous.items()
            for code in codes
        ]
        + [{"code": code, "name": name, "lang": "und", "kind": "weak"} for name, code in aliases.weak.items()],
    )
    yield (
        "demonyms",
        [{"code": c.code, "demonym": form, "lang": lang} for c in countries.values() for form, lang in c.demonyms]
        + [
            {"code": code, "demonym": form, "lang": "und"} for code, forms in aliases.demonyms.items() for form in forms
        ],
    )
    yield (
        "entry_rules",
        [
            {
                "code": r.destination,
                "passport": r.passport,
                "verdict": r.verdict,
                "summary": r.summary,
                "details": None,
                "exception": None,
                "valid_until": None,
                "days": r.days,
                "source": PASSPORT_INDEX_URL,
                "checked": PASSPORT_INDEX_DATE,
                "unverified": 0,
                "origin": "baseline",
            }
            for r in load_passport_index(ref_dir)
            if r.destination in countries
        ],
    )
    index = name_index(countries)
    advisories = (load_us_advisories(ref_dir, index) + load_uk_advisories(ref_dir, index)
                  + load_au_advisories(ref_dir))
    yield (
        "advisories",
        [
            {
                "code": a.code,
                "issuer": a.issuer,
                "level": a.level,
                "label": a.label,
                "as_of": a.as_of,
                "source": a.source,
                "checked": a.checked,
                "unverified": 0,
                "origin": "baseline",
                "scope": None,
            }
            for a in advisories
            if a.code in countries
        ],
    )


def common_words() -> set[str]:
    """Ordinary English words, which typo correction must leave alone ("child" is not Chile)."""
    from english_words import get_english_words_set

    return get_english_words_set(["web2"], lower=True, alpha=True)


PAIR_RULES = "pair_rules.yaml"
LAND_BORDERS = "land_borders.yaml"


@dataclass(frozen=True)
class Knowledge:
    """What a build writes: the curated files and the reference data, validated together."""

    destinations: list[Destination]
    countries: dict[str, Country]
    pairs: list[PairRule]
    borders: list[LandBorder]


def validate(knowledge_dir: Path) -> Knowledge:
    """Everything a build needs, or KnowledgeError naming every problem."""
    ref_dir = knowledge_dir / "reference"
    destinations = load_destinations(knowledge_dir / "destinations", knowledge_dir.parent)
    pairs = load_pair_rules(knowledge_dir / PAIR_RULES, knowledge_dir.parent)
    borders = load_land_borders(knowledge_dir / LAND_BORDERS, knowledge_dir.parent)
    countries = load_countries(ref_dir)
    problems: list[Problem] = []
    seen: set[str] = set()
    for dest in destinations:
        if dest.code in seen:
            problems.append(Problem(f"knowledge/destinations/{dest.code.lower()}.yaml", 1, "duplicate code"))
        seen.add(dest.code)
        parent = dest.parent
        if parent and parent not in countries:
            problems.append(Problem(f"knowledge/destinations/{dest.code.lower()}.yaml", 1, f"unknown parent {parent}"))
        if dest.rules_of and dest.rules_of not in countries:
            problems.append(Problem(f"knowledge/destinations/{dest.code.lower()}.yaml", 1,
                                    f"unknown rules_of {dest.rules_of}"))
        for rule in dest.entry:
            for code in rule.passports:
                if code != "*" and code not in countries:
                    problems.append(
                        Problem(f"knowledge/destinations/{dest.code.lower()}.yaml", 1, f"unknown passport {code}")
                    )
    problems += _pair_problems(pairs, seen, countries)
    problems += [Problem(f"knowledge/{LAND_BORDERS}", 1, f"border {i}: unknown country {code}")
                 for i, b in enumerate(borders, 1) for code in b.between if code != "*" and code not in countries]
    aliases = load_alias_file(ref_dir)
    known = set(countries) | seen
    for section, codes in (("aliases", aliases.aliases), ("demonyms", aliases.demonyms),
                           ("weak", {c: [n] for n, c in aliases.weak.items()}),
                           ("ambiguous", {c: [n] for n, cs in aliases.ambiguous.items() for c in cs})):
        for code in codes:
            if not isinstance(code, str) or code not in known:
                problems.append(Problem("knowledge/reference/aliases.yaml", 1,
                                        f"{section}: {code!r} is not a destination code (quote NO, ON, YES...)"))
    if problems:
        raise KnowledgeError(problems)
    errors = [f for f in consistency_findings(destinations, countries, ref_dir) if f.severity == "error"]
    if errors:
        raise KnowledgeError([Problem(f"knowledge/destinations/{f.code.lower()}.yaml", 1, f.message) for f in errors])
    return Knowledge(destinations, countries, pairs, borders)


def _pair_problems(pairs: list[PairRule], curated: set[str], countries: dict[str, Country]) -> list[Problem]:
    """A pair rule is for a destination without a file of its own (a file keeps all its rules together)."""
    shown = f"knowledge/{PAIR_RULES}"
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for i, rule in enumerate(pairs, 1):
        if rule.destination in curated:
            problems.append(Problem(shown, 1, f"rule {i}: {rule.destination} has a destination file; put the rule "
                                              f"in knowledge/destinations/{rule.destination.lower()}.yaml"))
        elif rule.destination not in countries:
            problems.append(Problem(shown, 1, f"rule {i}: unknown destination {rule.destination}"))
        for code in rule.passports:
            if code not in countries:
                problems.append(Problem(shown, 1, f"rule {i}: unknown passport {code}"))
            if (rule.destination, code) in seen:
                problems.append(Problem(shown, 1, f"rule {i}: {rule.destination} has two rules for passport {code}"))
            seen.add((rule.destination, code))
    return problems


def consistency_findings(destinations: list[Destination], countries: dict[str, Country],
                         ref_dir: Path) -> list[Finding]:
    """The consistency rules of bot/knowledge/consistency.py, run against the dataset baselines."""
    index = name_index(countries)
    advisories = load_us_advisories(ref_dir, index) + load_uk_advisories(ref_dir, index) + load_au_advisories(ref_dir)
    curated = {d.code for d in destinations}
    rules = {(r.destination, r.passport): r.verdict for r in load_passport_index(ref_dir) if r.destination in curated}
    return consistency.check(destinations, countries, advisories, rules)


def write_database(path: Path, destinations: list[Destination], countries: dict[str, Country], ref_dir: Path,
                   pairs: Iterable[PairRule] = (), borders: Iterable[LandBorder] = ()) -> None:
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    db.conn.execute("PRAGMA synchronous = OFF")  # a scratch file until the atomic swap
    rows.create_tables(db)
    curated = {d.code: d for d in destinations}
    dest_rows = [
        {
            "code": c.code,
            "name": curated[c.code].name if c.code in curated else c.name,
            "kind": curated[c.code].kind if c.code in curated else "country",
            "parent": curated[c.code].parent if c.code in curated else None,  # Svalbard (SJ) is Norway's
            "rules_of": curated[c.code].rules_of if c.code in curated else None,
            "curated": int(c.code in curated),
            "flag": c.flag,
            "region": c.region,
        }
        for c in countries.values()
    ] + [
        {
            "code": d.code,
            "name": d.name,
            "kind": d.kind,
            "parent": d.parent,
            "rules_of": d.rules_of,
            "curated": 1,
            "flag": countries[d.parent].flag if d.parent in countries else "",
            "region": countries[d.parent].region if d.parent in countries else "",
        }
        for d in destinations
        if d.code not in countries
    ]
    with db.conn:
        db["destinations"].insert_all(dest_rows)
        for table, table_rows in _reference_rows(countries, ref_dir):
            db[table].insert_all(table_rows, batch_size=5000)
        for dest in destinations:
            for table, table_rows in rows.destination_rows(dest).items():
                if table_rows:
                    db[table].insert_all(table_rows)
        pair_rows = [row for rule in pairs for row in rows.entry_rows(rule.destination, rule)]
        if pair_rows:
            db["entry_rules"].insert_all(pair_rows)
        pair_words = [row for rule in pairs for row in rows.pair_translation_rows(rule)]
        if pair_words:
            db["translations"].insert_all(pair_words)
        border_rows = [rows.land_border_row(b) for b in borders]
        if border_rows:
            db["land_borders"].insert_all(border_rows)
        db.conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.conn.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(common_words()) if len(w) >= 5))
        rows.create_indexes(db)
        built = store.now_iso()
        db["meta"].insert_all(
            [
                {"key": "kb_built_at", "value": built},
                {"key": "baseline_date", "value": PASSPORT_INDEX_DATE},
                {"key": "kb_format", "value": rows.KB_FORMAT},
            ]
        )
    store.ensure_schema(db.conn)
    db.conn.close()


def _objects(conn: sqlite3.Connection, schema: str) -> list[tuple[str, str, str, str]]:
    """(type, name, table, sql) of a schema's own objects, in creation order."""
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(
        f"SELECT type, name, tbl_name, sql FROM {schema}.sqlite_master "
        "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]


def _is_virtual(sql: str) -> bool:
    return sql.lstrip().upper().startswith("CREATE VIRTUAL")


def _replace_knowledge(new_path: Path, live_path: Path) -> None:
    """Swap the knowledge tables of the live file for the new file's, in one write transaction.

    A rename under a live WAL database can corrupt it: the bot's connection to the old file keeps writing
    into the -wal file that then sits beside the new one ("database disk image is malformed"). In place,
    the bot's writes wait for the swap's write lock and readers see the old facts or the new ones; user
    state (every table the migrations create) is never copied, so nothing written meanwhile is lost."""
    state = store.state_tables()
    conn = sqlite3.connect(live_path, timeout=60, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 60000")
        store.ensure_schema(conn)
        conn.execute("ATTACH DATABASE ? AS new", (str(new_path),))
        conn.execute("BEGIN IMMEDIATE")
        try:
            for kind, name, _table, sql in _objects(conn, "main"):  # an FTS table first: its shadow tables go with it
                if kind == "table" and _is_virtual(sql):
                    conn.execute(f'DROP TABLE main."{name}"')
            for kind, name, _table, _sql in _objects(conn, "main"):  # indexes and triggers go with their tables
                if kind == "table" and name not in state:
                    conn.execute(f'DROP TABLE main."{name}"')
            objects = _objects(conn, "new")
            virtual = [(name, sql) for kind, name, _table, sql in objects if kind == "table" and _is_virtual(sql)]
            for kind, name, _table, sql in objects:
                shadow = any(name.startswith(v + "_") for v, _ in virtual)
                if kind == "table" and name not in state and not _is_virtual(sql) and not shadow:
                    conn.execute(sql)
                    conn.execute(f'INSERT INTO main."{name}" SELECT * FROM new."{name}"')
            for name, sql in virtual:  # external-content full-text indexes, rebuilt from their copied tables
                conn.execute(sql)
                conn.execute(f'INSERT INTO main."{name}"("{name}") VALUES (\'rebuild\')')
            for kind, _name, table, sql in objects:
                if kind in ("index", "trigger") and table not in state:
                    conn.execute(sql)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("DETACH DATABASE new")
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        conn.close()


class UnexportedEdits(RuntimeError):
    """The live database holds admin edits that the knowledge files do not have yet."""


def build(knowledge_dir: Path, kb_path: Path, *, discard_edits: bool = False) -> BuildReport:
    """Validate, write a fresh database beside the old one, and swap it in atomically."""
    started = time.perf_counter()
    knowledge = validate(knowledge_dir)
    destinations = knowledge.destinations
    if kb_path.exists() and not discard_edits:
        conn = sqlite3.connect(kb_path, timeout=5)
        try:
            pending = store.unexported_edits(conn)
        finally:
            conn.close()
        if pending:
            raise UnexportedEdits(
                f"{kb_path} holds {pending} admin change(s) made since the last export; rebuilding from the "
                "knowledge files would drop them. Run `python -m bot export knowledge/destinations` and commit, "
                "or pass --discard-edits."
            )
    kb_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=kb_path.name + ".", suffix=".tmp", dir=kb_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        write_database(tmp, destinations, knowledge.countries, knowledge_dir / "reference", knowledge.pairs,
                       knowledge.borders)
        if kb_path.exists():
            _replace_knowledge(tmp, kb_path)
        else:
            os.replace(tmp, kb_path)
    finally:
        for leftover in (tmp, Path(str(tmp) + "-journal")):
            leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(kb_path)
    try:
        names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
        rules = conn.execute("SELECT count(*) FROM entry_rules").fetchone()[0]
        total = conn.execute("SELECT count(*) FROM destinations").fetchone()[0]
    finally:
        conn.close()
    return BuildReport(kb_path, total, len(destinations), names, rules, time.perf_counter() - started)


def needs_rebuild(knowledge: Path, kb: Path) -> bool:
    """Was a knowledge file changed after the database was built, or was it built by an older version?"""
    try:
        conn = sqlite3.connect(f"file:{kb}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return True
    if "kb_built_at" not in meta or meta.get("kb_format") != rows.KB_FORMAT:
        return True
    built_at = dt.datetime.fromisoformat(meta["kb_built_at"]).timestamp()
    return any(p.stat().st_mtime > built_at for p in knowledge.rglob("*") if p.is_file())
