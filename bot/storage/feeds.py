"""SQLite tables of the advisory feed follower; every feed SQL statement lives here.

These are user-state tables (what the feeds said, when, and what admins decided): a rebuild of
the knowledge tables must never drop or edit them. Functions never commit; the caller owns the
transaction, which is how a dry run can undo everything with one rollback.
Timestamps are UTC ISO strings to the second.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

Row = dict[str, Any]
KEEP_PAYLOADS = 3  # raw payloads kept per (issuer, url); older polls keep only the hash
FEED_TABLES: tuple[str, ...] = ("feed_polls", "feed_http", "feed_advisories", "feed_observations", "feed_pending")

FEED_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS feed_polls (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status TEXT NOT NULL,              -- ok | not_modified | rejected | failed | page
    http_status INTEGER,
    items INTEGER NOT NULL DEFAULT 0,  -- items read from the document
    accepted INTEGER NOT NULL DEFAULT 0, -- valid destinations (the batch-size rule compares these)
    changes INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    error_text TEXT,
    payload_hash TEXT,
    payload TEXT
);
CREATE INDEX IF NOT EXISTS feed_polls_by_url ON feed_polls (issuer, url, id);
CREATE TABLE IF NOT EXISTS feed_http (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_advisories (
    issuer TEXT NOT NULL,
    code TEXT NOT NULL,                -- ISO 3166-1 alpha-2
    level INTEGER,                     -- NULL for the FCDO (no numeric levels)
    label TEXT NOT NULL,
    as_of TEXT NOT NULL,               -- the feed's own date for this advisory (ISO date)
    source TEXT NOT NULL,              -- the country page
    severity INTEGER NOT NULL DEFAULT 0,
    feed_date TEXT,                    -- newest date the feed showed for this same advisory
    stamp TEXT,                        -- issuer change stamp (FCDO index public_updated_at)
    fetched_at TEXT NOT NULL,          -- the poll that last confirmed it
    payload_hash TEXT,                 -- that poll's payload (feed_polls.payload_hash)
    last_seen TEXT NOT NULL,
    stale_since TEXT,                  -- set after 7 days missing from the feed
    changed_at TEXT NOT NULL,          -- when level/label last changed here
    PRIMARY KEY (issuer, code)
);
CREATE TABLE IF NOT EXISTS feed_observations (
    issuer TEXT NOT NULL,
    code TEXT NOT NULL,
    level INTEGER,
    label TEXT NOT NULL,
    as_of TEXT NOT NULL,
    source TEXT NOT NULL,
    severity INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    polls INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (issuer, code)
);
CREATE TABLE IF NOT EXISTS feed_pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issuer TEXT NOT NULL,
    code TEXT NOT NULL,
    level INTEGER,
    label TEXT NOT NULL,
    as_of TEXT NOT NULL,
    source TEXT NOT NULL,
    severity INTEGER NOT NULL DEFAULT 0,
    old_level INTEGER,
    old_label TEXT,
    reason TEXT NOT NULL,
    payload_hash TEXT,
    fetched_at TEXT,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'approved', 'rejected', 'superseded')),
    decided_by TEXT,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS feed_pending_open ON feed_pending (issuer, code, state);
"""


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the feed tables when missing (idempotent; no commit)."""
    for statement in FEED_SCHEMA_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def savepoint(conn: sqlite3.Connection, name: str) -> None:
    """Open a named savepoint: one feed's writes (or a whole dry run) can be undone together."""
    conn.execute(f"SAVEPOINT {_name(name)}")


def rollback_to(conn: sqlite3.Connection, name: str) -> None:
    conn.execute(f"ROLLBACK TO {_name(name)}")


def release(conn: sqlite3.Connection, name: str) -> None:
    conn.execute(f"RELEASE {_name(name)}")


def _name(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad savepoint name {name!r}")
    return name


def _rows(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    # Whatever row_factory the caller's connection has, feed functions hand back plain dicts.
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return [dict(row) for row in cursor.execute(sql, tuple(params)).fetchall()]


def _one(conn: sqlite3.Connection, sql: str, params: Iterable[Any] = ()) -> Row | None:
    rows = _rows(conn, sql, params)
    return rows[0] if rows else None


# -- HTTP validators -----------------------------------------------------------------------------

def http_validators(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    row = _one(conn, "SELECT etag, last_modified FROM feed_http WHERE url = ?", (url,))
    return (row["etag"], row["last_modified"]) if row else (None, None)


def save_http_validators(conn: sqlite3.Connection, url: str, etag: str | None, last_modified: str | None,
                         now: str) -> None:
    if not etag and not last_modified:
        conn.execute("DELETE FROM feed_http WHERE url = ?", (url,))
        return
    conn.execute(
        "INSERT INTO feed_http (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
        "updated_at = excluded.updated_at",
        (url, etag, last_modified, now),
    )


def forget_http_validators(conn: sqlite3.Connection, url: str) -> None:
    conn.execute("DELETE FROM feed_http WHERE url = ?", (url,))


# -- polls and payloads --------------------------------------------------------------------------

def record_poll(conn: sqlite3.Connection, *, issuer: str, url: str, fetched_at: str, status: str,
                http_status: int | None = None, items: int = 0, accepted: int = 0, changes: int = 0, held: int = 0,
                errors: int = 0, error_text: str | None = None, payload_hash: str | None = None,
                payload: str | None = None, keep: int = KEEP_PAYLOADS) -> int:
    """One row per document fetched; the payload is stored unless identical to the last one kept."""
    if payload is not None and payload_hash:
        latest = latest_payload(conn, issuer, url)
        if latest and latest["payload_hash"] == payload_hash:
            payload = None  # same bytes as the copy already kept: keep the hash only
    cursor = conn.execute(
        "INSERT INTO feed_polls (issuer, url, fetched_at, status, http_status, items, accepted, changes, held, errors, "
        "error_text, payload_hash, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (issuer, url, fetched_at, status, http_status, items, accepted, changes, held, errors, error_text,
         payload_hash, payload),
    )
    if payload is not None:
        conn.execute(
            "UPDATE feed_polls SET payload = NULL WHERE issuer = ? AND url = ? AND payload IS NOT NULL AND id NOT IN "
            "(SELECT id FROM feed_polls WHERE issuer = ? AND url = ? AND payload IS NOT NULL ORDER BY id DESC LIMIT ?)",
            (issuer, url, issuer, url, keep),
        )
    return int(cursor.lastrowid or 0)


def update_poll_counts(conn: sqlite3.Connection, poll_id: int, *, changes: int, held: int, errors: int,
                       error_text: str | None) -> None:
    conn.execute("UPDATE feed_polls SET changes = ?, held = ?, errors = ?, error_text = ? WHERE id = ?",
                 (changes, held, errors, error_text, poll_id))


def latest_payload(conn: sqlite3.Connection, issuer: str, url: str) -> Row | None:
    """The newest stored payload of a URL: what a 304 Not Modified means the server still serves."""
    return _one(conn, "SELECT payload_hash, payload, fetched_at FROM feed_polls WHERE issuer = ? AND url = ? "
                      "AND payload IS NOT NULL ORDER BY id DESC LIMIT 1", (issuer, url))


def payload_by_hash(conn: sqlite3.Connection, payload_hash: str) -> str | None:
    row = _one(conn, "SELECT payload FROM feed_polls WHERE payload_hash = ? AND payload IS NOT NULL "
                     "ORDER BY id DESC LIMIT 1", (payload_hash,))
    return row["payload"] if row else None


def last_good_count(conn: sqlite3.Connection, issuer: str) -> int | None:
    """Destinations in the issuer's last applied batch, for the batch-size rule."""
    row = _one(conn, "SELECT accepted FROM feed_polls WHERE issuer = ? AND status IN ('ok', 'not_modified') "
                     "ORDER BY id DESC LIMIT 1", (issuer,))
    return int(row["accepted"]) if row else None


def recent_polls(conn: sqlite3.Connection, limit: int = 20) -> list[Row]:
    return _rows(conn, "SELECT id, issuer, url, fetched_at, status, http_status, items, accepted, changes, held, "
                       "errors, error_text, payload_hash FROM feed_polls WHERE status != 'page' "
                       "ORDER BY id DESC LIMIT ?", (limit,))


# -- accepted advisories -------------------------------------------------------------------------

_ADVISORY_COLUMNS = ("issuer", "code", "level", "label", "as_of", "source", "severity", "feed_date", "stamp",
                     "fetched_at", "payload_hash", "last_seen", "stale_since", "changed_at")


def advisories(conn: sqlite3.Connection, issuer: str | None = None, code: str | None = None) -> list[Row]:
    """Accepted feed advisories, optionally for one issuer and/or one destination."""
    sql = f"SELECT {', '.join(_ADVISORY_COLUMNS)} FROM feed_advisories WHERE 1 = 1"
    params: list[Any] = []
    if issuer:
        sql += " AND issuer = ?"
        params.append(issuer)
    if code:
        sql += " AND code = ?"
        params.append(code)
    return _rows(conn, sql + " ORDER BY code, issuer", params)


def advisory(conn: sqlite3.Connection, issuer: str, code: str) -> Row | None:
    rows = advisories(conn, issuer, code)
    return rows[0] if rows else None


def put_advisory(conn: sqlite3.Connection, row: Row) -> None:
    """Insert or replace the accepted advisory of one issuer and destination."""
    values = {column: row.get(column) for column in _ADVISORY_COLUMNS}
    conn.execute(
        f"INSERT OR REPLACE INTO feed_advisories ({', '.join(_ADVISORY_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _ADVISORY_COLUMNS)})",
        tuple(values.values()),
    )


def touch_advisory(conn: sqlite3.Connection, issuer: str, code: str, *, now: str, fetched_at: str | None = None,
                   payload_hash: str | None = None, feed_date: str | None = None, stamp: str | None = None) -> None:
    """The destination is still in the feed: refresh last_seen (and the evidence, when given)."""
    conn.execute(
        "UPDATE feed_advisories SET last_seen = ?, stale_since = NULL, "
        "fetched_at = COALESCE(?, fetched_at), payload_hash = COALESCE(?, payload_hash), "
        "feed_date = CASE WHEN ? IS NOT NULL AND (feed_date IS NULL OR ? > feed_date) THEN ? ELSE feed_date END, "
        "stamp = COALESCE(?, stamp) WHERE issuer = ? AND code = ?",
        (now, fetched_at, payload_hash, feed_date, feed_date, feed_date, stamp, issuer, code),
    )


def mark_stale(conn: sqlite3.Connection, issuer: str, *, seen_before: str, now: str) -> list[str]:
    """Flag the issuer's destinations last seen at or before `seen_before`; returns the newly flagged codes."""
    codes = [r["code"] for r in _rows(
        conn, "SELECT code FROM feed_advisories WHERE issuer = ? AND last_seen <= ? AND stale_since IS NULL "
              "ORDER BY code", (issuer, seen_before))]
    conn.executemany("UPDATE feed_advisories SET stale_since = ? WHERE issuer = ? AND code = ?",
                     [(now, issuer, code) for code in codes])
    return codes


def stale_advisories(conn: sqlite3.Connection, issuer: str | None = None) -> list[Row]:
    return [r for r in advisories(conn, issuer) if r["stale_since"]]


# -- lowerings waiting for a second day ----------------------------------------------------------

def observation(conn: sqlite3.Connection, issuer: str, code: str) -> Row | None:
    return _one(conn, "SELECT * FROM feed_observations WHERE issuer = ? AND code = ?", (issuer, code))


def observed_codes(conn: sqlite3.Connection, issuer: str) -> set[str]:
    return {r["code"] for r in _rows(conn, "SELECT code FROM feed_observations WHERE issuer = ?", (issuer,))}


def save_observation(conn: sqlite3.Connection, row: Row) -> None:
    """Start (polls = 1) or extend the sighting of a proposed lowering."""
    conn.execute(
        "INSERT INTO feed_observations (issuer, code, level, label, as_of, source, severity, first_seen, last_seen, "
        "polls) VALUES (:issuer, :code, :level, :label, :as_of, :source, :severity, :first_seen, :last_seen, 1) "
        "ON CONFLICT (issuer, code) DO UPDATE SET last_seen = excluded.last_seen, polls = polls + 1, "
        "as_of = excluded.as_of, source = excluded.source",
        row,
    )


def drop_observation(conn: sqlite3.Connection, issuer: str, code: str) -> None:
    conn.execute("DELETE FROM feed_observations WHERE issuer = ? AND code = ?", (issuer, code))


# -- lowerings held for an admin -----------------------------------------------------------------

def add_pending(conn: sqlite3.Connection, row: Row) -> int:
    cursor = conn.execute(
        "INSERT INTO feed_pending (issuer, code, level, label, as_of, source, severity, old_level, old_label, reason, "
        "payload_hash, fetched_at, created_at, state) VALUES (:issuer, :code, :level, :label, :as_of, :source, "
        ":severity, :old_level, :old_label, :reason, :payload_hash, :fetched_at, :created_at, 'pending')",
        row,
    )
    return int(cursor.lastrowid or 0)


def pending(conn: sqlite3.Connection, pending_id: int) -> Row | None:
    return _one(conn, "SELECT * FROM feed_pending WHERE id = ?", (pending_id,))


def pending_list(conn: sqlite3.Connection, state: str | None = "pending", issuer: str | None = None,
                 code: str | None = None) -> list[Row]:
    sql, params = "SELECT * FROM feed_pending WHERE 1 = 1", []
    for column, value in (("state", state), ("issuer", issuer), ("code", code)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    return _rows(conn, sql + " ORDER BY id", params)


def pending_codes(conn: sqlite3.Connection, issuer: str) -> set[str]:
    return {r["code"] for r in _rows(conn, "SELECT code FROM feed_pending WHERE issuer = ? AND state = 'pending'",
                                     (issuer,))}


def was_rejected(conn: sqlite3.Connection, issuer: str, code: str, level: int | None, label: str, as_of: str) -> bool:
    """Did an admin already reject this very proposal (same level, label and feed date)?"""
    row = _one(conn, "SELECT id FROM feed_pending WHERE issuer = ? AND code = ? AND level IS ? AND label = ? "
                     "AND as_of = ? AND state = 'rejected' LIMIT 1", (issuer, code, level, label, as_of))
    return row is not None


def decide_pending(conn: sqlite3.Connection, pending_id: int, state: str, decided_by: str | None,
                   decided_at: str) -> bool:
    """Move a pending row to approved/rejected/superseded; False when it was no longer pending."""
    cursor = conn.execute(
        "UPDATE feed_pending SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'pending'",
        (state, decided_by, decided_at, pending_id),
    )
    return cursor.rowcount == 1
