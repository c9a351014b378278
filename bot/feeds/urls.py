"""Where each feed lives: the official addresses (overridable), or a directory of saved files.

Every address is a parameter so tests, staging mirrors and `--from DIR` runs use the same code
path as production; only the fetch differs (HTTP versus reading a file).

Layout of a `--from DIR` directory (the same as tests/data/feeds):

    DIR/us/TAsTWs.xml                        State Department RSS (primary)
    DIR/us/TravelAdvisories.json             State Department JSON API (fallback)
    DIR/gb/foreign-travel-advice.json        GOV.UK Content API index
    DIR/gb/foreign-travel-advice/<slug>.json GOV.UK Content API country pages
    DIR/au/destinations-export.json          Smartraveller destinations export (primary)
    DIR/au/index.rss                         Smartraveller RSS (fallback)
    DIR/ca/index-alpha-eng.json              Global Affairs Canada index

A missing file is a failed fetch of that document (so a missing primary tries the fallback).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from bot.feeds.parsers import GB_PREFIX

# kind -> environment variable
ENV_NAMES: dict[str, str] = {
    "us": "FEED_US_URL",
    "us_json": "FEED_US_JSON_URL",
    "gb": "FEED_GB_URL",
    "au": "FEED_AU_URL",
    "au_rss": "FEED_AU_RSS_URL",
    "ca": "FEED_CA_URL",
}

DIR_LAYOUT: dict[str, str] = {
    "us": "us/TAsTWs.xml",
    "us_json": "us/TravelAdvisories.json",
    "gb_index": "gb/foreign-travel-advice.json",
    "gb_page": "gb/foreign-travel-advice/{slug}.json",
    "au": "au/destinations-export.json",
    "au_rss": "au/index.rss",
    "ca": "ca/index-alpha-eng.json",
}


class Locator:
    """Maps a document kind ('us', 'us_json', 'gb_index', 'gb_page', 'au', 'au_rss', 'ca') to a URL."""

    def url(self, kind: str, slug: str = "") -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class FeedUrls(Locator):
    """The official addresses by default; FEED_GB_URL is the Content API root the paths go under."""

    us: str = "https://travel.state.gov/_res/rss/TAsTWs.xml"
    us_json: str = "https://cadataapi.state.gov/api/TravelAdvisories"
    gb: str = "https://www.gov.uk/api/content"
    au: str = "https://www.smartraveller.gov.au/destinations-export"
    au_rss: str = "https://www.smartraveller.gov.au/countries/documents/index.rss"
    ca: str = "https://data.international.gc.ca/travel-voyage/index-alpha-eng.json"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> FeedUrls:
        """Defaults overridden by FEED_US_URL, FEED_US_JSON_URL, FEED_GB_URL, FEED_AU_URL, FEED_AU_RSS_URL,
        FEED_CA_URL (empty values are ignored)."""
        values = {f.name: env[ENV_NAMES[f.name]].strip() for f in fields(cls)
                  if (env.get(ENV_NAMES[f.name]) or "").strip()}
        return cls(**values)

    def url(self, kind: str, slug: str = "") -> str:
        if kind == "gb_index":
            return self.gb.rstrip("/") + GB_PREFIX.rstrip("/")
        if kind == "gb_page":
            return self.gb.rstrip("/") + GB_PREFIX + slug
        return str(getattr(self, kind))


@dataclass(frozen=True)
class DirLayout(Locator):
    """Saved files in the DIR layout above, addressed as file:// URLs."""

    root: Path

    def url(self, kind: str, slug: str = "") -> str:
        return (Path(self.root).resolve() / DIR_LAYOUT[kind].format(slug=slug)).as_uri()
