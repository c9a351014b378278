"""Regions, disputed territories and permit areas: the region's name wins, and its legal trap comes first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.answering.render import to_plain
from bot.knowledge.reference import PASSPORT_INDEX_URL
from tests.conftest import KNOWLEDGE

REGIONS = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((KNOWLEDGE / "destinations").glob("*.yaml"))]
REGIONS = [d for d in REGIONS if d.get("kind") in ("region", "territory")]


def test_at_least_thirty_regions_are_curated() -> None:
    assert len(REGIONS) >= 30
    for region in REGIONS:
        assert region["aliases"], region["code"]
        assert any("*" in rule["passports"] for rule in region["entry"]), region["code"]


@pytest.mark.parametrize(("question", "code"), [
    ("Is Crimea open for foreigners?", "UA-43"), ("Krym", "UA-43"), ("Крым", "UA-43"), ("Sevastopol", "UA-43"),
    ("Lhasa", "CN-XZ"), ("Sukhumi", "GE-AB"), ("Abhazia", "GE-AB"), ("Абхазия", "GE-AB"),
    ("Nagorno-Karabakh", "AZ-NK"), ("Artsakh", "AZ-NK"), ("Transnistria", "MD-SN"), ("Pridnestrovie", "MD-SN"),
    ("Приднестровье", "MD-SN"), ("Tiraspol", "MD-SN"), ("Northern Cyprus via Ercan", "CY-NC"), ("Ladakh", "IN-LA"),
    ("Sikkim permit", "IN-SK"), ("Galápagos", "EC-W"), ("Erbil", "IQ-KR"), ("Hargeisa", "SO-SL"),
    ("Socotra", "YE-SU"), ("Rason", "KP-13"), ("Wonsan-Kalma", "KP-WK"), ("Grozny", "RU-CE"),
    ("Kaliningrad visa", "RU-KGD"), ("Svalbard", "SJ"), ("Upper Mustang", "NP-UM"), ("Gaza", "PS-GZA"),
])
def test_a_regions_name_wins_over_its_country(engine, question, code) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == [code] and u.sure, (question, u.destinations)


def test_donbas_asks_which_oblast(engine) -> None:
    for name in ("Donbas", "Donbass"):
        answer = engine.ask(name)
        assert not answer.answered and {s["code"] for s in answer.suggestions} == {"UA-14", "UA-09"}


def test_region_named_with_its_country_is_the_destination(engine) -> None:
    assert engine.matcher.understand("Crimea, Ukraine").destinations[0] == "UA-43"
    answer = engine.ask("Can I go to Abkhazia from Russia and then into Georgia?")
    assert answer.code == "GE-AB"
    trap = answer.warnings[0]
    assert trap.startswith("Legal trap") and "Russia" in trap and "lawful route" in trap
    assert "The lawful route" in to_plain(answer.messages[0])


@pytest.mark.parametrize("question", ["Is Crimea open for foreigners?", "Can I visit Abkhazia?",
                                      "Can I fly to Northern Cyprus?", "Is Transnistria open?"])
def test_answers_state_the_legal_route_first(engine, question) -> None:
    answer = engine.ask(question)
    text = to_plain(answer.messages[0])
    assert answer.legal and text.index("Legal trap") < text.index("•")
    assert "The lawful route" in text


def test_region_shows_its_countrys_advisory_with_scope(engine) -> None:
    crimea = engine.ask("Is Crimea safe?")
    assert crimea.advisories and crimea.advisories[0].level == 4
    rason = engine.ask("Is Rason safe?", ["US"])
    assert rason.entry[0].verdict == "passport-invalid"  # the parent's US passport rule holds in the region


def test_region_deep_links_and_buttons_work(engine) -> None:
    answer = engine.ask("", ["US"], code="UA-43", topics=["entry"])
    assert answer.answered and answer.detail and "Legal situation" in to_plain(answer.messages[0])


def test_every_region_file_names_its_parent_and_legal_trap_where_one_exists() -> None:
    traps = [r for r in REGIONS if r.get("legal")]
    assert len(traps) >= 20
    for region in traps:
        assert region["legal"]["lawful_route"] and region["legal"]["source"].startswith("http")
    occupied = {"UA-43", "UA-14", "UA-09", "UA-23", "UA-65", "GE-AB", "GE-SO", "MD-SN", "CY-NC"}
    assert occupied <= {r["code"] for r in traps}
    assert all(Path(KNOWLEDGE / "destinations" / f"{r['code'].lower()}.yaml").exists() for r in REGIONS)


def test_a_brief_risk_line_does_not_repeat_the_place_as_its_scope(engine) -> None:
    """"US Level 4: do not travel (Crimea)" on Crimea's own answer says the place twice; a scope that is not the
    place answered stays ("Turkish Cypriot-administered area" on Northern Cyprus), and the detailed view keeps it."""
    crimea = engine.ask("Is Crimea safe?")
    assert crimea.headline.risk == "US Level 4: do not travel"
    assert "(Turkish Cypriot-administered area)" in engine.ask("Is Northern Cyprus safe?").headline.risk
    detail = engine.ask("", code="UA-43", topics=["safety"])
    assert any(a.full.endswith("(Crimea)") or "Crimea" in a.full for a in detail.advisories)


def test_a_regions_permit_comes_with_its_countrys_own_verdict(engine) -> None:
    """The Galápagos permit is on top of entering Ecuador, Ladakh's on top of India's visa: a passport that needs the
    region's permit also hears the country's verdict for it, on its own line after the permit; a passport that
    needs no permit (Indians in Ladakh) hears nothing more, and a region advised against gives no green light."""
    def first(answer):
        return [d for d in answer.direct if "entering" in d.strong and "first" in d.strong]
    for question, country in (("venezuelan passport, can I visit the galapagos", "Ecuador"),
                              ("nigerian passport, trip to ladakh", "India"), ("us passport mount athos", "Greece")):
        answer = engine.ask(question)
        lines = first(answer)
        assert len(lines) == 1 and f"entering {country} first" in lines[0].strong, question
        assert lines[0].dataset and lines[0].source == PASSPORT_INDEX_URL, question
        permit = next(i for i, d in enumerate(answer.direct) if "Special permit" in d.strong)
        assert answer.direct.index(lines[0]) == permit + 1, question
    assert not first(engine.ask("indian passport ladakh"))
    karabakh = first(engine.ask("russian passport nagorno karabakh"))
    assert karabakh and karabakh[0].icon != "✅"
    spanish = engine.ask("venezolano, quiero ir a galápagos")
    assert any("si entra primero en Ecuador" in d.strong for d in spanish.direct)
