"""The verdict line in the traveler's language: a knowledge file translates its entry rules' summaries and the labels
of governments that rate without levels (the FCDO's), and each translation is shown only while its English stands."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.answering.engine import Engine
from bot.answering.render import to_plain
from bot.answering.texts import NO_CHECKED_OPENING
from bot.i18n import translator
from bot.knowledge.loader import KnowledgeError
from bot.storage import database as store
from bot.storage.build import build
from bot.storage.edits import Admin, export_destination
from bot.storage.kb import KnowledgeBase
from tests.conftest import TODAY

US_RU = "Американцам нужна афганская виза (проверка перевода)."
DEFAULT_RU = "Уточните визовые правила в посольстве Афганистана (проверка перевода)."
UK_RU = "не рекомендует никаких поездок в Афганистан (проверка перевода)"
US_RU_ENGLISH = ("US citizens need an Afghan visa to enter and leave; visas are not issued on arrival at Kabul "
                 "airport.")  # the US rule's English summary in af.yaml, whose Russian the fixture replaces


def _translate(knowledge: Path, code: str, lang: str, texts: dict) -> None:
    path = knowledge / "destinations" / f"{code}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("translations", {}).setdefault(lang, {}).update(texts)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def translated(knowledge_copy: Path, tmp_path: Path):
    _translate(knowledge_copy, "af", "ru", {"entry": {"US": US_RU, "*": DEFAULT_RU}, "advisories": {"UK": UK_RU}})
    db = tmp_path / "kb.sqlite"
    build(knowledge_copy, db)
    kb = KnowledgeBase(db)
    yield db, kb, Engine(kb, today=TODAY, cache_size=0)
    kb.close()


def test_the_verdict_line_and_the_fcdo_headline_are_in_the_askers_language(translated) -> None:
    _, _, engine = translated
    us = engine.ask("можно ли американцу в Афганистан?")
    assert us.lang == "ru" and us.entry[0].summary == US_RU
    assert US_RU in to_plain(us.messages[0]) and "Afghan visa" not in to_plain(us.messages[0])
    # the default rule: the catalog says the curators' "no checked rule" opening, the file's translation the rest
    rules = engine.ask("", [], code="AF", topics=["entry"], lang="ru").entry
    assert f"{translator('ru')._(NO_CHECKED_OPENING)} {DEFAULT_RU}" in [e.summary for e in rules]
    # beside the dataset's verdict, which says it is the dataset's, without that opening
    other = engine.ask("", ["DE"], code="AF", topics=["entry"], lang="ru").entry[0]
    assert other.origin == "baseline" and other.local.endswith(DEFAULT_RU) and NO_CHECKED_OPENING not in other.local
    brit = engine.ask("Афганистан с британским паспортом")
    assert "не рекомендует никаких поездок в Афганистан" in brit.headline.risk
    # another language gets its own translation, never the Russian one
    de = engine.ask("Kann ich als Amerikaner nach Afghanistan?")
    assert de.lang == "de" and de.entry[0].summary != US_RU and "Visum" in de.entry[0].summary


def test_an_english_edit_retires_the_translation_and_the_export_leaves_it_out(translated) -> None:
    db, kb, engine = translated
    conn = store.connect(db)
    Admin(conn).apply(777, 9002, "AF", "entry", {
        "passports": ["US"], "verdict": "visa-required", "summary": "Edited in English: a visa is needed.",
        "source": "https://travel.state.gov/content/travel/en/international-travel/International-Travel-Country-"
                  "Information-Pages/Afghanistan.html"})
    exported = export_destination(conn, "AF")
    conn.close()
    kb.reload()
    assert engine.ask("", ["US"], code="AF", topics=["entry"], lang="ru").entry[0].summary.startswith("Edited")
    assert engine.ask("", ["DE"], code="AF", topics=["entry"], lang="ru").entry[0].local.endswith(DEFAULT_RU)
    assert exported["translations"]["ru"]["entry"] == {"*": DEFAULT_RU}
    assert exported["translations"]["ru"]["advisories"] == {"UK": UK_RU}


@pytest.mark.parametrize("texts, problem", [
    ({"entry": {"FR": "Текст."}}, "entry.FR"),  # France falls under the default rule, not a rule of its own
    ({"advisories": {"US": "Текст."}}, "advisory.US"),  # two US advisories: which one?
])
def test_a_translation_of_no_such_rule_or_label_is_refused(knowledge_copy: Path, tmp_path: Path, texts: dict,
                                                          problem: str) -> None:
    _translate(knowledge_copy, "af", "ru", texts)
    with pytest.raises(KnowledgeError, match=problem):
        build(knowledge_copy, tmp_path / "kb.sqlite")



def test_measure_counts_english_facts_in_a_first_message_in_another_language(translated, knowledge_copy: Path) -> None:
    from bot.devtools.measure import english_openings, score

    english = english_openings(knowledge_copy)
    engine = translated[2]
    item = {"id": 1, "q": "можно ли американцу в Афганистан?", "lang": "ru", "destinations": ["AF"],
            "passports": ["US"], "intent": "entry"}
    answer = engine.ask(item["q"]).to_json()
    assert score(item, answer, english=english)["first_in_language"] is True
    english_rule = yaml.safe_load((knowledge_copy / "destinations" / "af.yaml").read_text())["entry"][0]["summary"]
    quoted = {**answer, "messages": [answer["messages"][0].replace(US_RU, english_rule)]}
    assert score(item, quoted, english=english)["first_in_language"] is False
    assert score({**item, "lang": "en"}, engine.ask("can an american go to afghanistan").to_json(),
                 english=english)["first_in_language"] is None  # English answers are not counted


def test_a_long_chinese_label_is_cut_between_clauses_within_the_headline_budget() -> None:
    from bot.answering.compose import clause_cut

    label = "其建议避免在控制线10英里范围内的一切旅行，以及避免在曼塞赫拉至奇拉斯之间的喀喇昆仑公路上的一切旅行" * 2
    cut = clause_cut(label, 40)
    assert cut == "其建议避免在控制线10英里范围内的一切旅行…"  # at the comma, never inside a clause
    assert len(clause_cut("无空格" * 40, 30)) == 31  # no clause break at all: at the limit, not the whole text


def test_every_curated_place_says_its_rules_states_and_traps_in_every_answer_language() -> None:
    """What the answers quote from a knowledge file, translated for each answer language:
    a new file or rule ships with its translations, read back by someone else, as the catalogs do. (Two events
    sharing a date and kind, or an issuer's two advisories of one level, cannot be told apart by key and stay
    English.)"""
    from bot.i18n import DEFAULT, LANGUAGES
    from bot.knowledge.loader import load_destinations
    from bot.knowledge.schema import event_key
    from tests.conftest import KNOWLEDGE

    missing = []
    for dest in load_destinations(KNOWLEDGE / "destinations"):
        issuers = [a.issuer for a in dest.advisories]
        wanted = {"status"}
        wanted |= {f"advisory:{a.issuer}" for a in dest.advisories if a.level is None and issuers.count(a.issuer) == 1}
        if dest.legal:
            wanted |= {"legal_summary", "lawful_route"} | ({"consequences"} if dest.legal.consequences else set())
        keyed = ([f"event:{event_key(e)}" for e in dest.events] + [f"howto:{h.name}" for h in dest.howto]
                 + [f"report:{r.traveler} {r.date}" for r in dest.reports]
                 + [f"exception:{r.passports[0]}" for r in dest.entry if r.exception]
                 + [f"detail:{r.passports[0]}" for r in dest.entry if r.details]
                 + [f"advisory:{a.issuer} {a.level}" for a in dest.advisories if a.level is not None]
                 + [f"label:{x}" for x in {e.scope for e in dest.events} | {a.scope for a in dest.advisories}
                    | {h.name for h in dest.howto} if x])
        wanted |= {k for k in keyed if keyed.count(k) == 1} | ({"consular"} if dest.consular else set())
        wanted |= {"de_facto"} if dest.legal and dest.legal.de_facto else set()
        for lang in LANGUAGES:
            if lang != DEFAULT:
                have = dest.translations[lang].flat() if lang in dest.translations else {}
                missing += [f"{dest.code} {lang} {name}" for name in sorted(wanted) if name not in have]
                missing += [f"{dest.code} {lang} entry {rule.passports}" for rule in dest.entry
                            if not any(f"entry:{code}" in have for code in rule.passports)]
    from bot.knowledge.loader import load_pair_rules

    for rule in load_pair_rules(KNOWLEDGE / "pair_rules.yaml", KNOWLEDGE.parent):
        missing += [f"pair {rule.destination} {rule.passports} {lang}" for lang in LANGUAGES
                    if lang != DEFAULT and (lang not in rule.translations
                                            or bool(rule.exception) != bool(rule.translations[lang].exception)
                                            or bool(rule.details) != bool(rule.translations[lang].details))]
    assert not missing, missing


def test_the_english_note_is_said_only_while_english_is_shown(translated) -> None:
    from bot.answering.texts import ENGLISH_NOTE

    db, kb, engine = translated
    note = translator("ru")._(ENGLISH_NOTE)
    verdict = engine.ask("можно ли американцу в Афганистан?")  # a rule, a state and a level: all in Russian
    assert verdict.lang == "ru" and not verdict.english_fixed and note not in to_plain(verdict.messages[0])
    detail = engine.ask("", ["US"], code="AF", topics=["entry"], lang="ru")  # the rule's details too
    assert detail.entry[0].details and note not in to_plain("\n".join(detail.messages))
    conn = store.connect(db)  # an admin rewrites the rule's details in English: the translation retires
    Admin(conn).apply(777, 9003, "AF", "entry", {
        "passports": ["US"], "verdict": "visa-required", "summary": US_RU_ENGLISH, "details": "Edited in English.",
        "source": "https://travel.state.gov/content/studentsabroad/en/beforeyougo/csi/afghanistan.html"})
    conn.close()
    kb.reload()
    edited = engine.ask("", ["US"], code="AF", topics=["entry"], lang="ru")
    assert edited.entry[0].details == "Edited in English." and edited.english_fixed
    assert note in to_plain("\n".join(edited.messages))


def test_events_how_tos_consular_notes_and_lawful_routes_are_translated_by_their_keys(knowledge_copy: Path,
                                                                                      tmp_path: Path) -> None:
    event, route = "Закрытие границ (проверка перевода).", "Через Пекин (проверка перевода)."
    consular, exception = "Консульская помощь (проверка перевода).", "Особая отметка (проверка перевода)."
    _translate(knowledge_copy, "kp", "ru", {"events": {"2020-01 closure": event}, "howto": {"Via Beijing": route},
                                            "consular": consular, "exceptions": {"US": exception}})
    db = tmp_path / "kb.sqlite"
    build(knowledge_copy, db)
    kb = KnowledgeBase(db)
    try:
        engine = Engine(kb, today=TODAY, cache_size=0)
        status = engine.ask("", [], code="KP", topics=["status"], lang="ru")
        assert event in [e.summary for e in status.events]
        assert route in [h.summary for h in engine.ask("", [], code="KP", topics=["howto"], lang="ru").howto]
        safety = engine.ask("", ["US"], code="KP", topics=["safety"], lang="ru")
        assert safety.consular["summary"] == consular
        assert engine.ask("", ["US"], code="KP", topics=["entry"], lang="ru").entry[0].exception == exception
        english = engine.ask("", ["US"], code="KP", topics=["entry"], lang="en").entry[0].exception
        assert english and english != exception
    finally:
        kb.close()


def test_an_event_key_two_events_share_is_refused(knowledge_copy: Path, tmp_path: Path) -> None:
    events = yaml.safe_load((knowledge_copy / "destinations" / "lb.yaml").read_text(encoding="utf-8"))["events"]
    keys = [f"{e['date']} {e['kind']}" for e in events if not e.get("scope")]
    shared = next(k for k in keys if keys.count(k) > 1)  # Lebanon has two notable events on 2 March 2026
    _translate(knowledge_copy, "lb", "ru", {"events": {shared: "Текст."}})
    with pytest.raises(KnowledgeError, match="event"):
        build(knowledge_copy, tmp_path / "kb.sqlite")


def test_a_pair_rule_speaks_the_askers_language_where_it_is_translated(knowledge_copy: Path, tmp_path: Path) -> None:
    path = knowledge_copy / "pair_rules.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rule = next(r for r in data["rules"] if r["destination"] == "KW" and r["passports"] == ["IL"])
    rule["translations"] = {"ru": {"summary": "Кувейт не впускает израильтян (проверка перевода)."}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    build(knowledge_copy, db)
    kb = KnowledgeBase(db)
    try:
        engine = Engine(kb, today=TODAY, cache_size=0)
        assert engine.ask("", ["IL"], code="KW", topics=["entry"], lang="ru").entry[0].summary.startswith("Кувейт")
        assert engine.ask("", ["IL"], code="KW", topics=["entry"], lang="de").entry[0].summary.startswith("Kuwait")
    finally:
        kb.close()
    rule["translations"] = {"ru": {"summary": "Текст.", "exception": "Исключение."}}  # the rule has no exception
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="exception"):
        build(knowledge_copy, tmp_path / "kb2.sqlite")


def test_short_labels_scopes_and_how_to_names_are_translated_by_their_english_words(knowledge_copy: Path,
                                                                                    tmp_path: Path) -> None:
    _translate(knowledge_copy, "kp", "ru", {"labels": {"Russian tour groups only": "только российские группы",
                                                       "Via Beijing": "Через Пекин"}})
    db = tmp_path / "kb.sqlite"
    build(knowledge_copy, db)
    kb = KnowledgeBase(db)
    try:
        engine = Engine(kb, today=TODAY, cache_size=0)
        ru = engine.ask("", [], code="KP", topics=["status", "howto"], lang="ru")
        assert "только российские группы" in [e.scope for e in ru.events]
        assert "Через Пекин" in [h.name for h in ru.howto]
        en = engine.ask("", [], code="KP", topics=["status", "howto"], lang="en")
        assert "Russian tour groups only" in [e.scope for e in en.events]
        assert "Via Beijing" in [h.name for h in en.howto]
    finally:
        kb.close()
    _translate(knowledge_copy, "kp", "ru", {"labels": {"No such scope": "Нет такого"}})
    with pytest.raises(KnowledgeError, match="label"):
        build(knowledge_copy, tmp_path / "kb2.sqlite")
