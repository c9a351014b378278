"""Composing and rendering: dates, sources, disclaimers, safe HTML, message splitting."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answering.compose import without_preamble
from bot.answering.render import MAX_MESSAGE, html_problems, split_messages, to_plain, visible_length
from bot.i18n import translator
from tests.conftest import ROOT


def test_us_passport_to_north_korea_is_invalid_with_legal_warning(engine) -> None:
    answer = engine.ask("Can I go to North Korea with a US passport?")
    assert answer.answered and answer.code == "KP"
    us = answer.entry[0]
    assert us.passport == "US" and us.verdict == "passport-invalid" and us.origin == "curated"
    assert us.source.startswith("https://") and us.checked
    text = "\n".join(answer.messages)
    assert "Legal warning" in text and "validation" in text.lower()
    assert "Level 4" in text  # strong disclaimer for a Level 4 destination
    assert "not legal advice" in text
    # the restriction's end date has passed without a confirmed renewal: say so, do not call it lifted
    assert us.lapsed and "no renewal confirmed" in text


def test_dual_national_gets_both_passports_and_a_caution(engine) -> None:
    answer = engine.ask("I'm a dual US and Mexican citizen, can I visit North Korea?")
    assert [e.passport for e in answer.entry] == ["US", "MX"]
    verdicts = {e.passport: e.verdict for e in answer.entry}
    assert verdicts["US"] == "passport-invalid" and verdicts["MX"] != "passport-invalid"
    assert any("second passport" in w for w in answer.warnings)
    labels = [f.label for f in answer.followups]
    assert "Only United States passport" in labels and "Only Mexico passport" in labels


def test_baseline_answer_is_labelled_with_dataset_date(engine) -> None:
    answer = engine.ask("Do I need a visa for France with a US passport?")
    assert answer.code == "FR"
    fact = answer.entry[0]
    assert engine.kb.baseline_date == "2026-02-17"  # the newer Passport Index snapshot
    assert fact.origin == "baseline" and fact.checked == "2026-02-17" and fact.stale
    text = "\n".join(answer.messages)
    assert "dataset only" in text and translator("en").date("2026-02-17") in text and "may be out of date" in text


def test_reports_are_ranked_by_theme(engine) -> None:
    answer = engine.ask("Has anyone run the Pyongyang marathon?")
    assert answer.topics == ["reports"]
    assert len(answer.reports) >= 2
    assert all("marathon" in r.tags for r in answer.reports[:2])


def test_status_topic_shows_timeline(engine) -> None:
    answer = engine.ask("Is North Korea open again? when did it reopen")
    assert "status" in answer.topics
    dates = [e.date for e in answer.events]
    assert dates == sorted(dates) and any(d.startswith("2025-02") for d in dates)


def test_ambiguous_name_asks_which(engine) -> None:
    answer = engine.ask("Is Korea safe?")
    assert not answer.answered and answer.reason == "ambiguous"
    assert {s["code"] for s in answer.suggestions} == {"KP", "KR"}
    assert "Which one" in answer.messages[0]


def test_nothing_matched_explains_and_suggests(engine) -> None:
    answer = engine.ask("best pizza recipe")
    assert not answer.answered and answer.reason == "nothing"
    assert "Try:" in to_plain(answer.messages[0])
    close = engine.ask("can I go to Eritera")
    assert close.answered or "ER" in [s["code"] for s in close.suggestions]


def test_html_from_knowledge_and_questions_is_escaped(engine) -> None:
    answer = engine.ask("<b>North Korea</b> & </a> <script>")
    for message in answer.messages:
        assert html_problems(message) == []
        assert "<script>" not in message


def test_split_messages_respects_limit_and_paragraphs() -> None:
    paragraphs = [f"<b>Part {i}</b> " + "x" * 900 for i in range(12)]
    messages = split_messages("\n\n".join(paragraphs))
    assert len(messages) > 1
    for message in messages:
        assert len(message) <= MAX_MESSAGE and html_problems(message) == []
    assert "".join(messages).count("<b>Part") == 12
    huge = split_messages("<i>" + "y" * 10_000 + "</i>")
    assert all(len(m) <= MAX_MESSAGE and html_problems(m) == [] for m in huge)
    assert sum(visible_length(m) for m in huge) == 10_000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=10_000))
def test_any_text_gives_wellformed_messages(engine, text: str) -> None:
    answer = engine.ask(text)
    assert answer.messages
    for message in answer.messages:
        assert html_problems(message) == [], message[:300]
        assert len(message) <= MAX_MESSAGE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["KP", "IR", "CU", "AQ", "CN-XZ", "FR", "US"]),
       st.lists(st.sampled_from(["entry", "status", "safety", "reports", "howto"]), unique=True),
       st.lists(st.sampled_from(["US", "GB", "MX", "RU", "KR", "DE"]), max_size=3, unique=True))
def test_every_destination_topic_passport_combination_renders(engine, code, topics, passports) -> None:
    answer = engine.ask("", passports, code=code, topics=topics)
    assert answer.answered and answer.code == code
    assert answer.disclaimers and answer.disclaimers[-1].startswith("Rules change")
    for message in answer.messages:
        assert html_problems(message) == []


def test_ask_json_contract(kb_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", "--passport", "US",
         "Can I go to North Korea?"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    data = json.loads(proc.stdout)
    for key in ("question", "answered", "destinations", "passports", "topics", "confidence", "suggestions",
                "entry", "advisories", "events", "reports", "disclaimers", "messages"):
        assert key in data, key
    assert data["destinations"][0] == "KP" and data["passports"] == ["US"]
    assert data["entry"][0]["verdict"] == "passport-invalid" and data["entry"][0]["origin"] == "curated"
    assert set(data["entry"][0]) >= {"passport", "verdict", "origin", "summary", "source", "verified_on"}


def test_ask_batch_reads_stdin_in_order(kb_path) -> None:
    questions = "North Korea\nhello\nIs Cuba safe?\n"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", "--batch", "-"],
        input=questions, capture_output=True, text=True, cwd=ROOT, check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["North Korea", "hello", "Is Cuba safe?"]
    assert [r["answered"] for r in rows] == [True, False, True]
    assert rows[2]["destinations"] == ["CU"] and rows[2]["topics"] == ["safety"]


def test_terminal_chat_answers_until_end_of_input(kb_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--kb", str(kb_path)],
        input="/passport US\nNorth Korea entry\n/passport XX\n", capture_output=True, text=True, cwd=ROOT,
        check=True, timeout=60,
    )
    assert "Passports for this session: US" in proc.stdout
    assert "Your passport is not valid there" in proc.stdout
    assert "<b>" not in proc.stdout and "Unknown passport code(s): XX" in proc.stdout
    assert proc.stdout.rstrip().endswith("bye")


def test_level4_header_is_never_reassuring(engine) -> None:
    afghanistan = engine.ask("is afghanistan open?")
    assert afghanistan.do_not_travel and afghanistan.to_json()["do_not_travel"] is True
    header = afghanistan.messages[0].split("\n", 1)[0]
    assert "Level 4: do not travel" in header and "🟢" not in header
    cuba = engine.ask("is cuba open?")
    assert not cuba.do_not_travel and "Level 4" not in cuba.messages[0].split("\n", 1)[0]


def test_an_unconfirmed_advisory_says_so_wherever_it_is_quoted(kb, engine) -> None:
    """An advisory marked `unverified` in its knowledge file must not read as a confirmed official position."""
    marked = [(code, a) for code, place in kb.places.items() for a in place.advisories
              if a["issuer"] == "UK" and a.get("unverified") and a.get("origin") == "curated"]
    confirmed = [(code, a) for code, place in kb.places.items() for a in place.advisories
                 if a["issuer"] == "UK" and not a.get("unverified") and a.get("origin") == "curated"]
    assert marked and confirmed
    for (code, advisory), expect in ((marked[0], True), (confirmed[0], False)):
        answer = engine.ask(f"is {kb.places[code].name} safe for british citizens")
        first = to_plain(answer.messages[0])
        # the label in its own words, after the issuer's name ("UK FCDO: Advises against ...")
        words = without_preamble(advisory["label"])[:30].casefold()
        line = next(line for line in first.split("\n") if words in line.casefold())
        assert ("(unverified)" in line) is expect, (code, line)


def test_issuers_own_labels_are_cut_between_clauses_in_headlines(kb, engine) -> None:
    """Issue 12: headlines cut the FCDO's labels at 90 characters, mid-clause: Burkina Faso's "... except
    Ouagadougou, and against all…" read as all travel to Ouagadougou, where the label says all but essential
    travel; Socotra's "has suspended all…" said nothing. A brief label keeps whole clauses."""
    from bot.answering.compose import HEADLINE_LABEL, brief_label

    burkina = next(a for a in kb.places["BF"].advisories if a["issuer"] == "UK" and a["origin"] == "curated")
    assert brief_label(burkina, HEADLINE_LABEL) == "Advises against all travel to Burkina Faso except Ouagadougou…"
    dangling = {"all…", "but…", "the…", "to…", "of…", "and…", "in…", "more…"}  # a clause cut short
    for code, place in kb.places.items():
        for advisory in place.advisories:
            if advisory["issuer"] != "UK":
                continue
            short = brief_label(advisory, HEADLINE_LABEL)
            assert len(short) <= HEADLINE_LABEL + 1 and short.rsplit(" ", 1)[-1] not in dangling, (code, short)
            assert short.count("(") == short.count(")"), (code, short)
    # a short label keeps its note, and the headline names the issuer once
    france = engine.ask("Is France safe for Brits?").messages[0]
    assert "UK FCDO: FCDO travel advice (read the page for its warnings)" in france
    afghanistan = engine.ask("is afghanistan safe for british citizens").messages[0]
    assert "UK FCDO: Advises against all travel to Afghanistan" in afghanistan
    assert "UK FCDO: The FCDO" not in afghanistan


def test_a_trap_binding_only_some_passports_does_not_lead_for_others(engine) -> None:
    """Wonsan-Kalma's legal trap is the US passport's (invalid for North Korea): a Canadian's answer leads with their
    own verdict, not with it; an American, or an asker whose passport is unknown, still gets it first, and the
    detailed view keeps it for everyone."""
    canadian = engine.ask("wonsan kalma, im canadian, is it open to foreigners now?")
    assert canadian.code == "KP-WK" and canadian.legal is None
    assert "Legal trap" not in to_plain(canadian.messages[0])
    assert engine.ask("wonsan kalma, im canadian", code="KP-WK").legal  # the detailed view
    for question in ("wonsan kalma for americans", "wonsan kalma open?"):
        assert "Legal trap" in to_plain(engine.ask(question).messages[0]), question


def test_a_price_question_gets_the_facts_that_quote_a_price_first(engine) -> None:
    """"how much is the galapagos park fee": the sentence of the knowledge that quotes the fee, whole, with its date
    and source, before the verdicts; in another language under its translated label."""
    answer = engine.ask("how much is the galapagos park fee")
    costs = [d for d in answer.direct if d.kind == "cost"]
    assert costs and "US$200" in costs[0].text and costs[0].source.startswith("https://")
    first = to_plain(answer.messages[0])
    assert "Cost — " in first and "US$200" in first
    spanish = to_plain(engine.ask("Galápagos: ¿cuánto cuesta la tasa de ingreso para extranjeros?").messages[0])
    assert "Costo — " in spanish and "US$200" in spanish
    # under a legal trap's most compact layout the price is still whole
    mustang = to_plain(engine.ask("upper mustang permit price 2027?").messages[0])
    assert "US$50 per person per day" in mustang


def test_a_price_the_knowledge_lacks_is_said_to_be_missing(engine) -> None:
    first = to_plain(engine.ask("how much is a tibet permit for a singaporean").messages[0])
    assert "We have no price on file for Tibet." in first


def test_only_price_questions_get_price_lines(engine) -> None:
    for question in ("galapagos visa for americans", "quanto tempo demora o visto para Galápagos?"):
        assert not [d for d in engine.ask(question).direct if d.kind == "cost"], question


def test_a_price_comparison_gives_each_places_price(engine) -> None:
    answer = engine.ask("upper mustang or upper dolpo, which permit costs more")
    assert [c.code for c in answer.comparison] == ["NP-UM", "NP-DP"]
    assert all("Cost: " in c.line and "US$" in c.line for c in answer.comparison), [c.line for c in answer.comparison]


def test_comparison_lines_say_what_each_verdict_means_there(engine) -> None:
    """"ladakh or sikkim, which has more permit hassle": both read "Special permit needed", so each line carries
    its own rule's words (or, with no passport, the place's state), which is where the places differ."""
    answer = engine.ask("ladakh or sikkim for a french guy, which has more permit hassle?")
    lines = {c.code: to_plain(c.line) for c in answer.comparison}
    assert "Protected Area Permit" in lines["IN-LA"] and "Restricted Area Permit" in lines["IN-SK"], lines
    unnamed = engine.ask("Socotra vs Somaliland, which is safer?")
    assert all(" — " in c.line and len(to_plain(c.line)) > 80 for c in unnamed.comparison)
    # a verdict from the dataset alone has no words of its own to add
    syria = next(c for c in engine.ask("Which is easier for Americans, Iran or Syria?").comparison if c.code == "SY")
    assert to_plain(syria.line).endswith("(dataset only)")


def test_a_named_government_without_advice_on_file_is_said_to_have_none(engine) -> None:
    """The knowledge base holds US, UK, Australian and Canadian advice; asked for France's or Germany's, the answer
    says it has none on file rather than show another government's as if it were the one asked for."""
    for question, agency in (("what level does the french foreign ministry give mali", "France Diplomatie"),
                             ("Auswärtiges Amt Reisewarnung Mali", "Auswärtiges Amt")):
        first = to_plain(engine.ask(question).messages[0])
        assert f"No {agency} advice on file for Mali." in first or agency in first, (question, first[:300])
    assert "Auswärtiges Amt" not in to_plain(engine.ask("what level is mali").messages[0])


def test_a_when_question_about_a_closed_place_says_no_date_is_announced_first(engine) -> None:
    """"when will north korea reopen": the dates of past reopenings are no answer alone; that no reopening date is
    in our sources, and since when the place is closed, comes first, in the asker's language."""
    answer = engine.ask("when will north korea reopen to tourists")
    assert answer.direct[0].text.startswith("No reopening date has been announced in our sources: North Korea")
    assert answer.direct[0].source and len(answer.direct) > 1  # the dates follow
    assert "重新开放的日期" in to_plain(engine.ask("朝鲜什么时候开放旅游").messages[0])
    open_place = engine.ask("when did the galapagos reopen")
    assert not any("No reopening date" in d.text for d in open_place.direct)


def test_a_price_question_about_a_place_without_curated_rules_is_answered(engine) -> None:
    """A dataset-only country has no curated default rule: the price lines must not assume one (this crashed)."""
    for question in ("how much is a visa for france for indians", "Georgia visa fee for Russians",
                     "сколько стоит виза в Таиланд"):
        answer = engine.ask(question)
        assert answer.messages, question


def test_a_when_question_about_a_passport_ban_gets_the_bans_dates(engine) -> None:
    """"When does the US travel ban on North Korea expire?" got the border's reopenings and a note on how long a
    passport must stay valid (from "expire"): the ban's own changes answer it, newest first, and the verdict line keeps
    its lapse caveat. A "when" question about the border itself still gets the reopenings."""
    for question in ("When does the US travel ban on North Korea expire?",
                     "Depuis quand les Américains ne peuvent plus aller en Corée du Nord ?"):
        answer = engine.ask(question)
        when = [d for d in answer.direct if d.kind == "when"]
        assert when and all(e.kind == "rule-change" for e in answer.events), question
        assert [e.date for e in answer.events] == sorted((e.date for e in answer.events), reverse=True)
        assert not [d for d in answer.direct if "must still be valid" in d.text]
        assert "US" in [e.passport for e in answer.entry if e.verdict == "passport-invalid"]
    border = engine.ask("when was the ban on tourists lifted in north korea")
    assert border.events and "rule-change" not in {e.kind for e in border.events}
    validity = engine.ask("my passport expires in 4 months, can I still go to Iran?")
    assert [d for d in validity.direct if "must still be valid" in d.text]


def test_a_layover_question_hears_the_transit_rule_or_that_entry_is_not_transit(engine) -> None:
    """"US citizen, 3 days in Beijing on the way to Seoul" got "Visa needed in advance" alone, although China lets
    Americans travelling on to a third country stay 240 hours without a visa; a layover where we hold no transit rule
    says the verdict is for entering and the airline knows the transit area's rule. Not said without a layover, nor
    to a passport the transit rule does not cover, nor where the passport needs no visa."""
    def transit(answer):
        return [d for d in answer.direct if d.icon == "🛫"]
    beijing = transit(engine.ask("US citizen, 3 days in Beijing on the way to Seoul, do I need a Chinese visa?"))
    assert beijing and "240 hours" in beijing[0].text and "unverified" in beijing[0].when
    assert not transit(engine.ask("US citizen, 3 weeks in Beijing, do I need a Chinese visa?"))
    indian = transit(engine.ask("indian passport, layover in beijing, need a visa?"))
    assert indian and "240 hours" not in indian[0].text and "ask your airline" in indian[0].text
    moscow = transit(engine.ask("layover in moscow 6 hours, american passport, visa?"))
    assert moscow and "entering Russia" in moscow[0].text
    assert not transit(engine.ask("layover in paris with a us passport"))  # no visa needed to enter
    russian = transit(engine.ask("пересадка в Пекине 2 дня, я гражданин России, нужна виза?"))
    assert russian and "240 часов" in russian[0].text


def test_a_part_of_a_place_named_by_its_events_scope_leads_with_their_dates(engine) -> None:
    """"Can I visit Chernobyl?" got Ukraine's visa rules and not a word that the zone has been closed to visitors
    since February 2022; "Is Pyongyang open?" got Wonsan-Kalma's dates. The events whose scope the question names
    (spelt nearly the same: Chernobyl, Chornobyl) now lead; a question naming no scope keeps the usual lines."""
    def first_when(answer):
        return next((d.text for d in answer.direct if d.kind == "when"), "")
    assert "Chornobyl" in first_when(engine.ask("Can I visit Chernobyl?"))
    assert "Pyongyang" in first_when(engine.ask("Is Pyongyang open?"))
    assert "Pyongyang" not in first_when(engine.ask("Is North Korea open?"))
    assert "Khunjerab" in first_when(engine.ask("Is the Khunjerab pass open?"))
