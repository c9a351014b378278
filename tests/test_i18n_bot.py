"""The bot speaks the traveler's language end to end: /language, Telegram's language_code, buttons, inline
results, groups, the command menus (setMyCommands per language_code) and follower notices."""

from __future__ import annotations

import html

from bot.answering.texts import GENERAL_DISCLAIMER
from bot.devtools.botapi_double import BotApiDouble, Call
from bot.i18n import LANGUAGES, translator
from bot.tg import keyboards
from bot.tg.texts import COMMAND_DESCRIPTIONS
from tests.harness import ADMIN_ID, to_chat

USER = 5150


async def send(double: BotApiDouble, text: str, chat_id: int = USER, **kw) -> list[Call]:
    """Send a message and return every message of the reply (until one carries a known disclaimer or a
    short reply arrives alone)."""
    before = len(double.sent_messages(chat_id))
    double.push_update(double.message_update(text, chat_id=chat_id, **kw))
    calls = (await double.await_for("sendMessage", to_chat(chat_id), count=before + 1, timeout=10))[before:]
    closings = [translator(lang)._(GENERAL_DISCLAIMER) for lang in LANGUAGES]
    while "href=" in calls[0].params["text"] and not any(c in html.unescape(calls[-1].params["text"])
                                                         for c in closings):
        calls = (await double.await_for("sendMessage", to_chat(chat_id), count=before + len(calls) + 1))[before:]
    return calls


def said(calls: list[Call], lang: str) -> bool:
    closing = translator(lang)._(GENERAL_DISCLAIMER)
    return any(closing in html.unescape(c.params["text"]) for c in calls)


async def test_the_question_language_wins_over_the_telegram_setting(double: BotApiDouble, bot) -> None:
    assert said(await send(double, "Можно ли поехать в Северную Корею с паспортом США?"), "ru")
    assert said(await send(double, "UK?"), "ru")  # a bare follow-up keeps the chat's language
    assert said(await send(double, "north korea", chat_id=USER + 1, language_code="pt-br"), "pt")  # the setting
    assert said(await send(double, "north korea", chat_id=USER + 2, language_code="ja"), "en")  # one we lack


async def test_language_command_is_stored_shown_and_forgotten(double: BotApiDouble, bot) -> None:
    reply = (await send(double, "/language de"))[0]
    assert "Deutsch" in reply.params["text"]
    assert said(await send(double, "Can I go to Syria?"), "de")  # the traveler's choice wins in private
    menu = (await send(double, "/language"))[0]
    data = [b["callback_data"] for row in menu.params["reply_markup"]["inline_keyboard"] for b in row]
    assert {f"lang|{lang}" for lang in LANGUAGES} | {"lang|auto"} == set(data)
    double.push_update(double.callback_update("lang|fr", message_id=menu.response["result"]["message_id"],
                                              chat_id=USER))
    edit = (await double.await_for("editMessageText"))[0]
    assert "Français" in edit.params["text"]
    assert said(await send(double, "syria"), "fr")
    forget = (await send(double, "/forget"))[0]
    assert translator("fr")._("Nothing was stored about you.") not in forget.params["text"]
    assert said(await send(double, "syria", language_code="es"), "es")  # the choice went with /forget
    unknown = (await send(double, "/language klingon"))[0]
    assert "klingon" in unknown.params["text"] and "Deutsch (de)" in unknown.params["text"]


async def test_buttons_answer_in_the_language_of_their_answer(double: BotApiDouble, bot) -> None:
    calls = await send(double, "Ist Nordkorea für Amerikaner sicher?")
    last = calls[-1]
    data = [b["callback_data"] for row in last.params["reply_markup"]["inline_keyboard"] for b in row]
    decoded = [keyboards.decode(d) for d in data]
    assert decoded and all(a is not None and a.lang == "de" for a in decoded)
    double.push_update(double.callback_update(data[0], message_id=last.response["result"]["message_id"],
                                              chat_id=USER))
    edited = await double.await_for("editMessageText", timeout=10)
    sent = [c for c in double.sent_messages(USER)][len(calls):]
    texts = [c.params["text"] for c in edited + sent]
    assert any(translator("de")._(GENERAL_DISCLAIMER) in html.unescape(t) for t in texts)


async def test_inline_results_follow_the_query_or_the_setting(double: BotApiDouble, bot) -> None:
    double.push_update(double.inline_update("nordkorea sicher", user_id=61))
    double.push_update(double.inline_update("north korea", user_id=62, language_code="es"))
    answers = await double.await_for("answerInlineQuery", count=2, timeout=10)
    by_user = {a.params["inline_query_id"]: a for a in answers}
    assert len(by_user) == 2
    titles = [[r["title"] for r in a.params["results"]] for a in answers]
    assert any(any("Nordkorea" in t for t in ts) for ts in titles)
    assert any(any("Corea del Norte" in t for t in ts) for ts in titles)


async def test_groups_answer_in_the_question_language_else_the_groups_choice(double: BotApiDouble, bot) -> None:
    group = -100777
    await send(double, "/language es", chat_id=group, user_id=USER)
    assert said(await send(double, "/ask north korea", chat_id=group, user_id=USER), "es")
    assert said(await send(double, "/ask Ist Nordkorea offen?", chat_id=group, user_id=USER), "de")


async def test_command_menus_are_set_for_every_language(double: BotApiDouble, bot) -> None:
    calls = [c for c in double.calls if c.method == "setMyCommands" and c.response.get("ok")]
    for scope in ("all_private_chats", "all_group_chats"):
        menus = {c.params.get("language_code") or "en": c for c in calls
                 if (c.params.get("scope") or {}).get("type") == scope}
        assert set(menus) == set(LANGUAGES)
        for lang, call in menus.items():
            described = {c["command"]: c["description"] for c in call.params["commands"]}
            assert described["help"] == translator(lang)._(COMMAND_DESCRIPTIONS["help"])
            assert "language" in described


async def test_followers_hear_of_changes_in_their_language(double: BotApiDouble, bot) -> None:
    await send(double, "/language ru")
    await send(double, "/follow KP")
    await send(double, "/event KP 2026-11-20 reopening | Pyongyang tours resume for Western groups | "
                       "https://koryogroup.com/blog/pyongyang-tours-resume-2026", chat_id=ADMIN_ID, user_id=ADMIN_ID)
    update = translator("ru")._("Update: %(place)s", place="")
    note = (await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (USER, str(USER))
                                   and update.strip() in c.params.get("text", ""), timeout=10))[0]
    text = html.unescape(note.params["text"])
    assert "Северная Корея" in text and translator("ru")._("Reopened") in text and "/unfollow KP" in text
