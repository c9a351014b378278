"""Answers speak the traveler's language: every template in every language, the language chosen in the right
order, place names and dates for the locale, translated summaries only while their English is unchanged."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.render import to_plain
from bot.answering.telegram_html import MAX_MESSAGE, html_problems
from bot.answering.texts import ENGLISH_NOTE, GENERAL_DISCLAIMER, GENERAL_DISCLAIMER_SHORT
from bot.i18n import DEFAULT, LANGUAGES, normalize, translator
from bot.storage import database as store
from bot.storage.build import build
from bot.storage.changes import describe
from bot.storage.edits import Admin
from bot.storage.kb import KnowledgeBase
from bot.understanding.language import detect
from tests.conftest import TODAY

# (question, passports, code, topics): every template and branch the renderer has
CASES = [
    ("north korea", [], None, None),
    ("I have US and Mexican passports, can I run the Pyongyang marathon?", [], None, None),
    ("What's the State Department level for Mali?", [], None, None),
    ("When did North Korea reopen?", [], None, None),
    ("iran or syria for americans", [], None, None),
    ("weather in kabul", [], None, None),
    ("korea", [], None, None),
    ("xyzzy plugh", [], None, None),
    ("france with a us passport", [], None, None),
    ("crimea with a russian passport", [], None, None),
    ("", ["US"], "KP", []),
    *[("", ["US", "MX"], "KP", [topic]) for topic in ("entry", "status", "safety", "reports", "howto")],
    ("", [], "CN-XZ", ["howto"]),
    ("", [], "SY", ["reports"]),
]


def _text(answer) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(answer.messages)))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_renders_in_every_language(engine: Engine, lang: str) -> None:
    tr = translator(lang)
    for question, passports, code, topics in CASES:
        answer = engine.ask(question, passports, code=code, topics=topics, lang=lang)
        assert answer.lang == lang
        for message in answer.messages:
            assert not html_problems(message), (lang, question or code, html_problems(message))
            assert len(message) <= MAX_MESSAGE
        # the frame is in the language: the closing disclaimer every answer carries, translated (its short form under
        # a long legal trap, at the most compact layout)
        text = _text(answer)
        assert tr._(GENERAL_DISCLAIMER) in text or tr._(GENERAL_DISCLAIMER_SHORT) in text, (lang, question or code)
        if lang != DEFAULT:
            assert tr._(GENERAL_DISCLAIMER) != GENERAL_DISCLAIMER
            assert tr._(GENERAL_DISCLAIMER_SHORT) != GENERAL_DISCLAIMER_SHORT


@pytest.mark.parametrize("lang", LANGUAGES)
def test_change_notices_render_in_every_language(engine: Engine, lang: str) -> None:
    old = {"status": {"state": "open", "summary": "a"}, "entry": {"US": {"verdict": "visa-free"}}}
    new = {"status": {"state": "closed", "summary": "b"}, "entry": {"US": {"verdict": "passport-invalid"}},
           "events": [{"date": "2026-11-30", "kind": "closure", "summary": "Border shut."}],
           "advisories": [{"issuer": "AU", "level": 4, "label": "Do not travel", "as_of": "2026-11-30"}]}
    notes = tuple(describe("North Korea", old, new))
    tr = translator(lang)
    message = engine.renderer.change_notice("KP", engine.kb.places["KP"].name_in(lang), "🇰🇵", notes, lang)
    assert not html_problems(message) and len(message) <= MAX_MESSAGE
    text = html.unescape(message)
    assert tr._("Closed to tourists") in text and tr._("Your passport is not valid there") in text
    assert tr.date("2026-11-30") in text and "/unfollow KP" in text


# The tuning examples of the language detector (measuring sets live in tests/data/measure and are never used here).
DETECTED = [
    ("Можно ли сейчас поехать в Северную Корею туристом?", "ru"),
    ("Чи можна поїхати до Тибету з українським паспортом?", "uk"),
    ("Ist Syrien für Deutsche sicher?", "de"),
    ("Est-ce que le Tibet est ouvert aux touristes ?", "fr"),
    ("¿Puedo viajar a Corea del Norte con pasaporte mexicano?", "es"),
    ("Posso ir à Síria com passaporte brasileiro?", "pt"),
    ("中国公民可以去朝鲜旅游吗", "zh"),
    ("can americans visit syria right now", "en"),
    ("north korea", None), ("Сирия", None), ("KP", None), ("西藏", None), ("Tibet US", None), ("", None),
    ("🇰🇵🇰🇵🇰🇵", None), ("<b>hi</b>", None), ("\x00\x01\x02", None),
    ("中国公民 朝鲜", "zh"), ("美国人 伊朗", "zh"), ("中国籍 西藏", "zh"),  # names beside a word for people
    # short Spanish and Portuguese, Russian in Latin letters (tuning set 7)
    ("Corea visa para uruguayos", "es"), ("vuelos baratos a La Habana desde Madrid", "es"),
    ("Congo visto para angolanos", "pt"), ("mozhno li rossiyanam v abhaziyu", "ru"),
    ("chy mozhna ukraintsyam v Turkmenistan", "uk"), ("Wetter in Lhasa im Oktober", "de"),
    ("Nigeria visa", "en"), ("im tajik btw", "en"),
    ("western sahara as a brit", "en"), ("cuba as a canadian", "en"), ("as an aussie, syria?", "en"),
    ("Posso ir à Síria com passaporte brasileiro e as minhas filhas?", "pt"),
    # Ukrainian question words, Spanish "dónde", Portuguese "dois ... comboio" (tuning sets 12, 13, 17)
    ("яка погода в Батумі в травні?", "uk"), ("¿dónde cambio dólares en La Habana?", "es"),
    ("hotel barato en La Habana vieja", "es"), ("vocês vendem seguro viagem?", "pt"),
    ("somos dois portugueses, de comboio até Odessa, é possível", "pt"),
    # languages Borderline does not write are not taken for one it does: the Telegram setting decides
    ("gli italiani possono andare in Corea del Nord?", None), ("Türkler Abhazya'ya vizesiz girebilir mi", None),
    ("hoe kom ik in Tibet als Vlaming", None), ("Kaliningrad e-wiza dla obywateli Polski", None),
    ("виза за Русију за држављане Србије", None),
]


@pytest.mark.parametrize(("question", "lang"), DETECTED)
def test_language_is_told_from_a_sentence_not_from_a_bare_name(question: str, lang: str | None) -> None:
    assert detect(question) == lang


def test_questions_in_other_languages_get_answers_framed_in_them(engine: Engine) -> None:
    """The seed destinations, asked in each language: the frame follows the question."""
    for question, lang in DETECTED[:8]:
        answer = engine.ask(question)
        assert answer.answered and answer.lang == lang, question
        assert translator(lang)._(GENERAL_DISCLAIMER) in _text(answer)
    kp = engine.ask("Можно ли поехать в Северную Корею с паспортом США?")
    assert kp.lang == "ru" and kp.entry[0].verdict == "passport-invalid"
    assert translator("ru")._("Your passport is not valid there") in _text(kp)
    assert kp.name == engine.kb.places["KP"].names["ru"] != "North Korea"


def test_the_language_is_chosen_in_order(engine: Engine) -> None:
    from bot.answering.conversation import Conversation

    assert engine.ask("Ist Syrien sicher?", lang="fr").lang == "fr"  # a /language choice wins
    assert engine.ask("Ist Syrien sicher?", fallback_lang="fr").lang == "de"  # then the question's language
    assert engine.ask("syria", fallback_lang="pt-BR").lang == "pt"  # then the Telegram setting, region stripped
    assert engine.ask("syria", fallback_lang="ja").lang == DEFAULT  # a language we do not speak: English
    assert engine.ask("syria").lang == DEFAULT
    chat = Conversation()
    assert engine.ask("Ist Syrien sicher?", conversation=chat).lang == "de"
    assert engine.ask("UK?", conversation=chat, fallback_lang="es").lang == "de"  # a bare follow-up keeps it
    assert normalize("zh-hans") == "zh" and normalize("pt_br") == "pt" and normalize("xx") is None


def test_place_names_and_dates_are_the_locales(engine: Engine) -> None:
    kp = engine.kb.places["KP"]
    assert kp.name_in("de") == "Nordkorea" and kp.name_in("ru") == "Северная Корея"
    assert kp.name_in("uk") == "Північна Корея"  # countries.json has no Ukrainian: Unicode CLDR's name
    assert kp.name_in("en") == "North Korea" and kp.name_in("xx") == "North Korea"
    answer = engine.ask("", ["US"], code="KP", topics=["entry"], lang="de")
    checked = answer.entry[0].checked
    assert translator("de").date(checked) in _text(answer) and checked not in _text(answer)
    assert translator("ru").date("2026-03-07").replace("\u202f", " ") == "7 мар. 2026 г."
    assert translator("de").date("2026-03") == "März 2026"
    assert translator("fr").date("not a date") == "not a date"


def test_curated_english_is_said_once_in_the_travelers_language(engine: Engine) -> None:
    """North Korea's file is translated whole: no note. Lebanon's two events of 2 March 2026 share a date and kind, so
    no key tells them apart and they stay English: its timeline says so, once."""
    tr = translator("es")
    answer = engine.ask("", ["US"], code="KP", topics=[], lang="es")
    assert answer.untranslated and _text(answer).count(tr._(ENGLISH_NOTE)) == 0
    lebanon = engine.ask("", ["US"], code="LB", topics=["status"], lang="es")
    assert lebanon.english_in["events"] and _text(lebanon).count(tr._(ENGLISH_NOTE)) == 1
    assert not engine.ask("", ["US"], code="KP", topics=[], lang="en").untranslated


def test_json_names_the_language(engine: Engine) -> None:
    assert engine.ask("Ist Syrien sicher?").to_json()["lang"] == "de"


RU_STATUS = "Закрыто для обычных туристов (проверка перевода)."


def _with_translation(tmp_path: Path) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(Path(__file__).resolve().parent.parent / "knowledge", knowledge)
    kp = knowledge / "destinations" / "kp.yaml"
    kp.write_text(kp.read_text(encoding="utf-8") + f"translations:\n  ru:\n    status: {RU_STATUS}\n"
                  "names:\n  ru: КНДР (проверка)\n", encoding="utf-8")
    db = tmp_path / "kb.sqlite"
    build(knowledge, db)
    return db


def test_a_translated_summary_is_shown_only_while_its_english_is_unchanged(tmp_path: Path) -> None:
    db = _with_translation(tmp_path)
    kb = KnowledgeBase(db)
    try:
        engine = Engine(kb, today=TODAY, cache_size=0)
        answer = engine.ask("", [], code="KP", topics=["status"], lang="ru")
        assert answer.status["summary"] == RU_STATUS and RU_STATUS in to_plain("\n".join(answer.messages))
        assert answer.name == "КНДР (проверка)"  # a curated name wins over the dataset's
        assert engine.ask("", [], code="KP", topics=["status"], lang="de").status["summary"] != RU_STATUS
        conn = store.connect(db)
        Admin(conn).apply(777, 9001, "KP", "status", {"state": "closed", "summary": "Edited in English.",
                                                      "source": "https://www.reuters.com/world/asia-pacific/x/"})
        conn.close()
        kb.reload()
        edited = engine.ask("", [], code="KP", topics=["status"], lang="ru")
        assert edited.status["summary"] == "Edited in English."  # the old translation retired itself
    finally:
        kb.close()


def test_a_translation_of_a_missing_text_is_refused(knowledge_copy: Path, tmp_path: Path) -> None:
    from bot.knowledge.loader import KnowledgeError

    cu = knowledge_copy / "destinations" / "aq.yaml"
    text = cu.read_text(encoding="utf-8")
    assert "\nlegal:" not in text
    cu.write_text(text + "translations:\n  de:\n    lawful_route: Es gibt keinen.\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="lawful_route"):
        build(knowledge_copy, tmp_path / "kb.sqlite")


def test_spanish_lists_follow_its_sound_rules() -> None:
    es = translator("es")
    assert es.euphony("Estados Unidos y Israel") == "Estados Unidos e Israel"
    assert es.euphony("🇾🇪 Yemen o 🇴🇲 Omán") == "🇾🇪 Yemen u 🇴🇲 Omán"
    assert es.euphony("Chile y Yemen") == "Chile y Yemen" and es.euphony("Perú o Chile") == "Perú o Chile"
    assert translator("fr").euphony("Israël y Irak") == "Israël y Irak"  # only Spanish has the rule


def test_cli_ask_and_terminal_chat_speak_the_language(kb_path: Path, engine: Engine) -> None:
    import io
    import json
    import subprocess
    import sys

    from bot.chat import run_chat

    root = Path(__file__).resolve().parent.parent
    run = [sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "--json"]
    forced = json.loads(subprocess.run([*run, "--lang", "de", "Is Syria safe?"], capture_output=True, text=True,
                                       cwd=root, check=True).stdout)
    assert forced["lang"] == "de" and translator("de")._(GENERAL_DISCLAIMER) in html.unescape(forced["messages"][-1])
    bare = json.loads(subprocess.run([*run, "--fallback-lang", "pt-BR", "syria"], capture_output=True, text=True,
                                     cwd=root, check=True).stdout)
    asked = json.loads(subprocess.run([*run, "--fallback-lang", "pt-BR", "Ist Syrien sicher?"], capture_output=True,
                                      text=True, cwd=root, check=True).stdout)
    assert bare["lang"] == "pt" and asked["lang"] == "de"
    out = io.StringIO()
    run_chat(engine, io.StringIO("/language fr\nsyria\n/language auto\nIst Syrien sicher?\n"), out)
    text = out.getvalue()
    assert translator("fr")._(GENERAL_DISCLAIMER) in html.unescape(text)
    assert translator("de")._(GENERAL_DISCLAIMER) in html.unescape(text)


SEED_QUESTIONS = {  # tuning examples: the three places of the issue, in five languages
    "ru": {"KP": "Можно ли туристу поехать в КНДР?", "CN-XZ": "Нужно ли разрешение для поездки в Тибет?",
           "SY": "Безопасно ли сейчас ехать в Сирию?"},
    "zh": {"KP": "现在可以去朝鲜旅游吗", "CN-XZ": "去西藏需要什么许可证", "SY": "叙利亚现在安全吗"},
    "de": {"KP": "Kann man als Tourist nach Nordkorea reisen?", "CN-XZ": "Braucht man eine Genehmigung für Tibet?",
           "SY": "Ist es gefährlich, jetzt nach Syrien zu fahren?"},
    "es": {"KP": "¿Se puede viajar a Corea del Norte como turista?", "CN-XZ": "¿Qué permiso necesito para el Tíbet?",
           "SY": "¿Es seguro viajar a Siria ahora?"},
    "fr": {"KP": "Est-ce qu'on peut aller en Corée du Nord en touriste ?",
           "CN-XZ": "Faut-il un permis pour aller au Tibet ?",
           "SY": "Est-ce dangereux d'aller en Syrie en ce moment ?"},
}


@pytest.mark.parametrize("lang", sorted(SEED_QUESTIONS))
def test_north_korea_tibet_and_syria_are_answered_in_the_questions_language(engine: Engine, lang: str) -> None:
    for code, question in SEED_QUESTIONS[lang].items():
        answer = engine.ask(question)
        assert answer.code == code and answer.lang == lang, question
        text = _text(answer)
        assert translator(lang)._(GENERAL_DISCLAIMER) in text and engine.kb.places[code].name_in(lang) in text
