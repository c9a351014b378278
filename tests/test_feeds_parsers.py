"""Each feed format parsed from the fixtures, plus the label and date vocabularies."""

from __future__ import annotations

import pytest
from test_feeds_support import fixture_text, names, rss, us_item

from bot.feeds.model import GB_NO_ADVICE, au_level, feed_date, gb_label
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


def test_us_rss_fixture() -> None:
    items = parse_us_rss(fixture_text("us/TAsTWs.xml"), names())
    assert len(items) == 9
    first = items[0]
    assert (first.codes, first.level, first.label, first.as_of) == (("KP",), 4, "Level 4: Do Not Travel", "2025-04-29")
    assert first.source.endswith("destination.prk.html")
    by_name = {i.name: i for i in items}
    assert by_name["Burma"].codes == ("MM",)
    assert by_name["Turkmenistan"].codes == ("TM",)
    assert by_name["Mainland China, Hong Kong & Macau"].codes == ("CN",)  # the tag wins over the name
    assert items[-1].summary.endswith("Summary not available")


def test_us_rss_without_tag_falls_back_to_the_title() -> None:
    items = parse_us_rss(rss([us_item("Burma", 4), us_item("Russia", 4, tag="PF")]), names())
    assert [i.codes for i in items] == [("MM",), ("RU",)]  # PF (Paracel Islands) has no ISO code


def test_us_json_fixture() -> None:
    items = parse_us_json(fixture_text("us/TravelAdvisories.json"), names())
    assert len(items) == 7
    assert items[0].codes == ("KP",) and items[0].as_of == "2025-04-29"  # 20:00 US Eastern = next day UTC
    assert {i.codes for i in items if i.name.startswith("Mainland")} == {("CN",), ("MO",)}
    assert items[0].label == "Level 4: Do Not Travel"


def test_us_json_must_be_an_array() -> None:
    with pytest.raises(ParseError):
        parse_us_json('{"error": "rate limited"}', names())
    assert parse_us_json("[]", names()) == []


def test_xml_with_entities_is_refused() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel>&a;</channel></rss>'
    with pytest.raises(ParseError):
        parse_us_rss(bomb, names())


def test_gb_index_verbatim() -> None:
    entries = parse_gb_index(fixture_text("gb/extra/publishing-api_travel_advice_index.json"), names())
    assert [e.slug for e in entries] == ["afghanistan", "austria", "finland", "india", "malaysia",
                                         "sao-tome-and-principe", "spain"]
    assert [e.codes for e in entries][5] == ("ST",)
    assert entries[0].stamp == "2015-01-01T00:00:00+00:00"


def _entry(slug: str, name: str, codes: tuple[str, ...]) -> GbEntry:
    return GbEntry(slug=slug, base_path=f"/foreign-travel-advice/{slug}", name=name, codes=codes, stamp="s",
                   withdrawn=False)


def test_gb_pages() -> None:
    afghanistan = parse_gb_page(fixture_text("gb/foreign-travel-advice/afghanistan.json"),
                                _entry("afghanistan", "Afghanistan", ("AF",)))
    assert (afghanistan.label, afghanistan.as_of, afghanistan.level) == (
        "The FCDO advises against all travel", "2026-07-30", None)
    assert afghanistan.source == "https://www.gov.uk/foreign-travel-advice/afghanistan"
    albania = parse_gb_page(fixture_text("gb/foreign-travel-advice/albania.json"),
                            _entry("albania", "Albania", ("AL",)))
    assert albania.label == GB_NO_ADVICE and albania.as_of == "2017-02-14"
    withdrawn = parse_gb_page(fixture_text("gb/extra/publishing-api_travel_advice_withdrawn-full-country.json"),
                              _entry("albania", "Albania", ("AL",)))
    assert withdrawn.skip == "page withdrawn"


def test_gb_page_without_alert_status_is_a_problem() -> None:
    item = parse_gb_page('{"public_updated_at": "2026-01-01T00:00:00Z", "details": {}}', _entry("x", "X", ("AF",)))
    assert item.problem == "no alert_status"


@pytest.mark.parametrize(("statuses", "label"), [
    ([], "No FCDO advice against travel"),
    (["avoid_all_travel_to_whole_country"], "The FCDO advises against all travel"),
    (["avoid_all_but_essential_travel_to_whole_country"], "The FCDO advises against all but essential travel"),
    (["avoid_all_travel_to_parts"], "The FCDO advises against all travel to parts of the country"),
    (["avoid_all_but_essential_travel_to_parts"],
     "The FCDO advises against all but essential travel to parts of the country"),
    (["avoid_all_travel_to_parts", "avoid_all_but_essential_travel_to_whole_country"],
     "The FCDO advises against all travel to parts of the country and all but essential travel to the rest"),
])
def test_gb_labels(statuses: list[str], label: str) -> None:
    assert gb_label(statuses)[0] == label


def test_gb_severity_orders_statuses() -> None:
    weights = [gb_label(s)[1] for s in ([], ["avoid_all_but_essential_travel_to_parts"], ["avoid_all_travel_to_parts"],
                                        ["avoid_all_but_essential_travel_to_whole_country"],
                                        ["avoid_all_travel_to_whole_country"])]
    assert weights == sorted(weights) and len(set(weights)) == 5
    with pytest.raises(ValueError):
        gb_label(["avoid_the_beach"])


def test_au_export_maps_words_not_numbers() -> None:
    items = parse_au_export(fixture_text("au/destinations-export.json"), names())
    assert [(i.codes, i.level, i.as_of) for i in items[:4]] == [
        (("AF",), 4, "2025-11-14"), (("KP",), 4, "2025-11-14"), (("TM",), 3, "2025-11-14"), (("BT",), 1, "2025-11-14")]
    assert items[4].skip == "no travel advice"  # Antarctica


def test_au_rss_uses_the_words() -> None:
    items = parse_au_rss(fixture_text("au/index.rss"), names())
    assert [(i.codes, i.level, i.label) for i in items] == [
        (("KP",), 4, "Do not travel"), (("TM",), 3, "Reconsider your need to travel"),
        (("BT",), 1, "Exercise normal safety precautions")]  # ta:level says 5/5, 4/5, 2/5
    assert items[0].as_of == "2025-02-20"


@pytest.mark.parametrize(("words", "level"), [
    ("Do not travel", 4), ("do NOT travel", 4), ("Reconsider your need to travel", 3),
    ("Exercise a high degree of caution", 2), ("Exercise normal safety precautions", 1),
    ("Reconsider your need to travel. Do not travel to some areas", 3), ("4", None), ("No travel advice", None),
])
def test_au_words(words: str, level: int | None) -> None:
    assert au_level(words) == level


def test_ca_index() -> None:
    items = {i.codes[0]: i for i in parse_ca_index(fixture_text("ca/index-alpha-eng.json"), names())}
    assert (items["AF"].level, items["AF"].label, items["AF"].as_of, items["AF"].source) == (
        4, "Avoid all travel", "2026-09-01", "https://travel.gc.ca/destinations/afghanistan")
    assert items["DZ"].level == 2 and items["MM"].as_of == "2026-05-08"


@pytest.mark.parametrize(("text", "date"), [
    ("Tue, 29 Apr 2025", "2025-04-29"), ("2025-04-28T20:00:00-04:00", "2025-04-29"),
    ("Mon, 28 Apr 2025 20:00:00 -0400", "2025-04-29"), ("Fri, 2025-11-14 14:22", "2025-11-14"),
    ("20 Feb 2025 10:00:00 AEDT", "2025-02-20"), ("2026-09-01 09:10:12", "2026-09-01"), ("", None), ("soon", None),
])
def test_feed_dates(text: str, date: str | None) -> None:
    assert feed_date(text) == date
