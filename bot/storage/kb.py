"""Read access to the built knowledge base, shaped for fast answering.

Names, curated facts and advisories are held in memory (small); the 40,000 baseline entry
rules stay in SQLite behind an index. `reload()` picks up admin edits.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.schema import TRANSLATED_FIELDS
from bot.storage import database as store
from bot.storage import feeds, rows

Row = dict[str, Any]


@dataclass
class Place:
    code: str
    name: str
    kind: str
    parent: str | None
    curated: bool
    flag: str
    rules_of: str | None = None  # whose entry rules apply when not the parent's (the West Bank: Israel's)
    status: Row | None = None
    advisories: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)
    howto: list[Row] = field(default_factory=list)
    consular: Row | None = None
    legal: Row | None = None
    legal_holders: frozenset[str] = frozenset()  # the passports the legal trap binds, when only some (legal.holders)
    curated_rules: dict[str, Row] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # lang -> the place's name in answers in that language
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> field -> text, still current
    # lang -> English text -> its translation, for the keyed texts (rules, labels, events...) whose English stands
    worded: dict[str, dict[str, str]] = field(default_factory=dict)

    def in_lang(self, lang: str, english: str) -> str:
        """One of the place's keyed texts in `lang` when translated, else as written."""
        return self.worded.get(lang, {}).get(english, english)

    def name_in(self, lang: str) -> str:
        return self.names.get(lang, self.name)


class MissingDatabase(RuntimeError):
    """No database, or one written by an older version of the knowledge tables: run `python -m bot build`."""


FEED_ISSUERS = {"us": "US", "gb": "UK", "au": "AU", "ca": "CA"}


def _feed_advisory(row: Row) -> Row:
    return {"code": row["code"], "issuer": FEED_ISSUERS.get(row["issuer"], row["issuer"]), "level": row["level"],
            "label": row["label"], "as_of": row["as_of"], "source": row["source"], "scope": None,
            "checked": row["last_seen"][:10], "unverified": 0, "origin": "feed"}


def _current_texts(place: Place, kind: str, issuer: str) -> set[str]:
    """The place's English texts of one translated kind as they stand now (admins may have edited them)."""
    if kind == "entry":
        return {rule["summary"] for rule in place.curated_rules.values()}
    if kind in ("exception", "detail"):
        column = "details" if kind == "detail" else kind
        return {rule[column] for rule in place.curated_rules.values() if rule.get(column)}
    if kind == "advisory":
        return {a["label"] for a in place.advisories if a["issuer"] == issuer}
    if kind == "label":
        return ({e["scope"] for e in place.events} | {a["scope"] for a in place.advisories}
                | {h["name"] for h in place.howto}) - {None}
    rows = {"event": place.events, "howto": place.howto, "report": place.reports}.get(kind)
    if rows is not None:
        return {row["summary"] for row in rows}
    return {place.consular["summary"]} if kind == "consular" and place.consular else set()


def _check_format(conn: sqlite3.Connection, path: Path) -> None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'kb_format'").fetchone()
    if row is None or row[0] != rows.KB_FORMAT:
        raise MissingDatabase(f"knowledge base {path} was built by an older version: run `python -m bot build`")


class KnowledgeBase:
    def __init__(self, path: Path) -> None:
        if not Path(path).exists():
            raise MissingDatabase(f"knowledge base {path} not found: run `python -m bot build`")
        self.path = Path(path)
        self._lock = threading.Lock()
        self.conn = store.connect(self.path)
        store.ensure_schema(self.conn)
        _check_format(self.conn, self.path)
        self._file_id = self._identity()
        self.reload()

    def _identity(self) -> tuple[int, int]:
        st = os.stat(self.path)
        return st.st_dev, st.st_ino

    def reopen_if_replaced(self) -> bool:
        """A database file moved over the live one (build copies in place; a person might not): without
        this the bot would keep reading, and writing user state into, the old unlinked one until
        restarted. Call reload() (or Engine.refresh) after a True return to read the new file's facts."""
        try:
            current = self._identity()
        except FileNotFoundError:
            return False
        if current == self._file_id:
            return False
        old = self.conn
        self.conn = store.connect(self.path)
        store.ensure_schema(self.conn)
        _check_format(self.conn, self.path)
        self._file_id = current
        old.close()
        return True

    def reload(self) -> None:
        conn = self.conn
        places: dict[str, Place] = {}
        for r in conn.execute("SELECT * FROM destinations"):
            places[r["code"]] = Place(r["code"], r["name"], r["kind"], r["parent"], bool(r["curated"]), r["flag"] or "",
                                      rules_of=dict(r).get("rules_of"))  # absent from databases built before it
        for r in conn.execute("SELECT * FROM status"):
            places[r["code"]].status = dict(r)
        for r in conn.execute("SELECT * FROM advisories ORDER BY as_of DESC"):
            places[r["code"]].advisories.append(dict(r))
        for r in conn.execute("SELECT * FROM events ORDER BY date"):
            places[r["code"]].events.append(dict(r))
        for r in conn.execute("SELECT * FROM reports ORDER BY date DESC, id"):
            places[r["code"]].reports.append(dict(r))
        for r in conn.execute("SELECT * FROM howto ORDER BY id"):
            places[r["code"]].howto.append(dict(r))
        for r in conn.execute("SELECT * FROM consular"):
            places[r["code"]].consular = dict(r)
        for r in conn.execute("SELECT * FROM legal"):
            place = places[r["code"]]
            place.legal = dict(r)
            place.legal_holders = frozenset(filter(None, (place.legal.get("holders") or "").split(",")))
        for r in feeds.advisories(conn):  # what the official feeds said last, beside curated and baseline rows
            if r["code"] in places and not r["stale_since"]:
                places[r["code"]].advisories.append(_feed_advisory(r))
        for r in conn.execute("SELECT * FROM entry_rules WHERE origin = 'curated'"):
            places[r["code"]].curated_rules[r["passport"]] = dict(r)
        for r in conn.execute("SELECT code, name, lang, kind FROM names WHERE kind IN ('display', 'curated') "
                              "AND length(lang) = 2 ORDER BY kind = 'curated'"):  # a curated name wins
            places[r["code"]].names[r["lang"]] = r["name"]
        current_texts: dict[tuple[str, str, str], set[str]] = {}  # a place's texts of a kind, read once per load
        for r in conn.execute("SELECT * FROM translations"):
            place = places[r["code"]]
            kind, _, key = r["field"].partition(":")
            if key or kind == "consular":  # a text found again by its English words, while they stand
                issuer = key.partition(" ")[0] if kind == "advisory" else ""
                texts = current_texts.get((place.code, kind, issuer))
                if texts is None:
                    texts = current_texts[place.code, kind, issuer] = _current_texts(place, kind, issuer)
                if r["english"] in texts:
                    place.worded.setdefault(r["lang"], {})[r["english"]] = r["text"]
                continue
            section, column = TRANSLATED_FIELDS[r["field"]]
            current = (place.status if section == "status" else place.legal) or {}
            if current.get(column) == r["english"]:  # the English it was written from has not been edited since
                place.translations.setdefault(r["lang"], {})[r["field"]] = r["text"]
        names: list[tuple[str, str, str, str]] = [
            (r["code"], r["name"], r["lang"], r["kind"])
            for r in conn.execute("SELECT code, name, lang, kind FROM names")
        ]
        demonyms: list[tuple[str, str, str]] = [
            (r["code"], r["demonym"], r["lang"]) for r in conn.execute("SELECT code, demonym, lang FROM demonyms")
        ]
        meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM meta")}
        children: dict[str, list[str]] = defaultdict(list)
        for place in places.values():
            if place.parent:
                children[place.parent].append(place.code)
        self.land_borders = {frozenset((r["a"], r["b"])): dict(r) for r in conn.execute("SELECT * FROM land_borders")}
        self.places, self.names, self.demonyms, self.meta = places, names, demonyms, meta
        worded: dict[str, set[str]] = defaultdict(set)  # every keyed text's translation, per language
        for place in places.values():
            for lang, texts in place.worded.items():
                worded[lang].update(texts.values())
        self.worded = dict(worded)
        self.children = dict(children)
        self.version = getattr(self, "version", 0) + 1

    def land_border(self, destination: str, other: str) -> Row | None:
        """A closure of the land border between two countries, or of all the destination's land borders ("*"):
        arriving there is what such a closure stops (Azerbaijan lets foreigners leave overland)."""
        pair = self.land_borders.get(frozenset((destination, other)))
        if pair:
            return pair
        closed = self.land_borders.get(frozenset((destination, "*")))
        return closed if closed and closed["a"] == destination else None

    def entry_rule(self, destination: str, passport: str) -> Row | None:
        """Curated rule for the passport, else the curated default, else the dated baseline."""
        place = self.places.get(destination)
        if place is None:
            return None
        if passport in place.curated_rules:
            return place.curated_rules[passport]
        if "*" in place.curated_rules:
            rule = dict(place.curated_rules["*"])
            rule["passport"] = passport
            rule["default"] = True
            return rule
        return self.baseline_rule(destination, passport)

    def baseline_rule(self, destination: str, passport: str) -> Row | None:
        """The visa dataset's row alone, under any curated default."""
        with self._lock:
            row = self.conn.execute(
                "SELECT * FROM entry_rules WHERE code = ? AND passport = ? AND origin = 'baseline' LIMIT 1",
                (destination, passport),
            ).fetchone()
        return dict(row) if row else None

    @property
    def baseline_date(self) -> str:
        """The visa dataset's date, as the build recorded it."""
        return self.meta.get("baseline_date", "unknown date")

    def is_common_word(self, token: str) -> bool:
        """An ordinary English word (from the build's word list), which typo correction must leave alone."""
        with self._lock:
            return self.conn.execute("SELECT 1 FROM words WHERE word = ?", (token,)).fetchone() is not None

    def search_reports(self, destination: str, query: str) -> list[int]:
        """Report ids of a destination ranked by full-text relevance to the question's theme."""
        terms = " OR ".join(f'"{t}"' for t in query.split() if t.isalnum())
        if not terms:
            return []
        with self._lock:
            try:
                rows = self.conn.execute(
                    "SELECT reports.id FROM reports_fts JOIN reports ON reports.rowid = reports_fts.rowid "
                    "WHERE reports_fts MATCH ? AND reports.code = ? ORDER BY bm25(reports_fts)",
                    (terms, destination),
                ).fetchall()
            except sqlite3.OperationalError:
                return []
        return [r[0] for r in rows]

    def close(self) -> None:
        self.conn.close()
