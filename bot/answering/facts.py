"""What an answer holds: facts with their dates, sources and age, before any formatting.

The renderer turns an `Answer` into Telegram HTML and the CLI into JSON; both read only this.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot.answering.texts import EXAMPLES
from bot.understanding.matcher import Understanding


@dataclass
class Fact:
    source: str
    checked: str
    age_days: int
    stale: bool
    unverified: bool


@dataclass
class EntryFact(Fact):
    passport: str
    passport_name: str
    verdict: str
    verdict_label: str
    origin: str  # curated | baseline
    summary: str
    details: str | None = None
    exception: str | None = None
    valid_until: str | None = None
    lapsed: bool = False
    default_rule: bool = False
    passports: list[str] = field(default_factory=list)  # every passport this rule covers, when grouped


@dataclass
class AdvisoryFact(Fact):
    issuer: str
    level: int | None
    label: str
    as_of: str
    origin: str


@dataclass
class EventFact(Fact):
    date: str
    kind: str
    summary: str
    scope: str | None


@dataclass
class ReportFact(Fact):
    traveler: str
    date: str
    summary: str
    tags: str
    origin: str


@dataclass
class HowtoFact(Fact):
    kind: str
    name: str
    summary: str


@dataclass
class Followup:
    label: str
    code: str
    topics: list[str]
    passports: list[str]


@dataclass
class Answer:
    question: str
    answered: bool
    understanding: Understanding
    code: str | None = None
    name: str = ""
    flag: str = ""
    kind: str = "country"
    curated: bool = False
    topics: list[str] = field(default_factory=list)
    status: dict[str, Any] | None = None
    entry: list[EntryFact] = field(default_factory=list)
    advisories: list[AdvisoryFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    reports: list[ReportFact] = field(default_factory=list)
    howto: list[HowtoFact] = field(default_factory=list)
    consular: dict[str, Any] | None = None
    disclaimers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    do_not_travel: bool = False  # a Level 4 advisory: the header must not look reassuring
    suggestions: list[dict[str, str]] = field(default_factory=list)
    followups: list[Followup] = field(default_factory=list)
    examples: tuple[str, ...] = EXAMPLES
    reason: str = ""  # why it is unanswered: nothing | ambiguous | unsure
    messages: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        u = self.understanding
        return {
            "question": self.question,
            "answered": self.answered,
            "destinations": u.destinations if self.answered else [],
            "passports": u.passports,
            "topics": self.topics,
            "confidence": u.confidence,
            "suggestions": [s["code"] for s in self.suggestions],
            "status": self.status,
            "entry": [
                {
                    "passport": e.passport,
                    "passports": e.passports or [e.passport],
                    "verdict": e.verdict,
                    "origin": e.origin,
                    "summary": e.summary,
                    "source": e.source,
                    "verified_on": e.checked,
                    "stale": e.stale,
                    "unverified": e.unverified,
                }
                for e in self.entry
            ],
            "advisories": [
                {"issuer": a.issuer, "level": a.level, "label": a.label, "as_of": a.as_of, "source": a.source}
                for a in self.advisories
            ],
            "events": [{"date": e.date, "kind": e.kind, "summary": e.summary, "source": e.source} for e in self.events],
            "reports": [
                {"traveler": r.traveler, "date": r.date, "summary": r.summary, "source": r.source} for r in self.reports
            ],
            "howto": [asdict(h) for h in self.howto],
            "warnings": self.warnings,
            "do_not_travel": self.do_not_travel,
            "disclaimers": self.disclaimers,
            "messages": self.messages,
        }



def all_facts(answer: Answer) -> list[Any]:
    return [*answer.entry, *answer.advisories, *answer.events, *answer.reports, *answer.howto]
