"""Third-party reference data turned into baseline destinations, names, entry rules and advisories.

The baseline covers every country but is dated and uncurated; curated files override it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.i18n import N_
from bot.knowledge.issuer_names import CountryNames

PASSPORT_INDEX_DATE = "2026-02-17"
PASSPORT_INDEX_FILE = "passport-index-tidy-iso2-2026-02-17.csv"
PREVIOUS_PASSPORT_INDEX_FILE = "passport-index-tidy-iso2.csv"  # 12 January 2025, for `refresh --visa`
# The dataset file the baseline rows come from, at the commit we copied: the page that states each row (the Passport
# Index's own site is a homepage, and shows today's value, not the snapshot's).
PASSPORT_INDEX_URL = ("https://github.com/imorte/passport-index-data/blob/9c59780dd0dbaefcbdfa0134d21cd99d0d547509/"
                      "passport-index-tidy-iso2.csv")
US_SNAPSHOT_DATE = "2025-08-14"
US_FEED_SNAPSHOT = ("us-advisories-2026-08-22.json", "2026-08-22")
UK_SNAPSHOT_DATE = "2026-08-22"
AU_SNAPSHOT = ("au-smartraveller-2025-02-20.json", "2025-02-20")

# The Passport Index's own words mapped onto our verdicts (a number of days also means visa-free).
_REQUIREMENTS = {
    "visa free": ("visa-free", N_("No visa needed for a short visit.")),
    "visa on arrival": ("visa-on-arrival", N_("Visa issued on arrival.")),
    "eta": ("eta", N_("Electronic travel authorisation needed before travel.")),
    "evw": ("eta", N_("Electronic visa waiver needed before travel.")),
    "e-visa": ("e-visa", N_("E-visa needed before travel.")),
    "visa required": ("visa-required", N_("Visa needed in advance.")),
    "no admission": ("no-admission", N_("Holders of this passport are not admitted.")),
    "covid ban": ("closed", N_("Closed to holders of this passport (a pandemic-era ban).")),
    "hayya entry permit": ("permit-required", N_("An entry permit is needed.")),
}
DATASET_VERDICTS = frozenset(v for v, _ in _REQUIREMENTS.values()) - {"closed", "permit-required"}


def requirement_verdict(requirement: str) -> str | None:
    """The verdict a Passport Index value means; None for the own-country -1 and unknown values."""
    value = requirement.strip().casefold()
    if value.isdigit():
        return "visa-free"
    found = _REQUIREMENTS.get(value)
    return found[0] if found else None


_CYRILLIC_FOLD = str.maketrans({"ё": "е", "і": "и", "ї": "и", "є": "е", "ґ": "г"})


_NOT_WORD = re.compile(r"[^\w']+|_")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every name comparison."""
    if len(text) <= 40:  # words and names recur from question to question; whole questions seldom do
        return _fold_short(text)
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # Ukrainian letters folded onto Russian ones, so "Сирія" meets "Сирия" (and its case endings).
    text = text.translate(_CYRILLIC_FOLD).replace("’", "'")
    text = _NOT_WORD.sub(" ", text)
    text = text.replace("'", "")
    return " ".join(text.split())


_fold_short = functools.lru_cache(maxsize=1 << 16)(_fold)


@dataclass
class Country:
    code: str
    name: str
    official: str
    region: str
    flag: str
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (name, lang, kind)
    demonyms: list[tuple[str, str]] = field(default_factory=list)  # (demonym, lang)


def load_countries(ref_dir: Path) -> dict[str, Country]:
    raw = json.loads((ref_dir / "countries.json").read_text(encoding="utf-8"))
    countries: dict[str, Country] = {}
    for item in raw:
        code = item["cca2"]
        name = item["name"]
        country = Country(code, name["common"], name["official"], item.get("region", ""), item.get("flag", ""))
        add = country.names.append
        add((name["common"], "eng", "common"))
        add((name["official"], "eng", "official"))
        for lang, native in (name.get("native") or {}).items():
            add((native["common"], lang, "native"))
            add((native["official"], lang, "native"))
        for lang, tr in (item.get("translations") or {}).items():
            add((tr["common"], lang, "translation"))
            add((tr["official"], lang, "translation"))
        for alt in item.get("altSpellings") or []:
            add((alt, "und", "alt"))
        for capital in item.get("capital") or []:
            add((capital, "eng", "capital"))
        for lang, forms in (item.get("demonyms") or {}).items():
            for form in {forms.get("m", ""), forms.get("f", "")} - {""}:
                country.demonyms.append((form, lang))
        countries[code] = country
    return countries


# countries.json names its translations with ISO 639-3 codes; the catalogs use ISO 639-1.
_COUNTRIES_JSON_LANGS = {"ru": "rus", "de": "deu", "fr": "fra", "es": "spa", "pt": "por", "zh": "zho", "ja": "jpn",
                         "it": "ita", "pl": "pol", "tr": "tur", "nl": "nld", "ko": "kor", "ar": "ara", "fa": "per"}


def display_names(country: Country, langs: Iterable[str]) -> dict[str, str]:
    """The country's usual name in each language: countries.json's, else Unicode CLDR's (via Babel, e.g. for
    Ukrainian, which countries.json lacks)."""
    from babel import Locale, UnknownLocaleError

    common = {lang: name for name, lang, kind in reversed(country.names) if kind == "translation"}
    out = {}
    for lang in langs:
        name = common.get(_COUNTRIES_JSON_LANGS.get(lang, ""))
        if not name and lang != "en":
            try:
                name = Locale.parse("zh_Hans" if lang == "zh" else lang).territories.get(country.code)
            except (UnknownLocaleError, ValueError):
                name = None
        if name:
            out[lang] = name
    return out


@dataclass(frozen=True)
class BaselineRule:
    passport: str
    destination: str
    verdict: str
    summary: str
    days: int | None


def load_passport_index(ref_dir: Path, file: str = PASSPORT_INDEX_FILE) -> Iterator[BaselineRule]:
    with (ref_dir / file).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            req = row["Requirement"].strip()
            if req == "-1":
                continue
            if req.isdigit():
                days = int(req)
                yield BaselineRule(
                    row["Passport"], row["Destination"], "visa-free", f"No visa needed for up to {days} days.", days
                )
                continue
            verdict, summary = _REQUIREMENTS.get(req.casefold(), ("unknown", f"Dataset value {req!r} not recognised."))
            yield BaselineRule(row["Passport"], row["Destination"], verdict, summary, None)


@dataclass(frozen=True)
class BaselineAdvisory:
    code: str
    issuer: str
    level: int | None
    label: str
    as_of: str
    source: str
    checked: str


_ADVISORY_NAME_FIXES = {
    "burma (myanmar)": "MM",
    "north korea (democratic peoples republic of korea)": "KP",
    "south korea": "KR",
    "israel the west bank and gaza": "IL",
    "the bahamas": "BS",
    "the gambia": "GM",
    "cabo verde": "CV",
    "cote divoire": "CI",
    "democratic republic of the congo": "CD",
    "republic of the congo": "CG",
    "turkiye": "TR",
    "czechia": "CZ",
    "eswatini": "SZ",
    "holy see": "VA",
    "timor-leste": "TL",
    "timor leste": "TL",
    "micronesia": "FM",
    "mainland china": "CN",
    "antarctica/british antarctic territory": "AQ",
    "antarctica british antarctic territory": "AQ",
    "the occupied palestinian territories": "PS",
    "st kitts and nevis": "KN",
    "st lucia": "LC",
    "st vincent and the grenadines": "VC",
    "st maarten": "SX",
    "st martin": "MF",
    "st barthelemy": "BL",
    "st pierre and miquelon": "PM",
    "st helena ascension and tristan da cunha": "SH",
    "usa": "US",
}


def name_index(countries: dict[str, Country]) -> dict[str, str]:
    """English-ish names to codes, for joining datasets that use names instead of codes."""
    index: dict[str, str] = {}
    for code, country in countries.items():
        for name, lang, kind in country.names:
            if lang in ("eng", "und") and kind in ("common", "official", "alt"):
                index.setdefault(fold(name), code)
    return index


def _code_for(name: str, index: dict[str, str]) -> str | None:
    key = fold(name)
    if key in _ADVISORY_NAME_FIXES:
        return _ADVISORY_NAME_FIXES[key]
    if key in index:
        return index[key]
    bare = fold(re.sub(r"\(.*?\)", "", name))
    return index.get(bare)


def load_us_advisories(ref_dir: Path, index: dict[str, str]) -> list[BaselineAdvisory]:
    """Per destination the newest US level: the 2026 feed snapshot, else the 2025 scrape (each keeps its date)."""
    found: dict[str, BaselineAdvisory] = {}
    with (ref_dir / "unitedstates_summary.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            level = row["risk_level_number"].strip()
            if not level:
                continue
            code = _code_for(row["destination"], index)
            if code is None or code in found:
                continue
            label = row["risk_level"].split(":", 1)[-1].strip() or row["risk_level"]
            found[code] = BaselineAdvisory(
                code,
                "US",
                int(level) if int(level) > 0 else None,
                label,
                row["last_updated_advisory"][:10],
                row["advisory_details_url"],
                US_SNAPSHOT_DATE,
            )
    name, snapshot = US_FEED_SNAPSHOT
    path = ref_dir / name
    if path.exists():
        # the feed's own wordings ("Mexico Travel Advisory", "Mainland China, Hong Kong & Macau", "Turkey"), read as
        # the feed parser reads them: eleven of its items were dropped by the dataset's name index
        names = CountryNames.load(ref_dir / "countries.json")
        for item in json.loads(path.read_text(encoding="utf-8")):
            if not item.get("level"):
                continue
            as_of = dt.datetime.strptime(item["date"], "%a, %d %b %Y").date().isoformat()
            label = item["full_title"].split(":", 1)[-1].strip()
            for code in names.lookup(item["country"]):
                if code not in found or as_of >= found[code].as_of:
                    found[code] = BaselineAdvisory(code, "US", int(item["level"]), label, as_of,
                                                   item["remote_link"], snapshot)
    return list(found.values())


def load_au_advisories(ref_dir: Path) -> list[BaselineAdvisory]:
    """Smartraveller levels of February 2025: a dated baseline for Australian travelers, never current."""
    name, snapshot = AU_SNAPSHOT
    path = ref_dir / name
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    as_of = str(data.get("last_updated", snapshot))[:10]
    return [
        BaselineAdvisory(a["country"]["alpha_2"], "AU", int(a["level"]) if a.get("level") else None, a["advisory"],
                         as_of, a["page_url"], snapshot)
        for a in data.get("advisories", [])
        if a.get("country", {}).get("alpha_2") and a.get("advisory")
    ]


# the FCDO publishes no levels: its page's date is what the dataset knows, and the label says to read the page
UK_BASELINE_LABEL = N_("FCDO travel advice (read the page for its warnings)")


def load_uk_advisories(ref_dir: Path, index: dict[str, str]) -> list[BaselineAdvisory]:
    found: dict[str, BaselineAdvisory] = {}
    with (ref_dir / "unitedkingdom_summary.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = _code_for(row["destination"], index)
            if code is None or code in found:
                continue
            found[code] = BaselineAdvisory(
                code,
                "UK",
                None,
                UK_BASELINE_LABEL,
                row["last_updated"][:10],
                row["details_url"],
                UK_SNAPSHOT_DATE,
            )
    return list(found.values())


@dataclass
class AliasFile:
    aliases: dict[str, list[str]] = field(default_factory=dict)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    weak: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)


def load_alias_file(ref_dir: Path) -> AliasFile:
    path = ref_dir / "aliases.yaml"
    if not path.exists():
        return AliasFile()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return AliasFile(
        aliases={k: list(v) for k, v in (data.get("aliases") or {}).items()},
        ambiguous={k: list(v) for k, v in (data.get("ambiguous") or {}).items()},
        weak={k: v for k, v in (data.get("weak") or {}).items()},
        demonyms={k: list(v) for k, v in (data.get("demonyms") or {}).items()},
    )
