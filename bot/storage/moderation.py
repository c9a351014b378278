"""Traveler reports sent with /share, waiting for an admin to approve or reject them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bot.storage.database import now_iso


@dataclass(frozen=True)
class PendingReport:
    id: int
    user_id: int
    code: str
    text: str
    named: str | None
    state: str
    at: str


def submit(conn: sqlite3.Connection, user_id: int, code: str, text: str, named: str | None) -> int:
    with conn:
        cur = conn.execute(
            "INSERT INTO pending_reports (at, user_id, code, text, named) VALUES (?, ?, ?, ?, ?)",
            (now_iso(), user_id, code, text, named),
        )
    return int(cur.lastrowid or 0)


def waiting(conn: sqlite3.Connection, limit: int = 20) -> list[PendingReport]:
    rows = conn.execute(
        "SELECT id, user_id, code, text, named, state, at FROM pending_reports WHERE state = 'pending' "
        "ORDER BY id LIMIT ?", (limit,)
    )
    return [PendingReport(*r) for r in rows]


def get(conn: sqlite3.Connection, report_id: int) -> PendingReport | None:
    row = conn.execute(
        "SELECT id, user_id, code, text, named, state, at FROM pending_reports WHERE id = ?", (report_id,)
    ).fetchone()
    return PendingReport(*row) if row else None


def decide(conn: sqlite3.Connection, report_id: int, *, approved: bool, admin_id: int, reason: str = "") -> None:
    with conn:
        conn.execute(
            "UPDATE pending_reports SET state = ?, reason = ?, decided_at = ?, decided_by = ? WHERE id = ?",
            ("approved" if approved else "rejected", reason[:300] or None, now_iso(), admin_id, report_id),
        )
