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
    icon: str = ""  # set by the composer: never a green light where travel is barred
    # a region whose own rule defers to its country's ("India's entry rules apply"): the country's rule, with
    # the region's own words and their source beside it
    rule_of: str = ""
    rule_of_name: str = ""
    local: str = ""
    local_source: str = ""


@dataclass
class AdvisoryFact(Fact):
    issuer: str
    level: int | None
    label: str
    as_of: str
    origin: str
    brief: str = ""  # "US Level 4: do not travel", for headlines and the first message
    full: str = ""  # the issuer's whole label, for the detailed view


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
class Line:
    """One line of the direct answer, with the page it rests on."""

    text: str
    source: str = ""
    icon: str = ""
    strong: str = ""  # the part shown in bold (the verdict)
    when: str = ""  # the date the fact was checked or took effect, never cut off
    note: str = ""  # a caveat that must stay whole (a restriction that lapsed without a confirmed renewal)
    kind: str = ""  # "risk" for an advisory's line (the most compact answer keeps only the first); "ask": never cut;
    # "when": a dated event of a "when" answer (compact answers keep the two latest);
    # "status": the place's status, which the most compact answer with a legal trap leaves to the headline's state
    covered: bool = False  # a warning above says what `text` says (a passport not valid or not admitted there)
    stale_on: str = ""  # when the fact it rests on is stale: the date it was last checked
    brief: str = ""  # a shorter form of `text`, cut between clauses, for when `text` is too long to show whole
    dataset: bool = False  # rests on the dataset alone: its "dataset only" label and date say how old it is
    when_source: str = ""  # the page of the fact `when` dates, when it is not `source` (a country's rule for a region)

    @property
    def plain(self) -> str:
        text = f"{self.strong} — {self.text}" if self.strong else self.text
        return " ".join(x for x in (text, f"({self.when})" if self.when else "", self.note) if x)


@dataclass
class Headline:
    place: str  # with its scope: "Rason, North Korea"
    state: str  # honest: "Entry possible · US Level 4: do not travel", never "open" for a war zone
    icon: str
    risk: str = ""
    stale_on: str = ""  # the risk's advisory is stale: the date it was last checked


@dataclass
class Comparison:
    code: str
    name: str
    flag: str
    state: str
    risk: str
    verdicts: dict[str, str] = field(default_factory=dict)
    line: str = ""


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
    stale_note: str = ""  # the one of the disclaimers saying some facts are stale (over all the answer's facts)
    behind: list[str] = field(default_factory=list)  # topics asked for that a brief answer with a legal block
    # leaves to their buttons at its most compact
    baseline_note: str = ""  # the one of the disclaimers on the dataset's rules (each also marked on its line)
    stale_days: str = ""  # its number of days, formatted: a brief answer words it for the facts it shows
    warnings: list[str] = field(default_factory=list)
    do_not_travel: bool = False  # a Level 4 advisory: the header must not look reassuring
    suggestions: list[dict[str, str]] = field(default_factory=list)
    followups: list[Followup] = field(default_factory=list)
    examples: tuple[str, ...] = EXAMPLES
    reason: str = ""  # why it is unanswered: nothing | ambiguous | unsure | off-topic
    headline: Headline | None = None
    direct: list[Line] = field(default_factory=list)
    comparison: list[Comparison] = field(default_factory=list)
    legal: dict[str, Any] | None = None
    off_topic: bool = False
    detail: bool = False  # a topic asked for with a button: show everything, not the brief answer
    lang: str = "en"  # the language of every word Borderline writes itself in this answer
    untranslated: bool = False  # curated facts shown in English in an answer in another language
    english_in: dict[str, bool] = field(default_factory=dict)  # events, reports, howto, consular: English still?
    english_fixed: bool = False  # ... in what every layout shows (rules, state, trap, first risk), not only events
    english_lean: bool = True  # ... still at the most compact layout of an answer with a legal trap
    messages: list[str] = field(default_factory=list)

    def direct_lines(self, compact: int) -> list[Line]:
        """The direct answer at a compaction level: every verdict always; from level 3 a "when" answer's two latest
        dates; at the last level only the first risk line (the asker's own government's, else the strictest)."""
        lines = self.direct
        dates = [line for line in lines if line.kind == "when"]
        if compact >= 3 and len(dates) > 2:  # a "when" answer keeps its two latest dates (events come oldest first)
            lines = [line for line in lines if line.kind != "when" or line in dates[-2:]]
        risks = [line for line in lines if line.kind == "risk"]
        if compact < 4 or len(risks) < 2:
            return lines
        return [line for line in lines if line.kind != "risk" or line is risks[0]]

    def to_json(self) -> dict[str, Any]:
        u = self.understanding
        return {
            "question": self.question,
            "lang": self.lang,
            "answered": self.answered,
            "destinations": u.destinations if self.answered or self.off_topic else [],
            "passports": u.passports,
            "dual": u.dual,
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
                    **({"rule_of": e.rule_of} if e.rule_of else {}),
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
            "direct": [line.plain for line in self.direct],
            "comparison": [
                {"code": c.code, "name": c.name, "state": c.state, "risk": c.risk, "verdicts": c.verdicts,
                 "line": c.line}
                for c in self.comparison
            ],
            "off_topic": self.off_topic,
            "context_used": u.context_used,
            "legal": self.legal,
            "warnings": self.warnings,
            "do_not_travel": self.do_not_travel,
            "disclaimers": self.disclaimers,
            "messages": self.messages,
        }



def all_facts(answer: Answer) -> list[Any]:
    return [*answer.entry, *answer.advisories, *answer.events, *answer.reports, *answer.howto]
