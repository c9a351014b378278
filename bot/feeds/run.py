"""`refresh`: fetch, parse, validate and apply the official advisory feeds.

One poll is never believed on its own: items and whole batches are validated (rules.py), a
raised level is applied at once, a lowered one waits for a second UTC day, a lowering from the
top level waits for an admin, and a destination missing from a feed is kept for 7 days before it
is flagged stale. Curated destinations are never edited here: their feed advisory is stored
beside the curated data and the change is listed for admins.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlparse

import httpx

from bot.feeds.http import FeedClient, FetchError
from bot.feeds.model import ISSUER_NAMES, ISSUERS, Advisory, Item, utc_iso, utc_now
from bot.feeds.parsers import (
    GbEntry,
    ParseError,
    parse_au_export,
    parse_au_rss,
    parse_ca_index,
    parse_gb_index,
    parse_gb_page,
    parse_us_json,
    parse_us_rss,
)
from bot.feeds.rules import batch_problem, classify, confirmed_on_another_day, same_label, stale_cutoff, validate
from bot.feeds.urls import DirLayout, FeedUrls, Locator
from bot.knowledge.issuer_names import CountryNames
from bot.storage import feeds as store

log = logging.getLogger(__name__)
DEFAULT_COUNTRIES = Path(__file__).resolve().parents[2] / "knowledge" / "reference" / "countries.json"
Parser = Callable[[str, CountryNames], list[Item]]
T = TypeVar("T")

# Primary document first, then fallbacks (the FCDO has its own two-step flow).
FEED_DOCUMENTS: dict[str, list[tuple[str, Parser]]] = {
    "us": [("us", parse_us_rss), ("us_json", parse_us_json)],
    "au": [("au", parse_au_export), ("au_rss", parse_au_rss)],
    "ca": [("ca", parse_ca_index)],
}


@dataclass
class FeedStats:
    """What one feed's poll did; `lines()` turns it into one line for the CLI and admins."""

    issuer: str
    status: str = "failed"  # ok | not_modified | failed
    url: str = ""
    items: int = 0
    accepted: int = 0
    rejected: int = 0
    skipped: int = 0
    duplicates: int = 0
    pages: int = 0
    added: int = 0
    changes: int = 0
    held: int = 0
    waiting: int = 0
    stale: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        head = f"{self.issuer} ({ISSUER_NAMES.get(self.issuer, self.issuer)})"
        if self.failed:
            return f"{head}: FAILED: {'; '.join(self.errors) or 'no document'}"
        parts = [
            f"{self.items} read", f"{self.accepted} accepted", f"{self.rejected} rejected",
            f"{self.changes} changed", f"{self.added} new", f"{self.held} held for review",
            f"{self.waiting} awaiting a second day", f"{len(self.stale)} newly stale",
            _count(len(self.errors), "error"),
        ]
        if self.pages:
            parts.insert(1, _count(self.pages, "page") + " fetched")
        state = "not modified" if self.status == "not_modified" else "ok"
        return f"{head}: {state}, {', '.join(parts)} ({self.url})"


@dataclass
class RefreshReport:
    """The outcome of one refresh across feeds."""

    feeds: list[FeedStats] = field(default_factory=list)
    changes: list[dict] = field(default_factory=list)
    held: list[dict] = field(default_factory=list)
    dry_run: bool = False
    started_at: str = ""
    seconds: float = 0.0

    @property
    def notify_admins(self) -> list[dict]:
        """Changes to curated destinations: stored as feed advisories, never applied to curated data."""
        return [c for c in self.changes if c["curated"]]

    @property
    def failed_all(self) -> bool:
        """True when every requested feed failed (the CLI's only non-zero exit)."""
        return bool(self.feeds) and all(f.failed for f in self.feeds)

    def lines(self) -> list[str]:
        prefix = "[dry run] " if self.dry_run else ""
        return [prefix + f.line() for f in self.feeds]

    def stats(self, issuer: str) -> FeedStats:
        return next(f for f in self.feeds if f.issuer == issuer)


@dataclass
class Document:
    url: str
    text: str
    payload_hash: str
    fetched_at: str
    http_status: int | None = None
    not_modified: bool = False


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def payload_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Fetcher:
    """Documents from file:// URLs (the --from mode) or HTTP with conditional requests.

    A 304 Not Modified replays the payload stored for that URL, so an unchanged feed goes through
    the same rules as a changed one (a lowering still gets its second-day sighting).
    """

    def __init__(self, conn: sqlite3.Connection, client: FeedClient | httpx.Client | None, now: str) -> None:
        self.conn = conn
        self._given = client
        self._client: FeedClient | None = client if isinstance(client, FeedClient) else None
        self.now = now

    def client(self) -> FeedClient:
        if self._client is None:
            self._client = FeedClient(self._given if isinstance(self._given, httpx.Client) else None)
        return self._client

    def close(self) -> None:
        if self._client is not None and self._client is not self._given:
            self._client.close()

    def get(self, issuer: str, url: str) -> Document:
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path))
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
            return Document(url=url, text=text, payload_hash=payload_hash(text), fetched_at=self.now)
        cached = store.latest_payload(self.conn, issuer, url)
        etag, last_modified = store.http_validators(self.conn, url) if cached else (None, None)
        result = self.client().get(url, etag=etag, last_modified=last_modified)
        if result.not_modified:
            if cached:
                return Document(url=url, text=cached["payload"], payload_hash=cached["payload_hash"],
                                fetched_at=self.now, http_status=304, not_modified=True)
            store.forget_http_validators(self.conn, url)
            result = self.client().get(url)
            if result.not_modified:
                raise FetchError("304 Not Modified without validators")
        text = result.content.decode("utf-8-sig", errors="replace")
        store.save_http_validators(self.conn, url, result.etag, result.last_modified, self.now)
        return Document(url=url, text=text, payload_hash=payload_hash(text), fetched_at=self.now,
                        http_status=result.status)


class _Run:
    """One refresh: shared state for the feeds it polls."""

    def __init__(self, conn: sqlite3.Connection, locator: Locator, names: CountryNames, fetcher: Fetcher,
                 now: dt.datetime, curated: frozenset[str], report: RefreshReport) -> None:
        self.conn = conn
        self.locator = locator
        self.names = names
        self.fetcher = fetcher
        self.now = now
        self.now_iso = utc_iso(now)
        self.curated = curated
        self.report = report

    def feed(self, issuer: str) -> FeedStats:
        stats = FeedStats(issuer=issuer)
        started = time.perf_counter()
        savepoint = f"feed_{issuer}"
        marks = len(self.report.changes), len(self.report.held)
        store.savepoint(self.conn, savepoint)
        try:
            if issuer == "gb":
                self._gb(stats)
            else:
                self._simple(stats, issuer, FEED_DOCUMENTS[issuer])
        except Exception as exc:  # one feed's bug or bad data must not stop the other feeds
            log.exception("feed %s failed", issuer)
            store.rollback_to(self.conn, savepoint)
            del self.report.changes[marks[0]:], self.report.held[marks[1]:]
            stats = FeedStats(issuer=issuer, errors=[f"internal error: {exc!r}"])
            store.record_poll(self.conn, issuer=issuer, url=self.locator.url(_first_kind(issuer)),
                              fetched_at=self.now_iso, status="failed", errors=1, error_text=repr(exc))
        store.release(self.conn, savepoint)
        stats.seconds = time.perf_counter() - started
        return stats

    # -- documents -----------------------------------------------------------------------------

    def _fetch(self, stats: FeedStats, issuer: str, url: str, parse: Callable[[str], T]) -> tuple[Document, T] | None:
        """Fetch and parse one document; a failure is recorded as a failed poll and returns None."""
        doc: Document | None = None
        try:
            doc = self.fetcher.get(issuer, url)
            return doc, parse(doc.text)
        except (FetchError, ParseError) as exc:
            stats.errors.append(f"{url}: {exc}")
            store.record_poll(self.conn, issuer=issuer, url=url, fetched_at=self.now_iso, status="failed",
                              http_status=getattr(exc, "status", None) or (doc.http_status if doc else None),
                              errors=1, error_text=str(exc), payload_hash=doc.payload_hash if doc else None,
                              payload=doc.text if doc and not doc.not_modified else None)
            return None

    def _record(self, issuer: str, doc: Document, status: str, *, items: int, accepted: int, errors: int = 0,
                error_text: str | None = None) -> int:
        return store.record_poll(
            self.conn, issuer=issuer, url=doc.url, fetched_at=doc.fetched_at,
            status="not_modified" if status == "ok" and doc.not_modified else status, http_status=doc.http_status,
            items=items, accepted=accepted, errors=errors, error_text=error_text, payload_hash=doc.payload_hash,
            payload=None if doc.not_modified else doc.text)

    def _simple(self, stats: FeedStats, issuer: str, documents: list[tuple[str, Parser]]) -> None:
        last_good = store.last_good_count(self.conn, issuer)
        for kind, parser in documents:
            url = self.locator.url(kind)
            fetched = self._fetch(stats, issuer, url, lambda text, parser=parser: parser(text, self.names))
            if fetched is None:
                continue
            doc, items = fetched
            checked = validate(items, self.names)
            problem = batch_problem(len(checked.advisories), last_good)
            if problem:
                stats.errors.append(f"{url}: batch refused: {problem}")
                self._record(issuer, doc, "rejected", items=len(items), accepted=len(checked.advisories), errors=1,
                             error_text=problem)
                continue
            stats.url, stats.items, stats.accepted = url, len(items), len(checked.advisories)
            stats.rejected, stats.skipped, stats.duplicates = len(checked.rejected), checked.skipped, checked.duplicates
            stats.errors.extend(checked.rejected)
            stats.status = "not_modified" if doc.not_modified else "ok"
            poll_id = self._record(issuer, doc, "ok", items=len(items), accepted=len(checked.advisories))
            self._apply(stats, issuer, [(a, doc) for a in checked.advisories], present=set())
            store.update_poll_counts(self.conn, poll_id, changes=stats.changes, held=stats.held,
                                     errors=len(stats.errors), error_text="\n".join(stats.errors) or None)
            return
        stats.status = "failed"

    def _gb(self, stats: FeedStats) -> None:
        """FCDO: the index in one request, then only the pages whose public_updated_at moved."""
        url = self.locator.url("gb_index")
        fetched = self._fetch(stats, "gb", url, lambda text: parse_gb_index(text, self.names))
        if fetched is None:
            return
        doc, entries = fetched
        valid: list[GbEntry] = []
        for entry in entries:
            if entry.withdrawn:
                stats.skipped += 1
            elif not entry.codes or not all(self.names.is_code(c) for c in entry.codes):
                stats.rejected += 1
                stats.errors.append(f"? ({entry.name}): destination name not recognised")
            else:
                valid.append(entry)
        codes = {c for e in valid for c in e.codes}
        problem = batch_problem(len(codes), store.last_good_count(self.conn, "gb"))
        if problem:
            stats.errors.append(f"{url}: batch refused: {problem}")
            self._record("gb", doc, "rejected", items=len(entries), accepted=len(codes), errors=1, error_text=problem)
            return
        stats.url, stats.items, stats.accepted = url, len(entries), len(codes)
        stats.status = "not_modified" if doc.not_modified else "ok"
        poll_id = self._record("gb", doc, "ok", items=len(entries), accepted=len(codes))
        current = {r["code"]: r for r in store.advisories(self.conn, "gb")}
        watched = store.observed_codes(self.conn, "gb") | store.pending_codes(self.conn, "gb")
        batch: list[tuple[Advisory, Document]] = []
        present: set[str] = set()
        for entry in valid:
            rows = [current.get(c) for c in entry.codes]
            unchanged = all(r is not None and r["stamp"] == entry.stamp for r in rows)
            if unchanged and not watched.intersection(entry.codes):
                present.update(entry.codes)
                continue
            page_url = self.locator.url("gb_page", entry.slug)
            page = self._fetch(stats, "gb", page_url, lambda text, entry=entry: parse_gb_page(text, entry))
            if page is None:
                continue
            page_doc, item = page
            stats.pages += 1
            self._record("gb", page_doc, "page", items=1, accepted=0)
            checked = validate([item], self.names)
            stats.skipped += checked.skipped
            stats.rejected += len(checked.rejected)
            stats.errors.extend(checked.rejected)
            batch.extend((a, page_doc) for a in checked.advisories)
        self._apply(stats, "gb", batch, present)
        store.update_poll_counts(self.conn, poll_id, changes=stats.changes, held=stats.held,
                                 errors=len(stats.errors), error_text="\n".join(stats.errors) or None)

    # -- applying ------------------------------------------------------------------------------

    def _apply(self, stats: FeedStats, issuer: str, batch: list[tuple[Advisory, Document]], present: set[str]) -> None:
        current = {r["code"]: r for r in store.advisories(self.conn, issuer)}
        baseline = not current  # the first poll of an issuer records, it does not announce
        for advisory, doc in batch:
            self._apply_one(stats, advisory, doc, current.get(advisory.code), baseline)
        for code in present:
            store.touch_advisory(self.conn, issuer, code, now=self.now_iso)
        stats.stale = store.mark_stale(self.conn, issuer, seen_before=utc_iso(stale_cutoff(self.now)), now=self.now_iso)

    def _apply_one(self, stats: FeedStats, new: Advisory, doc: Document, row: dict | None, baseline: bool) -> None:
        if row is None:
            stats.added += 1
            self._accept(stats, new, doc, None, announce=not baseline, count=False)
            return
        kind = classify(new.issuer, row["level"], row["label"], row["severity"], new)
        if kind == "same":
            # Only the date or the link moved: not a change; keep the newer date as feed_date.
            store.touch_advisory(self.conn, new.issuer, new.code, now=self.now_iso, fetched_at=doc.fetched_at,
                                 payload_hash=doc.payload_hash, feed_date=new.as_of, stamp=new.stamp or None)
            self._settle(new.issuer, new.code)
        elif kind in ("raise", "lateral"):
            self._accept(stats, new, doc, row, announce=True)
        elif kind == "lower":
            self._lower(stats, new, doc, row)
        else:
            self._hold(stats, new, doc, row)

    def _lower(self, stats: FeedStats, new: Advisory, doc: Document, row: dict) -> None:
        seen = store.observation(self.conn, new.issuer, new.code)
        same = seen is not None and seen["level"] == new.level and same_label(seen["label"], new.label)
        if same and confirmed_on_another_day(seen["first_seen"], self.now):
            self._accept(stats, new, doc, row, announce=True)
            return
        if seen is not None and not same:
            store.drop_observation(self.conn, new.issuer, new.code)
        store.save_observation(self.conn, {
            "issuer": new.issuer, "code": new.code, "level": new.level, "label": new.label, "as_of": new.as_of,
            "source": new.source, "severity": new.severity, "first_seen": self.now_iso, "last_seen": self.now_iso,
        })
        self._supersede(new.issuer, new.code)
        store.touch_advisory(self.conn, new.issuer, new.code, now=self.now_iso)
        stats.waiting += 1

    def _hold(self, stats: FeedStats, new: Advisory, doc: Document, row: dict) -> None:
        store.drop_observation(self.conn, new.issuer, new.code)
        store.touch_advisory(self.conn, new.issuer, new.code, now=self.now_iso)
        if store.was_rejected(self.conn, new.issuer, new.code, new.level, new.label, new.as_of):
            return  # an admin already said no to this very reading
        stats.held += 1
        open_rows = store.pending_list(self.conn, "pending", new.issuer, new.code)
        kept = [p for p in open_rows if p["level"] == new.level and same_label(p["label"], new.label)]
        for old in open_rows:
            if old not in kept:
                store.decide_pending(self.conn, old["id"], "superseded", "feed", self.now_iso)
        if kept:
            return
        held = {
            "issuer": new.issuer, "code": new.code, "level": new.level, "label": new.label, "as_of": new.as_of,
            "source": new.source, "severity": new.severity, "old_level": row["level"], "old_label": row["label"],
            "reason": f"lowered from the top level ({row['label']}): needs an admin's approval",
            "payload_hash": doc.payload_hash, "fetched_at": doc.fetched_at, "created_at": self.now_iso,
        }
        held["id"] = store.add_pending(self.conn, held)
        held["curated"] = is_curated(new.code, self.curated)
        self.report.held.append(held)

    def _accept(self, stats: FeedStats, new: Advisory, doc: Document, row: dict | None, *, announce: bool,
                count: bool = True) -> None:
        store.put_advisory(self.conn, accepted_row(new, fetched_at=doc.fetched_at, payload_hash=doc.payload_hash,
                                                   now=self.now_iso))
        self._settle(new.issuer, new.code)
        if count:
            stats.changes += 1
        if announce:
            self.report.changes.append(change_dict(new, row, curated=is_curated(new.code, self.curated)))

    def _settle(self, issuer: str, code: str) -> None:
        """The feed agrees with what is accepted: forget waiting lowerings and open proposals."""
        store.drop_observation(self.conn, issuer, code)
        self._supersede(issuer, code)

    def _supersede(self, issuer: str, code: str) -> None:
        for row in store.pending_list(self.conn, "pending", issuer, code):
            store.decide_pending(self.conn, row["id"], "superseded", "feed", self.now_iso)


def accepted_row(new: Advisory, *, fetched_at: str, payload_hash: str | None, now: str) -> dict:
    return {
        "issuer": new.issuer, "code": new.code, "level": new.level, "label": new.label, "as_of": new.as_of,
        "source": new.source, "severity": new.severity, "feed_date": new.as_of, "stamp": new.stamp or None,
        "fetched_at": fetched_at, "payload_hash": payload_hash, "last_seen": now, "stale_since": None,
        "changed_at": now,
    }


def change_dict(new: Advisory, old: dict | None, *, curated: bool) -> dict:
    return {
        "issuer": new.issuer, "code": new.code, "old_level": old["level"] if old else None, "new_level": new.level,
        "old_label": old["label"] if old else None, "label": new.label, "as_of": new.as_of, "source": new.source,
        "curated": curated,
    }


def is_curated(code: str, curated: Iterable[str]) -> bool:
    """A country is curated when it or one of its curated regions (CN-XZ for CN) is."""
    return any(c == code or c.startswith(code + "-") for c in curated)


def _first_kind(issuer: str) -> str:
    return "gb_index" if issuer == "gb" else FEED_DOCUMENTS[issuer][0][0]


def _names(countries: CountryNames | Path | str | None) -> CountryNames:
    if isinstance(countries, CountryNames):
        return countries
    return CountryNames.load(Path(countries) if countries else DEFAULT_COUNTRIES)


def refresh(conn: sqlite3.Connection, source: Locator | Path | str, issuers: Iterable[str] | None = None,
            dry_run: bool = False, now: dt.datetime | None = None, client: FeedClient | httpx.Client | None = None,
            curated: Iterable[str] = frozenset(), *, countries: CountryNames | Path | str | None = None
            ) -> RefreshReport:
    """Poll the feeds and apply what passes the rules.

    `source` is a FeedUrls (HTTP) or a directory laid out as described in bot.feeds.urls
    (`--from DIR`). `curated` holds the destination codes with curated advisories. Commits after
    each feed; with dry_run everything (including table creation) is rolled back.
    """
    moment = now or utc_now()
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    wanted = list(issuers) if issuers else list(ISSUERS)
    unknown = [i for i in wanted if i not in ISSUERS]
    if unknown:
        raise ValueError(f"unknown issuer(s) {', '.join(unknown)}; known: {', '.join(ISSUERS)}")
    locator = source if isinstance(source, Locator) else DirLayout(Path(source))
    report = RefreshReport(dry_run=dry_run, started_at=utc_iso(moment))
    started = time.perf_counter()
    names = _names(countries)
    fetcher = Fetcher(conn, client, utc_iso(moment))
    if dry_run:
        store.savepoint(conn, "feeds_dry_run")
    try:
        store.ensure_tables(conn)
        run = _Run(conn, locator, names, fetcher, moment, frozenset(curated), report)
        for issuer in wanted:
            report.feeds.append(run.feed(issuer))
            if not dry_run:
                conn.commit()
    finally:
        fetcher.close()
        if dry_run:
            store.rollback_to(conn, "feeds_dry_run")
            store.release(conn, "feeds_dry_run")
    report.changes.sort(key=lambda c: (c["issuer"], c["code"]))
    report.seconds = time.perf_counter() - started
    return report


async def refresh_async(*args: object, **kwargs: object) -> RefreshReport:
    """For the Telegram JobQueue: run refresh in a worker thread (the connection must allow it,
    e.g. check_same_thread=False, and must not be used elsewhere meanwhile)."""
    return await asyncio.to_thread(refresh, *args, **kwargs)  # type: ignore[arg-type]


def bench_refresh(from_dir: Path | str, countries: CountryNames | Path | str | None = None) -> float:
    """Seconds for one refresh of all four feeds from a --from directory into a fresh database."""
    conn = sqlite3.connect(":memory:")
    try:
        started = time.perf_counter()
        refresh(conn, Path(from_dir), countries=countries)
        return time.perf_counter() - started
    finally:
        conn.close()


__all__ = ["Document", "FeedStats", "FeedUrls", "Fetcher", "RefreshReport", "bench_refresh", "refresh",
           "refresh_async"]
