"""The FIPS 10-4 -> ISO table and the name fallback the State Department feed relies on."""

from __future__ import annotations

import json

import pytest
from test_feeds_support import COUNTRIES, DUPES, GLITCH, names

from bot.feeds.fips import FIPS_TO_ISO, FIPS_WITHOUT_ISO, ISO_WITHOUT_FIPS, fips_to_iso


@pytest.mark.parametrize(("fips", "iso"), [
    ("KN", "KP"), ("TX", "TM"), ("BM", "MM"), ("RS", "RU"), ("UK", "GB"), ("SW", "SE"),
    # collisions where reading the tag as ISO would name another country
    ("AS", "AU"), ("AU", "AT"), ("GM", "DE"), ("GB", "GA"), ("SP", "ES"), ("CH", "CN"), ("SZ", "CH"),
    ("NI", "NG"), ("NG", "NE"), ("MF", "YT"), ("RN", "MF"), ("BQ", "UM"), ("KV", "XK"), ("OD", "SS"),
    ("GZ", "PS"), ("WE", "PS"), ("MC", "MO"), ("IS", "IL"), ("VM", "VN"),
])
def test_known_codes(fips: str, iso: str) -> None:
    assert fips_to_iso(fips) == iso


def test_every_value_is_an_iso_code_from_countries_json() -> None:
    codes = {c["cca2"] for c in json.loads(COUNTRIES.read_text(encoding="utf-8"))}
    assert set(FIPS_TO_ISO.values()) <= codes


def test_table_covers_every_country() -> None:
    codes = {c["cca2"] for c in json.loads(COUNTRIES.read_text(encoding="utf-8"))}
    assert codes - set(FIPS_TO_ISO.values()) == ISO_WITHOUT_FIPS
    assert len(FIPS_TO_ISO) >= 260
    assert all(len(k) == 2 and k.isupper() for k in FIPS_TO_ISO)
    assert not set(FIPS_WITHOUT_ISO) & set(FIPS_TO_ISO)


def test_unknown_tag_is_none() -> None:
    assert fips_to_iso("PF") is None  # Paracel Islands: no ISO code
    assert fips_to_iso("kn") == "KP"


def test_every_state_department_name_in_the_archive_resolves() -> None:
    resolver = names()
    for path in (GLITCH, DUPES):
        for row in json.loads(path.read_text(encoding="utf-8")):
            assert resolver.lookup(row["country"]), row["country"]


@pytest.mark.parametrize(("name", "codes"), [
    ("Burma", ("MM",)), ("Burma (Myanmar)", ("MM",)), ("Cabo Verde", ("CV",)),
    ("North Korea (Democratic People's Republic of Korea)", ("KP",)),
    ("Mainland China, Hong Kong & Macau", ("CN", "HK", "MO")), ("Israel, the West Bank and Gaza", ("IL", "PS")),
    ("São Tomé and Principe", ("ST",)), ("Turkey", ("TR",)), ("The Bahamas", ("BS",)),
    ("Trinidad and Tobago", ("TT",)), ("Bosnia and Herzegovina", ("BA",)), ("Georgia", ("GE",)),
    ("Niger", ("NE",)), ("Nigeria", ("NG",)), ("Atlantis", ()),
])
def test_names(name: str, codes: tuple[str, ...]) -> None:
    assert names().lookup(name) == codes
