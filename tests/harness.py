"""Runs the real Borderline Application in-process against the Bot API test double.

The bot polls the double exactly as it would poll Telegram (getUpdates over HTTP on
127.0.0.1), so these tests exercise python-telegram-bot, our handlers and the database together.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from telegram.ext import Application

from bot.answering.engine import Engine
from bot.config import Settings
from bot.storage.kb import KnowledgeBase
from bot.tg import app as tg_app
from tests.conftest import TODAY

if TYPE_CHECKING:
    from bot.devtools.botapi_double import BotApiDouble, Call

ADMIN_ID = 777


def private_copy(kb_path: Path, directory: Path) -> Path:
    """Each test that writes gets its own database file."""
    target = directory / "kb.sqlite"
    shutil.copyfile(kb_path, target)
    return target


@contextlib.asynccontextmanager
async def running_bot(double: BotApiDouble, db: Path, admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
                      flood_limit: int = 1000, **settings: object) -> AsyncIterator[Application]:
    settings = Settings(token=double.token, api_url=double.url, admin_ids=admin_ids, kb_path=db,
                        flood_limit=flood_limit, flood_window=10, flood_cooldown=30,
                        **{"refresh_enabled": False, **settings})
    kb = KnowledgeBase(db)
    engine = Engine(kb, today=TODAY)
    app = tg_app.build_application(settings, engine)
    await app.initialize()
    await tg_app._post_init(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=["message", "callback_query",
                                                                                    "inline_query", "edited_message"])
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        kb.close()


DISCLAIMER = "Rules change quickly"


def to_chat(chat_id: int):
    return lambda c: c.params.get("chat_id") in (chat_id, str(chat_id)) and c.response.get("ok")


async def ask(double: BotApiDouble, text: str, chat_id: int = 1001, **kw) -> Call:
    """Send a message; return the reply (an answer split over several messages is joined, last one's markup)."""
    from bot.devtools.botapi_double import Call

    before = len(double.sent_messages(chat_id))
    double.push_update(double.message_update(text, chat_id=chat_id, **kw))
    calls = (await double.await_for("sendMessage", to_chat(chat_id), count=before + 1, timeout=10))[before:]
    while "source</a>" in calls[0].params["text"] and DISCLAIMER not in calls[-1].params["text"]:
        calls = (await double.await_for("sendMessage", to_chat(chat_id), count=before + len(calls) + 1))[before:]
    last = calls[-1]
    return Call(last.method, {**last.params, "text": "\n\n".join(c.params["text"] for c in calls)}, last.at,
                last.response)
