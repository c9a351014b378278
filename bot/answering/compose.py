"""Composes the facts for an understood question: what to say, with dates, sources and warnings.

Pure data over the knowledge base, no formatting and no Telegram.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.answering.facts import (
    AdvisoryFact,
    Answer,
    Comparison,
    EntryFact,
    EventFact,
    Followup,
    Headline,
    HowtoFact,
    Line,
    ReportFact,
    all_facts,
)
from bot.answering.texts import (
    ASK_PASSPORT,
    BASELINE_NOTE,
    DANGER_NOTE,
    DUAL_NATIONAL_WARNING,
    GENERAL_DISCLAIMER,
    ISSUER_NAMES,
    LAPSED_NOTE,
    LAWFUL_ROUTE,
    LEGAL_TRAP,
    LEVEL_NAMES,
    NO_ADVISORY,
    NO_DATES,
    NOT_ADMITTED_WARNING,
    PASSPORT_INVALID_FOR_HOLDERS,
    PASSPORT_INVALID_WARNING,
    STALE_NOTE,
    STATE_TEXTS,
    TOPIC_LABELS,
)
from bot.knowledge.staleness import fact_age
from bot.knowledge.vocabulary import EVENT_KINDS, ISSUER_OF_PASSPORT, STATES, VERDICTS, advises_against_all_travel
from bot.storage.kb import KnowledgeBase, Place
from bot.understanding.matcher import CONFIDENCE_THRESHOLD, TOPICS, Understanding

MAX_OVERVIEW_RULES = 6
ORIGIN_RANK = {"baseline": 0, "curated": 1, "shared": 1, "feed": 2}  # on the same date, the official feed wins
REOPEN_WORDS = ("reopen", "open", "откр", "відкр", "öffn", "offen", "ouvert", "abri", "abert", "开放")
US_NOTE = re.compile(r"\b(US|U\.S\.|American|Americans|United States)\b")
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

    def compose(self, u: Understanding, *, detail: bool = False) -> Answer:
        answer = Answer(question=u.question, answered=False, understanding=u, topics=list(u.topics), detail=detail)
        if u.intent == "off-topic" and not detail:
            return self._off_topic(answer, u)
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
        wanted = set(u.topics) or set(TOPICS)
        overview = not u.topics
        advisories = self._advisories(place, u.passports)
        if place.status:
            answer.status = {**place.status, **self._fact(place.status)}
        answer.entry = self._entry(place, u.passports) if u.passports or "entry" in wanted else []
        if "safety" in wanted or overview or u.intent == "level":
            answer.advisories = [AdvisoryFact(**self._fact(a), issuer=a["issuer"], level=a["level"],
                                              label=_scoped(a), as_of=a["as_of"], origin=a["origin"],
                                              brief=_risk(a), full=_risk(a, brief=False)) for a in advisories]
        consular = self._consular(place, u.passports)
        if "safety" in wanted and consular:
            answer.consular = consular
        if place.legal:
            answer.legal = {**place.legal, **self._fact(place.legal)}
        if u.intent == "when" and not detail:
            events = self._when_events(place, u)
        elif "status" in u.topics or (detail and overview):
            events = place.events if detail else place.events[-2:]
            if overview:
                events = events[-OVERVIEW_LIMITS["events"]:]
        else:
            events = []
        answer.events = [
            EventFact(**self._fact(e), date=e["date"], kind=e["kind"], summary=e["summary"], scope=e["scope"])
            for e in events
        ]
        if "reports" in wanted:
            limit = 10 if detail else OVERVIEW_LIMITS["reports"]
            answer.reports = self._reports(place, u.theme, limit=limit)
        if "howto" in wanted:
            howto = place.howto if detail else place.howto[: 2 if not overview else OVERVIEW_LIMITS["howto"]]
            answer.howto = [HowtoFact(**self._fact(h), kind=h["kind"], name=h["name"], summary=h["summary"])
                            for h in howto]
        answer.headline = self._headline(place, advisories)
        self._disclaim(answer, place, u, advisories)
        self._light(answer, place, advisories)
        answer.direct = self._direct(answer, place, u, advisories)
        if u.intent == "compare" and len(u.destinations) > 1:
            answer.comparison = [self._compare_line(self.kb.places[c], u.passports)
                                 for c in u.destinations[:4] if c in self.kb.places]
            answer.direct = []
            answer.warnings = [w for w in answer.warnings if w != DANGER_NOTE]
        answer.suggestions = self._suggest([c for c in u.destinations[1:] + u.suggestions
                                            if c not in {x.code for x in answer.comparison}])
        answer.followups = self._followups(answer, u)
        return answer

    # -- the answer to what was asked, first -----------------------------------------------------
    def _off_topic(self, answer: Answer, u: Understanding) -> Answer:
        """Flights, hotels, weather...: one line on what Borderline does, and the named place's risk."""
        answer.off_topic = True
        answer.reason = "off-topic"
        if u.destinations and u.confidence >= CONFIDENCE_THRESHOLD and u.destinations[0] in self.kb.places:
            place = self.kb.places[u.destinations[0]]
            answer.code, answer.name, answer.flag = place.code, place.name, place.flag
            answer.headline = self._headline(place, self._advisories(place, u.passports))
        return answer

    def _headline(self, place: Place, advisories: list[dict[str, Any]]) -> Headline:
        parent = self.kb.places.get(place.parent or "")
        label = place.name if not parent or parent.name in place.name else f"{place.name}, {parent.name}"
        risk_row = advisories[0] if advisories else None
        risk = _risk(risk_row) if risk_row else ""
        barred = any(_do_not_travel(a) for a in advisories)
        state = (place.status or {}).get("state")
        level3 = any((a["level"] or 0) >= 3 for a in advisories)
        if state == "open" and barred:
            text, icon = STATE_TEXTS["open-do-not-travel"], "⚠️"  # never "open" under do-not-travel
        elif state == "open" and level3:
            text, icon = STATE_TEXTS["open-reconsider"], "🟠"
        elif state in STATES:
            text, icon = STATES[state]
        else:
            text, icon = "", "⚠️" if barred else ""
        return Headline(place=label, state=text, icon=icon, risk=risk)

    def _direct(self, answer: Answer, place: Place, u: Understanding, advisories: list[dict[str, Any]]) -> list[Line]:
        lines: list[Line] = []
        if u.intent == "when":
            lines += self._when_lines(answer, place)
        if u.intent == "level" or "safety" in u.topics:
            lines += [Line(_risk(a, brief=False) if len(a["label"]) < 140 else _risk(a), a["source"], when=a["as_of"])
                      for a in advisories[:3]]
            if not advisories:
                lines.append(Line(NO_ADVISORY))
        for e in answer.entry:
            if not u.passports:
                break
            when = f"checked {e.checked}" if e.origin != "baseline" else f"dataset of {e.checked}"
            if e.stale:
                when += " ⚠️"
            if e.unverified and e.origin != "none":
                when += ", unverified"
            label = e.verdict_label + (" (dataset only, not checked by us)" if e.origin == "baseline" else "")
            lapse = LAPSED_NOTE.format(date=e.valid_until) if e.lapsed else ""
            lines.append(Line(short(e.summary, 200), e.source, e.icon, f"{e.passport_name}: {label}", when, lapse))
        if not u.passports and ("entry" in u.topics or not u.topics) and u.intent not in ("when", "level"):
            others = [e for e in answer.entry if "*" in e.passports]
            shown = [e for e in answer.entry if "*" not in e.passports][: 2 - len(others[:1])] + others[:1]
            for e in shown:  # no passport known: the curated rules, grouped (all others last), then ask for it
                lines.append(Line(short(e.summary, 100), e.source, e.icon, f"{e.passport_name}: {e.verdict_label}"))
            lines.append(Line(ASK_PASSPORT.format(name=place.name)))
        if "status" in u.topics and u.intent != "when" and answer.status and not u.passports:
            lines.append(Line(short(answer.status["summary"], 260), answer.status["source"],
                              when=f"as of {answer.status['as_of']}"))
        return lines

    @staticmethod
    def _light(answer: Answer, place: Place, advisories: list[dict[str, Any]]) -> None:
        """Each verdict's icon: no green light where travel is barred or advised against, nor for a dataset-only
        verdict under Level 3 or 4 (the brief answer and the detailed view read this one rule)."""
        green_ok = not answer.do_not_travel and (place.status or {}).get("state") != "closed"
        max_level = max((a["level"] or 0 for a in advisories), default=0)
        for e in answer.entry:
            info = VERDICTS.get(e.verdict)
            e.icon = info.icon if info else ""
            if e.icon == "✅" and (not green_ok or (e.origin == "baseline" and max_level >= 3)):
                e.icon = "⚠️"

    @staticmethod
    def _when_events(place: Place, u: Understanding) -> list[dict[str, Any]]:
        """A "when" question gets dates: the latest reopenings (each with its scope) and what closed it since."""
        events = [e for e in place.events if e["kind"] in ("closure", "reopening", "suspension")]
        if not any(t in u.question.casefold() for t in REOPEN_WORDS):
            return events[-3:]
        reopenings = [e for e in events if e["kind"] == "reopening"][-3:]
        closings = [e for e in events if e["kind"] != "reopening" and (not reopenings
                                                                    or e["date"] > reopenings[0]["date"])]
        return sorted(reopenings + closings[-1:], key=lambda e: e["date"])

    def _when_lines(self, answer: Answer, place: Place) -> list[Line]:
        if not answer.events:
            return [Line(NO_DATES.format(name=place.name))]
        return [Line(f"{EVENT_KINDS[e.kind]} {e.date}{_scope(e.scope)}: {short(e.summary, 180)}",
                     e.source) for e in answer.events]

    def _compare_line(self, place: Place, passports: list[str]) -> Comparison:
        advisories = self._advisories(place, passports)
        head = self._headline(place, advisories)
        verdicts = {}
        for p in passports[:3]:
            rule = self.kb.entry_rule(place.code, p)
            if rule:
                verdicts[p] = rule["verdict"]
        parts = [x for x in (head.state, head.risk) if x]
        shown = "; ".join(f"{p}: {_verdict_label(v)}" for p, v in verdicts.items())
        line = " · ".join(parts) + (f" — {shown}" if shown else "")
        return Comparison(place.code, place.name, place.flag, head.state, head.risk, verdicts, line)

    def _suggest(self, codes: list[str]) -> list[dict[str, str]]:
        out = []
        for code in dict.fromkeys(codes):
            place = self.kb.places.get(code)
            if place:
                out.append({"code": code, "name": place.name, "flag": place.flag})
        return out[:5]

    def _advisories(self, place: Place, passports: list[str] | None = None) -> list[dict[str, Any]]:
        """Newest advisory per issuer (curated on a tie), the asker's own government first, then the strictest.
        A region without advisories of its own shows its country's."""
        rows = place.advisories or (self.kb.places[place.parent].advisories if place.parent in self.kb.places else [])
        best: dict[str, dict[str, Any]] = {}
        for row in rows:
            issuer = row["issuer"]
            key = (row["as_of"], ORIGIN_RANK.get(row["origin"], 0), bool(row.get("scope")))
            if issuer not in best or key > best[issuer]["_key"]:
                best[issuer] = {**row, "_key": key}
        own = [ISSUER_OF_PASSPORT.get(p) for p in passports or []]
        ordered = sorted(best.values(), key=lambda r: (
            r["issuer"] not in own, own.index(r["issuer"]) if r["issuer"] in own else 0,
            -(r["level"] or (4 if _do_not_travel(r) else 0)), r["issuer"] != "US", r["issuer"]))
        return [{k: v for k, v in r.items() if k != "_key"} for r in ordered]

    def _consular(self, place: Place, passports: list[str]) -> dict[str, Any] | None:
        """A consular note is about one government's help: shown to its citizens, or when no passport is known."""
        note = place.consular
        if not note:
            return None
        issuer = note.get("issuer") or ("US" if US_NOTE.search(note["summary"]) else None)
        if issuer and passports and not any(ISSUER_OF_PASSPORT.get(p, p) == issuer for p in passports):
            return None
        return {**note, **self._fact(note)}

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

    def _disclaim(self, answer: Answer, place: Place, u: Understanding, advisories: list[dict[str, Any]]) -> None:
        """Warnings scaled to the risk, the legal trap first; disclaimers said once."""
        barred = [a for a in advisories if _do_not_travel(a)]
        answer.do_not_travel = bool(barred)
        closed = bool(place.status and place.status["state"] == "closed")
        if place.legal:
            legal = place.legal
            text = f"{LEGAL_TRAP}: {short(legal['summary'], 300)} {LAWFUL_ROUTE}: {short(legal['lawful_route'], 300)}"
            if legal.get("consequences"):
                text += f" {short(legal['consequences'], 220)}"
            answer.warnings.append(text)
        for fact in [e for e in answer.entry if e.verdict == "passport-invalid"]:
            template = PASSPORT_INVALID_WARNING if u.passports else PASSPORT_INVALID_FOR_HOLDERS
            text = template.format(passport=fact.passport_name, place=place.name)
            if fact.exception:
                text += f" {LAWFUL_ROUTE}: {short(fact.exception, 180)}"
            answer.warnings.append(text)
        for fact in [e for e in answer.entry if e.verdict == "no-admission" and u.passports]:
            answer.warnings.append(NOT_ADMITTED_WARNING.format(passport=fact.passport_name, place=place.name))
        if len(u.passports) > 1:
            answer.warnings.append(DUAL_NATIONAL_WARNING)
        if barred or closed:
            answer.warnings.append(DANGER_NOTE)
        if any(e.origin == "baseline" for e in answer.entry):
            answer.disclaimers.append(BASELINE_NOTE.format(date=self.kb.baseline_date))
        stale = [f for f in all_facts(answer) if getattr(f, "stale", False)]
        if stale:
            oldest = min(f.checked for f in stale)
            answer.disclaimers.append(STALE_NOTE.format(days=self.stale_days, oldest=oldest))
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



def short(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a sentence or word boundary."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "))
    if end > limit * 0.5:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"


def _scope(scope: str | None) -> str:
    return f" ({scope})" if scope else ""


def _scoped(advisory: dict[str, Any]) -> str:
    scope = advisory.get("scope")
    return f"{advisory['label']} ({scope})" if scope and scope.casefold() not in advisory["label"].casefold() \
        else advisory["label"]


def _do_not_travel(advisory: dict[str, Any]) -> bool:
    return advises_against_all_travel(advisory["issuer"], advisory.get("level"), advisory.get("label", ""))


def _risk(advisory: dict[str, Any], *, brief: bool = True) -> str:
    """"US Level 4: do not travel"; a long curated label is kept for the detailed view."""
    issuer = ISSUER_NAMES.get(advisory["issuer"], advisory["issuer"])
    level = advisory.get("level")
    if brief and level and advisory["issuer"] in LEVEL_NAMES:
        scope = f" ({advisory['scope']})" if advisory.get("scope") else ""
        return f"{issuer} Level {level}: {LEVEL_NAMES[advisory['issuer']][level]}{scope}"
    label = _scoped(advisory) if not brief else short(_scoped(advisory), 90)
    return f"{issuer}{f' Level {level}' if level else ''}: {label}"
