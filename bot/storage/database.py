"""User state and operational tables that live beside the knowledge in one SQLite file.

Each schema version is one migration step, so a newer bot upgrades an older database in
place without losing passports, subscriptions or the audit trail.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from bot.storage.feeds import FEED_SCHEMA_SQL

SCHEMA_VERSION = 7
_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE IF NOT EXISTS users (
        user_id INTEGER PRIMARY KEY,
        passports TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS subscriptions (
        user_id INTEGER NOT NULL,
        code TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, code)
    );
    CREATE TABLE IF NOT EXISTS unanswered (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        suggestions TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE IF NOT EXISTS questions (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_hash TEXT NOT NULL,
        answered INTEGER NOT NULL,
        destination TEXT
    );
    CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        admin_id INTEGER NOT NULL,
        update_id INTEGER,
        code TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        UNIQUE (update_id, action)
    );
    CREATE TABLE IF NOT EXISTS pending_reports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        code TEXT NOT NULL,
        text TEXT NOT NULL,
        named TEXT,
        state TEXT NOT NULL DEFAULT 'pending',
        reason TEXT
    );
    CREATE TABLE IF NOT EXISTS dest_snapshots (
        code TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS processed_updates (
        update_id INTEGER PRIMARY KEY,
        at TEXT NOT NULL
    );
    """,
    # 2: moderation trail, and a record of exports so a rebuild cannot drop unexported admin edits.
    2: """
    ALTER TABLE pending_reports ADD COLUMN decided_at TEXT;
    ALTER TABLE pending_reports ADD COLUMN decided_by INTEGER;
    CREATE TABLE IF NOT EXISTS exports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        audit_id INTEGER NOT NULL
    );
    """,
    # 3: updates received but not yet handled, replayed after a crash (bot/tg/durable.py).
    3: """
    CREATE TABLE IF NOT EXISTS inbox (
        update_id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS processed_updates_at ON processed_updates (at);
    """,
    # 4: which bot the update ids belong to (they are per bot).
    4: """
    CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 5: question hashes become keyed (HMAC, see user_hash); hashes made with the old public salt
    # could be recomputed from a user id, so they are cut loose from any user.
    5: """
    UPDATE questions SET user_hash = 'legacy';
    UPDATE unanswered SET user_hash = 'legacy';
    """,
    # 6: what the official advisory feeds said, and what admins decided about held changes (bot/feeds).
    6: FEED_SCHEMA_SQL,
    # 7: the language a traveler (private chat: chat id = user id) or a group chose with /language, and the
    # language each follower followed in (their change notices are written in it).
    7: """
    CREATE TABLE IF NOT EXISTS chat_languages (
        chat_id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    ALTER TABLE subscriptions ADD COLUMN lang TEXT;
    """,
}


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def ensure_schema(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply every migration newer than the database's recorded version, up to `target`."""
    current = schema_version(conn)
    for version in sorted(v for v in _MIGRATIONS if current < v <= target):
        conn.executescript("BEGIN;" + _MIGRATIONS[version] + f"PRAGMA user_version = {version}; COMMIT;")
    return schema_version(conn)


@functools.cache
def state_tables() -> frozenset[str]:
    """The tables the migrations create: user state, which a rebuild never touches. Derived rather than listed,
    so a migration's new table cannot be forgotten."""
    conn = sqlite3.connect(":memory:")
    try:
        ensure_schema(conn)
        return frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout, ready for concurrent readers and one writer."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=5)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=5)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.row_factory = sqlite3.Row
    return conn


def now_iso() -> str:
    """UTC now to the second: the one timestamp format of every state table."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


ConnSource = sqlite3.Connection | Callable[[], sqlite3.Connection]


def resolve(source: ConnSource) -> sqlite3.Connection:
    """A connection, or a callable giving the current one (it changes when a rebuild swaps the file)."""
    return source if isinstance(source, sqlite3.Connection) else source()


def user_hash(conn: sqlite3.Connection, user: int | str) -> str:
    """An opaque id for analytics: an HMAC of the user id under a secret made at first use and kept in
    the database (build and backup carry it over), so nobody without the file can link it to a user."""
    row = conn.execute("SELECT value FROM bot_state WHERE key = 'user_hash_key'").fetchone()
    if row is None:
        with conn:
            conn.execute("INSERT OR IGNORE INTO bot_state (key, value) VALUES ('user_hash_key', ?)",
                         (secrets.token_hex(32),))
        row = conn.execute("SELECT value FROM bot_state WHERE key = 'user_hash_key'").fetchone()
    return hmac.new(bytes.fromhex(row[0]), str(user).encode(), hashlib.sha256).hexdigest()[:16]


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when another connection (an admin edit, a rebuild) wrote to the file."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def unexported_edits(conn: sqlite3.Connection) -> int:
    """Admin changes made since the last export: a rebuild from the YAML files would drop them."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "audit" not in tables:
        return 0
    last = 0
    if "exports" in tables:
        last = conn.execute("SELECT coalesce(max(audit_id), 0) FROM exports").fetchone()[0]
    return int(conn.execute("SELECT count(*) FROM audit WHERE id > ?", (last,)).fetchone()[0])


def record_export(conn: sqlite3.Connection) -> None:
    with conn:
        conn.execute(
            "INSERT INTO exports (at, audit_id) SELECT ?, coalesce(max(id), 0) FROM audit", (now_iso(),)
        )
