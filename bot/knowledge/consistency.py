"""Rules that keep the curated knowledge true to itself and to its sources.

Errors stop a build: a green light for a passport the same file says is barred, or a source that
is a homepage or an archive page instead of the page stating the fact. Warnings are for review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from bot.knowledge.reference import PASSPORT_INDEX_URL, BaselineAdvisory, Country, fold
from bot.knowledge.schema import Destination, Sourced
from bot.knowledge.vocabulary import EASY_ENTRY, advises_against_all_travel

# Pages that copy or aggregate rather than state: reviewed before they are trusted.
LOW_TRUST_DOMAINS = frozenset({
    "visaverge.com", "nepyork.com", "glance.com", "trends.glance.com", "inkl.com", "travelgossip.co.uk",
    "travelsafely.info", "experts123.com", "civilsias.com", "gokulamseekias.com", "boredpanda.com",
    "news-pravda.com", "lokmattimes.com", "afrikpage.com", "yunnanexploration.com", "tibettriphub.com",
})
_INDEX_PATH = re.compile(
    r"^/\d{4}/(\d{2}/?)?$"  # a month archive (nknews.org/2025/06/)
    r"|^/(blog|news|archives?|press|media)/?$"  # a section front page (koryogroup.com/blog/)
    r"|^/(category|tag|topics?)/[^/]+/?$|/page/\d+/?$|^/index\.html?$"
    r"|/traveladvisories/traveladvisories\.html$",  # the State Department's list of all advisories
    re.IGNORECASE,
)
_BAR_WORDS = ("bar", "ban", "suspend", "not admit", "refus", "halt", "closed to", "no longer")


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: knowledge/destinations/{self.code.lower()}.yaml: {self.message}"


def _facts(dest: Destination) -> Iterable[tuple[str, Sourced]]:
    yield "status", dest.status
    yield from (("advisory", a) for a in dest.advisories)
    yield from (("entry rule " + ",".join(r.passports), r) for r in dest.entry)
    yield from ((f"event {e.date}", e) for e in dest.events)
    yield from ((f"report {r.traveler}", r) for r in dest.reports)
    yield from ((f"how-to {h.name}", h) for h in dest.howto)
    if dest.consular:
        yield "consular", dest.consular
    if dest.legal:
        yield "legal", dest.legal


def source_problem(url: str) -> str | None:
    """Why a URL cannot be a fact's source (a bare domain, an index or archive page), or None."""
    parsed = urlparse(url)
    path = parsed.path or "/"
    if path == "/" and not parsed.query:
        return "is a bare domain, not the page that states the fact"
    if _INDEX_PATH.search(path):
        return "is an index or archive page, not the page that states the fact"
    return None


def _domain(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


def _names_of(code: str, countries: dict[str, Country]) -> set[str]:
    """How an event's scope may name a passport: its code, English names and demonyms."""
    country = countries.get(code)
    names = {code.casefold()}
    if country:
        names |= {fold(n) for n, lang, _ in country.names if lang in ("eng", "und")}
        names |= {fold(d) for d, lang in country.demonyms if lang == "eng"}
        names |= {n + "s" for n in list(names) if n.isalpha()}
    return {n for n in names if n}


def _mentions(text: str, names: set[str]) -> bool:
    words = fold(text)
    return any(re.search(rf"\b{re.escape(n)}\b", words) for n in names)


def check(destinations: list[Destination], countries: dict[str, Country],
          baseline_advisories: list[BaselineAdvisory], baseline_rules: dict[tuple[str, str], str]) -> list[Finding]:
    findings: list[Finding] = []
    baseline_by = {(a.code, a.issuer): a for a in baseline_advisories}
    for dest in destinations:
        add = findings.append
        for what, fact in _facts(dest):
            problem = source_problem(fact.source)
            if problem:
                add(Finding("error", dest.code, f"{what}: source {fact.source} {problem}"))
            elif _domain(fact.source) in LOW_TRUST_DOMAINS:
                add(Finding("warning", dest.code, f"{what}: source {fact.source} is on the low-trust list"))
        for rule in dest.entry:
            if rule.verdict not in EASY_ENTRY:
                continue
            for passport in rule.passports:
                if passport == "*":
                    continue
                names = _names_of(passport, countries)
                barred = _last_barring(dest, names)
                if barred is not None:
                    add(Finding("error", dest.code,
                                f"entry rule for {passport} says {rule.verdict}, but the event of {barred.date} "
                                f"says entry for {passport} was barred or suspended"))
            if any(p != "*" and baseline_rules.get((dest.code, p)) == rule.verdict for p in rule.passports) \
                    and ("passportindex.org" in rule.source or rule.source == PASSPORT_INDEX_URL):
                add(Finding("warning", dest.code,
                            f"entry rule {','.join(rule.passports)} repeats the baseline dataset and cites it: "
                            "it adds nothing"))
        for adv in dest.advisories:
            base = baseline_by.get((dest.code, adv.issuer))
            newest = max(a.as_of for a in dest.advisories if a.issuer == adv.issuer)
            if base and str(adv.as_of) == str(newest) and str(adv.as_of) < base.as_of and not adv.scope:
                add(Finding("warning", dest.code,
                            f"{adv.issuer} advisory of {adv.as_of} is older than the {adv.issuer} baseline of "
                            f"{base.as_of}"))
        if dest.status.state == "open" and any(advises_against_all_travel(a.issuer, a.level, a.label)
                                               for a in dest.advisories):
            add(Finding("warning", dest.code,
                        "status is 'open' while an advisory says do not travel: answers will read 'Entry possible'"))
    return findings


def _last_barring(dest: Destination, names: set[str]) -> object | None:
    """The event that barred this passport, unless a later event for it (or for everyone) reopened entry."""
    barred = None
    for event in sorted(dest.events, key=lambda e: str(e.date)):
        for_it = bool(event.scope) and _mentions(event.scope, names)
        if for_it and (event.kind in ("suspension", "closure") or (
                event.kind == "rule-change" and any(w in event.summary.casefold() for w in _BAR_WORDS))):
            barred = event
        elif barred is not None and event.kind == "reopening" and (for_it or not event.scope):
            barred = None
    return barred
