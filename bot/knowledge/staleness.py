"""Which facts are too old to trust without re-checking: the one definition of a fact's age."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.schema import Destination, LandBorder, PairRule


@dataclass(frozen=True)
class StaleFact:
    code: str
    kind: str
    summary: str
    checked: dt.date
    age_days: int

    def __str__(self) -> str:
        return f"{self.code} {self.kind}: checked {self.checked} ({self.age_days} days ago): {self.summary[:70]}"


def age_days(checked: str | dt.date, today: dt.date) -> int:
    day = checked if isinstance(checked, dt.date) else dt.date.fromisoformat(str(checked)[:10])
    return (today - day).days


def fact_age(checked: str | dt.date, today: dt.date, max_age: int) -> tuple[int, bool]:
    """(age in days, stale?) for a fact checked on `checked`."""
    age = age_days(checked, today)
    return age, age > max_age


def stale_facts(destinations: list[Destination], today: dt.date, max_age: int, pairs: Sequence[PairRule] = (),
                borders: Sequence[LandBorder] = ()) -> list[StaleFact]:
    """Facts of the knowledge files (curated facts, pair rules, closed land borders) older than `max_age` days."""
    facts = [(dest.code, kind, summary, checked) for dest in destinations
             for kind, summary, checked in dest_facts(dest)]
    facts += [(r.destination, "pair rule", f"{','.join(r.passports)}: {r.verdict}", r.checked) for r in pairs]
    facts += [("-".join(b.between), "land border", b.summary, b.checked) for b in borders]
    found: list[StaleFact] = []
    for code, kind, summary, checked in facts:
        age, stale = fact_age(checked, today, max_age)
        if stale:
            found.append(StaleFact(code, kind, summary, checked, age))
    return found


def dest_facts(dest: Destination) -> list[tuple[str, str, dt.date]]:
    facts: list[tuple[str, str, dt.date]] = [("status", dest.status.summary, dest.status.checked)]
    facts += [("advisory", f"{a.issuer} {a.label}", a.checked) for a in dest.advisories]
    facts += [("entry rule", f"{','.join(r.passports)}: {r.verdict}", r.checked) for r in dest.entry]
    facts += [("event", f"{e.date} {e.summary}", e.checked) for e in dest.events]
    facts += [("report", f"{r.traveler}: {r.summary}", r.checked) for r in dest.reports]
    facts += [("how-to", h.name, h.checked) for h in dest.howto]
    if dest.consular:
        facts.append(("consular", dest.consular.summary, dest.consular.checked))
    if dest.legal:
        facts.append(("legal", dest.legal.summary, dest.legal.checked))
    return facts
