"""Admin edits of curated facts: validated like the knowledge files, atomic, audited, undoable.

Every change stores the destination's complete curated rows before and after, so undo is a
plain restore and a redelivered Telegram update (same update id) changes nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.knowledge.schema import Advisory, EntryRule, Event, Howto, Report, Status
from bot.storage import database as store
from bot.storage import rows


class AdminError(ValueError):
    """A change that cannot be applied; the message is shown to the admin as is."""


@dataclass(frozen=True)
class Applied:
    audit_id: int
    code: str
    action: str
    summary: str
    duplicate: bool = False


def _validate(model: type, data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg'].removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise AdminError(problems) from None


class Admin:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _curated(self, code: str) -> None:
        row = self.conn.execute("SELECT curated FROM destinations WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise AdminError(f"unknown destination {code}")
        if not row[0]:
            raise AdminError(f"{code} is not a curated destination: add a knowledge file for it first")

    def apply(self, admin_id: int, update_id: int | None, code: str, action: str, data: dict[str, Any]) -> Applied:
        """Validate and apply one change in one transaction, with its audit row."""
        code = code.upper()
        if update_id is not None:
            dup = self.conn.execute(
                "SELECT id, code, action FROM audit WHERE update_id = ? AND action = ?", (update_id, action)
            ).fetchone()
            if dup:
                return Applied(dup[0], dup[1], dup[2], "already applied", duplicate=True)
        self._curated(code)
        today = dt.date.today().isoformat()
        with self.conn:
            self.conn.execute("SAVEPOINT admin_change")
            try:
                before = rows.read_curated(self.conn, code)
                summary = getattr(self, f"_do_{action.replace('-', '_')}")(code, {"checked": today, **data})
                after = rows.read_curated(self.conn, code)
                if before == after:
                    raise AdminError("nothing changed")
                cur = self.conn.execute(
                    "INSERT INTO audit (at, admin_id, update_id, code, action, before, after) VALUES (?,?,?,?,?,?,?)",
                    (store.now_iso(), admin_id, update_id, code, action, json.dumps(before), json.dumps(after)),
                )
                self.conn.execute("RELEASE admin_change")
            except Exception:
                self.conn.execute("ROLLBACK TO admin_change")
                self.conn.execute("RELEASE admin_change")
                raise
        return Applied(int(cur.lastrowid), code, action, summary)

    # -- actions: each returns a one-line summary for followers and the audit ----------------
    def _do_status(self, code: str, d: dict[str, Any]) -> str:
        s = _validate(Status, {"as_of": d["checked"], **d})
        self.conn.execute("DELETE FROM status WHERE code = ?", (code,))
        rows.insert(self.conn, "status", rows.status_row(code, s))
        return f"status: {s.state}: {s.summary}"

    def _do_advisory(self, code: str, d: dict[str, Any]) -> str:
        a = _validate(Advisory, {"as_of": d["checked"], **d})
        rows.insert(self.conn, "advisories", rows.advisory_row(code, a))
        return f"{a.issuer} advisory{f' Level {a.level}' if a.level else ''}: {a.label}"

    def _do_entry(self, code: str, d: dict[str, Any]) -> str:
        r = _validate(EntryRule, d)
        for row in rows.entry_rows(code, r):
            self.conn.execute(
                "DELETE FROM entry_rules WHERE code = ? AND passport = ? AND origin = 'curated'",
                (code, row["passport"]),
            )
            rows.insert(self.conn, "entry_rules", row)
        return f"entry for {','.join(r.passports)}: {r.verdict}"

    def _do_unentry(self, code: str, d: dict[str, Any]) -> str:
        passport = str(d.get("passport", "")).upper()
        if passport == "*":
            raise AdminError("the default rule ('*') cannot be removed, only changed")
        cur = self.conn.execute(
            "DELETE FROM entry_rules WHERE code = ? AND passport = ? AND origin = 'curated'", (code, passport)
        )
        if not cur.rowcount:
            raise AdminError(f"{code} has no curated rule for {passport}")
        return f"entry rule for {passport} removed"

    def _do_event(self, code: str, d: dict[str, Any]) -> str:
        e = _validate(Event, d)
        rows.insert(self.conn, "events", rows.event_row(code, e))
        return f"{e.kind} on {e.date}: {e.summary}"

    def _do_report(self, code: str, d: dict[str, Any]) -> str:
        r = _validate(Report, d)
        rows.insert(self.conn, "reports", rows.report_row(code, r))
        return f"new traveler report ({r.date})"

    def _do_howto(self, code: str, d: dict[str, Any]) -> str:
        h = _validate(Howto, d)
        rows.insert(self.conn, "howto", rows.howto_row(code, h))
        return f"how-to: {h.name}"

    def _do_alias(self, code: str, d: dict[str, Any]) -> str:
        name = str(d.get("name", "")).strip()
        if not name or len(name) > 80:
            raise AdminError("an alias needs 1 to 80 characters")
        exists = self.conn.execute(
            "SELECT 1 FROM names WHERE code = ? AND name = ? AND kind = 'alias'", (code, name)
        ).fetchone()
        if exists:
            raise AdminError(f"{code} already has the alias {name!r}")
        rows.insert(self.conn, "names", rows.alias_row(code, name))
        return f"new name: {name}"

    def _do_unalias(self, code: str, d: dict[str, Any]) -> str:
        name = str(d.get("name", "")).strip()
        cur = self.conn.execute("DELETE FROM names WHERE code = ? AND name = ? AND kind = 'alias'", (code, name))
        if not cur.rowcount:
            raise AdminError(f"{code} has no alias {name!r}")
        return f"name removed: {name}"

    def _do_remove(self, code: str, d: dict[str, Any]) -> str:
        """Remove the n-th event / report / how-to / advisory as listed by /facts."""
        table = {"event": "events", "report": "reports", "howto": "howto", "advisory": "advisories"}.get(d["kind"])
        if table is None:
            raise AdminError("kind must be event, report, howto or advisory")
        rows = self.facts(code).get(table, [])
        index = int(d["number"]) - 1
        if not 0 <= index < len(rows):
            raise AdminError(f"there is no {d['kind']} number {d['number']} (see /facts {code})")
        if table == "advisories" and len(rows) == 1:
            raise AdminError("a destination keeps at least one advisory")
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (rows[index]["id"],))
        return f"{d['kind']} removed"

    def _do_verify(self, code: str, d: dict[str, Any]) -> str:
        today = d["checked"]
        for table in rows.DATED_TABLES:
            self.conn.execute(f"UPDATE {table} SET checked = ? WHERE {rows.curated_where(table)}", (today, code))
        return f"all facts re-checked on {today}"

    # -- reading ------------------------------------------------------------------------------
    def facts(self, code: str) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for table in ("advisories", "events", "reports", "howto"):
            order = "date, id" if table == "events" else "id"
            cur = self.conn.execute(f"SELECT * FROM {table} WHERE {rows.curated_where(table)} ORDER BY {order}",
                                    (code,))
            cols = [c[0] for c in cur.description]
            out[table] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        return out

    def history(self, code: str, limit: int = 10) -> list[dict[str, Any]]:
        found = self.conn.execute(
            "SELECT id, at, admin_id, action FROM audit WHERE code = ? ORDER BY id DESC LIMIT ?",
            (code.upper(), limit),
        ).fetchall()
        return [{"id": r[0], "at": r[1], "admin_id": r[2], "action": r[3]} for r in found]

    def undo(self, admin_id: int, update_id: int | None) -> Applied:
        """Revert this admin's latest change that is not itself undone; the undo is audited too."""
        if update_id is not None:
            dup = self.conn.execute(
                "SELECT id, code FROM audit WHERE update_id = ? AND action LIKE 'undo%'", (update_id,)
            ).fetchone()
            if dup:
                return Applied(dup[0], dup[1], "undo", "already applied", duplicate=True)
        undone = {
            int(r[0].split("#")[1])
            for r in self.conn.execute("SELECT action FROM audit WHERE action LIKE 'undo #%'")
        }
        for row in self.conn.execute(
            "SELECT id, code, action, before, after FROM audit WHERE admin_id = ? AND action NOT LIKE 'undo%' "
            "ORDER BY id DESC",
            (admin_id,),
        ).fetchall():
            if row[0] in undone:
                continue
            audit_id, code, action, before, after = row
            with self.conn:
                rows.replace_curated(self.conn, code, json.loads(before))
                cur = self.conn.execute(
                    "INSERT INTO audit (at, admin_id, update_id, code, action, before, after) VALUES (?,?,?,?,?,?,?)",
                    (store.now_iso(), admin_id, update_id, code, f"undo #{audit_id}", after, before),
                )
            return Applied(int(cur.lastrowid), code, f"undo #{audit_id}", f"reverted: {action}")
        raise AdminError("you have no change left to undo")


# -- export back to knowledge files -------------------------------------------------------------
def export_destination(conn: sqlite3.Connection, code: str) -> dict[str, Any]:
    cur = conn.execute("SELECT * FROM destinations WHERE code = ?", (code,))
    cols = [d[0] for d in cur.description]
    dest = dict(zip(cols, cur.fetchone(), strict=True))
    return rows.destination_data(dest, rows.read_curated(conn, code))


def export_all(conn: sqlite3.Connection, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for (code,) in conn.execute("SELECT code FROM destinations WHERE curated = 1 ORDER BY code").fetchall():
        path = out_dir / f"{code.lower()}.yaml"
        text = yaml.safe_dump(export_destination(conn, code), sort_keys=False, allow_unicode=True, width=100)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    store.record_export(conn)
    return written
