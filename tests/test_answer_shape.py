"""What an answer is: the verdict for every known passport first, short, honest, in context (issue examples)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.answering.conversation import Conversation
from bot.answering.render import FIRST_MESSAGE_BUDGET, html_problems, to_plain, visible_length
from bot.i18n import translator
from bot.knowledge.vocabulary import GREEN_VERDICTS
from tests.conftest import ROOT


def first(answer) -> str:
    return to_plain(answer.messages[0])


def test_seed_story_dual_national_marathon(engine) -> None:
    answer = engine.ask("I have US and Mexican passports, can I run the Pyongyang marathon?")
    assert answer.code == "KP" and answer.understanding.passports == ["US", "MX"]
    verdicts = {e.passport: e.verdict for e in answer.entry}
    assert verdicts["US"] == "passport-invalid" and "MX" in verdicts
    text = first(answer)
    assert "Legal warning" in text and "second passport" in text
    # the verdicts come before what the topic asked for (the marathon reports)
    assert text.index("United States passport:") < text.index("Traveler reports")
    assert "no renewal confirmed" in text  # the lapsed-restriction caveat is never cut off
    # two passports, a legal warning, a lapse caveat and the reports asked for: the heaviest case, over the budget
    assert visible_length(answer.messages[0]) <= FIRST_MESSAGE_BUDGET + 500


def test_passports_under_one_rule_share_one_verdict_line(engine) -> None:
    answer = engine.ask("i have canadian and french citizenship, can i visit somaliland")
    assert [e.passport for e in answer.entry] == ["CA", "FR"]  # `entry` keeps a verdict per passport
    verdicts = [line for line in answer.direct if line.strong]
    assert len(verdicts) == 1 and verdicts[0].strong.startswith("Canada and France passports: ")
    assert "second passport" in first(answer)
    german = engine.ask("i have canadian and french citizenship, can i visit somaliland", lang="de")
    labels = [line.strong.split(":")[0] for line in german.direct if line.strong]
    assert labels == ["Reisepässe (Kanada und Frankreich)"]
    different = engine.ask("I have US and Mexican passports, can I go to North Korea?")
    assert len([line for line in different.direct if line.strong]) == 2  # other rules: a line each


def test_a_warned_verdict_is_not_explained_twice_when_room_is_short(engine) -> None:
    question = "Can I go to North Korea with a US passport?"
    english = first(engine.ask(question))
    assert "Legal warning" in english and "US passports are not valid for travel to" in english  # room for both
    russian = engine.ask(question, lang="ru")
    text = first(russian)
    tr = translator("ru")
    assert tr._("Your passport is not valid there") in text and "Юридическое предупреждение" in text
    assert "US passports are not valid for travel to" not in text  # the warning above says it
    assert visible_length(russian.messages[0]) <= FIRST_MESSAGE_BUDGET
    overview = engine.ask("Можно ли поехать в Северную Корею?")  # no passport known: warned for its holders
    text = first(overview)
    assert "Юридическое предупреждение для владельцев" in text and tr._("Your passport is not valid there") in text
    assert "/passport" in text and visible_length(overview.messages[0]) <= FIRST_MESSAGE_BUDGET


def test_the_staleness_note_is_about_the_facts_the_message_shows(engine) -> None:
    shown = engine.ask("Guinea")  # the overview lists the advisories, one of them checked long ago
    assert shown.stale_note and "last checked over 180 days ago" in first(shown)
    hidden = engine.ask("US/MX dual, going to cuba", lang="fr")  # the stale advisory is not in the brief answer
    assert hidden.stale_note in hidden.disclaimers  # the JSON and the detailed view keep it
    assert "revérifiées" not in first(hidden) and not any(line.stale_on for line in hidden.direct)
    detail = engine.ask("", code="CU", topics=["safety"], lang="fr")  # the detailed view shows every advisory
    assert detail.stale_note and "revérifiées" in "".join(detail.messages)


def test_labels_the_code_joins_follow_the_language(engine) -> None:
    french = first(engine.ask("crimea with a russian passport", lang="fr"))
    assert "Piège juridique : " in french and "passeport (Russie) : " in french
    chinese = engine.ask("Can I go to North Korea with a US passport?", lang="zh")
    assert any(line.strong.startswith("美国护照：") for line in chinese.direct)
    spanish = engine.ask("Can I go to North Korea with a UK passport?", lang="es")
    assert any(line.strong.startswith("Pasaporte (Reino Unido): ") for line in spanish.direct)
    assert "Legal trap: " in first(engine.ask("crimea with a russian passport"))


@pytest.mark.parametrize("lang", ["en", "ru", "de", "fr", "es"])
def test_the_lawful_route_is_not_cut_before_saying_there_is_none(engine, lang) -> None:
    answer = engine.ask("crimea with ukrainian passport", lang=lang)
    route = engine.kb.places["UA-43"].translations.get(lang, {}).get("lawful_route") or answer.legal["lawful_route"]
    last = " ".join(route.rstrip(".").rsplit(". ", 1)[-1].split())  # no lawful way in for visitors at present
    assert last in first(answer) and last in answer.warnings[0]


def test_saved_passport_gets_its_verdict_and_warning_whatever_the_topic(engine) -> None:
    answer = engine.ask("Can I run the Pyongyang marathon?", ["US"])
    assert answer.topics == ["reports"] and [e.passport for e in answer.entry] == ["US"]
    assert "Legal warning" in first(answer) and "not valid there" in first(answer)


@pytest.mark.parametrize(("question", "code", "passport"), [
    ("Is Burkina Faso open to Americans?", "BF", "US"),
    ("Is Belarus open to Poles?", "BY", "PL"),
    ("Is Russia open to US citizens?", "RU", "US"),
])
def test_a_recognised_passport_always_gets_a_verdict(engine, question, code, passport) -> None:
    answer = engine.ask(question)
    assert answer.code == code and answer.understanding.passports == [passport]
    assert answer.entry and answer.entry[0].passport == passport
    assert any(line.strong.startswith(answer.entry[0].passport_name) for line in answer.direct)


def test_burkina_faso_bars_americans(engine) -> None:
    answer = engine.ask("Can I visit Burkina Faso with a US passport?")
    assert answer.entry[0].verdict == "no-admission"
    assert "✅" not in answer.messages[0] and "does not admit" in first(answer)


def test_when_and_level_questions_get_one_short_answer(engine) -> None:
    rason = engine.ask("Is Rason open now?")
    assert rason.code == "KP-13" and rason.headline.place == "Rason, North Korea"
    when = engine.ask("When did North Korea reopen?")
    reopened = translator("en").date("2025-02-20")
    assert when.understanding.intent == "when" and any(reopened in line.text for line in when.direct)
    level = engine.ask("What's the State Department level for Mali?")
    assert level.understanding.intent == "level" and level.direct[0].text.startswith("US Level 4")
    for answer in (rason, when, level):
        assert len(answer.messages) == 1 and visible_length(answer.messages[0]) <= FIRST_MESSAGE_BUDGET


@pytest.mark.parametrize("question", ["Is Haiti open?", "Afghanistan", "Is Libya open to tourists?", "Russia"])
def test_no_open_wording_under_level_4(engine, question) -> None:
    answer = engine.ask(question)
    assert answer.do_not_travel
    header = answer.messages[0].split("\n", 1)[0]
    assert "Open to tourists" not in header and "🟢" not in header and "Level 4" in header


def test_no_green_light_where_travel_is_barred(engine) -> None:
    """Every curated place under Level 4, advised against, or closed, with a range of passports."""
    for code, place in engine.kb.places.items():
        if not place.curated:
            continue
        for passports in (["US"], ["GB"], ["DE"], ["IN"], ["US", "MX"]):
            answer = engine.ask("", passports, code=code, topics=["entry"])
            barred = answer.do_not_travel or (answer.status or {}).get("state") == "closed"
            if barred:
                assert "✅" not in "".join(answer.messages), (code, passports)
            brief = engine.ask(f"can I go to {place.name}", passports)
            if brief.code == code and barred:
                assert "✅" not in brief.messages[0] and "Open to tourists" not in brief.messages[0], (code, passports)


def test_gaza_with_a_saved_us_passport_is_not_a_green_light(engine) -> None:
    answer = engine.ask("Can I go to Gaza?", ["US"])
    assert answer.code == "PS-GZA"
    assert answer.entry[0].verdict not in GREEN_VERDICTS and "✅" not in answer.messages[0]


def test_the_askers_own_government_comes_first(engine) -> None:
    british = engine.ask("Is North Korea safe for a British citizen?")
    assert british.advisories[0].issuer == "UK" and british.headline.risk.startswith("UK")
    american = engine.ask("Is North Korea safe for an American?")
    assert american.advisories[0].issuer == "US"
    for passport in ("DE", "MX", "IN"):
        other = engine.ask("Is North Korea safe?", [passport])
        assert other.consular is None, passport  # the US-only consular note is not shown to others


def test_two_destinations_are_compared_side_by_side(engine) -> None:
    answer = engine.ask("Which is easier for Americans, Iran or Syria?")
    assert [c.code for c in answer.comparison] == ["IR", "SY"]
    assert all("US" in c.verdicts for c in answer.comparison)
    assert "Side by side" in first(answer) and "Syria" in first(answer)


def test_a_comparison_says_which_is_easier_by_the_rules_and_what_the_advice_says(engine) -> None:
    """"Which is easier for Americans, Iran or Syria?" listed both side by side and left the asker to work it out:
    one line under them names the easier by the rules (Iran is closed to tourists) and says that both are under
    advice against all travel; a safety comparison compares the advice instead; a closed border is never easier."""
    answer = engine.ask("Which is easier for Americans, Iran or Syria?")
    [line] = [d.text for d in answer.direct]
    assert line.startswith("Easier to enter by the rules: Syria") and "advice against all travel" in line
    assert line in first(answer)
    safer = [d.text for d in engine.ask("is japan safer than mexico?").direct]
    assert safer and safer[0].startswith("Lower risk in the advice on file: Japan")
    barred = [d.text for d in engine.ask("north korea or turkmenistan for a US citizen?").direct]
    assert barred[-1].startswith("Easier to enter by the rules: Turkmenistan")
    assert "Under advice against all travel: North Korea" in barred[-1]
    unclear = [d.text for d in engine.ask("Transnistria or Abkhazia, which is easier for a German?").direct]
    assert unclear[-1].startswith("We cannot say which is easier")  # Abkhazia's rule has no verdict
    russian = engine.ask("Что проще для американца: Иран или Сирия?")
    assert russian.direct[-1].text.startswith("По правилам въезда проще: Сирия")
    assert not engine.ask("Which is cheaper, the Tibet permit or the Upper Mustang permit?").direct


def test_follow_ups_reuse_destination_and_passports(engine) -> None:
    chat = Conversation()
    engine.ask("Can I go to North Korea?", conversation=chat)
    uk = engine.ask("and with a UK passport?", conversation=chat)
    assert uk.code == "KP" and uk.understanding.passports == ["GB"] and uk.understanding.context_used
    syria = engine.ask("what about Syria?", conversation=chat)
    assert syria.code == "SY" and syria.understanding.passports == ["GB"]
    safe = engine.ask("is it safe?", conversation=chat)
    assert safe.code == "SY" and safe.advisories
    russian = engine.ask("и для британцев?", conversation=Conversation())
    assert not russian.answered  # no context: nothing to carry over, and no guess
    assert not engine.ask("and with a UK passport?").answered  # `ask` without a chat stays stateless


@pytest.mark.parametrize(("question", "code"), [
    ("cheap flights to Paris", "FR"), ("What's the weather in Kabul?", "AF"), ("Best hotels in Tokyo?", "JP"),
])
def test_off_topic_gets_one_polite_line(engine, question, code) -> None:
    answer = engine.ask(question)
    assert answer.off_topic and not answer.answered and answer.code == code
    assert "can't help" in first(answer) and visible_length(answer.messages[0]) < 600
    if code == "AF":
        assert "Level 4" in first(answer)


def test_off_topic_with_a_known_passport_still_gives_its_verdict(engine, kb_path) -> None:
    named = engine.ask("hotels in havana for americans")
    assert named.off_topic and not named.answered and named.code == "CU"
    assert [(e.passport, e.verdict) for e in named.entry] == [("US", "permit-required")]
    text = first(named)
    assert "can't help" in text and "United States passport: Special permit needed" in text
    assert "plain tourism is not allowed" in text and visible_length(named.messages[0]) < FIRST_MESSAGE_BUDGET
    saved = engine.ask("What's the weather in Pyongyang?", ["US"])  # a saved passport, a barred one
    assert saved.off_topic and [e.verdict for e in saved.entry] == ["passport-invalid"]
    text = first(saved)
    assert "Legal warning" in text and "not valid there" in text and "✅" not in text
    assert "Ask me whether you can go there" not in text  # the verdict is there already
    russian = engine.ask("What's the weather in Pyongyang?", ["US"], lang="ru")
    assert "Юридическое предупреждение" in first(russian)
    unknown = engine.ask("What's the weather in Kabul?")  # no passport known: the line and the risk only
    assert not unknown.entry and not unknown.direct and "Ask me whether you can go there" in first(unknown)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", "--passport", "GB",
         "cheap flights to Minsk"], capture_output=True, text=True, cwd=ROOT, check=True)
    data = json.loads(proc.stdout)
    assert data["off_topic"] and not data["answered"] and data["destinations"] == ["BY"]
    assert [e["passport"] for e in data["entry"]] == ["GB"] and data["direct"][0].startswith("United Kingdom")


@pytest.mark.parametrize(("question", "passport", "destination"), [
    ("w us pasport can i go to cuba", "US", "CU"),
    ("можно ли гражданину России в Абхазию", "RU", "GE-AB"),
    ("визы для россиян в Северную Корею", "RU", "KP"),
    ("中国公民可以去朝鲜吗", "CN", "KP"),
    ("持中国护照去西藏", "CN", "CN-XZ"),
    ("Kann ich als Deutscher nach Nordkorea reisen?", "DE", "KP"),
    ("¿Puedo ir a Cuba con pasaporte mexicano?", "MX", "CU"),
    ("Puis-je aller en Iran avec un passeport français ?", "FR", "IR"),
    ("can chinese tourists visit tibet", "CN", "CN-XZ"),
    ("german here, any issues going to russia?", "DE", "RU"),
    ("Brauchen Österreicher ein Visum für Russland?", "AT", "RU"),
    ("Можно ли американцу поехать в Северную Корею?", "US", "KP"),
])
def test_nationality_phrases_are_passports_not_destinations(engine, question, passport, destination) -> None:
    u = engine.matcher.understand(question)
    assert u.passports == [passport] and u.destinations[:1] == [destination], (u.passports, u.destinations)


@pytest.mark.parametrize(("question", "passports"), [
    ("can a dual us/iranian citizen travel to iran", ["US", "IR"]),
    ("i have US+MX passports, north korea?", ["US", "MX"]),
])
def test_joined_passports(engine, question, passports) -> None:
    assert engine.matcher.understand(question).passports == passports


@pytest.mark.parametrize(("question", "passport", "destination"), [
    ("Чи можна громадянам України в Білорусь?", "UA", "BY"),
])
def test_ukrainian_names_fold_onto_russian(engine, question, passport, destination) -> None:
    u = engine.matcher.understand(question)
    assert u.passports == [passport] and u.destinations[:1] == [destination], (u.passports, u.destinations)


def test_ask_json_has_the_new_keys(kb_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", "Which is safer, Iran or Syria?"],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    data = json.loads(proc.stdout)
    assert {"direct", "comparison", "off_topic", "context_used", "dual"} <= set(data)
    assert [c["code"] for c in data["comparison"]] == ["IR", "SY"] and data["off_topic"] is False


def test_ask_json_says_whether_the_passports_are_one_travelers(kb_path) -> None:
    def dual(question: str) -> bool:
        proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", question],
                              capture_output=True, text=True, cwd=ROOT, check=True)
        return json.loads(proc.stdout)["dual"]

    assert dual("I have US and Mexican passports, can I go to North Korea?") is True
    assert dual("My fiancé is Nigerian and I'm American, can we go to Iran?") is False


def test_ask_batch_conversation_carries_context(kb_path) -> None:
    lines = "Can I go to North Korea?\nand with a UK passport?\n\nand with a UK passport?\n"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json", "--batch", "-", "--conversation"],
        input=lines, capture_output=True, text=True, cwd=ROOT, check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[1]["destinations"] == ["KP"] and rows[1]["passports"] == ["GB"] and rows[1]["context_used"]
    assert not rows[2]["answered"]  # a blank line started a new chat


def test_brief_answers_fit_the_first_message_budget(engine) -> None:
    questions = ["Can I go to North Korea with a US passport?", "Is Crimea open for foreigners?",
                 "Is Transnistria safe?", "Can I go to Abkhazia from Russia?", "Is Iran open to Americans?"]
    for question in questions:
        answer = engine.ask(question)
        assert visible_length(answer.messages[0]) <= FIRST_MESSAGE_BUDGET, question
        assert all(html_problems(m) == [] for m in answer.messages)


def test_answers_are_memoised_but_never_across_chats_or_knowledge_versions(engine) -> None:
    first = engine.ask("Is Cuba safe?", ["US"])
    assert engine.ask("Is Cuba safe?", ["US"]) is first
    assert engine.ask("Is Cuba safe?", ["GB"]) is not first  # other passports, another answer
    chat = Conversation()
    engine.ask("Can I go to North Korea?", conversation=chat)
    follow = engine.ask("and with a UK passport?", conversation=chat)
    other = Conversation()
    engine.ask("Can I go to Iran?", conversation=other)
    assert engine.ask("and with a UK passport?", conversation=other).code == "IR" and follow.code == "KP"


def test_no_passport_known_shows_the_rules_by_passport_and_asks(engine) -> None:
    answer = engine.ask("Can I go to North Korea?")
    text = first(answer)
    assert "Legal warning for holders of the United States passport" in text  # not "your own government"
    assert "all other passports: Closed to visitors" in text and "Entry depends on your passport" in text


def test_open_to_tourists_is_no_green_light_for_a_passport_that_may_not_simply_go(kb, engine) -> None:
    """Cuba is open to tourists, but not to a US tourist (a licence under US sanctions law): the headline must not
    say "open" to that asker, and still does to one who may go, and where every visitor needs the same permit."""
    code, passport = "CU", "US"
    assert kb.places[code].status["state"] == "open" and kb.places[code].legal
    assert kb.entry_rule(code, passport)["verdict"] == "permit-required"
    name = kb.places[code].name
    restricted = engine.ask(f"can I visit {name}?", passports=[passport])
    assert restricted.headline.icon == "🟠" and restricted.headline.state == "Restricted for your passport"
    assert "Open to tourists" not in to_plain(restricted.messages[0]).split("\n")[0]
    easy = next(p for p in ("DE", "FR", "IT", "ES", "GB", "JP") if engine.kb.entry_rule(code, p)
                and engine.kb.entry_rule(code, p)["verdict"] not in ("permit-required", "unknown"))
    assert engine.ask(f"can I visit {name}?", passports=[easy]).headline.state == "Open to tourists"
    compared = engine.ask(f"{name} or Iran, which is easier?", passports=[passport])
    line = next(c for c in compared.comparison if c.code == code)
    assert "Open to tourists" not in line.line
    everyone = [c for c, place in kb.places.items() if (place.status or {}).get("state") == "open"
                and (place.curated_rules.get("*") or {}).get("verdict") == "permit-required"]
    assert everyone
    for c in everyone:  # a permit every visitor needs is no reason to call the place restricted
        assert engine.ask(f"can I visit {kb.places[c].name}?", passports=["GB"]).headline.state == "Open to tourists"


# -- a long legal trap: the first message within the budget in every language --------------------------------
LEGAL_QUESTIONS = ("Is Crimea open?", "crimea with a russian passport", "How do I get to Crimea?",
                   "Has anyone been to Crimea recently?", "Tiraspol with a German passport", "Is Transnistria open?",
                   "bus from Chisinau to Tiraspol for a Romanian", "Can I visit Abkhazia?")


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "pt", "ru", "uk", "zh"])
def test_a_long_legal_trap_fits_the_first_message_whole(engine, lang: str) -> None:
    """Crimea's and Transnistria's legal traps are long, longer translated: they are never cut; what else the
    first message held moves behind the buttons instead, and the verdicts stay."""
    from bot.answering.compose import short
    from bot.answering.render import LIMITS

    for question in LEGAL_QUESTIONS:
        answer = engine.ask(question, lang=lang)
        text = first(answer)
        assert visible_length(answer.messages[0]) <= FIRST_MESSAGE_BUDGET, (lang, question, text)
        for key in ("summary", "lawful_route"):
            whole = " ".join(short(answer.legal[key], LIMITS["legal"][-1]).split())
            assert whole in " ".join(text.split()), (lang, question, key)
        for e in answer.entry if answer.understanding.passports else []:
            assert e.verdict_label in text, (lang, question, e.passport)


def test_the_most_compact_layout_says_what_it_left_to_the_buttons(engine) -> None:
    answer = engine.ask("How do I get to Crimea?", lang="ru")
    assert answer.howto and answer.behind == ["howto"]
    tr = translator("ru")
    text = first(answer)
    assert answer.howto[0].name not in text
    assert tr._("Behind the buttons below: %(topics)s.", topics=tr._("How to get there")) in text
    # the topic asked for keeps its button, which opens the detailed view
    assert any(f.topics == ["howto"] for f in answer.followups)
    # in English the same answer fits without it: the layout is used only when needed
    english = engine.ask("How do I get to Crimea?")
    assert english.howto[0].name in first(english)


def test_transnistria_legal_trap_is_translated(engine) -> None:
    for lang in ("ru", "uk", "de", "fr", "es", "pt", "zh"):
        answer = engine.ask("Is Transnistria open?", lang=lang)
        english = engine.kb.places["MD-SN"].legal
        for key in ("summary", "lawful_route", "consequences"):
            assert answer.legal[key] and answer.legal[key] != english[key], (lang, key)


def test_dataset_rules_keep_their_label_and_date_when_the_notes_give_way(engine) -> None:
    """The most compact answers leave the notes on the dataset to the verdict lines, each labelled 'dataset only,
    not checked by us' with the dataset's date."""
    tr = translator("de")
    answer = engine.ask("bus from Chisinau to Tiraspol for a Romanian", lang="de")
    text = first(answer)
    assert any(e.origin == "baseline" for e in answer.entry)
    assert tr._("dataset only, not checked by us") in text
    assert tr._("dataset of %(date)s", date=tr.date(engine.kb.baseline_date)) in text


# -- the government asked about ------------------------------------------------------------------------------
def test_a_government_without_advice_for_the_place_is_said_so(engine) -> None:
    """'what level is it for Canada?' after a place question showed the UK's and the US's advice as if that were
    the answer; now the first line says Canada has none on file, and the others follow."""
    chat = Conversation()
    engine.ask("Tell me about Transnistria", conversation=chat)
    answer = engine.ask("what level is it for Canada?", conversation=chat)
    assert answer.code == "MD-SN" and answer.understanding.intent == "level"
    assert answer.direct[0].text == "No Global Affairs Canada advice on file for Transnistria."
    assert any(line.kind == "risk" for line in answer.direct[1:])  # the others' advice still follows
    assert "No Global Affairs Canada advice on file for Transnistria." in first(answer)
    # the asker's own government, from the passport
    canadians = engine.ask("is Transnistria safe for Canadians?")
    assert canadians.direct[0].text.startswith("No Global Affairs Canada advice on file")
    russian = engine.ask("уровень угрозы по Приднестровью у канадцев какой")
    tr = translator("ru")
    assert russian.direct[0].text == tr._("No %(issuer)s advice on file for %(place)s.",
                                          issuer="Global Affairs Canada", place="Приднестровье")
    # a government that has advice for the place, or is asked about its own country, gets no such line
    for question in ("Is Mali safe for Brits?", "what does the FCDO say about Transnistria",
                     "Is Canada safe for Canadians?"):
        assert not any("advice on file" in line.text for line in engine.ask(question).direct), question


def test_compact_when_answers_keep_the_two_latest_dates(engine) -> None:
    answer = engine.ask("when will north korea reopen to tourists")
    dates = [d for d in answer.direct if d.kind == "when"]
    assert len(dates) > 2
    compact = answer.direct_lines(3)
    assert [d for d in compact if d.kind == "when"] == dates[-2:]
    assert compact[0].text.startswith("No reopening date")  # the answer itself stays first
    assert answer.direct_lines(0) == answer.direct


def test_an_included_template_is_written_into_its_includer(tmp_path) -> None:
    """The loader inlines includes (rendering copies no context for them): the included text sees the includer's
    variables and its namespace, as an include would, and the file it came from stays its own."""
    from jinja2 import Environment
    from jinja2.utils import Namespace

    from bot.answering.render import InliningLoader

    (tmp_path / "outer.j2").write_text('{% set ns = namespace(n=1) %}A{% include "inner.j2" %}{{ ns.n }}')
    (tmp_path / "inner.j2").write_text("[{{ x }}{% set ns.n = ns.n + 1 %}]")
    env = Environment(loader=InliningLoader(tmp_path))
    source = env.loader.get_source(env, "outer.j2")[0]
    assert "include" not in source and "[{{ x }}" in source
    assert env.get_template("outer.j2").render(x="here") == "A[here]2"
    assert env.get_template("inner.j2").render(x="alone", ns=Namespace(n=0)) == "[alone]"
