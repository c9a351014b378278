"""What travelers asked: counted under an opaque hash; the text kept only when the bot could not answer."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass

from bot.storage.database import now_iso, user_hash


@dataclass(frozen=True)
class Asked:
    """One question to count, possibly written later in a batch with others."""

    text: str
    user: int | str
    answered: bool
    destination: str | None
    suggestions: tuple[str, ...] = ()


def record_questions(conn: sqlite3.Connection, asked: list[Asked], *, commit: bool = True) -> None:
    """Count questions; `commit=False` joins the caller's transaction (the bot writes a batch at once)."""
    if not asked:
        return
    now = now_iso()
    hashes = {a.user: user_hash(conn, a.user) for a in asked}
    with conn if commit else contextlib.nullcontext():
        conn.executemany(
            "INSERT INTO questions (at, user_hash, answered, destination) VALUES (?, ?, ?, ?)",
            [(now, hashes[a.user], int(a.answered), a.destination) for a in asked],
        )
        conn.executemany(
            "INSERT INTO unanswered (text, at, user_hash, suggestions) VALUES (?, ?, ?, ?)",
            [(a.text[:500], now, hashes[a.user], " ".join(a.suggestions)) for a in asked if not a.answered],
        )


def record_question(
    conn: sqlite3.Connection, text: str, user: int | str, answered: bool, destination: str | None,
    suggestions: list[str] | None = None,
) -> None:
    record_questions(conn, [Asked(text, user, answered, destination, tuple(suggestions or ()))])


def unanswered_texts(conn: sqlite3.Connection, limit: int = 500) -> list[str]:
    return [r[0] for r in conn.execute("SELECT text FROM unanswered ORDER BY id DESC LIMIT ?", (limit,))]


def daily_counts(conn: sqlite3.Connection, days: int = 7) -> list[tuple[str, int, int]]:
    """(day, asked, answered), newest first."""
    rows = conn.execute(
        "SELECT substr(at, 1, 10) d, count(*), coalesce(sum(answered), 0) FROM questions "
        "GROUP BY d ORDER BY d DESC LIMIT ?", (days,)
    )
    return [(r[0], int(r[1]), int(r[2])) for r in rows]


def top_destinations(conn: sqlite3.Connection, limit: int = 5) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT destination, count(*) n FROM questions WHERE destination IS NOT NULL GROUP BY destination "
        "ORDER BY n DESC LIMIT ?", (limit,)
    )
    return [(r[0], int(r[1])) for r in rows]
