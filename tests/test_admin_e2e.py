"""Admins keep the knowledge base current from Telegram: end to end against the Bot API test double."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from telegram.ext import CommandHandler, ConversationHandler

from bot.answering.engine import Engine
from bot.devtools.botapi_double import BotApiDouble, Call
from bot.storage.build import build
from bot.storage.kb import KnowledgeBase
from bot.tg.admin_commands import ADMIN_COMMANDS, stale_digest
from bot.tg.admin_guard import REFUSAL
from tests.conftest import KNOWLEDGE, TODAY
from tests.harness import ADMIN_ID, ask, running_bot

USER = 4321
EVENT = "/event KP 2026-11-20 reopening | Pyongyang tours resume for Western groups | https://koryogroup.com/blog/pyongyang-tours-resume-2026"
GOOD_ARGS = {
    "status": "KP partly-open | Some tours run | https://koryogroup.com/blog/pyongyang-tours-resume-2026",
    "advisory": "KP UK - | Advises against all travel | https://www.gov.uk/foreign-travel-advice/north-korea",
    "entry": "KP GB tour-only | Tours only | https://www.gov.uk/foreign-travel-advice/north-korea",
    "unentry": "KP RU",
    "event": EVENT.split(" ", 1)[1],
    "report": "KP 2025-04 | A runner (UK) | Ran the marathon | https://www.dawn.com/news/1902503 | marathon",
    "howto": "KP operator | Test Tours | Runs tours | https://example.org/tours",
    "alias": "KP Pyongyang City",
    "unalias": "KP Rason",
    "remove": "KP event 1",
    "verify": "KP",
    "facts": "KP",
    "history": "KP",
    "undo": "",
    "export": "",
    "pending": "",
    "approve": "1",
    "reject": "1 spam",
    "unanswered": "",
    "stale": "",
    "stats": "",
    "refresh": "",
    "feeds": "",
}


async def say(double: BotApiDouble, text: str, user: int = ADMIN_ID, chat: int | None = None) -> Call:
    return await ask(double, text, chat_id=user if chat is None else chat, user_id=user)


async def admin_pinged(double: BotApiDouble, number: str) -> None:
    """The admin's courtesy ping comes after the thanks: wait for it, so it is not taken for the next reply."""
    await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (ADMIN_ID, str(ADMIN_ID))
                           and f"report #{number} for" in c.params.get("text", ""), timeout=10)


def content_digest(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        rows = []
        for table in ("status", "advisories", "entry_rules", "events", "reports", "howto", "names"):
            rows.append(tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()))
        return rows
    finally:
        conn.close()


def _command_handlers(bot) -> list[CommandHandler]:
    """Every CommandHandler the application routes to, including conversation entry points and fallbacks."""
    found: list[CommandHandler] = []
    for group in bot.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                found += [h for h in (*handler.entry_points, *handler.fallbacks) if isinstance(h, CommandHandler)]
                for state in handler.states.values():
                    found += [h for h in state if isinstance(h, CommandHandler)]
            elif isinstance(handler, CommandHandler):
                found.append(handler)
    return found


def test_every_registered_admin_command_is_protected(bot) -> None:
    """A new admin command cannot be registered without the admin_only guard, directly or in a conversation."""
    handlers = _command_handlers(bot)
    user_commands = {"start", "help", "ask", "passport", "follow", "unfollow", "following", "about", "privacy",
                     "forget", "share", "cancel", "language"}
    for handler in handlers:
        for name in handler.commands:
            if name not in user_commands:
                assert getattr(handler.callback, "admin_only", False), name
    registered = {name for h in handlers for name in h.commands}
    assert set(ADMIN_COMMANDS) <= registered
    assert registered - set(ADMIN_COMMANDS) == user_commands


async def test_every_admin_command_refuses_a_non_admin_and_changes_nothing(double: BotApiDouble, bot,
                                                                          db: Path, caplog) -> None:
    before = content_digest(db)
    for name in ADMIN_COMMANDS:
        reply = await say(double, f"/{name} {GOOD_ARGS[name]}".strip(), user=USER)
        assert reply.params["text"] == REFUSAL, name
    assert content_digest(db) == before
    assert "refused admin command" in caplog.text


async def test_admin_commands_are_refused_in_groups(double: BotApiDouble, bot, db: Path) -> None:
    before = content_digest(db)
    reply = await say(double, EVENT, user=ADMIN_ID, chat=-100777)
    assert reply.params["text"] == REFUSAL
    assert content_digest(db) == before


@pytest.mark.parametrize("name", ["status", "advisory", "entry", "event", "report", "howto", "alias", "verify"])
async def test_change_commands_apply_good_arguments(double: BotApiDouble, bot, name: str) -> None:
    reply = await say(double, f"/{name} {GOOD_ARGS[name]}")
    assert reply.params["text"].startswith("Done (change #"), reply.params["text"]
    history = await say(double, "/history KP")
    assert name in history.params["text"]


@pytest.mark.parametrize(
    "text",
    [
        "/event KP", "/event KP yesterday reopening | x | https://a.org", "/event KP 2025-01-01 party | x | "
        "https://a.org", "/event KP 2025-01-01 reopening | x | not-a-url", "/event ZZ 2025-01-01 reopening | x | "
        "https://a.org", "/status KP ajar | x | https://a.org", "/advisory KP US 9 | x | https://a.org",
        "/entry KP US maybe | x | https://a.org", "/report KP 2025 | only two | https://a.org", "/alias",
        "/remove KP event 99", "/remove KP planet 1", "/howto KP boat | a | b | https://a.org",
        "/status FR open | France | https://a.org", "/event KP 2025-01-01 reopening | <b>x</b> &amp; | https://a.org |",
    ],
)
async def test_change_commands_answer_bad_arguments_with_usage(double: BotApiDouble, bot, db: Path,
                                                               text: str) -> None:
    before = content_digest(db)
    reply = await say(double, text)
    body = reply.params["text"]
    if body.startswith("Done"):  # the last case is valid: HTML-like text is stored literally
        assert "<b>x</b>" in (await say(double, "/facts KP")).params["text"].replace("&lt;", "<").replace("&gt;", ">")
        return
    assert "Usage: /" in body, body
    assert content_digest(db) == before


async def test_history_and_undo(double: BotApiDouble, bot, db: Path) -> None:
    before = content_digest(db)
    await say(double, EVENT)
    assert content_digest(db) != before
    undo = await say(double, "/undo")
    assert "reverted: event" in undo.params["text"]
    assert content_digest(db) == before
    history = (await say(double, "/history KP")).params["text"]
    assert "undo #" in history and "event" in history
    assert "no change left" in (await say(double, "/undo")).params["text"]


async def test_redelivered_update_is_applied_once(double: BotApiDouble, db: Path) -> None:
    update = double.message_update(EVENT, chat_id=ADMIN_ID, user_id=ADMIN_ID)
    async with running_bot(double, db):
        double.push_update(dict(update))
        await double.await_for("sendMessage", lambda c: c.params["text"].startswith("Done"))
    after_first = content_digest(db)
    with BotApiDouble() as again:  # a crash before the offset was confirmed: Telegram sends it again
        async with running_bot(again, db):
            update_id = again.push_update(dict(update))
            await again.await_for("getUpdates", lambda c: int(c.params.get("offset") or 0) > update_id)
            await say(again, "/history KP")
        again.assert_no_violations()
    assert not any(c.params["text"].startswith("Done") for c in again.sent_messages())
    assert content_digest(db) == after_first


async def test_followers_hear_of_a_change(double: BotApiDouble, bot) -> None:
    await say(double, "/follow KP", user=USER)
    await say(double, EVENT)
    note = (await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (USER, str(USER))
                                   and "Update:" in c.params.get("text", "")))[0]
    assert "North Korea" in note.params["text"] and "Pyongyang tours resume" in note.params["text"]


async def test_moderation_flow(double: BotApiDouble, bot) -> None:
    short = await say(double, "/share KP too short", user=USER)
    assert "Usage" in short.params["text"]
    thanks = await say(double, "/share KP We crossed from Dandong by train in May; the guides were strict "
                               "about photos <b>at the border</b>.", user=USER)
    assert "waits for review" in thanks.params["text"]
    number = thanks.params["text"].split("#")[1].split()[0]
    await admin_pinged(double, number)
    pending = await say(double, "/pending")
    assert "Dandong" in pending.params["text"]
    approved = await say(double, f"/approve {number}")
    assert approved.params["text"].startswith("Done")
    told = await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (USER, str(USER))
                                  and "approved" in c.params.get("text", ""))
    assert told
    answer = await say(double, "has anyone been to north korea by train from dandong?", user=USER)
    assert "Dandong" in answer.params["text"] and "&lt;b&gt;at the border&lt;/b&gt;" in answer.params["text"]
    assert "shared" in answer.params["text"].lower()
    assert "There is no pending report" in (await say(double, f"/approve {number}")).params["text"]
    second = await say(double, "/share KP Another long enough report about the trip to Rason in 2025.", user=USER)
    n2 = second.params["text"].split("#")[1].split()[0]
    await admin_pinged(double, n2)
    await say(double, f"/reject {n2} not first-hand")
    await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (USER, str(USER))
                           and "not first-hand" in c.params.get("text", ""))


async def test_export_round_trip_gives_the_same_answers(double: BotApiDouble, bot, tmp_path: Path) -> None:
    await say(double, EVENT)
    double.push_update(double.message_update("/export", chat_id=ADMIN_ID, user_id=ADMIN_ID))
    doc = (await double.await_for("sendDocument"))[0]
    data = doc.params["document"]
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE / "reference", knowledge / "reference")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert "knowledge/destinations/kp.yaml" in names
        zf.extractall(tmp_path)
    rebuilt = tmp_path / "rebuilt.sqlite"
    build(knowledge, rebuilt)
    live = bot.bot_data.engine
    fresh = Engine(KnowledgeBase(rebuilt), today=TODAY)
    for question in ("north korea timeline", "can I go to north korea as an american?", "is tibet open?",
                     "cuba with a us passport", "mount athos permit"):
        assert fresh.ask(question).messages == live.ask(question).messages, question
    assert "Pyongyang tours resume" in fresh.ask("north korea timeline").messages[0]


async def test_unanswered_stale_and_stats(double: BotApiDouble, bot) -> None:
    for q in ("can I visit narnia?", "can i visit narnia", "hogwarts entry rules"):
        await say(double, q, user=USER)
    unanswered = (await say(double, "/unanswered")).params["text"]
    assert "2× can i visit narnia" in unanswered.lower()
    stale = (await say(double, "/stale")).params["text"]
    assert "stale fact" in stale or "Nothing stale" in stale
    stats = (await say(double, "/stats")).params["text"]
    assert "asked" in stats and "<pre>" in stats


async def test_stale_digest_job_messages_admins(double: BotApiDouble, bot) -> None:
    bot.job_queue.run_once(stale_digest, when=0.01)
    digest = (await double.await_for("sendMessage", lambda c: "Daily digest" in c.params.get("text", "")))[0]
    assert digest.params["chat_id"] in (ADMIN_ID, str(ADMIN_ID))
    assert "older than 180 days" in digest.params["text"]


async def test_guided_event_asks_step_by_step(double: BotApiDouble, bot, db: Path) -> None:
    first = await say(double, "/event")
    assert "(1/6)" in first.params["text"] and "/cancel" in first.params["text"]
    assert "don't know" in (await say(double, "Narnia")).params["text"].replace("do not", "don't")
    assert "(2/6)" in (await say(double, "north korea")).params["text"]
    await say(double, "2026-11-21")
    await say(double, "reopening")
    await say(double, "Guided test: Kaesong tours resume")
    assert "(6/6)" in (await say(double, "https://koryogroup.com/blog/pyongyang-tours-resume-2026")).params["text"]
    done = await say(double, "-")
    assert done.params["text"].startswith("Done"), done.params["text"]
    assert "Kaesong tours resume" in (await say(double, "north korea timeline", user=USER)).params["text"]


async def test_guided_flow_can_be_cancelled_and_refuses_non_admins(double: BotApiDouble, bot, db: Path) -> None:
    before = content_digest(db)
    assert (await say(double, "/event", user=USER)).params["text"] == REFUSAL
    await say(double, "/status")
    await say(double, "KP")
    assert "Cancelled" in (await say(double, "/cancel")).params["text"]
    assert "Nothing to cancel" in (await say(double, "/cancel")).params["text"]
    answer = await say(double, "is cuba open?")  # back to normal questions
    assert "Cuba" in answer.params["text"]
    assert content_digest(db) == before


async def test_guided_share_for_any_user(double: BotApiDouble, bot) -> None:
    assert "(1/2)" in (await say(double, "/share", user=USER)).params["text"]
    await say(double, "Cuba", user=USER)
    thanks = await say(double, "Took the Viazul bus from Havana to Trinidad; cash only at the station.", user=USER)
    assert "waits for review" in thanks.params["text"]
    await admin_pinged(double, thanks.params["text"].split("#")[1].split()[0])
    assert "Viazul" in (await say(double, "/pending")).params["text"]
