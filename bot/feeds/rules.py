"""The rules that keep one bad poll from reaching travelers, as pure functions.

Feeds glitch: a day of "Level 1, Summary not available" for North Korea, a third of the items
missing, duplicates, dates reset to the fetch day. Each rule here is small and separately tested;
refresh.py only sequences them against the stored state.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.feeds.model import LEVELLED, Advisory, Item, is_top
from bot.knowledge.issuer_names import CountryNames

PLACEHOLDER_SUMMARIES: tuple[str, ...] = ("summary not available", "no summary found", "no summary available")
MIN_BATCH_RATIO = 0.6
STALE_AFTER = dt.timedelta(days=7)


@dataclass
class Validated:
    """A poll's items after validation: one advisory per destination, and what was left out."""

    advisories: list[Advisory] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    skipped: int = 0
    duplicates: int = 0


def is_placeholder(summary: str) -> bool:
    text = re.sub(r"\s+", " ", summary).strip().casefold()
    return any(p in text for p in PLACEHOLDER_SUMMARIES)


def item_problem(item: Item, names: CountryNames) -> str | None:
    """Why an item must not be believed, or None when it is usable."""
    if item.problem:
        return item.problem
    if not item.codes:
        return "destination name not recognised"
    unknown = [c for c in item.codes if not names.is_code(c)]
    if unknown:
        return f"not an ISO code: {', '.join(unknown)}"
    if item.issuer in LEVELLED and item.level is None:
        return "no level"
    if is_placeholder(item.summary):
        return "placeholder summary"
    if not item.label:
        return "no label"
    if not item.as_of:
        return "no date"
    if not item.source.startswith(("https://", "http://")):
        return "no source URL"
    return None


def validate(items: list[Item], names: CountryNames) -> Validated:
    """Reject unusable items, expand multi-destination items, and keep the newest duplicate."""
    result = Validated()
    best: dict[str, Advisory] = {}
    for item in items:
        if item.skip:
            result.skipped += 1
            continue
        problem = item_problem(item, names)
        if problem:
            where = "/".join(item.codes) or "?"
            result.rejected.append(f"{where} ({item.name or 'unnamed'}): {problem}")
            continue
        for code in item.codes:
            advisory = Advisory(issuer=item.issuer, code=code, level=item.level, label=item.label,
                                as_of=item.as_of or "", source=item.source, severity=item.rank(), stamp=item.stamp,
                                name=item.name)
            kept = best.get(code)
            if kept is None:
                best[code] = advisory
                continue
            result.duplicates += 1
            if _newer(advisory, kept):
                best[code] = advisory
    result.advisories = sorted(best.values(), key=lambda a: a.code)
    return result


def _newer(candidate: Advisory, kept: Advisory) -> bool:
    # Newest date wins; on the same date the more severe one wins (never resolve a tie downwards).
    return (candidate.as_of, candidate.severity) > (kept.as_of, kept.severity)


def batch_problem(accepted: int, last_good: int | None, ratio: float = MIN_BATCH_RATIO) -> str | None:
    """A whole poll is refused when it is empty or far smaller than the last good one."""
    if accepted == 0:
        return "empty batch"
    if last_good and accepted < ratio * last_good:
        return f"batch of {accepted} destinations is under {ratio:.0%} of the last good batch ({last_good})"
    return None


def same_label(a: str | None, b: str | None) -> bool:
    return re.sub(r"\s+", " ", a or "").strip().casefold() == re.sub(r"\s+", " ", b or "").strip().casefold()


def classify(issuer: str, old_level: int | None, old_label: str, old_severity: int | None, new: Advisory) -> str:
    """How a new reading relates to the accepted one.

    'same' (only the date or link moved: not a change), 'raise', 'lateral' (new wording at the same
    severity), 'lower', or 'lower_from_top' (from Level 4 / FCDO against all travel: an admin decides).
    """
    if old_level == new.level and same_label(old_label, new.label):
        return "same"
    old_rank = old_severity if old_severity is not None else (old_level or 0)
    if new.severity > old_rank:
        return "raise"
    if new.severity == old_rank:
        return "lateral"
    if is_top(issuer, old_level, old_severity):
        return "lower_from_top"
    return "lower"


def confirmed_on_another_day(first_seen: str, now: dt.datetime) -> bool:
    """A lowering seen first on an earlier UTC day than this poll counts as seen on two days."""
    return first_seen[:10] < now.astimezone(dt.UTC).date().isoformat()


def stale_cutoff(now: dt.datetime) -> dt.datetime:
    return now - STALE_AFTER
