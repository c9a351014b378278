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

from bot.i18n import N_
from bot.knowledge.vocabulary import EVENT_KINDS, STATES, VERDICTS
from bot.storage.kb import KnowledgeBase, Place

_DROP = {"id", "checked", "unverified", "age_days", "stale"}


# One line of a change notice: an English message with %(name)s placeholders and its values, so each follower
# reads it in their language. Values under TRANSLATED_VALUES are vocabulary labels and translated too; values
# under DATE_VALUES are ISO dates, formatted for the language.
Note = tuple[str, dict[str, Any]]
TRANSLATED_VALUES = frozenset(("state", "was", "verdict", "kind", "issuer"))
DATE_VALUES = frozenset(("date", "as_of"))


@dataclass(frozen=True)
class Change:
    code: str
    name: str
    lines: tuple[Note, ...]

    @property
    def summary(self) -> str:
        return "; ".join(message % values for message, values in self.lines)


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


def _state(state: str | None) -> str:
    return STATES[state][0] if state in STATES else N_("unknown")


def _verdict(verdict: str | None) -> str:
    return VERDICTS[verdict].label if verdict in VERDICTS else str(verdict)


def describe(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Note]:
    lines: list[Note] = []
    so, sn = old.get("status") or {}, new.get("status") or {}
    if so.get("state") != sn.get("state"):
        lines.append((N_("status is now %(state)s (was %(was)s)"),
                      {"state": _state(sn.get("state")), "was": _state(so.get("state"))}))
    elif so.get("summary") != sn.get("summary"):
        lines.append((N_("status updated: %(summary)s"), {"summary": sn.get("summary", "")[:120]}))
    old_adv = {(a["issuer"], a.get("level"), a["as_of"]) for a in old.get("advisories", [])}
    for adv in new.get("advisories", []):
        if (adv["issuer"], adv.get("level"), adv["as_of"]) not in old_adv:
            values = {"issuer": adv["issuer"], "level": adv.get("level"), "label": adv["label"], "as_of": adv["as_of"]}
            lines.append((N_("new %(issuer)s advisory Level %(level)s: %(label)s (%(as_of)s)") if adv.get("level")
                          else N_("new %(issuer)s advisory: %(label)s (%(as_of)s)"), values))
    for passport, rule in new.get("entry", {}).items():
        before = old.get("entry", {}).get(passport)
        if before is None or before.get("verdict") != rule.get("verdict"):
            values = {"passport": passport, "verdict": _verdict(rule["verdict"])}
            lines.append((N_("entry for other passports: %(verdict)s") if passport == "*"
                          else N_("entry for %(passport)s passports: %(verdict)s"), values))
        elif before != rule:
            lines.append((N_("entry rule for other passports updated") if passport == "*"
                          else N_("entry rule for %(passport)s passports updated"), {"passport": passport}))
    for passport in sorted(set(old.get("entry", {})) - set(new.get("entry", {}))):
        lines.append((N_("entry rule for %(passport)s passports removed"), {"passport": passport}))
    old_events = {(e["date"], e["summary"]) for e in old.get("events", [])}
    for event in new.get("events", []):
        if (event["date"], event["summary"]) not in old_events:
            lines.append((N_("%(kind)s on %(date)s: %(summary)s"), {
                "kind": EVENT_KINDS.get(event["kind"], event["kind"]), "date": event["date"],
                "summary": event["summary"][:120]}))
    added_reports = len(new.get("reports", [])) - len(old.get("reports", []))
    if added_reports > 0:
        lines.append((N_("new traveler reports: %(num)s"), {"num": added_reports}))
    if not lines and old != new:
        lines.append((N_("details updated"), {}))
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
