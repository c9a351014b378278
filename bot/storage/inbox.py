"""Updates received but not yet handled, and the ids of recently handled ones (see bot/tg/delivery.py)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from bot.storage.database import ConnSource, now_iso, resolve
from bot.storage.questions import Asked, record_questions

KEEP_PROCESSED = dt.timedelta(days=2)


class InboxStore:
    def __init__(self, conn: ConnSource) -> None:
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        return resolve(self._conn)

    def accept(self, updates: Sequence[tuple[int, dict[str, Any]]]) -> set[int]:
        """Store new (update id, payload) pairs in one transaction; return the ids already held or handled."""
        if not updates:
            return set()
        ids = [uid for uid, _ in updates]
        marks = ",".join("?" * len(ids))
        known = {
            r[0]
            for r in self.conn.execute(
                f"SELECT update_id FROM inbox WHERE update_id IN ({marks}) "
                f"UNION SELECT update_id FROM processed_updates WHERE update_id IN ({marks})",
                ids + ids,
            )
        }
        fresh = [(uid, payload) for uid, payload in updates if uid not in known]
        if fresh:
            now = now_iso()
            with self.conn:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)",
                    [(uid, now, json.dumps(payload, ensure_ascii=False)) for uid, payload in fresh],
                )
        return known

    def finish(self, update_ids: Sequence[int], asked: Sequence[Asked] = ()) -> None:
        """Mark updates handled and count their questions, all in one transaction."""
        if not update_ids and not asked:
            return
        conn = self.conn
        now = now_iso()
        with conn:
            conn.executemany("DELETE FROM inbox WHERE update_id = ?", [(u,) for u in update_ids])
            conn.executemany("INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)",
                             [(u, now) for u in update_ids])
            record_questions(conn, list(asked), commit=False)

    def prune(self) -> None:
        """Telegram restarts update ids at random after a quiet week; old ids must not block new updates."""
        cutoff = (dt.datetime.now(dt.UTC) - KEEP_PROCESSED).replace(microsecond=0).isoformat()
        with self.conn:
            self.conn.execute("DELETE FROM processed_updates WHERE at < ?", (cutoff,))

    def start(self, bot_id: int) -> None:
        """Forget update ids of another bot (ids are per bot) and those too old to come back."""
        row = self.conn.execute("SELECT value FROM bot_state WHERE key = 'bot_id'").fetchone()
        with self.conn:
            if row is None or row[0] != str(bot_id):
                self.conn.execute("DELETE FROM inbox")
                self.conn.execute("DELETE FROM processed_updates")
                self.conn.execute("INSERT OR REPLACE INTO bot_state (key, value) VALUES ('bot_id', ?)", (str(bot_id),))
        self.prune()

    def pending(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT payload FROM inbox ORDER BY update_id").fetchall()
        return [json.loads(r[0]) for r in rows]
