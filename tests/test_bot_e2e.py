"""The Telegram bot end to end: real python-telegram-bot, real SQLite, the Bot API test double on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.devtools.botapi_double import BotApiDouble, Call
from bot.i18n import translator
from bot.tg import keyboards
from tests.harness import ADMIN_ID, DISCLAIMER, ask, running_bot


def buttons(call: Call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


async def test_private_question_gets_sourced_answer_with_followup_buttons(double: BotApiDouble, bot) -> None:
    call = await ask(double, "Can I go to North Korea with a US passport?")
    text = call.params["text"]
    assert call.params["parse_mode"] == "HTML"
    assert "North Korea" in text and "not valid" in text
    assert "travel.state.gov" in text and f"checked {translator('en').date('2026-11-24')}" in text
    labels = [b["text"] for b in buttons(call)]
    assert any("Safety" in label for label in labels) and any("reports" in label.lower() for label in labels)
    for b in buttons(call):
        assert keyboards.decode(b["callback_data"]) is not None


async def test_button_edits_the_answer_in_place_and_answers_the_callback(double: BotApiDouble, bot) -> None:
    call = await ask(double, "is cuba open?")
    message_id = call.response["result"]["message_id"]
    safety = next(b for b in buttons(call) if "Safety" in b["text"])
    double.push_update(double.callback_update(safety["callback_data"], message_id=message_id))
    edit = (await double.await_for("editMessageText"))[0]
    assert edit.params["message_id"] == message_id
    assert "Level" in edit.params["text"] and "Cuba" in edit.params["text"]
    answered = await double.await_for("answerCallbackQuery")
    assert answered[0].response["ok"] is True


FORGED = ["v0|KP|e|", "v1|KP|e|US,|x", "v1|ZZZZ|e|", "v1|KP|q|", "garbage", "v1|KP|e|" + "U" * 60]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_or_old_callback_data_is_answered_politely(double: BotApiDouble, bot, data: str) -> None:
    call = await ask(double, "cuba")
    double.push_update(double.callback_update(data[:64], message_id=call.response["result"]["message_id"]))
    answered = (await double.await_for("answerCallbackQuery"))[0]
    assert "expired" in answered.params.get("text", "")
    assert not [c for c in double.calls if c.method == "editMessageText"]


async def test_ambiguous_name_asks_which_one(double: BotApiDouble, bot) -> None:
    call = await ask(double, "is korea open?")
    assert "Which" in call.params["text"] or "which" in call.params["text"]
    targets = {keyboards.decode(b["callback_data"]).code for b in buttons(call)}
    assert {"KP", "KR"} <= targets


async def test_start_welcomes_with_examples_and_deep_link_opens_destination(double: BotApiDouble, bot) -> None:
    welcome = await ask(double, "/start")
    assert "Welcome" in welcome.params["text"] and len(buttons(welcome)) >= 3
    deep = await ask(double, "/start CN--XZ_status")
    assert "Tibet" in deep.params["text"]
    junk = await ask(double, "/start <b>nonsense</b>")
    assert "Welcome" in junk.params["text"]


async def test_saved_passports_are_used_and_survive_a_restart(double: BotApiDouble, db: Path) -> None:
    async with running_bot(double, db):
        saved = await ask(double, "/passport US MX")
        assert "Saved" in saved.params["text"] and "(US)" in saved.params["text"] and "(MX)" in saved.params["text"]
        bad = await ask(double, "/passport narnia")
        assert "Usage" in bad.params["text"]
    async with running_bot(double, db):
        shown = await ask(double, "/passport")
        assert "(US)" in shown.params["text"] and "(MX)" in shown.params["text"]
        answer = await ask(double, "can I go to north korea?")
        assert "United States passport" in answer.params["text"] and "Mexico passport" in answer.params["text"]
        cleared = await ask(double, "/passport clear")
        assert "forgotten" in cleared.params["text"]
        none = await ask(double, "/passport")
        assert "No passport saved" in none.params["text"]
    double.assert_no_violations()


async def test_follow_unfollow_following_and_forget(double: BotApiDouble, bot) -> None:
    assert "now follow North Korea" in (await ask(double, "/follow KP")).params["text"]
    assert "already follow" in (await ask(double, "/follow north korea")).params["text"]
    assert "North Korea (KP)" in (await ask(double, "/following")).params["text"]
    assert "Usage" in (await ask(double, "/follow")).params["text"]
    assert "no longer follow" in (await ask(double, "/unfollow KP")).params["text"]
    await ask(double, "/passport GB")
    await ask(double, "/follow cuba")
    forgot = await ask(double, "/forget")
    assert "deleted" in forgot.params["text"]
    assert "follow no destination" in (await ask(double, "/following")).params["text"]


async def test_help_about_privacy(double: BotApiDouble, bot) -> None:
    assert "/passport" in (await ask(double, "/help")).params["text"]
    about = (await ask(double, "/about")).params["text"]
    assert "Open Government Licence" in about and "Nothing here is legal advice" in about
    assert "/forget" in (await ask(double, "/privacy")).params["text"]


async def test_group_answers_only_when_addressed(double: BotApiDouble, bot) -> None:
    group = -100500
    double.push_update(double.message_update("north korea is wild", chat_id=group, user_id=5))
    call = await ask(double, "/ask is cuba open?", chat_id=group, user_id=5)
    assert "Cuba" in call.params["text"]
    assert call.params.get("reply_parameters") or call.params.get("reply_to_message_id")
    mention = await ask(double, "@borderline_test_bot is eritrea safe?", chat_id=group, user_id=6)
    assert "Eritrea" in mention.params["text"]
    reply = await ask(double, "and bhutan?", chat_id=group, user_id=6, reply_to_bot=True)
    assert "Bhutan" in reply.params["text"]
    replies = double.sent_messages(group)
    first_id = replies[0].params.get("reply_parameters", {}).get("message_id")
    assert first_id is not None
    assert sum(DISCLAIMER in c.params["text"] for c in replies) == 3  # the unaddressed message got no answer


async def test_inline_query_returns_articles_for_the_destination(double: BotApiDouble, bot) -> None:
    double.push_update(double.inline_update("north korea us passport", user_id=31))
    call = (await double.await_for("answerInlineQuery"))[0]
    results = call.params["results"]
    assert 1 <= len(results) <= 50
    assert all(len(r["id"].encode()) <= 64 for r in results)
    assert all("North Korea" in r["title"] for r in results)
    assert "not valid" in results[0]["description"].lower() or "not valid" in json.dumps(results).lower()


async def test_empty_inline_query_offers_popular_destinations_and_private_chat(double: BotApiDouble, bot) -> None:
    double.push_update(double.inline_update("", user_id=32))
    call = (await double.await_for("answerInlineQuery"))[0]
    assert len(call.params["results"]) >= 3
    button = call.params["button"]
    assert button["start_parameter"]


async def test_command_menus_are_set_per_scope(double: BotApiDouble, bot) -> None:
    calls = await double.await_for("setMyCommands", count=3)
    scopes = {json.dumps(c.params.get("scope"), sort_keys=True) for c in calls}
    assert any("all_private_chats" in s for s in scopes) and any("all_group_chats" in s for s in scopes)
    admin = next(c for c in calls if str(ADMIN_ID) in json.dumps(c.params.get("scope")))
    assert any(cmd["command"] == "undo" for cmd in admin.params["commands"])


@pytest.mark.parametrize(
    "text",
    ["   ", "🙂🙂🙂", "<b>north korea</b> & </a>", "x" * 4096, "\x00\x01\x02 binary \ufffd", "?????", "нкорея"],
)
async def test_odd_input_gets_a_well_formed_reply(double: BotApiDouble, bot, text: str) -> None:
    call = await ask(double, text)
    assert call.response["ok"] is True
    assert "<b>north korea</b>" not in call.params["text"]


async def test_non_text_messages_get_a_polite_note(double: BotApiDouble, bot) -> None:
    update = double.message_update("x", chat_id=1001)
    message = update["message"]
    del message["text"]
    message["sticker"] = {"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 1, "height": 1,
                          "is_animated": False, "is_video": False}
    double.push_update(update)
    call = (await double.await_for("sendMessage"))[0]
    assert "only read text" in call.params["text"]


async def test_flooding_user_is_told_once_then_ignored(double: BotApiDouble, db: Path) -> None:
    async with running_bot(double, db, flood_limit=8):
        await _flood(double)
    double.assert_no_violations()


async def _flood(double: BotApiDouble) -> None:
    for i in range(20):
        double.push_update(double.message_update(f"cuba {i}", chat_id=2002))
    await double.await_for("sendMessage", lambda c: "slow down" in c.params.get("text", ""), timeout=10)
    await ask(double, "still here?", chat_id=3003)  # another user is unaffected
    mine = [c.params["text"] for c in double.sent_messages(2002)]
    assert sum("slow down" in t for t in mine) == 1
    assert sum(DISCLAIMER in t for t in mine) == 8


async def test_rebuild_while_running_keeps_user_state_and_tells_followers(double: BotApiDouble, db: Path,
                                                                         knowledge_copy: Path) -> None:
    from bot.storage.build import build
    from bot.storage.kb import KnowledgeBase
    from bot.storage.users import UserStore

    async with running_bot(double, db):
        await ask(double, "/passport GB")
        await ask(double, "/follow KP")
        kp = knowledge_copy / "destinations" / "kp.yaml"
        kp.write_text(kp.read_text().replace(
            "events:\n", "events:\n  - date: 2026-11-25\n    kind: reopening\n    summary: Rebuilt-file test event."
            "\n    source: https://example.org/rebuild\n    checked: 2026-11-25\n", 1))
        build(knowledge_copy, db)  # what an operator runs beside the live bot
        double.push_update(double.message_update("/following", chat_id=1001))  # first update after the swap
        note = await double.await_for("sendMessage", lambda c: "Update:" in c.params.get("text", ""))
        assert "Rebuilt-file test event." in note[0].params["text"]
        await double.await_for("sendMessage", lambda c: "You follow" in c.params.get("text", ""))
        answer = await ask(double, "can I go to north korea?")
        assert "United Kingdom passport" in answer.params["text"]  # the saved passport survived the swap
        await ask(double, "/passport US MX")  # written after the swap: must land in the new file
    kb = KnowledgeBase(db)
    try:
        assert UserStore(kb.conn).passports(1001) == ["US", "MX"]
        assert UserStore(kb.conn).following(1001) == ["KP"]
    finally:
        kb.close()
    double.assert_no_violations()
