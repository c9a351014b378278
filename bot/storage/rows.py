"""The one mapping between a curated destination and its database rows, in both directions.

Build, admin edits and export all go through here, so a field added to the schema is stored,
edited and exported the same way (a report's `origin` once got lost between three copies).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from bot.knowledge.schema import (
    KEYED_TRANSLATIONS,
    Advisory,
    Consular,
    Destination,
    EntryRule,
    Event,
    Howto,
    LandBorder,
    Legal,
    PairRule,
    Report,
    Status,
)
from bot.knowledge.vocabulary import CURATED_ORIGINS

Row = dict[str, Any]
KB_FORMAT = "7"  # bump when a knowledge table changes shape: an older database must be rebuilt
CURATED_TABLES = ("status", "advisories", "entry_rules", "events", "reports", "howto", "consular", "legal", "names",
                  "translations")
DATED_TABLES = tuple(t for t in CURATED_TABLES if t not in ("names", "translations"))  # facts with a checked date
MIXED_TABLES = frozenset({"advisories", "entry_rules", "reports"})  # curated rows beside dataset (baseline) rows
_SRC = {"source": str, "checked": str, "unverified": int}
COLUMNS: dict[str, dict[str, type]] = {
    "status": {"code": str, "state": str, "summary": str, "as_of": str, **_SRC},
    "advisories": {"id": int, "code": str, "issuer": str, "level": int, "label": str, "as_of": str, "scope": str,
                   **_SRC, "origin": str},
    "entry_rules": {"id": int, "code": str, "passport": str, "verdict": str, "summary": str, "details": str,
                    "exception": str, "valid_until": str, "days": int, **_SRC, "origin": str},
    "events": {"id": int, "code": str, "date": str, "kind": str, "scope": str, "summary": str, **_SRC},
    "reports": {"id": int, "code": str, "traveler": str, "date": str, "passport": str, "summary": str, "tags": str,
                **_SRC, "origin": str},
    "howto": {"id": int, "code": str, "kind": str, "name": str, "summary": str, **_SRC},
    "consular": {"code": str, "summary": str, "issuer": str, **_SRC},
    "legal": {"code": str, "summary": str, "lawful_route": str, "consequences": str, "de_facto": str, "holders": str,
              **_SRC},
    # `english` is the text a translation was written from: it is shown only while that text is unchanged.
    "translations": {"id": int, "code": str, "lang": str, "field": str, "text": str, "english": str},
}
_SINGLE = frozenset({"status", "consular", "legal"})  # one row per destination, keyed by code


def create_tables(db: sqlite_utils.Database) -> None:
    """Empty knowledge tables; the order matters for foreign keys."""
    db["destinations"].create(
        {"code": str, "name": str, "kind": str, "parent": str, "rules_of": str, "curated": int, "flag": str,
         "region": str},
        pk="code",
    )
    db["names"].create({"id": int, "code": str, "name": str, "lang": str, "kind": str}, pk="id",
                       foreign_keys=[("code", "destinations")])
    db["demonyms"].create({"id": int, "code": str, "demonym": str, "lang": str}, pk="id",
                          foreign_keys=[("code", "destinations")])
    for table, columns in COLUMNS.items():
        db[table].create(columns, pk="code" if table in _SINGLE else "id", foreign_keys=[("code", "destinations")])
    db["land_borders"].create({"id": int, "a": str, "b": str, "state": str, "since": str, "summary": str, **_SRC},
                              pk="id")
    db["meta"].create({"key": str, "value": str}, pk="key")


def create_indexes(db: sqlite_utils.Database) -> None:
    db["names"].create_index(["code"])
    db["demonyms"].create_index(["code"])
    db["advisories"].create_index(["code"])
    db["entry_rules"].create_index(["code", "passport"])
    db["events"].create_index(["code", "date"])
    db["reports"].create_index(["code", "date"])
    db["howto"].create_index(["code"])
    db["reports"].enable_fts(["traveler", "summary", "tags"], create_triggers=True, tokenize="unicode61")
    db["events"].enable_fts(["summary", "scope"], create_triggers=True, tokenize="unicode61")


# -- model -> rows ----------------------------------------------------------------------------------
def _sourced(fact: Any) -> Row:
    return {"source": fact.source, "checked": fact.checked.isoformat(), "unverified": int(fact.unverified)}


def status_row(code: str, s: Status) -> Row:
    return {"code": code, "state": s.state, "summary": s.summary, "as_of": s.as_of.isoformat(), **_sourced(s)}


def advisory_row(code: str, a: Advisory, origin: str = "curated") -> Row:
    return {"code": code, "issuer": a.issuer, "level": a.level, "label": a.label, "as_of": a.as_of.isoformat(),
            "scope": a.scope, **_sourced(a), "origin": origin}


def entry_rows(code: str, r: EntryRule) -> list[Row]:
    return [
        {"code": code, "passport": passport, "verdict": r.verdict, "summary": r.summary, "details": r.details,
         "exception": r.exception, "valid_until": r.valid_until.isoformat() if r.valid_until else None,
         "days": None, **_sourced(r), "origin": "curated"}
        for passport in r.passports
    ]


def event_row(code: str, e: Event) -> Row:
    return {"code": code, "date": e.date, "kind": e.kind, "scope": e.scope, "summary": e.summary, **_sourced(e)}


def report_row(code: str, r: Report) -> Row:
    return {"code": code, "traveler": r.traveler, "date": r.date, "passport": r.passport, "summary": r.summary,
            "tags": " ".join(r.tags), **_sourced(r), "origin": r.origin}


def howto_row(code: str, h: Howto) -> Row:
    return {"code": code, "kind": h.kind, "name": h.name, "summary": h.summary, **_sourced(h)}


def consular_row(code: str, c: Consular) -> Row:
    return {"code": code, "summary": c.summary, "issuer": c.issuer, **_sourced(c)}


def legal_row(code: str, g: Legal) -> Row:
    return {"code": code, "summary": g.summary, "lawful_route": g.lawful_route, "consequences": g.consequences,
            "de_facto": g.de_facto, "holders": ",".join(g.holders) or None, **_sourced(g)}


def alias_row(code: str, name: str) -> Row:
    return {"code": code, "name": name, "lang": "und", "kind": "alias"}


def translation_rows(dest: Destination) -> list[Row]:
    return [{"code": dest.code, "lang": lang, "field": name, "text": text, "english": dest.english(name)}
            for lang, tr in dest.translations.items() for name, text in tr.flat().items()]


def pair_translation_rows(rule: PairRule) -> list[Row]:
    """A pair rule's translations, stored as its destination's (found again by their English words)."""
    key = rule.passports[0]
    out = []
    for lang, tr in rule.translations.items():
        out.append({"code": rule.destination, "lang": lang, "field": f"entry:{key}", "text": tr.summary,
                    "english": rule.summary})
        for kind, text, english in (("exception", tr.exception, rule.exception), ("detail", tr.details, rule.details)):
            if text and english:
                out.append({"code": rule.destination, "lang": lang, "field": f"{kind}:{key}", "text": text,
                            "english": english})
    return out


def destination_rows(dest: Destination) -> dict[str, list[Row]]:
    """One curated destination as rows per table."""
    code = dest.code
    return {
        "names": [{"code": code, "name": dest.name, "lang": "eng", "kind": "curated"}]
        + [{"code": code, "name": name, "lang": lang, "kind": "curated"} for lang, name in dest.names.items()]
        + [alias_row(code, alias) for alias in dest.aliases],
        "translations": translation_rows(dest),
        "status": [status_row(code, dest.status)],
        "advisories": [advisory_row(code, a) for a in dest.advisories],
        "entry_rules": [row for r in dest.entry for row in entry_rows(code, r)],
        "events": [event_row(code, e) for e in dest.events],
        "reports": [report_row(code, r) for r in dest.reports],
        "howto": [howto_row(code, h) for h in dest.howto],
        "consular": [consular_row(code, dest.consular)] if dest.consular else [],
        "legal": [legal_row(code, dest.legal)] if dest.legal else [],
    }


# -- rows -> model ----------------------------------------------------------------------------------
def _fact(row: Row) -> Row:
    out: Row = {"source": row["source"], "checked": row["checked"]}
    if row.get("unverified"):
        out["unverified"] = True
    return out


def _some(row: Row, *keys: str) -> Row:
    """The optional fields that are set."""
    return {k: row[k] for k in keys if row.get(k)}


def destination_data(dest: Row, rows: dict[str, list[Row]]) -> Row:
    """The knowledge-file form of a destination's curated rows; validated, so an export builds again."""
    data: Row = {"code": dest["code"], "name": dest["name"], "kind": dest["kind"], **_some(dest, "parent", "rules_of")}
    data["aliases"] = [n["name"] for n in rows["names"] if n["kind"] == "alias"]
    s = rows["status"][0]
    data["status"] = {"state": s["state"], "summary": s["summary"], "as_of": s["as_of"], **_fact(s)}
    data["advisories"] = [
        {"issuer": a["issuer"], **_some(a, "level"), "label": a["label"], "as_of": a["as_of"], **_some(a, "scope"),
         **_fact(a)}
        for a in rows["advisories"]
    ]
    grouped: dict[tuple, list[str]] = {}
    first: dict[tuple, Row] = {}
    for r in rows["entry_rules"]:
        key = tuple(r[k] for k in ("verdict", "summary", "details", "exception", "valid_until", "source", "checked",
                                   "unverified"))
        grouped.setdefault(key, []).append(r["passport"])
        first.setdefault(key, r)
    data["entry"] = [
        {"passports": passports, "verdict": first[key]["verdict"], "summary": first[key]["summary"],
         **_some(first[key], "details", "exception", "valid_until"), **_fact(first[key])}
        for key, passports in grouped.items()
    ]
    data["events"] = [
        {"date": e["date"], "kind": e["kind"], **_some(e, "scope"), "summary": e["summary"], **_fact(e)}
        for e in rows["events"]
    ]
    data["reports"] = [
        {"traveler": r["traveler"], "date": r["date"], **_some(r, "passport"), "summary": r["summary"],
         "tags": (r["tags"] or "").split(), **({"origin": r["origin"]} if r["origin"] != "curated" else {}),
         **_fact(r)}
        for r in rows["reports"]
    ]
    data["howto"] = [{"kind": h["kind"], "name": h["name"], "summary": h["summary"], **_fact(h)}
                     for h in rows["howto"]]
    if rows["consular"]:
        c = rows["consular"][0]
        data["consular"] = {"summary": c["summary"], **_some(c, "issuer"), **_fact(c)}
    if rows["legal"]:
        g = rows["legal"][0]
        data["legal"] = {"summary": g["summary"], "lawful_route": g["lawful_route"],
                         **_some(g, "consequences", "de_facto"), **_fact(g)}
        if g.get("holders"):
            data["legal"]["holders"] = g["holders"].split(",")
    data["names"] = {n["lang"]: n["name"] for n in rows["names"] if n["kind"] == "curated" and n["lang"] != "eng"}
    translations: dict[str, Row] = {}
    untranslated = Destination.model_validate(data)
    for t in rows.get("translations", []):
        if untranslated.english(t["field"]) != t["english"]:
            continue  # its English was edited since: the translation retired itself, and the export leaves it out
        kind, _, key = t["field"].partition(":")
        into = translations.setdefault(t["lang"], {})
        if key:  # 'entry:US' -> entry: {US: ...}; 'advisory:UK' -> advisories: {UK: ...}
            into.setdefault(KEYED_TRANSLATIONS[kind], {})[key] = t["text"]
        else:
            into[t["field"]] = t["text"]
    data["translations"] = translations
    for empty in ("events", "reports", "howto", "aliases", "names", "translations"):
        if not data[empty]:
            data.pop(empty)
    Destination.model_validate(data)
    return data


# -- reading and replacing a destination's curated rows ---------------------------------------------
def curated_where(table: str, codes: str = "code = ?") -> str:
    """The rows of `table` that belong to admins and curated files (not the datasets'), for the `codes` chosen."""
    where = codes
    if table in MIXED_TABLES:
        where += " AND origin IN ({})".format(", ".join(f"'{o}'" for o in CURATED_ORIGINS))
    if table == "names":
        where += " AND kind IN ('alias', 'curated')"
    return where


def read_curated(conn: sqlite3.Connection, code: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for table in CURATED_TABLES:
        cur = conn.execute(f"SELECT * FROM {table} WHERE {curated_where(table)} ORDER BY rowid", (code,))
        cols = [d[0] for d in cur.description]
        out[table] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    return out


def replace_curated(conn: sqlite3.Connection, code: str, rows: dict[str, list[Row]]) -> None:
    for table in CURATED_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE {curated_where(table)}", (code,))
        for row in rows.get(table, []):
            insert(conn, table, row)


def insert(conn: sqlite3.Connection, table: str, row: Row) -> int:
    cols = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cur = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
    return int(cur.lastrowid or 0)


def land_border_row(b: LandBorder) -> Row:
    return {"a": b.between[0], "b": b.between[1], "state": b.state, "since": b.since, "summary": b.summary,
            **_sourced(b)}
