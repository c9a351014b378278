"""Curated facts in the live database that are too old to trust without re-checking (admins' /stale): the
destinations' facts, pair rules and closed land borders."""

from __future__ import annotations

import datetime as dt
import sqlite3

from bot.knowledge.staleness import fact_age
from bot.knowledge.vocabulary import CURATED_ORIGINS
from bot.storage.rows import DATED_TABLES, curated_where

_LABELS = {"status": "status", "advisories": "advisory", "entry_rules": "entry rule", "events": "event",
           "reports": "report", "howto": "how-to", "consular": "consular", "legal": "legal"}


def stale_facts(conn: sqlite3.Connection, today: dt.date, max_age: int) -> list[tuple[str, str, str, int]]:
    """(code, kind, checked, age in days) for every curated fact older than `max_age` days."""
    curated = "code IN (SELECT code FROM destinations WHERE curated = 1)"
    out = []
    for table in DATED_TABLES:
        for code, checked in conn.execute(f"SELECT code, checked FROM {table} WHERE {curated_where(table, curated)}"):
            age, stale = fact_age(checked, today, max_age)
            if stale:
                out.append((code, _LABELS[table], checked, age))
    # the facts kept in their own files, not a destination's: pair rules (curated rows of a place without a file)
    # and closed land borders; they age like the rest, and are re-checked in knowledge/pair_rules.yaml and
    # knowledge/land_borders.yaml
    origins = ", ".join("?" * len(CURATED_ORIGINS))
    pairs = conn.execute(f"SELECT code, passport, checked FROM entry_rules WHERE origin IN ({origins}) AND code NOT IN "
                         "(SELECT code FROM destinations WHERE curated = 1)", tuple(CURATED_ORIGINS))
    borders = conn.execute("SELECT a, b, checked FROM land_borders")
    for code, kind, checked in [(c, f"pair rule ({p})", d) for c, p, d in pairs] + [
            (f"{a}-{b}", "land border", d) for a, b, d in borders]:
        age, stale = fact_age(checked, today, max_age)
        if stale:
            out.append((code, kind, checked, age))
    return sorted(out)
