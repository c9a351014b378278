"""What Borderline remembers about a user: chosen passports and followed destinations, nothing else."""

from __future__ import annotations

import sqlite3

from bot.storage.database import ConnSource, now_iso, resolve, user_hash


class UserStore:
    def __init__(self, conn: ConnSource) -> None:
        self._conn = conn

    @property
    def conn(self) -> sqlite3.Connection:
        return resolve(self._conn)

    def passports(self, user_id: int) -> list[str]:
        row = self.conn.execute("SELECT passports FROM users WHERE user_id = ?", (user_id,)).fetchone()
        return row[0].split() if row and row[0] else []

    def set_passports(self, user_id: int, codes: list[str]) -> None:
        with self.conn:
            if codes:
                self.conn.execute(
                    "INSERT INTO users (user_id, passports, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(user_id) DO UPDATE SET passports = excluded.passports, "
                    "updated_at = excluded.updated_at",
                    (user_id, " ".join(codes), now_iso()),
                )
            else:
                self.conn.execute("DELETE FROM users WHERE user_id = ?", (user_id,))

    def follow(self, user_id: int, code: str) -> bool:
        with self.conn:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO subscriptions (user_id, code, created_at) VALUES (?, ?, ?)",
                (user_id, code, now_iso()),
            )
        return cur.rowcount > 0

    def unfollow(self, user_id: int, code: str) -> bool:
        with self.conn:
            cur = self.conn.execute("DELETE FROM subscriptions WHERE user_id = ? AND code = ?", (user_id, code))
        return cur.rowcount > 0

    def following(self, user_id: int) -> list[str]:
        rows = self.conn.execute("SELECT code FROM subscriptions WHERE user_id = ? ORDER BY code", (user_id,))
        return [r[0] for r in rows]

    def followers(self, code: str) -> list[int]:
        rows = self.conn.execute("SELECT user_id FROM subscriptions WHERE code = ? ORDER BY user_id", (code,))
        return [r[0] for r in rows]

    def forget(self, user_id: int) -> int:
        """Delete everything stored under this user id; returns how many rows went."""
        total = 0
        with self.conn:
            for table in ("users", "subscriptions", "pending_reports"):
                total += self.conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,)).rowcount
            hashed = user_hash(self.conn, user_id)  # the hash is keyed by the id, so it goes too
            for table in ("questions", "unanswered"):
                total += self.conn.execute(f"DELETE FROM {table} WHERE user_hash = ?", (hashed,)).rowcount
        return total
