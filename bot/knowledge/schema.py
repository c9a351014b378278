"""The shape of a curated knowledge file, enforced before anything reaches the database.

Every fact carries a source URL and the date it was checked, because an undated,
unsourced claim about a border is worse than no claim at all.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from bot.knowledge.vocabulary import CURATED_ORIGINS, EVENT_KINDS, HOWTO_KINDS, ISSUERS, STATES, VERDICTS

Verdict = Literal[tuple(VERDICTS)]  # type: ignore[valid-type]
StatusState = Literal[tuple(STATES)]  # type: ignore[valid-type]
EventKind = Literal[tuple(EVENT_KINDS)]  # type: ignore[valid-type]
HowtoKind = Literal[tuple(HOWTO_KINDS)]  # type: ignore[valid-type]
Issuer = Literal[tuple(ISSUERS)]  # type: ignore[valid-type]

CODE_RE = re.compile(r"^(AQ|[A-Z]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$")
PASSPORT_RE = re.compile(r"^([A-Z]{2}|\*)$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"source must be an http(s) URL, got {value!r}")
    return value


def _partial_date(value: object) -> str:
    """Reports and events may be dated to the month or year only ("July 2025")."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if not PARTIAL_DATE_RE.match(text):
        raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    parts = [int(p) for p in text.split("-")]
    dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return text


def _valid_code(value: str) -> str:
    if not CODE_RE.match(value):
        raise ValueError(f"code {value!r} is not ISO 3166-1 alpha-2 or ISO 3166-2")
    return value


Url = Annotated[str, AfterValidator(_url)]
Code = Annotated[str, AfterValidator(_valid_code)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Sourced(Strict):
    source: Url
    checked: dt.date
    unverified: bool = False


class Status(Sourced):
    state: StatusState
    summary: Text
    as_of: dt.date


class Advisory(Sourced):
    issuer: Issuer
    level: int | None = Field(default=None, ge=1, le=4)
    label: Text
    as_of: dt.date
    scope: str | None = None  # the part of the country it covers ("Crimea"), when not all of it


class EntryRule(Sourced):
    passports: list[str] = Field(min_length=1)
    verdict: Verdict
    summary: Text
    details: str | None = None
    exception: str | None = None  # the lawful route round a restriction, e.g. special validation
    valid_until: dt.date | None = None

    @field_validator("passports")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not PASSPORT_RE.match(code):
                raise ValueError(f"passport {code!r} is not an ISO alpha-2 code or '*'")
        return value


LangCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]  # ISO 639-1, as the catalogs in bot/locales are named


class PairTranslation(Strict):
    """A pair rule's words in one language, shown while the English they were written from stands."""

    summary: Text
    exception: Text | None = None
    details: Text | None = None


class PairRule(EntryRule):
    """A rule for named passports at a destination without a curated file: where the visa dataset misleads (a
    nationality barred, a passport not recognised) but the place needs no file of its own."""

    destination: Code
    translations: dict[LangCode, PairTranslation] = {}

    @model_validator(mode="after")
    def _translates_its_exception(self) -> PairRule:
        for lang, tr in self.translations.items():
            for name in ("exception", "details"):
                if getattr(tr, name) and not getattr(self, name):
                    raise ValueError(f"translations.{lang}.{name} translates a text the rule does not have")
        return self

    @field_validator("passports")
    @classmethod
    def _named(cls, value: list[str]) -> list[str]:
        if "*" in value:
            raise ValueError("a pair rule names its passports; the default ('*') belongs in a destination file")
        return value


class LandBorder(Sourced):
    """A land border closed to travellers: a visa verdict for either side does not say the crossing is open."""

    between: list[str] = Field(min_length=2, max_length=2)  # two country codes; "*" second: all its land borders
    state: Literal["closed"] = "closed"
    since: PartialDate
    summary: Text

    @field_validator("between")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        if not CODE_RE.match(value[0]) or not (value[1] == "*" or CODE_RE.match(value[1])):
            raise ValueError(f"between: {value!r} must be two country codes, or a code and '*'")
        return value


class LandBorders(Strict):
    borders: list[LandBorder] = []


class PairRules(Strict):
    rules: list[PairRule] = []


class Event(Sourced):
    date: PartialDate
    kind: EventKind
    summary: Text
    scope: str | None = None


class Report(Sourced):
    traveler: Text
    date: PartialDate
    summary: Text
    tags: list[str] = []
    passport: str | None = None
    origin: Literal[CURATED_ORIGINS] = "curated"  # type: ignore[valid-type]  # "shared": a traveler's /share, approved


class Howto(Sourced):
    kind: HowtoKind
    name: Text
    summary: Text


class Consular(Sourced):
    summary: Text
    issuer: Issuer | None = None  # whose consular help the note is about (US: "the US has no embassy")


class Legal(Sourced):
    """The legal trap of a place: shown before anything else, because it outlives the trip."""

    summary: Text  # one line: what makes the usual way in illegal
    lawful_route: Text  # the way in the parent state accepts
    consequences: str | None = None  # entry bans, prosecution, fines
    de_facto: str | None = None  # what the authority in control requires (its own visa, registration)
    # whose passports the trap binds (Rason: [US], where the US passport is invalid); empty, everyone's. An asker
    # known to hold none of them gets it only in the detailed view. Not Cuba's: US sanctions bind US residents too.
    holders: list[str] = Field(default_factory=list)

    @field_validator("holders")
    @classmethod
    def _holder_codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not PASSPORT_RE.match(code) or code == "*":
                raise ValueError(f"holders: {code!r} is not an ISO country code")
        return value


# Which English text each translated field renders in another language: (section, field of that section).
TRANSLATED_FIELDS = {"status": ("status", "summary"), "legal_summary": ("legal", "summary"),
                     "lawful_route": ("legal", "lawful_route"), "consequences": ("legal", "consequences"),
                     "de_facto": ("legal", "de_facto")}


class Translation(Strict):
    """A destination's key texts in one language, written from the English ones; each is shown only while the
    English text it was written from is unchanged (an edit in English silently retires it)."""

    status: Text | None = None
    legal_summary: Text | None = None
    lawful_route: Text | None = None
    consequences: Text | None = None
    de_facto: Text | None = None
    # an entry rule's summary, by any passport code of the rule ('*' for the default): the verdict line's words
    entry: dict[str, Text] = {}
    # an advisory's label, by its issuer: the words of a government that rates without levels (the FCDO's)
    advisories: dict[str, Text] = {}
    # an event's summary, by its date and kind (and scope, when it has one): "2025-03-05 closure"
    events: dict[str, Text] = {}
    howto: dict[str, Text] = {}  # a how-to's summary, by its name
    reports: dict[str, Text] = {}  # a report's summary, by its traveler and date: "Jane Doe 2025-04"
    exceptions: dict[str, Text] = {}  # an entry rule's lawful way round its restriction, by a passport code of the rule
    details: dict[str, Text] = {}  # an entry rule's details (the detailed view), by a passport code of the rule
    consular: Text | None = None  # the consular note's summary
    # short labels by their English words: the scopes of events and advisories, the names of how-tos
    labels: dict[str, Text] = {}

    def flat(self) -> dict[str, str]:
        """Every text by its stored field name: 'status', 'consular', 'entry:US', 'event:2025 closure'..."""
        out = {name: text for name in (*TRANSLATED_FIELDS, "consular") if (text := getattr(self, name))}
        for kind, section in KEYED_TRANSLATIONS.items():
            out.update({f"{kind}:{key}": text for key, text in getattr(self, section).items()})
        return out


# The translated texts found by a key: the stored field's kind, and the section of Translation that holds them
KEYED_TRANSLATIONS = {"entry": "entry", "advisory": "advisories", "event": "events", "howto": "howto",
                      "report": "reports", "exception": "exceptions", "label": "labels", "detail": "details"}


def event_key(event: Event) -> str:
    return f"{event.date} {event.kind}" + (f" {event.scope}" if event.scope else "")


class Destination(Strict):
    code: str
    name: Text
    kind: Literal["country", "region", "territory", "continent"] = "country"
    parent: str | None = None
    # the country whose entry rules apply when it is not the parent (the West Bank: Israel's, at Israel's crossings)
    rules_of: str | None = None
    aliases: list[str] = []
    status: Status
    advisories: list[Advisory] = Field(min_length=1)
    entry: list[EntryRule] = Field(min_length=1)
    events: list[Event] = []
    reports: list[Report] = []
    howto: list[Howto] = []
    consular: Consular | None = None
    legal: Legal | None = None
    names: dict[LangCode, Text] = {}  # the place's name in other languages, for answers in them
    translations: dict[LangCode, Translation] = {}

    @field_validator("code", "parent", "rules_of")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return _valid_code(value) if value is not None else None

    @field_validator("entry")
    @classmethod
    def _has_default(cls, rules: list[EntryRule]) -> list[EntryRule]:
        if not any("*" in rule.passports for rule in rules):
            raise ValueError("entry rules need a default rule for all other passports ('*')")
        seen: set[str] = set()
        for rule in rules:
            for code in rule.passports:
                if code in seen:
                    raise ValueError(f"passport {code} has two entry rules")
                seen.add(code)
        return rules

    def english(self, name: str) -> str | None:
        """The English text a translated field renders (a field of TRANSLATED_FIELDS, 'consular', or a keyed one:
        'entry:CODE', 'advisory:ISSUER', 'event:DATE KIND'...), None when the file has none, or when two texts share
        the key (an issuer's several advisories: which one?)."""
        kind, _, key = name.partition(":")
        found: list[str | None]
        if kind == "entry":
            return next((rule.summary for rule in self.entry if key in rule.passports), None)
        if kind == "exception":
            return next((rule.exception for rule in self.entry if key in rule.passports), None)
        if kind == "detail":
            return next((rule.details for rule in self.entry if key in rule.passports), None)
        if kind == "advisory":  # by issuer ("UK"), or by issuer and level where an issuer has several ("US 4")
            issuer, _, level = key.partition(" ")
            found = [a.label for a in self.advisories if a.issuer == issuer and (not level or str(a.level) == level)]
        elif kind == "event":
            found = [e.summary for e in self.events if event_key(e) == key]
        elif kind == "howto":
            found = [h.summary for h in self.howto if h.name == key]
        elif kind == "report":
            found = [r.summary for r in self.reports if f"{r.traveler} {r.date}" == key]
        elif kind == "label":  # a label is its own key: the English words it translates
            labels = {e.scope for e in self.events} | {a.scope for a in self.advisories} | {h.name for h in self.howto}
            return key if key in labels else None
        elif name == "consular":
            return self.consular.summary if self.consular else None
        else:
            section, field = TRANSLATED_FIELDS[name]
            return getattr(getattr(self, section), field, None)
        return found[0] if len(found) == 1 else None  # two with one key: which one?

    @model_validator(mode="after")
    def _translates_what_exists(self) -> Destination:
        for lang, tr in self.translations.items():
            for name in tr.flat():
                if not self.english(name):
                    raise ValueError(f"translations.{lang}.{name.replace(':', '.')} translates a text the file "
                                     "does not have (or, for an issuer with several advisories, cannot tell which)")
        return self
