"""What a parsed feed item is, and the issuer vocabularies (levels, level words, FCDO statuses)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import asdict, dataclass, field

ISSUERS: tuple[str, ...] = ("us", "gb", "au", "ca")
ISSUER_NAMES: dict[str, str] = {
    "us": "US State Department",
    "gb": "UK FCDO",
    "au": "Australia Smartraveller",
    "ca": "Global Affairs Canada",
}
# The FCDO publishes statements, not numbered levels; every other issuer's items need a level.
LEVELLED: frozenset[str] = frozenset({"us", "au", "ca"})

# Smartraveller's level words (map the words: the RSS "N/5" numbers are not used consistently).
AU_LEVEL_WORDS: dict[str, int] = {
    "exercise normal safety precautions": 1,
    "exercise a high degree of caution": 2,
    "reconsider your need to travel": 3,
    "do not travel": 4,
}
AU_NO_ADVICE = "no travel advice"

# Canada: advisory-state 0-3; the English wording when the feed omits advisory-text.
CA_STATE_LABELS: dict[int, str] = {
    0: "Take normal security precautions",
    1: "Exercise a high degree of caution",
    2: "Avoid non-essential travel",
    3: "Avoid all travel",
}

# FCDO alert_status values, most severe first, with a weight: the sum orders combinations
# (all travel to the whole country outranks anything; parts plus the rest outranks parts alone).
GB_STATUS_WEIGHTS: dict[str, int] = {
    "avoid_all_travel_to_whole_country": 8,
    "avoid_all_but_essential_travel_to_whole_country": 4,
    "avoid_all_travel_to_parts": 2,
    "avoid_all_but_essential_travel_to_parts": 1,
}
GB_TOP_WEIGHT = 8
GB_NO_ADVICE = "No FCDO advice against travel"


def gb_label(statuses: list[str]) -> tuple[str, int]:
    """A readable FCDO label and its severity weight; unknown statuses raise ValueError."""
    unknown = [s for s in statuses if s not in GB_STATUS_WEIGHTS]
    if unknown:
        raise ValueError(f"unknown FCDO alert_status {', '.join(map(str, unknown))}")
    present = set(statuses)
    weight = sum(GB_STATUS_WEIGHTS[s] for s in present)
    if not present:
        return GB_NO_ADVICE, 0
    if "avoid_all_travel_to_whole_country" in present:
        return "The FCDO advises against all travel", weight
    whole_aabe = "avoid_all_but_essential_travel_to_whole_country" in present
    parts_all = "avoid_all_travel_to_parts" in present
    parts_aabe = "avoid_all_but_essential_travel_to_parts" in present
    if whole_aabe and parts_all:
        label = "The FCDO advises against all travel to parts of the country and all but essential travel to the rest"
    elif whole_aabe:
        label = "The FCDO advises against all but essential travel"
    elif parts_all and parts_aabe:
        label = ("The FCDO advises against all travel to parts of the country "
                 "and all but essential travel to other parts")
    elif parts_all:
        label = "The FCDO advises against all travel to parts of the country"
    else:
        label = "The FCDO advises against all but essential travel to parts of the country"
    return label, weight


def au_level(words: str) -> int | None:
    """Level from Smartraveller's words; the earliest level phrase in the text wins."""
    text = re.sub(r"\s+", " ", words).strip().casefold()
    if text in AU_LEVEL_WORDS:
        return AU_LEVEL_WORDS[text]
    hits = [(text.find(w), level) for w, level in AU_LEVEL_WORDS.items() if w in text]
    return min(hits)[1] if hits else None


@dataclass
class Item:
    """One destination as a feed states it, before validation (fields may be missing)."""

    issuer: str
    name: str
    codes: tuple[str, ...]
    level: int | None
    label: str
    as_of: str | None
    source: str
    summary: str = ""
    severity: int | None = None
    stamp: str = ""
    skip: str = ""  # a reason to ignore the item without counting it as an error
    problem: str = ""  # a format problem the parser saw; the validator rejects the item

    def rank(self) -> int:
        """Severity for comparisons: the level, or the FCDO weight."""
        if self.severity is not None:
            return self.severity
        return self.level or 0


@dataclass
class Advisory:
    """An accepted advisory: the shape the rest of the bot reads."""

    issuer: str
    code: str
    level: int | None
    label: str
    as_of: str
    source: str
    severity: int = 0
    stamp: str = ""
    name: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        return {k: data[k] for k in ("issuer", "code", "level", "label", "as_of", "source")}

    def is_top(self) -> bool:
        """Level 4 / FCDO 'against all travel': lowering from here needs an admin."""
        return is_top(self.issuer, self.level, self.severity)


def is_top(issuer: str, level: int | None, severity: int | None) -> bool:
    if issuer in LEVELLED:
        return level == 4
    return (severity or 0) >= GB_TOP_WEIGHT


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b")


def feed_date(text: str | None) -> str | None:
    """The calendar date a feed gives, as an ISO date.

    A timestamp with an explicit offset is converted to UTC (the State Department's JSON stamps
    US-Eastern evenings, whose UTC date is the date on its site); a date or a local time without
    an offset (Smartraveller "Fri, 2025-11-14 14:22", AEDT) is taken as written.
    """
    if not text or not str(text).strip():
        return None
    text = str(text).strip()
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        stamp = None
    if stamp is not None:
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC)
        return stamp.date().isoformat()
    parsed = email.utils.parsedate_tz(text)
    if parsed and parsed[0] and parsed[9] is not None and re.search(r"\d{1,2}:\d{2}", text):
        when = dt.datetime(*parsed[:6], tzinfo=dt.timezone(dt.timedelta(seconds=parsed[9])))
        return when.astimezone(dt.UTC).date().isoformat()
    match = _ISO_DATE.search(text)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    match = _DMY.search(text)
    if match and match[2].casefold()[:3] in _MONTHS:
        return _valid(int(match[3]), _MONTHS[match[2].casefold()[:3]], int(match[1]))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def utc_iso(moment: dt.datetime) -> str:
    """UTC ISO timestamp to the second, the one format every feed table uses."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
