"""Tells followers what changed about a destination, one short message each."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot.storage.changes import Change
from bot.tg.context import BotContext

log = logging.getLogger("borderline")


async def notify_changes(context: BotContext, changes: list[Change]) -> int:
    services = context.services
    sent = 0
    for change in changes:
        place = services.engine.kb.places[change.code]
        for lang, user_ids in services.users.followers_by_language(change.code).items():
            text = services.engine.renderer.change_notice(change.code, place.name_in(lang), place.flag, change.lines,
                                                          lang)
            for user_id in user_ids:
                try:
                    await context.bot.send_message(user_id, text)
                    sent += 1
                except TelegramError as exc:
                    log.warning("could not notify a follower of %s: %s", change.code,
                                services.redact.redact(str(exc)))
    return sent
