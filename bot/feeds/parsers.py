"""One parser per feed format: text in, Items out. No validation here beyond the format itself.

Parsers are lenient about missing fields (an Item may lack a level or a date) because deciding
what to reject is the validator's job, where every rule is tested in one place. A document that
is not the expected format at all raises ParseError, which makes the fetch count as failed.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from bot.feeds.fips import fips_to_iso
from bot.feeds.model import AU_NO_ADVICE, CA_STATE_LABELS, Item, au_level, feed_date, gb_label
from bot.knowledge.issuer_names import CountryNames

GOVUK_WEB = "https://www.gov.uk"
CA_PAGE_BASE = "https://travel.gc.ca/destinations/"
GB_PREFIX = "/foreign-travel-advice/"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_US_LEVEL = re.compile(r"Level\s*([1-4])\s*:\s*([^<]*?)\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


class ParseError(ValueError):
    """The document is not the format its feed should serve."""


def text_of_html(markup: str | None) -> str:
    """Plain text of an HTML fragment, enough to spot placeholder summaries."""
    if not markup:
        return ""
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", markup))).strip()


def _xml_root(text: str) -> ET.Element:
    # No DTDs: a feed never needs one, and refusing them rules out entity-expansion payloads.
    head = text[:4096].upper()
    if "<!DOCTYPE" in head or "<!ENTITY" in text.upper():
        raise ParseError("XML with a DTD or entities refused")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise ParseError(f"not XML: {exc}") from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {exc}") from exc


def _us_title(title: str) -> tuple[str, int | None, str]:
    """Destination name, level and label from 'Name - [See Summaries - ]Level N: Words'."""
    title = html.unescape(title).strip()
    name = title.split(" - ", 1)[0].strip()
    match = _US_LEVEL.search(title)
    if not match:
        return name, None, ""
    return name, int(match[1]), f"Level {match[1]}: {match[2].strip()}"


def _us_codes(tags: list[str], name: str, names: CountryNames) -> tuple[str, ...]:
    """FIPS tags first (never read as ISO); the title's name when no tag maps."""
    codes: list[str] = []
    for tag in tags:
        code = fips_to_iso(tag)
        if code and names.is_code(code) and code not in codes:
            codes.append(code)
    return tuple(codes) or names.lookup(name)


def parse_us_rss(text: str, names: CountryNames) -> list[Item]:
    root = _xml_root(text)
    if _local(root.tag) != "rss" or root.find("channel") is None:
        raise ParseError("not an RSS 2.0 document")
    items: list[Item] = []
    for node in root.iter("item"):
        title = _child_text(node, "title")
        name, level, label = _us_title(title)
        tags: list[str] = []
        for category in node.findall("category"):
            domain = (category.get("domain") or "").casefold()
            value = (category.text or "").strip()
            if domain == "threat-level" and value:
                match = _US_LEVEL.search(value)
                if match:
                    level, label = int(match[1]), f"Level {match[1]}: {match[2].strip()}"
            elif domain == "country-tag" and value:
                tags.append(value)
        items.append(Item(
            issuer="us", name=name, codes=_us_codes(tags, name, names), level=level, label=label,
            as_of=feed_date(_child_text(node, "pubDate")), source=_child_text(node, "link"),
            summary=text_of_html(_child_text(node, "description")),
        ))
    return items


def parse_us_json(text: str, names: CountryNames) -> list[Item]:
    data = _json(text)
    if not isinstance(data, list):
        raise ParseError("the TravelAdvisories API should return a JSON array")
    items: list[Item] = []
    for entry in data:
        if not isinstance(entry, dict):
            continue
        name, level, label = _us_title(str(entry.get("Title") or ""))
        tags = entry.get("Category") or []
        if isinstance(tags, str):
            tags = [tags]
        items.append(Item(
            issuer="us", name=name, codes=_us_codes([str(t) for t in tags], name, names), level=level,
            label=label, as_of=feed_date(entry.get("Updated") or entry.get("Published")),
            source=str(entry.get("Link") or "").strip(), summary=text_of_html(entry.get("Summary")),
        ))
    return items


@dataclass(frozen=True)
class GbEntry:
    """One country in the FCDO index: enough to decide whether its page must be fetched."""

    slug: str
    base_path: str
    name: str
    codes: tuple[str, ...]
    stamp: str
    withdrawn: bool


def gb_slug(base_path: str) -> str | None:
    """The slug of a /foreign-travel-advice/<slug> path, or None for anything else."""
    if not base_path.startswith(GB_PREFIX):
        return None
    slug = base_path[len(GB_PREFIX):]
    return slug if _SLUG.match(slug) else None


def parse_gb_index(text: str, names: CountryNames) -> list[GbEntry]:
    data = _json(text)
    children = data.get("links", {}).get("children") if isinstance(data, dict) else None
    if not isinstance(children, list):
        raise ParseError("the foreign-travel-advice index has no links.children")
    entries: list[GbEntry] = []
    for child in children:
        if not isinstance(child, dict):
            continue
        base_path = str(child.get("base_path") or "")
        slug = gb_slug(base_path)
        if slug is None:
            continue
        country = (child.get("details") or {}).get("country") or {}
        name = str(country.get("name") or child.get("title") or slug)
        codes = names.lookup(name) or names.lookup(slug.replace("-", " "))
        for synonym in country.get("synonyms") or []:
            if codes:
                break
            codes = names.lookup(str(synonym))
        entries.append(GbEntry(slug=slug, base_path=base_path, name=name, codes=codes,
                               stamp=str(child.get("public_updated_at") or ""), withdrawn=bool(child.get("withdrawn"))))
    return entries


def parse_gb_page(text: str, entry: GbEntry) -> Item:
    data = _json(text)
    if not isinstance(data, dict) or not isinstance(data.get("details"), dict):
        raise ParseError("a travel_advice page needs a details object")
    details = data["details"]
    item = Item(issuer="gb", name=entry.name, codes=entry.codes, level=None, label="",
                as_of=feed_date(data.get("public_updated_at")), source=GOVUK_WEB + entry.base_path,
                summary=str(details.get("change_description") or ""), stamp=entry.stamp)
    if (data.get("withdrawn_notice") or {}).get("withdrawn_at"):
        item.skip = "page withdrawn"
        return item
    statuses = details.get("alert_status")
    if not isinstance(statuses, list):
        item.problem = "no alert_status"  # absent is not the same as [] (no advice against travel)
        return item
    try:
        item.label, item.severity = gb_label([str(s) for s in statuses])
    except ValueError as exc:
        item.problem = str(exc)
    return item


def _au_list(data: object) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("destinations", "data", "items", "nodes"):
            if isinstance(data.get(key), list):
                return data[key]
    raise ParseError("the destinations export should be a JSON array")


def _au_item(name: str, words: str, source: str, as_of: str | None, summary: str, names: CountryNames) -> Item:
    item = Item(issuer="au", name=name, codes=names.lookup(name), level=au_level(words), label=words.strip(),
                as_of=as_of, source=source, summary=summary)
    if words.strip().casefold() == AU_NO_ADVICE:
        item.skip = "no travel advice"
    return item


def parse_au_export(text: str, names: CountryNames) -> list[Item]:
    items: list[Item] = []
    for entry in _au_list(_json(text)):
        if not isinstance(entry, dict):
            continue
        items.append(_au_item(
            name=html.unescape(str(entry.get("title") or "")).strip(),
            words=str(entry.get("field_overall_advice_level") or ""),
            source=str(entry.get("field_url") or "").strip(),
            as_of=feed_date(entry.get("changed")),
            summary=text_of_html(str(entry.get("field_last_update") or "")),
            names=names,
        ))
    return items


def parse_au_rss(text: str, names: CountryNames) -> list[Item]:
    root = _xml_root(text)
    if _local(root.tag) != "rss":
        raise ParseError("not an RSS document")
    items: list[Item] = []
    for node in root.iter("item"):
        words = ""
        for child in node:
            if _local(child.tag) == "warnings":
                words = _child_text(child, "description")
                break
        items.append(_au_item(
            name=_child_text(node, "title"), words=words, source=_child_text(node, "link"),
            as_of=feed_date(_child_text(node, "pubDate")), summary=text_of_html(_child_text(node, "description")),
            names=names,
        ))
    return items


def parse_ca_index(text: str, names: CountryNames) -> list[Item]:
    data = _json(text)
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise ParseError("the Canada index needs a data object keyed by ISO code")
    items: list[Item] = []
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        code = str(entry.get("country-iso") or key).strip().upper()
        eng = entry.get("eng") if isinstance(entry.get("eng"), dict) else {}
        state = entry.get("advisory-state")
        level = state + 1 if isinstance(state, int) and not isinstance(state, bool) and 0 <= state <= 3 else None
        label = str(eng.get("advisory-text") or "").strip() or (CA_STATE_LABELS.get(state, "") if level else "")
        slug = str(eng.get("url-slug") or "").strip()
        published = entry.get("date-published") if isinstance(entry.get("date-published"), dict) else {}
        items.append(Item(
            issuer="ca", name=str(eng.get("name") or entry.get("country-eng") or code), codes=(code,),
            level=level, label=label, as_of=feed_date(published.get("date") or published.get("asp")),
            source=CA_PAGE_BASE + slug if _SLUG.match(slug) else "",
            summary=str(eng.get("recent-updates") or ""),
        ))
    return items
