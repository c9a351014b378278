"""Country names as the issuers write them -> ISO 3166-1 alpha-2, built from countries.json.

Feeds name destinations in their own words ("Burma (Myanmar)", "Mainland China, Hong Kong &
Macau", "North Korea (Democratic People's Republic of Korea)"); countries.json gives the common,
official and alternative spellings, and FEED_ALIASES adds the few issuer wordings it lacks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Issuer wordings that countries.json does not spell; a name may stand for several destinations.
FEED_ALIASES: dict[str, tuple[str, ...]] = {
    "mainland china": ("CN",),
    "mainland china hong kong and macau": ("CN", "HK", "MO"),
    "china hong kong and macau": ("CN", "HK", "MO"),
    "israel the west bank and gaza": ("IL", "PS"),
    "israel west bank and gaza": ("IL", "PS"),
    "the occupied palestinian territories": ("PS",),
    "occupied palestinian territories": ("PS",),
    "west bank": ("PS",),
    "gaza": ("PS",),
    "gaza strip": ("PS",),
    "palestinian territories": ("PS",),
    "cabo verde": ("CV",),
    "burma myanmar": ("MM",),
    "czech republic": ("CZ",),
    "turkey": ("TR",),
    "swaziland": ("SZ",),
    "eswatini swaziland": ("SZ",),
    "macedonia": ("MK",),
    "east timor": ("TL",),
    "timor leste": ("TL",),
    "democratic republic of the congo": ("CD",),
    "democratic republic of congo": ("CD",),
    "republic of the congo": ("CG",),
    "republic of congo": ("CG",),
    "congo republic": ("CG",),
    "congo democratic republic": ("CD",),
    "the gambia": ("GM",),
    "gambia the": ("GM",),
    "bahamas the": ("BS",),
    "the bahamas": ("BS",),
    "micronesia": ("FM",),
    "holy see": ("VA",),
    "vatican city": ("VA",),
    "st kitts and nevis": ("KN",),
    "st lucia": ("LC",),
    "st vincent and the grenadines": ("VC",),
    "st maarten": ("SX",),
    "st martin": ("MF",),
    "st barthelemy": ("BL",),
    "st helena ascension and tristan da cunha": ("SH",),
    "st pierre and miquelon": ("PM",),
    "saint helena ascension and tristan da cunha": ("SH",),
    "bonaire st eustatius saba": ("BQ",),
    "bonaire sint eustatius and saba": ("BQ",),
    "caribbean netherlands": ("BQ",),
    "antarctica british antarctic territory": ("AQ",),
    "british antarctic territory": ("AQ",),
    "south korea": ("KR",),
    "korea south": ("KR",),
    "north korea": ("KP",),
    "korea north": ("KP",),
    "russian federation": ("RU",),
    "kyrgyz republic": ("KG",),
    "laos": ("LA",),
    "usa": ("US",),
    "united states of america": ("US",),
    "uk": ("GB",),
    "united kingdom": ("GB",),
    "cote divoire ivory coast": ("CI",),
    "pitcairn island": ("PN",),
    "pitcairn islands": ("PN",),
    "ascension island": ("SH",),
    "tristan da cunha": ("SH",),
    "st helena": ("SH",),
    "british virgin islands": ("VG",),
    "us virgin islands": ("VI",),
    "virgin islands us": ("VI",),
    "virgin islands british": ("VG",),
    "heard island and mcdonald islands": ("HM",),
    "timor": ("TL",),
    "cote d ivoire": ("CI",),
    "bonaire": ("BQ",),
    "saba": ("BQ",),
    "sint eustatius": ("BQ",),
    "st eustatius": ("BQ",),
    "solomon island": ("SB",),
    "french west indies": ("GP", "MQ", "BL", "MF"),
}

_ARTICLE = re.compile(r"^the\s+")
_SAINT = re.compile(r"\bsaint\b")
_PAREN = re.compile(r"\(([^()]*)\)")
_LIST_SEP = re.compile(r",|&|\band\b", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(travel advisory|travel advice|advisory)$")


def normalize(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form, so spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "").replace(".", "")
    text = re.sub(r"[^a-z0-9()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


class CountryNames:
    """Resolves a destination name to ISO codes; knows which codes are valid."""

    def __init__(self, countries: list[dict]) -> None:
        self.codes: frozenset[str] = frozenset(c["cca2"] for c in countries if c.get("cca2"))
        self.names: dict[str, str] = {}
        self._index: dict[str, tuple[str, ...]] = {}
        for country in countries:
            code = country.get("cca2")
            if not code:
                continue
            name = country.get("name") or {}
            self.names[code] = name.get("common") or code
            for spelling in (name.get("common"), name.get("official"), *country.get("altSpellings", [])):
                if spelling and len(spelling) > 2:
                    self._add(spelling, (code,), override=False)
        for alias, codes in FEED_ALIASES.items():
            self._add(alias, tuple(c for c in codes if c in self.codes), override=True)

    def _add(self, spelling: str, codes: tuple[str, ...], *, override: bool) -> None:
        key = _key(spelling)
        if key and codes and (override or key not in self._index):
            self._index[key] = codes

    @classmethod
    def load(cls, path: Path) -> CountryNames:
        """Read countries.json (mledoze/countries layout); cached because it is 1.4 MB."""
        return _load(str(Path(path).resolve()))

    def is_code(self, code: str | None) -> bool:
        return bool(code) and code in self.codes

    def lookup(self, name: str) -> tuple[str, ...]:
        """ISO codes for a name, trying the whole name, its bracketed parts, then its list parts."""
        key = _key(name)
        if not key:
            return ()
        if key in self._index:
            return self._index[key]
        outside = _key(_PAREN.sub(" ", normalize(name)))
        if outside in self._index:
            return self._index[outside]
        for inner in _PAREN.findall(normalize(name)):
            if _key(inner) in self._index:
                return self._index[_key(inner)]
        # "Mainland China, Hong Kong & Macau": a list of names; every part must resolve.
        parts = [p for p in _LIST_SEP.split(_PAREN.sub(" ", name)) if p.strip()]
        if len(parts) > 1:
            found: list[str] = []
            for part in parts:
                codes = self._index.get(_key(part))
                if not codes:
                    return ()
                found.extend(c for c in codes if c not in found)
            return tuple(found)
        return ()


def _key(name: str) -> str:
    text = normalize(name).replace("(", " ").replace(")", " ")
    text = _SAINT.sub("st", text)
    text = _SUFFIX.sub("", re.sub(r"\s+", " ", text).strip())
    return _ARTICLE.sub("", text)


@lru_cache(maxsize=4)
def _load(path: str) -> CountryNames:
    with open(path, encoding="utf-8") as handle:
        return CountryNames(json.load(handle))
