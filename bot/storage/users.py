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

    def language(self, chat_id: int) -> str | None:
        row = self.conn.execute("SELECT lang FROM chat_languages WHERE chat_id = ?", (chat_id,)).fetchone()
        return row[0] if row else None

    def set_language(self, chat_id: int, lang: str | None) -> None:
        """A private chat's id is its user's id, so this is the traveler's choice there and the group's in a group;
        None goes back to choosing by the question and the Telegram setting."""
        with self.conn:
            if lang:
                self.conn.execute(
                    "INSERT INTO chat_languages (chat_id, lang, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(chat_id) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at",
                    (chat_id, lang, now_iso()))
            else:
                self.conn.execute("DELETE FROM chat_languages WHERE chat_id = ?", (chat_id,))

    def follow(self, user_id: int, code: str, lang: str | None = None) -> bool:
        """True when newly followed; `lang` is the language the change notices go out in."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO subscriptions (user_id, code, created_at, lang) VALUES (?, ?, ?, ?)",
                (user_id, code, now_iso(), lang),
            )
            if not cur.rowcount and lang:
                self.conn.execute("UPDATE subscriptions SET lang = ? WHERE user_id = ? AND code = ?",
                                  (lang, user_id, code))
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

    def followers_by_language(self, code: str) -> dict[str, list[int]]:
        """Followers of `code` grouped by the language of their notices: their /language choice, else the language
        they followed in, else English."""
        rows = self.conn.execute(
            "SELECT s.user_id, COALESCE(c.lang, s.lang, 'en') FROM subscriptions s "
            "LEFT JOIN chat_languages c ON c.chat_id = s.user_id WHERE s.code = ? ORDER BY s.user_id", (code,))
        out: dict[str, list[int]] = {}
        for user_id, lang in rows:
            out.setdefault(lang, []).append(user_id)
        return out

    def forget(self, user_id: int) -> int:
        """Delete everything stored under this user id; returns how many rows went."""
        total = 0
        with self.conn:
            for table in ("users", "subscriptions", "pending_reports"):
                total += self.conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,)).rowcount
            total += self.conn.execute("DELETE FROM chat_languages WHERE chat_id = ?", (user_id,)).rowcount
            hashed = user_hash(self.conn, user_id)  # the hash is keyed by the id, so it goes too
            for table in ("questions", "unanswered"):
                total += self.conn.execute(f"DELETE FROM {table} WHERE user_hash = ?", (hashed,)).rowcount
        return total
