"""Helpers for the feed tests (no tests here): fixture paths, an RSS writer, a fake HTTP server."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import httpx

from bot.feeds.http import FeedClient
from bot.knowledge.issuer_names import CountryNames

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "feeds"
COUNTRIES = ROOT / "knowledge" / "reference" / "countries.json"
SNAPSHOTS = DATA / "us" / "snapshots"
GLITCH = SNAPSHOTS / "johnmarkschofield_current_advisories_2025-12-16_glitch.json"
DUPES = SNAPSHOTS / "johnmarkschofield_current_advisories_2026-07-19_dupes.json"


def names() -> CountryNames:
    return CountryNames.load(COUNTRIES)


def at(day: str, time: str = "06:00:00") -> dt.datetime:
    """A UTC poll time."""
    return dt.datetime.fromisoformat(f"{day}T{time}+00:00")


def db() -> sqlite3.Connection:
    return sqlite3.connect(":memory:")


@dataclass
class RssItem:
    title: str
    link: str = "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/x-travel-advisory.html"
    pub_date: str = "Mon, 05 Jan 2026"
    description: str = "<p>Advisory text.</p>"
    threat: str | None = None  # defaults to the level part of the title
    tags: list[str] = field(default_factory=list)


def us_item(name: str, level: int, pub_date: str = "Mon, 05 Jan 2026", tag: str | None = None, *,
            words: str | None = None, description: str = "<p>Advisory text.</p>", link: str | None = None) -> RssItem:
    words = words or {1: "Exercise Normal Precautions", 2: "Exercise Increased Caution", 3: "Reconsider Travel",
                      4: "Do Not Travel"}[level]
    slug = name.lower().replace(" ", "-")
    return RssItem(title=f"{name} - Level {level}: {words}", pub_date=pub_date, description=description,
                   link=link or f"https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                                f"{slug}-travel-advisory.html",
                   tags=[tag] if tag else [])


def rss(items: list[RssItem]) -> str:
    """A State Department-shaped RSS document."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>',
           "<title>travel.state.gov: Travel Advisories</title><link>https://travel.state.gov/</link>"]
    for item in items:
        threat = item.threat if item.threat is not None else (item.title.split(" - ")[-1]
                                                              if "Level" in item.title else "")
        out.append("<item>")
        out.append(f"<title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
                   f"<pubDate>{item.pub_date}</pubDate>")
        out.append(f"<description><![CDATA[{item.description}]]></description>")
        if threat:
            out.append(f'<category domain="Threat-Level">{escape(threat)}</category>')
        out.extend(f'<category domain="Country-Tag">{tag}</category>' for tag in item.tags)
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def snapshot_items(path: Path, drop: set[str] = frozenset(), limit: int | None = None) -> list[RssItem]:
    """A johnmarkschofield archive snapshot as RSS items (no Country-Tag: names are resolved)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    items = [RssItem(title=r["full_title"], link=r["remote_link"], pub_date=r["date"]) for r in rows
             if r["country"] not in drop]
    return items[:limit] if limit else items


def make_dir(tmp: Path, *, us: str | None = None, us_json: str | None = None, copy: tuple[str, ...] = ()) -> Path:
    """A --from directory: the named fixture issuers copied, the US documents written as given."""
    root = tmp / "feeds"
    root.mkdir(exist_ok=True)
    for issuer in copy:
        shutil.copytree(DATA / issuer, root / issuer, dirs_exist_ok=True)
    (root / "us").mkdir(exist_ok=True)
    for name, text in (("TAsTWs.xml", us), ("TravelAdvisories.json", us_json)):
        target = root / "us" / name
        if text is None:
            target.unlink(missing_ok=True)
        else:
            target.write_text(text, encoding="utf-8")
    return root


Reply = httpx.Response | Callable[[httpx.Request], httpx.Response]


class FakeServer:
    """Routes for httpx.MockTransport: each URL serves a queue of replies (the last one repeats)."""

    def __init__(self, routes: dict[str, list[Reply] | Reply] | None = None) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[httpx.Request] = []
        for url, replies in (routes or {}).items():
            self.set(url, replies)

    def set(self, url: str, replies: list[Reply] | Reply) -> None:
        self.routes[url] = list(replies) if isinstance(replies, list) else [replies]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        queue = self.routes.get(str(request.url))
        if not queue:
            return httpx.Response(404, text="not found")
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        return reply(request) if callable(reply) else reply

    def hits(self, url: str) -> list[httpx.Request]:
        return [r for r in self.requests if str(r.url) == url]

    def client(self, sleeps: list[float] | None = None, **kwargs: object) -> FeedClient:
        record = sleeps.append if sleeps is not None else (lambda _s: None)
        kwargs.setdefault("min_interval", 0.0)
        return FeedClient(httpx.Client(transport=httpx.MockTransport(self)), sleep=record, **kwargs)


def conditional(body: str, etag: str, last_modified: str = "Mon, 05 Jan 2026 10:00:00 GMT",
                content_type: str = "application/xml") -> Callable[[httpx.Request], httpx.Response]:
    """A reply that honours If-None-Match, like a real server."""

    def reply(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        return httpx.Response(200, text=body, headers={"ETag": etag, "Last-Modified": last_modified,
                                                       "Content-Type": content_type})

    return reply


def fixture_text(relative: str) -> str:
    return (DATA / relative).read_text(encoding="utf-8")
