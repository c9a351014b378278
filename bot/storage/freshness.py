"""Curated facts in the live database that are too old to trust without re-checking (admins' /stale)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from bot.knowledge.staleness import fact_age
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
    return sorted(out)
