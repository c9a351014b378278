"""Admin decisions on held lowerings (a feed lowering a destination from its top level).

Such a lowering is the one change a glitch makes dangerous (North Korea shown as Level 1 for a
day), so it waits in feed_pending until a named admin approves or rejects it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from bot.feeds.model import Advisory, utc_iso, utc_now
from bot.feeds.run import accepted_row, change_dict, is_curated
from bot.storage import feeds as store


def list_pending(conn: sqlite3.Connection, issuer: str | None = None) -> list[dict]:
    """Open proposals, oldest first."""
    store.ensure_tables(conn)
    return store.pending_list(conn, "pending", issuer=issuer)


def approve_pending(conn: sqlite3.Connection, pending_id: int, admin: str, *, now: dt.datetime | None = None,
                    curated: Iterable[str] = frozenset()) -> dict | None:
    """Apply a held lowering as the accepted feed advisory; returns the change, or None when the
    id is unknown or no longer pending (already decided, or superseded by a newer poll)."""
    store.ensure_tables(conn)
    row = store.pending(conn, pending_id)
    stamp = utc_iso(now or utc_now())
    if row is None or not store.decide_pending(conn, pending_id, "approved", admin, stamp):
        return None
    old = store.advisory(conn, row["issuer"], row["code"])
    new = Advisory(issuer=row["issuer"], code=row["code"], level=row["level"], label=row["label"], as_of=row["as_of"],
                   source=row["source"], severity=row["severity"], stamp="")
    accepted = accepted_row(new, fetched_at=row["fetched_at"] or stamp, payload_hash=row["payload_hash"], now=stamp)
    if old is not None:
        accepted["last_seen"] = old["last_seen"]
    store.put_advisory(conn, accepted)
    store.drop_observation(conn, row["issuer"], row["code"])
    conn.commit()
    return change_dict(new, old, curated=is_curated(row["code"], curated))


def reject_pending(conn: sqlite3.Connection, pending_id: int, admin: str, *, now: dt.datetime | None = None) -> bool:
    """Keep the accepted advisory; the same reading will not be held again."""
    store.ensure_tables(conn)
    done = store.decide_pending(conn, pending_id, "rejected", admin, utc_iso(now or utc_now()))
    conn.commit()
    return done
