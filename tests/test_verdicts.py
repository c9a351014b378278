"""Issue 12: the asker's verdict is there whenever a passport is known, one test per kind of answer that had none
(or the wrong one). bot/devtools/verdicts.py counts the classes over all tuning questions."""

from __future__ import annotations

from bot.answering.render import to_plain
from bot.knowledge.reference import PASSPORT_INDEX_URL


def _first(answer) -> str:
    return to_plain(answer.messages[0])


def _row(answer, passport: str):
    rows = [e for e in answer.entry if e.passport == passport or passport in (e.passports or [])]
    assert rows, f"no verdict for {passport}: {answer.entry}"
    return rows[0]


# -- the asker's own country ----------------------------------------------------------------------------------
def test_own_country_without_any_rule_gets_a_line(engine) -> None:
    """A Brazilian asking about Brazil had no row at all (no dataset pair for a country and itself): the answer
    said nothing about their passport."""
    answer = engine.ask("Can a Brazilian travel to Brazil?")
    row = _row(answer, "BR")
    assert row.origin == "own" and row.verdict == "unknown"
    assert "Brazil passport: Your own country" in _first(answer)


def test_own_country_is_not_answered_with_the_visitors_rule(engine) -> None:
    """A Syrian asking about Syria got Syria's rule for all other passports ("Almost every visitor needs a Syrian
    visa"), a Cuban about Cuba the e-visa of foreign tourists."""
    for question, passport, visitors in (("I'm Syrian, can I visit Damascus again?", "SY", "every visitor needs"),
                                         ("I'm Cuban, can I go home to Havana?", "CU", "E-visa")):
        answer = engine.ask(question)
        row = _row(answer, passport)
        assert row.origin == "own", question
        first = _first(answer)
        assert "Your own country" in first and visitors not in first, first
    # the risk stays: Syria is still Level 4
    assert "Level 4" in _first(engine.ask("I'm Syrian, can I visit Damascus again?"))


def test_own_country_line_is_sourced_and_marked_unverified(engine) -> None:
    """Every fact carries its source: the citizen's right to enter (ICCPR art. 12(4)), which our tools could not
    confirm against the page, so it says unverified. Palestine is no such case: Israel decides who enters."""
    row = _row(engine.ask("Can a Brazilian travel to Brazil?"), "BR")
    assert row.source.startswith("https://www.ohchr.org/") and row.checked and row.unverified
    assert "unverified" in _first(engine.ask("Can a Brazilian travel to Brazil?"))
    assert _row(engine.ask("can palestinians go to palestine"), "PS").origin != "own"


def test_a_couple_gets_no_dual_nationality_warning(engine) -> None:
    """Two people, one passport each: the dual-nationality warning is for one person holding both."""
    couple = engine.ask("My fiancé is Nigerian and I'm American, can we go to Iran?")
    assert {e.passport for e in couple.entry} >= {"NG", "US"}
    assert not any("second passport" in w for w in couple.warnings)
    dual = engine.ask("I have Nigerian and American passports, can I go to Iran?")
    assert any("second passport" in w for w in dual.warnings)


def test_dual_national_at_home_gets_both_sides_and_the_warning(engine) -> None:
    answer = engine.ask("i'm a dual us-iranian citizen, can i visit iran")
    assert _row(answer, "IR").origin == "own"
    assert _row(answer, "US").verdict == "tour-only"
    assert any("second passport" in w for w in answer.warnings)


def test_region_of_own_country_deferring_to_it_is_own_country(engine) -> None:
    """Chechnya's default rule is Russia's rules for foreigners: not a Russian's."""
    answer = engine.ask("Is Chechnya open to Russians?")
    row = _row(answer, "RU")
    assert row.origin == "own"
    first = _first(answer)
    assert "Your own country" in first and "most foreigners need" not in first
    assert "Level 4" in first  # the risk line stays


def test_a_restriction_on_a_region_still_applies_to_its_own_countrys_citizens(engine) -> None:
    """Crimea is closed from the lawful side, Mount Athos needs its permit from Greeks too, Abkhazia's only
    lawful route is for Georgians too: their own rules stay, with the legal trap."""
    for question, passport, code, verdict in (("crimea with ukrainian passport", "UA", "UA-43", "closed"),
                                              ("Can Greeks visit Mount Athos?", "GR", "GR-69", "permit-required"),
                                              ("Georgian citizen to Abkhazia", "GE", "GE-AB", "unknown")):
        answer = engine.ask(question)
        assert answer.code == code
        row = _row(answer, passport)
        assert row.origin == "curated" and row.verdict == verdict, question


# -- regions whose own rule defers to their country's ---------------------------------------------------------
def test_regions_deferring_to_their_country_are_the_ones_their_rule_says(engine) -> None:
    """The fallback follows the curators' words: a region's default rule that names its country and its rules.
    Abkhazia (Georgia is only the route), Iraqi Kurdistan (its own list) and Socotra (unconfirmed) keep their own.
    Svalbard, reached only through mainland Norway, defers to Norway's; the West Bank to Israel's, which its file
    names as the country whose rules apply (rules_of), since Israel holds the crossings; Western Sahara to Morocco's,
    for the same reason."""
    composer, kb = engine.composer, engine.kb
    deferring = {code for code, place in kb.places.items() if composer._defers_to(place) is not None}
    assert deferring == {"IN-JK", "PK-GB", "RU-CE", "RU-KGD", "CN-XJ", "MD-SN", "CY-NC", "SJ",
                         "PS-WBK", "EH"}
    assert composer._defers_to(kb.places["IN-JK"]).code == "IN"
    assert composer._defers_to(kb.places["SJ"]).code == "NO"  # a country code of its own, Norway's all the same


def test_region_gets_its_countrys_rule_with_that_said(engine) -> None:
    answer = engine.ask("Do Germans need a visa for Kashmir?")
    assert answer.code == "IN-JK"
    row = _row(answer, "DE")
    assert row.rule_of == "IN" and row.verdict == "e-visa" and row.origin == "baseline"
    assert row.checked and row.source  # the country's rule keeps its date and source
    first = answer.messages[0]
    assert "Germany passport: E-visa needed (rule for India; dataset only, not checked by us)" in to_plain(first)
    # the country's rule is linked on its date, the region's own words on theirs
    assert f'<a href="{row.source}">' in first and f'<a href="{row.local_source}">' in first
    assert answer.to_json()["entry"][0]["rule_of"] == "IN"


def test_a_countrys_rule_for_a_region_is_never_a_green_light(engine) -> None:
    answer = engine.ask("Tiraspol with a German passport")
    row = _row(answer, "DE")
    assert row.rule_of == "MD" and row.verdict == "visa-free" and row.icon != "✅"
    assert "✅" not in answer.messages[0]


def test_a_region_deferring_to_a_country_without_a_checked_rule_keeps_its_own_words(engine) -> None:
    """Chechnya defers to Russia, whose curated rule for a German is itself 'not checked': Russia's rule from the
    dataset, and the region's own words beside it."""
    answer = engine.ask("Can a German go to Chechnya?")
    row = _row(answer, "DE")
    assert row.rule_of == "RU" and row.origin == "baseline" and row.verdict != "unknown"
    assert "Russia's own entry rules apply" in _first(answer)


def test_regions_not_deferring_keep_their_own_rule(engine) -> None:
    for question, code in (("Can I go to Abkhazia with a German passport?", "GE-AB"),
                           ("Erbil with a Filipino passport", "IQ-KR")):
        answer = engine.ask(question)
        assert answer.code == code
        row = answer.entry[0]
        assert not row.rule_of and row.verdict == "unknown", question


def test_detailed_entry_view_shows_the_countrys_rule_and_the_own_country_line(engine) -> None:
    answer = engine.ask("entry", ["DE"], code="IN-JK", topics=["entry"])
    text = to_plain("\n".join(answer.messages))
    assert "rule for India" in text and "Jammu and Kashmir has no visa of its own" in text
    answer = engine.ask("entry", ["SY"], code="SY", topics=["entry"])
    assert "Your own country" in to_plain("\n".join(answer.messages))


# -- comparisons and off-topic answers ------------------------------------------------------------------------
def test_every_compared_place_gets_a_word_for_every_passport(engine) -> None:
    answer = engine.ask("Chechnya or Kashmir for a German?")
    assert [c.code for c in answer.comparison] == ["RU-CE", "IN-JK"]
    assert all("DE" in c.verdicts for c in answer.comparison)
    assert "E-visa needed (rule for India)" in answer.comparison[1].line
    answer = engine.ask("Syria or Lebanon for a Syrian?")
    syria = next(c for c in answer.comparison if c.code == "SY")
    assert "SY" in syria.verdicts and "Your own country" in syria.line


def test_off_topic_answer_still_gives_the_own_country_line(engine) -> None:
    answer = engine.ask("weather in damascus, I'm syrian")
    assert answer.off_topic and _row(answer, "SY").origin == "own"
    assert "Your own country" in _first(answer)


# -- over all tuning questions ------------------------------------------------------------------------------
def test_no_tuning_answer_with_a_known_passport_lacks_its_verdict(engine) -> None:
    """Every answer whose matcher knows a passport and is sure of the place shows a verdict for each passport in
    its first message (a real rule, the country's rule for a region, 'your own country', or an explicit 'no
    checked rule'), follow-ups included."""
    from bot.devtools.budget import tuning_items
    from bot.devtools.verdicts import count

    counts, rows = count(engine, tuning_items())
    missing = [row for row in rows if row[0] == "missing"]
    assert sum(counts.values()) > 1000
    assert not missing, missing


# -- a curated default that knows no rule, over the dataset's verdict -------------------------------------------------
def test_the_datasets_verdict_shows_under_a_curated_default_that_knows_none(engine) -> None:
    """Russia's curated default ("Rules differ widely...") hid the dataset's verdict: a Brazilian got "Unknown"
    where an uncurated country would have shown the dataset's. Now the dataset's verdict shows, marked as the
    dataset's and dated, with the curators' words beside it; under Level 4 it is no green light."""
    answer = engine.ask("can a brazilian go to russia without a visa")
    row = _row(answer, "BR")
    assert row.origin == "baseline" and row.verdict == "visa-free" and row.icon != "✅"
    first = _first(answer)
    assert "Brazil passport: No visa needed (dataset only, not checked by us)" in first
    assert "Rules differ widely" in first and PASSPORT_INDEX_URL in first
    assert "✅" not in first


def test_the_curators_no_checked_rule_opening_is_left_out_beside_the_datasets_verdict(engine) -> None:
    answer = engine.ask("do Israelis get into Libya at all")
    row = _row(answer, "IL")
    assert row.verdict == "no-admission" and row.origin == "baseline"
    first = _first(answer)
    assert "no checked rule" not in first and "Confirm with a Libyan embassy" in first
    assert any("does not admit" in w for w in answer.warnings)  # the dataset's bar still gets its warning


def test_a_curated_rule_for_the_passport_still_wins_over_the_dataset(engine) -> None:
    answer = engine.ask("can americans go to iran")
    assert _row(answer, "US").origin == "curated"
    # and a curated default with nothing in the dataset under it (a region) stays the curators' words
    row = _row(engine.ask("socotra for brazilians"), "BR")
    assert row.origin == "curated" and row.verdict == "unknown"
    # as does one where the border is closed (Iran since the war): a visa rule from before is no way in
    assert engine.kb.baseline_rule("IR", "NG")["verdict"] == "visa-on-arrival"
    row = _row(engine.ask("can nigerians go to iran"), "NG")
    assert row.origin == "curated" and row.verdict == "unknown"


def test_comparisons_mark_the_datasets_verdict(engine) -> None:
    answer = engine.ask("which is easier for brazilians, russia or belarus")
    assert all("(dataset only)" in c.line for c in answer.comparison), [c.line for c in answer.comparison]


def test_a_region_deferring_to_a_country_whose_default_knows_no_rule_gets_the_datasets(engine) -> None:
    """Kaliningrad defers to Russia, whose own default knows no rule for a German passport: the dataset's Russian
    rule (the e-visa), said to be Russia's and the dataset's, with Kaliningrad's own words."""
    answer = engine.ask("Kaliningrad for a German, does the e-visa work?")
    row = _row(answer, "DE")
    assert (row.verdict, row.origin, row.rule_of) == ("e-visa", "baseline", "RU")
    first = _first(answer)
    assert "rule for Russia; dataset only" in first and "Russia's rules apply" in first


def test_a_ukrainian_going_to_belarus_or_russia_hears_the_crossings_are_closed(engine) -> None:
    """The dataset lists no visa needed, which alone reads as a way in: Ukraine turns its citizens back at every
    crossing to Belarus and Russia, and that is what the line says, sourced and marked unverified."""
    for question, code in (("Can a Ukrainian citizen go to Belarus now?", "BY"), ("can ukrainians go to russia", "RU")):
        answer = engine.ask(question)
        row = _row(answer, "UA")
        assert answer.code == code and row.origin == "curated" and row.unverified
        assert "closed all its border crossings" in _first(answer) and "✅" not in _first(answer)


def test_lebanons_line_for_any_passport_warns_about_israeli_stamps(engine) -> None:
    first = _first(engine.ask("I'm British and have an Israeli stamp from years ago, will Lebanon let me in?"))
    assert "Israeli visas or stamps are likely to be refused" in first


def test_the_west_bank_takes_israels_rule_and_pakistans_bar(engine) -> None:
    """Entry to the West Bank is at Israel's crossings under Israel's rules: a Brazilian gets Israel's (the ETA-IL,
    from the dataset), said so; a Pakistani passport is printed as not valid for Israel, with the legal warning
    but no consequences we have no source for; an Israeli is not "in their own country" there."""
    row = _row(engine.ask("Cisjordânia: dá para visitar Belém com passaporte brasileiro?"), "BR")
    assert (row.rule_of, row.verdict) == ("IL", "eta")
    answer = engine.ask("can pakistani passport holders go to the west bank")
    assert _row(answer, "PK").verdict == "passport-invalid"
    warning = [w for w in answer.warnings if "does not allow the Pakistan passport" in w]
    assert warning and "prosecution" not in warning[0]
    assert "prosecution" in " ".join(engine.ask("can americans go to north korea").warnings)  # sourced for the US
    assert _row(engine.ask("west bank for israelis"), "IL").origin != "own"


def test_the_kurdistan_regions_visa_on_arrival_list_is_known_beyond_the_us_and_uk(engine) -> None:
    """The KRG lists the nationalities with a visa on arrival (its Austrian office's page); a Dane or a German got
    "Unknown"; a nationality off the list still gets the curators' general words."""
    for question, passport in (("Danish guy here, erbil airport visa on arrival still a thing?", "DK"),
                               ("Erbil mit deutschem Pass", "DE")):
        row = _row(engine.ask(question), passport)
        assert row.verdict == "visa-on-arrival" and row.origin == "curated" and "austria.krg.org" in row.source
    assert _row(engine.ask("Erbil with a Filipino passport"), "PH").verdict == "unknown"


def test_a_dual_national_holding_an_indian_passport_hears_india_bars_dual_nationality(engine) -> None:
    """India does not recognise dual nationality and punishes keeping its passport after taking another (its Bureau
    of Immigration says so): a dual national's Indian line is no green light and the caveat follows, sourced.
    A couple (one Indian, one Irish) is no dual national and gets no such line."""
    answer = engine.ask("I hold both an Irish and an Indian passport, planning Ladakh, which permits do I need?")
    assert answer.understanding.dual and _row(answer, "IN").icon != "✅"
    caveats = [d for d in answer.direct if d.kind == "caveat"]
    assert caveats and caveats[0].source.startswith("https://boi.gov.in/")
    assert "India does not recognise dual nationality" in _first(answer)
    couple = engine.ask("my wife is indian and i'm irish, ladakh permits?")
    assert not couple.understanding.dual and not [d for d in couple.direct if d.kind == "caveat"]


def test_a_dual_national_barred_on_one_passport_hears_the_other_may_not_get_them_in(engine) -> None:
    """Lebanon bars Israeli citizens, not only the Israeli passport: a dual Israeli-American asking to go on the
    US passport hears the US line is no way around it, and that line is no green light. A couple (one Israeli)
    and a single passport get no such line."""
    answer = engine.ask("I'm israeli and american, can I go to lebanon on my us passport")
    assert answer.understanding.dual and _row(answer, "IL").verdict == "no-admission"
    assert any("may refuse you as a citizen of Israel" in w for w in answer.warnings)
    assert _row(answer, "US").icon != "✅"
    for question in ("my wife is israeli and i'm american, can we go to lebanon", "can israelis go to lebanon"):
        assert not any("may refuse you as a citizen" in w for w in engine.ask(question).warnings), question


def test_russians_and_belarusians_cross_to_each_other_with_their_own_rule(engine) -> None:
    """The dataset's visa-free verdict came with the foreigners' words about the Russia-Belarus border; each
    country's citizens now get a curated, sourced line of their own."""
    for question, passport, code in (("can russians go to belarus", "RU", "BY"),
                                     ("belarusian citizen to moscow", "BY", "RU")):
        answer = engine.ask(question)
        row = _row(answer, passport)
        assert answer.code == code and (row.verdict, row.origin) == ("visa-free", "curated") and row.unverified
        assert "belta.by" in row.source and "none covers arriving from" not in _first(answer)


def test_israeli_passports_are_not_accepted_in_iraq_or_its_kurdistan_region(engine) -> None:
    for question in ("israeli passport to iraq", "can an israeli fly to erbil"):
        row = _row(engine.ask(question), "IL")
        assert (row.verdict, row.origin) == ("no-admission", "curated"), question


def test_a_bar_with_a_recorded_lawful_route_says_it_and_spares_the_dual_nationals_other_passport(engine) -> None:
    """The US suspension of visas for Iranians exempts dual nationals on another passport (its rule records that
    as the lawful route): the warning says so and does not tell an Iranian-Canadian the Canadian passport may fail
    them, unlike Lebanon's bar on Israelis, which records none."""
    answer = engine.ask("I'm iranian and canadian, can I visit america")
    assert answer.code == "US" and _row(answer, "IR").verdict == "no-admission"
    assert any("does not admit" in w and "A dual national may travel" in w for w in answer.warnings)
    assert not any("may refuse you as a citizen" in w for w in answer.warnings)
    assert _row(answer, "CA").icon == "✅"


def test_a_bar_taken_from_the_country_is_said_to_be_the_countrys(engine) -> None:
    """Svalbard takes mainland Norway's rules, and Norway turns away Russian tourists: the warning names Norway,
    since Svalbard itself asks no visa."""
    answer = engine.ask("russian tourist to svalbard")
    assert answer.code == "SJ" and _row(answer, "RU").rule_of == "NO" and _row(answer, "RU").verdict == "no-admission"
    assert any(w.startswith("Norway does not admit") for w in answer.warnings)
    assert not any(w.startswith("Svalbard does not admit") for w in answer.warnings)


def test_a_bar_with_exceptions_is_not_said_to_be_absolute(engine) -> None:
    """Judges read "Latvia does not admit holders of the Russia passport: do not try" as a ban on every visit, while
    the rule excepts humanitarian and family visits: a bar whose rule records exceptions says it has them and
    names them; one that records none (Lebanon's bar on Israelis) stays plain."""
    for question, place in (("can a russian go to latvia", "Latvia"), ("russians to finland?", "Finland"),
                            ("can russians visit norway", "Norway")):
        warning = next(w for w in engine.ask(question).warnings if "does not admit" in w)
        assert warning.startswith(f"{place} does not admit") and "with narrow exceptions" in warning, warning
        assert "exempt" in warning, warning
    plain = next(w for w in engine.ask("can israelis go to lebanon").warnings if "does not admit" in w)
    assert "exceptions" not in plain and "do not try to travel on it" in plain
    russian = next(w for w in engine.ask("Можно ли россиянину в Латвию?").warnings if "Латвия" in w)
    assert "исключени" in russian and "гуманитарн" in russian.casefold(), russian


def test_a_requirement_on_every_foreign_visitor_is_said_beside_the_verdict(engine) -> None:
    """Georgia asks no visa of most travellers, and "✅ No visa needed" was all an American heard, while since
    January 2026 border officers ask every foreign tourist for health insurance: said beside the verdict, sourced and
    dated, in the asker's language; not to a Georgian going home, nor on a question about the level."""
    def insurance(answer):
        return [d for d in answer.direct if d.kind == "caveat" and "slovenia.mfa.gov.ge" in (d.source or "")]
    american = engine.ask("can I go to georgia as an american")
    assert american.code == "GE" and insurance(american) and "30,000 lari" in insurance(american)[0].text
    assert "unverified" in insurance(american)[0].when
    assert insurance(engine.ask("tbilisi trip next month, what do i need"))  # no passport known: still said
    russian = insurance(engine.ask("Нужна ли россиянам виза в Грузию?"))
    assert russian and "страховк" in russian[0].text
    assert not insurance(engine.ask("I'm Georgian, going home to Tbilisi, do I need anything?"))
    assert not insurance(engine.ask("what level is georgia on the state department list"))


def test_a_visit_that_rules_out_esta_is_said_going_there_and_asking_about_the_us_after_it(engine) -> None:
    """Nationals of Visa Waiver countries lose ESTA after a visit to Iran, North Korea, Cuba and the others since
    the date the US set: a German asking about North Korea hears it; a Dutch traveller who was in Tehran, asking
    about the US, hears it beside the ESTA line. Travelers who never used ESTA (Americans, Indians)
    do not."""
    def caveats(answer):
        return [d for d in answer.direct if d.kind == "caveat" and "rules out ESTA" in d.text]
    german = caveats(engine.ask("can germans go to north korea"))
    assert german and german[0].source == "https://sg.usembassy.gov/esta/"
    dutch = engine.ask("Went to Tehran for a conference in 2022. Dutch passport. Flying to NYC, can I use ESTA?")
    assert dutch.code == "US" and caveats(dutch) and "Iran" in caveats(dutch)[0].text
    assert _row(dutch, "NL").verdict == "eta" and _row(dutch, "NL").icon != "✅"
    for question in ("can americans go to north korea", "can indians go to north korea", "can germans go to japan"):
        assert not caveats(engine.ask(question)), question


def test_leaving_ukraine_brings_its_exit_rule_for_its_men(engine) -> None:
    """Under martial law Ukrainian men of 23 to 60 may not leave (18 to 22 may, since August 2025): a question about
    leaving Ukraine, by a Ukrainian or an asker whose passport is not known, hears it; a Ukrainian asking about a
    trip with no word of leaving, or a foreigner leaving Ukraine, does not. A place without a file lists no pair
    rules when no passport is known (the Baltic bar on Russians is no overview of Poland)."""
    def exit_lines(answer):
        return [d for d in answer.direct if d.kind == "caveat" and d.source.startswith("https://news.liga.net/")]
    for question in ("Ukrainian man 35, can I leave Ukraine to go to a wedding in Chisinau?",
                     "мені 20, хлопець, чи можу я виїхати з України в Польщу на навчання?"):
        answer = engine.ask(question)
        assert answer.code in ("MD", "PL") and exit_lines(answer), question
    uk = engine.ask("мені 20, хлопець, чи можу я виїхати з України в Польщу на навчання?", lang="uk")
    assert "воєнного стану" in _first(uk) and "Росія" not in _first(uk)
    for question in ("я українка, чи потрібна віза до Туреччини", "german passport, leaving ukraine for poland"):
        assert not exit_lines(engine.ask(question)), question


def test_a_citizen_hears_what_their_country_asks_of_its_citizens(engine) -> None:
    """Iran and Cuba treat their dual nationals as theirs alone (their own passport in and out); South Korea, Egypt
    and Singapore bind their men to military service, with a permit to go abroad. A citizen going there, or leaving,
    hears it beside the verdicts, sourced, dated and marked unverified; a foreigner going there, or a citizen
    going elsewhere with no word of leaving, does not."""
    from bot.knowledge.vocabulary import CITIZEN_RULES

    def rule_lines(answer, country):
        return [d for d in answer.direct if d.kind == "caveat" and d.source == CITIZEN_RULES[country].source]
    for question, country in (("I'm a dual US-Iranian citizen, can I visit Iran to see my family?", "IR"),
                              ("I hold US and Cuban passports, flying to Havana", "CU"),
                              ("I have US and South Korean passports, visiting Seoul for a month", "KR"),
                              ("egyptian-german dual citizen, visiting cairo", "EG"),
                              ("I have US and Armenian passports, visiting Yerevan this summer", "AM"),
                              ("I have German and Turkish passports, never did military service, visiting Izmir",
                               "TR")):
        answer = engine.ask(question)
        lines = rule_lines(answer, country)
        assert answer.code == country and len(lines) == 1, question
        assert "unverified" in lines[0].when and lines[0].icon == "⚠️", question
    iranian = engine.ask("I'm a dual US-Iranian citizen, can I visit Iran to see my family?", lang="de")
    assert rule_lines(iranian, "IR")[0].text != CITIZEN_RULES["IR"].text  # said in the asker's language
    assert rule_lines(engine.ask("south korean passport, flying from seoul to tokyo"), "KR")  # leaving it
    # which passport to use at home is news only to a dual national, and only on the way in
    assert rule_lines(engine.ask("uk and canadian passports, visiting london"), "GB")
    assert rule_lines(engine.ask("I have US and German passports, flying to New York, ESTA on the German one?"), "US")
    for question, country in (("british passport, visiting london", "GB"),
                              ("I have british and french passports, going from london to paris", "GB"),
                              ("can germans visit iran", "IR"), ("german passport, holiday in cuba", "CU"),
                              ("korean passport, visa for japan?", "KR"), ("fly from cairo to rome, italian", "EG")):
        assert not rule_lines(engine.ask(question), country), question


def test_a_closed_land_border_comes_before_the_verdicts(engine) -> None:
    """Armenians may enter Turkey, but not over the Armenia-Turkey land border, shut since 1993; Azerbaijan lets
    no one in overland, though flying in is fine and foreigners may leave by land. The closure leads the verdicts,
    sourced, when the question names both countries or asks about going overland."""
    def border(answer):
        lines = [d for d in answer.direct if d.icon == "🚧"]
        return lines[0] if lines else None
    answer = engine.ask("yerevan to kars by land with armenian passport, is the border open")
    line = border(answer)
    assert answer.code == "TR" and line and "since 1993" in line.text and line.source.startswith("https://")
    assert answer.direct.index(line) < next(i for i, d in enumerate(answer.direct) if d.strong.startswith("Armenia"))
    assert border(engine.ask("can I drive into Azerbaijan with a german passport"))
    assert border(engine.ask("russian passport to helsinki by car"))
    for question in ("fly to baku from istanbul, german", "baku to tbilisi by train, german",
                     "is azerbaijan open for americans"):
        assert not border(engine.ask(question)), question


def test_a_country_may_count_a_traveler_as_its_citizen_by_birth_or_a_parent(engine) -> None:
    """An Iranian father, a Cuban birth: the traveler holds none of its passports, yet the country may treat them as
    its citizen. Said conditionally, with the country's rule for its citizens and its source; not to a traveler
    who names no parent or birth, nor twice to one who holds the passport."""
    from bot.knowledge.vocabulary import CITIZEN_RULES

    def descent(answer, country):
        return [d for d in answer.direct if d.source == CITIZEN_RULES[country].source and d.text.startswith("If ")]
    iran = engine.ask("my dad is iranian but i was born in toronto and only have a canadian passport, can i visit iran")
    assert iran.code == "IR" and "IR" not in iran.understanding.passports
    assert len(descent(iran, "IR")) == 1 and "Iranian passport" in descent(iran, "IR")[0].text
    cuba = engine.ask("I was born in Havana but left in 1995, now I only have a Spanish passport. Can I fly to Cuba?")
    assert cuba.code == "CU" and descent(cuba, "CU")
    assert not descent(engine.ask("german passport, holiday in cuba"), "CU")
    assert descent(engine.ask("my mom is american, I only have a german passport, flying to new york"), "US")
    assert not descent(engine.ask("born in south america, german passport, flying to new york"), "US")
    dual = engine.ask("I'm a dual US-Iranian citizen born in Tehran, can I visit Iran to see my family?")
    assert not descent(dual, "IR") and len([d for d in dual.direct if d.source == CITIZEN_RULES["IR"].source]) == 1


def test_a_travel_document_or_residence_permit_gets_a_caveat_before_the_verdicts(engine) -> None:
    """Verdicts are by national passport: a refugee's or stateless person's travel document, or a residence permit,
    can change the rule, so the answer says so before the verdicts (sourced), in any answer language; a US green
    card makes Cuba's sanctions trap lead the answer, as for an American."""
    def caveat(answer):
        return [d for d in answer.direct if d.source == "https://help.unhcr.org/faq/?p=828"]
    for question in ("stateless, dutch travel document, thailand visa?", "I'm a Mexican with a US green card, can I go "
                     "to Cuba?", "беженец с видом на жительство в Германии, нужна ли виза в Грузию?"):
        answer = engine.ask(question)
        assert len(caveat(answer)) == 1, question
        first_verdict = next((i for i, d in enumerate(answer.direct) if d.strong.endswith(("needed", "Visum"))), 99)
        assert answer.direct.index(caveat(answer)[0]) < first_verdict, question
    assert not caveat(engine.ask("german passport, holiday in cuba"))
    assert engine.ask("I'm a Mexican with a US green card, can I go to Cuba?").legal
    assert not engine.ask("I'm Mexican, can I go to Cuba?").legal


def test_a_passport_about_to_expire_hears_how_long_it_must_still_be_valid(engine) -> None:
    """No verdict says how long a passport must still be valid: a question about its expiry gets that rule (the
    Schengen area's own one, issued within 10 years and valid 3 months after leaving, for a Schengen destination),
    sourced; a question whether a passport is valid somewhere (North Korea) is not about expiry."""
    def validity(answer):
        return [d for d in answer.direct if d.icon == "📅"]
    spain = validity(engine.ask("mein pass läuft im mai ab, kann ich im märz nach spanien? ich bin türke"))
    assert spain and "10" in spain[0].text and "europa.eu" in spain[0].source
    nepal = validity(engine.ask("passport expires in 2 months, going to nepal, indian"))
    assert nepal and "6" in nepal[0].text and "iata" in nepal[0].source
    for question in ("is my us passport valid for north korea", "ist mein deutscher pass für nordkorea gültig?"):
        assert not validity(engine.ask(question)), question


def test_a_countrys_own_ban_on_travel_to_yemen_reaches_socotra_too(engine) -> None:
    """India's passports are not valid for Yemen, by any route: a question about Socotra, part of Yemen, gets the same
    verdict and legal warning as one about the mainland; South Korea's ban reaches Socotra as well."""
    for question in ("i'm indian, can i visit socotra next spring?", "indian passport, going to aden for work"):
        answer = engine.ask(question)
        assert _row(answer, "IN").verdict == "passport-invalid", question
        assert any("does not allow the India passport" in w for w in answer.warnings), question
    assert _row(engine.ask("socotra with a south korean passport"), "KR").verdict == "passport-invalid"


def test_another_countrys_visa_or_residence_that_replaces_the_visa_is_said_where_a_visa_is_needed(engine) -> None:
    """Mexico, Georgia and Serbia waive their own visa for holders of some other countries' visas or residence permits:
    a passport that needs a visa there hears the rule beside its verdict, in the asker's language; a passport that needs
    none does not; an asker whose passport is not known hears it only after saying they hold such a document."""
    from bot.knowledge.vocabulary import HELD_DOCUMENT_RULES

    def held(answer, code: str) -> list:
        return [d for d in answer.direct if d.source == HELD_DOCUMENT_RULES[code].source]

    indian = engine.ask("indian passport, going to mexico, do i need a visa")
    assert _row(indian, "IN").verdict in ("visa-required", "e-visa") and held(indian, "MX")
    assert held(indian, "MX")[0].text == HELD_DOCUMENT_RULES["MX"].text
    spanish = engine.ask("Soy nigeriano con visa americana, ¿necesito visa para México?")
    assert held(spanish, "MX") and held(spanish, "MX")[0].text != HELD_DOCUMENT_RULES["MX"].text
    assert not held(engine.ask("can americans go to mexico"), "MX")  # visa-free: nothing to replace
    assert not held(engine.ask("mexico visa"), "MX")  # nobody said they hold another visa
    assert held(engine.ask("i have a valid us visa, can i go to belgrade?"), "RS")
    assert held(engine.ask("pakistani with a schengen visa, tbilisi trip"), "GE")


def test_a_child_on_the_trip_hears_of_consent_letters_but_not_a_grown_up_son_or_the_askers_childhood(engine) -> None:
    """No verdict says that a child without both parents may be asked for the other parent's consent: a question
    naming a child on the trip gets the caveat, in its language; "came to Miami as a kid" and a son of 19 do not."""
    from bot.answering.texts import CHILD_TRAVEL_SOURCE

    def caveat(question: str) -> list:
        return [d for d in engine.ask(question).direct if d.source == CHILD_TRAVEL_SOURCE]

    for question in ("travelling alone with my daughter to georgia, she has a uk passport",
                     "Viajo con mi hijo a Cuba, somos mexicanos",
                     "Ich fahre mit meinem Kind nach Belarus, wir sind Deutsche",
                     "带孩子去朝鲜旅游需要什么", "Українка з дитиною, хочемо до Калінінграда — реально?"):
        assert caveat(question), question
    assert "unverified" in caveat("my son and I are going to cuba")[0].when  # read in copies of the page only
    spanish = caveat("Viajo con mi hijo a Cuba, somos mexicanos")[0].text
    assert spanish != caveat("my son and I are going to cuba")[0].text
    for question in ("I was born in Havana, came to Miami as a kid, US citizen now. Can I fly to Havana?",
                     "my son has dual nationality russian and american, he's 19, can he go to crimea",
                     "what kind of visa do i need for iran as a german", "son pasaportes mexicanos, cuba?"):
        assert not caveat(question), question


def test_western_sahara_takes_moroccos_rule_where_morocco_controls_entry(engine) -> None:
    """Travellers reach Western Sahara through Morocco, under its rules (FCDO): a Spaniard gets Morocco's verdict,
    said to be Morocco's, not "unknown"; the FCDO's own rule for British nationals stays the territory's."""
    row = _row(engine.ask("Western Sahara - Dakhla kitesurf trip, spanish passport ok?"), "ES")
    assert (row.rule_of, row.verdict) == ("MA", "visa-free")
    assert _row(engine.ask("western sahara as a brit"), "GB").rule_of == ""


def test_closed_to_tourists_is_not_the_header_for_a_passport_whose_checked_rule_lets_it_in(engine) -> None:
    """North Korea is closed to ordinary tourists, but Russian groups go on organised tours: a Russian asker's header
    says it is closed to most and points to the rule (never "open"); a German's stays "Closed to tourists"."""
    russian = engine.ask("can russians go to north korea now?")
    assert _row(russian, "RU").verdict == "tour-only"
    assert russian.headline.state.startswith("Closed to most tourists") and "open" not in russian.headline.state.lower()
    assert engine.ask("north korea for germans").headline.state == "Closed to tourists"
    # Iran's rule for Americans (a guided tour) is from before the war that closed it: the closure stands
    iran = engine.ask("iran for americans")
    assert _row(iran, "US").verdict == "tour-only" and iran.headline.state == "Closed to tourists"
    assert engine.ask("wonsan kalma for russians, open?").headline.icon == "🟠"
    # and a "when" question from such a passport gets the dates, not "no reopening date has been announced"
    when = engine.ask("when did wonsan kalma reopen for russians?")
    assert when.understanding.intent == "when" and not any("No reopening date" in d.text for d in when.direct)
    assert any("No reopening date" in d.text for d in engine.ask("when did wonsan kalma reopen?").direct)


def test_a_woman_hears_before_the_verdicts_that_mount_athos_admits_men_only(engine) -> None:
    """A verdict by passport ("special permit needed") is the men's: a woman on the trip, in any language, is told
    first that women may not enter at all; a man's question does not get the line."""
    from bot.answering.texts import WOMEN_BARRED_NOTE

    def barred(answer) -> list:
        return [d for d in answer.direct if d.icon == "⛔" and d.kind == "caveat"]

    for question in ("mt athos - my wife is greek, can she come with me?", "Visiting Mount Athos as a woman?",
                     "Meine Frau ist Österreicherin – darf sie mit auf den Athos?",
                     "Sou brasileira e queria conhecer o Monte Athos com meu marido"):
        answer = engine.ask(question)
        lines = barred(answer)
        assert lines and answer.direct.index(lines[0]) == 0, question
    assert barred(engine.ask("mt athos - my wife is greek, can she come with me?"))[0].text == WOMEN_BARRED_NOTE % {
        "place": "Mount Athos"}
    assert not barred(engine.ask("US catholic guy, want to stay 3 nights on mount athos, american passport"))


def test_a_schengen_residence_permit_is_said_to_replace_the_visa_only_to_who_mentions_one(engine) -> None:
    """Holders of a Schengen country's residence permit visit the others without a visa: a Filipino living in Norway
    asking about Svalbard, or an Indian with a German Blue Card going to Paris, hears it; an Indian who mentions no
    permit does not."""
    from bot.knowledge.vocabulary import SCHENGEN_RESIDENCE

    def held(question: str) -> bool:
        return any(d.source == SCHENGEN_RESIDENCE.source and d.kind == "caveat" for d in engine.ask(question).direct)

    assert held("longyearbyen need visa? I'm Filipino, working in Norway on a residence permit")
    assert held("indian with a german blue card, can i visit paris?")
    assert not held("indian passport, paris trip visa?")


def test_armenian_descent_hears_that_azerbaijan_has_turned_such_travellers_away(engine) -> None:
    """No verdict by passport says that Azerbaijan's border refuses people of Armenian descent: a question naming
    that descent, in any language, about Baku or Karabakh gets the caveat; one that does not name it does not."""
    from bot.knowledge.vocabulary import DESCENT_RISKS

    def warned(question: str) -> bool:
        return any(d.source == DESCENT_RISKS["AZ"].source for d in engine.ask(question).direct)

    assert warned("us citizen of armenian descent, baku trip ok?")
    assert warned("Я гражданин России, армянин по отцу, фамилия на -ян. Пустят ли меня в Баку и потом в Шушу?")
    assert not warned("baku for a us citizen")


def test_several_passports_not_valid_for_a_place_get_one_warning_when_the_askers_is_not_known(engine) -> None:
    """India and South Korea both bar their passports from Yemen: an asker whose passport is not known gets one line
    naming both, not a paragraph each before the answer; an Indian still gets their own warning with its lawful
    route."""
    from bot.answering.texts import PASSPORT_INVALID_FOR_SEVERAL

    answer = engine.ask("socotra trip possible next year?")
    legal = [w for w in answer.warnings if "India" in w or "South Korea" in w]
    assert legal == [PASSPORT_INVALID_FOR_SEVERAL % {"countries": "India and South Korea", "place": "Socotra"}]
    indian = engine.ask("i'm indian, can i visit socotra next spring?")
    assert any("does not allow the India passport" in w and "Ministry of External Affairs" in w
               for w in indian.warnings)
