"""Notices what changed for a curated destination, so followers hear about it in one line.

Each destination's curated facts are snapshotted; comparing the live knowledge base with the
last snapshot works the same whether the change came from an admin command or a rebuild.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from bot.storage.kb import KnowledgeBase, Place

_DROP = {"id", "checked", "unverified", "age_days", "stale"}


@dataclass(frozen=True)
class Change:
    code: str
    name: str
    lines: tuple[str, ...]

    @property
    def summary(self) -> str:
        return "; ".join(self.lines)


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _DROP and v is not None}


def snapshot(place: Place) -> dict[str, Any]:
    return {
        "status": _clean(place.status) if place.status else None,
        "advisories": sorted((_clean(a) for a in place.advisories if a["origin"] == "curated"),
                             key=lambda a: (a["issuer"], a["as_of"])),
        "entry": {p: _clean(r) for p, r in sorted(place.curated_rules.items())},
        "events": [_clean(e) for e in place.events],
        "reports": [_clean(r) for r in place.reports],
        "howto": [_clean(h) for h in place.howto],
    }


def describe(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    so, sn = old.get("status") or {}, new.get("status") or {}
    if so.get("state") != sn.get("state"):
        lines.append(f"status is now {sn.get('state', 'unknown')} (was {so.get('state', 'unknown')})")
    elif so.get("summary") != sn.get("summary"):
        lines.append(f"status updated: {sn.get('summary', '')[:120]}")
    old_adv = {(a["issuer"], a.get("level"), a["as_of"]) for a in old.get("advisories", [])}
    for adv in new.get("advisories", []):
        if (adv["issuer"], adv.get("level"), adv["as_of"]) not in old_adv:
            level = f" Level {adv['level']}" if adv.get("level") else ""
            lines.append(f"new {adv['issuer']} advisory{level}: {adv['label']} ({adv['as_of']})")
    for passport, rule in new.get("entry", {}).items():
        before = old.get("entry", {}).get(passport)
        who = "other passports" if passport == "*" else f"{passport} passports"
        if before is None or before.get("verdict") != rule.get("verdict"):
            lines.append(f"entry for {who}: {rule['verdict']}")
        elif before != rule:
            lines.append(f"entry rule for {who} updated")
    for passport in set(old.get("entry", {})) - set(new.get("entry", {})):
        lines.append(f"entry rule for {passport} passports removed")
    old_events = {(e["date"], e["summary"]) for e in old.get("events", [])}
    for event in new.get("events", []):
        if (event["date"], event["summary"]) not in old_events:
            lines.append(f"{event['kind']} on {event['date']}: {event['summary'][:120]}")
    added_reports = len(new.get("reports", [])) - len(old.get("reports", []))
    if added_reports > 0:
        lines.append(f"{added_reports} new traveler report(s)")
    if not lines and old != new:
        lines.append("details updated")
    return lines


def _digest(snap: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(snap, sort_keys=True, default=str).encode()).hexdigest()


def detect_changes(kb: KnowledgeBase, codes: list[str] | None = None) -> list[Change]:
    """Changes since the last call, recording the new state; the first call only records."""
    conn = kb.conn
    known = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT code, digest, snapshot FROM dest_snapshots")}
    first_run = not known
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    changes: list[Change] = []
    targets = [kb.places[c] for c in codes if c in kb.places] if codes else [
        p for p in kb.places.values() if p.curated
    ]
    with conn:
        for place in targets:
            snap = snapshot(place)
            digest = _digest(snap)
            previous = known.get(place.code)
            if previous and previous[0] == digest:
                continue
            if previous and not first_run:
                lines = describe(place.name, json.loads(previous[1]), snap)
                if lines:
                    changes.append(Change(place.code, place.name, tuple(lines)))
            conn.execute(
                "INSERT INTO dest_snapshots (code, digest, snapshot, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(code) DO UPDATE SET digest = excluded.digest, snapshot = excluded.snapshot, "
                "at = excluded.at",
                (place.code, digest, json.dumps(snap, sort_keys=True, default=str), now),
            )
    return changes
