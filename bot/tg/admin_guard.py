"""The one gate of every admin command, and the shared bits of their replies."""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot.tg.admin_specs import CHANGES, usage
from bot.tg.context import BotContext

log = logging.getLogger("borderline.admin")
REFUSAL = "Sorry, that command is for Borderline admins only."
Handler = Callable[[Update, BotContext], Awaitable[Any]]


def admin_only(func: Handler) -> Handler:
    @functools.wraps(func)
    async def wrapper(update: Update, context: BotContext) -> Any:
        user, chat = update.effective_user, update.effective_chat
        admins = context.services.settings.admin_ids
        if user is None or user.id not in admins or chat is None or chat.type != ChatType.PRIVATE:
            log.warning("refused admin command %s from a non-admin (update %s)", func.__name__, update.update_id)
            if update.effective_message:
                await update.effective_message.reply_text(REFUSAL)
            return None
        return await func(update, context)

    wrapper.admin_only = True  # type: ignore[attr-defined]
    return wrapper


def command_args(update: Update) -> str:
    """Everything after the command word."""
    parts = (update.effective_message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def reply_usage(update: Update, name: str, problem: str = "") -> None:
    lines = [html.escape(problem)] if problem else []
    lines.append(f"Usage: {html.escape(usage(name))}")
    if name in CHANGES and CHANGES[name].example:
        lines.append(f"Example: <code>{html.escape(CHANGES[name].example)}</code>")
    await update.effective_message.reply_text("\n".join(lines))


