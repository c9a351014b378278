"""Composes the facts for an understood question: what to say, with dates, sources and warnings.

Pure data over the knowledge base, no formatting and no Telegram.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.answering.facts import (
    AdvisoryFact,
    Answer,
    EntryFact,
    EventFact,
    Followup,
    HowtoFact,
    ReportFact,
    all_facts,
)
from bot.answering.texts import GENERAL_DISCLAIMER, TOPIC_LABELS
from bot.knowledge.staleness import fact_age
from bot.knowledge.vocabulary import VERDICTS
from bot.storage.kb import KnowledgeBase, Place
from bot.understanding.matcher import CONFIDENCE_THRESHOLD, TOPICS, Understanding

MAX_OVERVIEW_RULES = 6
OVERVIEW_LIMITS = {"events": 4, "reports": 2, "howto": 3, "advisories": 3}


def _verdict_label(verdict: str) -> str:
    info = VERDICTS.get(verdict)
    return info.label if info else verdict


class Composer:
    def __init__(self, kb: KnowledgeBase, *, stale_days: int, today: dt.date | None = None) -> None:
        self.kb = kb
        self.stale_days = stale_days
        self._today = today

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def _fact(self, row: dict[str, Any]) -> dict[str, Any]:
        age, stale = fact_age(row["checked"], self.today, self.stale_days)
        return {
            "source": row["source"],
            "checked": row["checked"],
            "age_days": age,
            "stale": stale,
            "unverified": bool(row.get("unverified")),
        }

    def compose(self, u: Understanding) -> Answer:
        answer = Answer(question=u.question, answered=False, understanding=u, topics=list(u.topics))
        if u.ambiguous and not u.destinations:
            answer.reason = "ambiguous"
            answer.suggestions = self._suggest(u.ambiguous)
            return answer
        if not u.destinations:
            answer.reason = "nothing"
            answer.suggestions = self._suggest(u.suggestions)
            return answer
        if u.confidence < CONFIDENCE_THRESHOLD:
            answer.reason = "unsure"
            answer.suggestions = self._suggest(u.destinations)
            return answer
        place = self.kb.places[u.destinations[0]]
        answer.answered = True
        answer.code, answer.name, answer.flag = place.code, place.name, place.flag
        answer.kind, answer.curated = place.kind, place.curated
        answer.suggestions = self._suggest(u.destinations[1:] + u.suggestions)
        wanted = set(u.topics) or set(TOPICS)
        overview = not u.topics
        if place.status:
            answer.status = {**place.status, **self._fact(place.status)}
        if "entry" in wanted:
            answer.entry = self._entry(place, u.passports)
        if "safety" in wanted or overview:
            advisories = [AdvisoryFact(**self._fact(a), issuer=a["issuer"], level=a["level"], label=a["label"],
                                       as_of=a["as_of"], origin=a["origin"]) for a in self._advisories(place)]
            answer.advisories = advisories
        if "safety" in wanted:
            answer.consular = {**place.consular, **self._fact(place.consular)} if place.consular else None
        if "status" in wanted:
            events = place.events
            if overview:
                events = events[-OVERVIEW_LIMITS["events"]:]
            answer.events = [
                EventFact(**self._fact(e), date=e["date"], kind=e["kind"], summary=e["summary"], scope=e["scope"])
                for e in events
            ]
        if "reports" in wanted:
            answer.reports = self._reports(place, u.theme, limit=OVERVIEW_LIMITS["reports"] if overview else 10)
        if "howto" in wanted:
            howto = place.howto[: OVERVIEW_LIMITS["howto"]] if overview else place.howto
            answer.howto = [HowtoFact(**self._fact(h), kind=h["kind"], name=h["name"], summary=h["summary"])
                            for h in howto]
        self._disclaim(answer, place, u)
        answer.followups = self._followups(answer, u)
        return answer

    def _suggest(self, codes: list[str]) -> list[dict[str, str]]:
        out = []
        for code in dict.fromkeys(codes):
            place = self.kb.places.get(code)
            if place:
                out.append({"code": code, "name": place.name, "flag": place.flag})
        return out[:5]

    def _advisories(self, place: Place) -> list[dict[str, Any]]:
        """Newest advisory per issuer, curated before baseline; a region falls back to its country."""
        rows = place.advisories or (self.kb.places[place.parent].advisories if place.parent in self.kb.places else [])
        best: dict[str, dict[str, Any]] = {}
        for row in sorted(rows, key=lambda r: (r["origin"] != "curated", r["as_of"]), reverse=False):
            issuer = row["issuer"]
            if issuer not in best or (row["origin"] == best[issuer]["origin"] and row["as_of"] > best[issuer]["as_of"]):
                best[issuer] = row
        return sorted(best.values(), key=lambda r: (r["issuer"] != "US", r["issuer"]))

    def _entry(self, place: Place, passports: list[str]) -> list[EntryFact]:
        facts: list[EntryFact] = []
        if passports:
            rows = []
            for passport in passports:
                rule = self.kb.entry_rule(place.code, passport)
                if rule is None and passport == place.code:
                    continue  # your own country
                rows.append((passport, rule))
        else:
            return self._entry_overview(place)
        for passport, rule in rows:
            pname = "All other passports" if passport == "*" else self._passport_name(passport)
            if rule is None:
                facts.append(EntryFact(source="", checked="", age_days=0, stale=False, unverified=True,
                                       passport=passport, passport_name=pname, verdict="unknown",
                                       verdict_label=VERDICTS["unknown"].label, origin="none",
                                       summary="The knowledge base has no rule for this passport here."))
                continue
            lapsed = bool(rule.get("valid_until")) and rule["valid_until"] < self.today.isoformat()
            facts.append(EntryFact(
                **self._fact(rule),
                passport=passport,
                passport_name=pname,
                verdict=rule["verdict"],
                verdict_label=_verdict_label(rule["verdict"]),
                origin=rule["origin"],
                summary=rule["summary"],
                details=rule.get("details"),
                exception=rule.get("exception"),
                valid_until=rule.get("valid_until"),
                lapsed=lapsed,
                default_rule=bool(rule.get("default")),
            ))
        return facts

    def _entry_overview(self, place: Place) -> list[EntryFact]:
        """No passport named: one line per distinct curated rule, not one per passport (Cuba has 40)."""
        groups: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = {}
        for passport, rule in place.curated_rules.items():
            groups.setdefault((rule["verdict"], rule["summary"], rule["source"]), []).append((passport, rule))
        ordered = sorted(groups.values(), key=lambda g: (
            any(p == "*" for p, _ in g), not any(p in ("US", "GB") for p, _ in g), len(g), g[0][0]))
        facts = []
        for group in ordered[:MAX_OVERVIEW_RULES]:
            codes = sorted(p for p, _ in group if p != "*")
            rule = group[0][1]
            names = [self._passport_name(c).removesuffix(" passport") for c in codes]
            if any(p == "*" for p, _ in group):
                label = "All other passports" if not names else f"{', '.join(names[:3])} and all other passports"
            elif len(names) <= 3:
                label = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names) + (
                    " passport" if len(names) == 1 else " passports")
            else:
                label = f"{', '.join(names[:3])} and {len(names) - 3} more passports"
            lapsed = bool(rule.get("valid_until")) and rule["valid_until"] < self.today.isoformat()
            facts.append(EntryFact(
                **self._fact(rule), passport=codes[0] if codes else "*", passport_name=label,
                verdict=rule["verdict"], verdict_label=_verdict_label(rule["verdict"]),
                origin=rule["origin"], summary=rule["summary"], details=None if len(group) > 1 else rule.get("details"),
                exception=rule.get("exception"), valid_until=rule.get("valid_until"), lapsed=lapsed,
                default_rule=bool(rule.get("default")), passports=[p for p, _ in group],
            ))
        return facts

    def _passport_name(self, code: str) -> str:
        place = self.kb.places.get(code)
        return f"{place.name} passport" if place else f"{code} passport"

    def _reports(self, place: Place, theme: str, limit: int) -> list[ReportFact]:
        reports = list(place.reports)
        if theme and reports:
            ranked = self.kb.search_reports(place.code, theme)
            order = {rid: i for i, rid in enumerate(ranked)}
            reports.sort(key=lambda r: order.get(r["id"], len(order)))  # stable: newest first within a rank
        return [
            ReportFact(**self._fact(r), traveler=r["traveler"], date=r["date"], summary=r["summary"],
                       tags=r["tags"] or "", origin=r["origin"])
            for r in reports[:limit]
        ]

    def _disclaim(self, answer: Answer, place: Place, u: Understanding) -> None:
        level4 = [a for a in self._advisories(place) if a["level"] == 4]
        answer.do_not_travel = bool(level4)
        closed = bool(place.status and place.status["state"] == "closed")
        if level4 or closed:
            parts = []
            if level4:
                parts.append(f"The {level4[0]['issuer']} government rates {place.name} Level 4: do not travel.")
            if closed:
                parts.append(f"{place.name} is closed to visitors.")
            parts.append(
                "Going anyway can mean serious danger or arrest, travel insurance that does not pay out, "
                "and little or no help from your government."
            )
            answer.warnings.append(" ".join(parts))
        invalid = [e for e in answer.entry if e.verdict == "passport-invalid"]
        for fact in invalid:
            text = (
                f"Legal warning: your own government does not allow the {fact.passport_name} to be used for "
                f"{place.name}. Travelling on it anyway can cost you the passport and lead to prosecution."
            )
            if fact.exception:
                text += f" The lawful route: {fact.exception}"
            answer.warnings.append(text)
        if invalid and len(u.passports) > 1:
            answer.warnings.append(
                "Holding a second passport does not lift the rules your other country of citizenship applies to "
                "you, and consular help may be limited. Get legal advice before relying on it."
            )
        if place.consular and not answer.consular:
            answer.consular = {**place.consular, **self._fact(place.consular)}
        if any(e.origin == "baseline" for e in answer.entry):
            answer.disclaimers.append(
                f"Rules marked 'baseline' come from the Passport Index dataset of {self.kb.baseline_date}; "
                "we have not checked them for this destination."
            )
        if any(getattr(f, "stale", False) for f in all_facts(answer)):
            answer.disclaimers.append(
                f"Facts marked 'may be out of date' were last checked more than {self.stale_days} days ago."
            )
        answer.disclaimers.append(GENERAL_DISCLAIMER)

    def _followups(self, answer: Answer, u: Understanding) -> list[Followup]:
        out = [
            Followup(TOPIC_LABELS[t], answer.code or "", [t], u.passports)
            for t in TOPICS
            if [t] != u.topics
        ]
        if len(u.passports) > 1:
            for p in u.passports:
                out.append(Followup(f"Only {self._passport_name(p)}", answer.code or "", u.topics, [p]))
        return out

