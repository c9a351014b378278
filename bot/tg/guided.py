"""Step-by-step versions of the multi-field commands, for typing on a phone.

`/event KP 2025-03-05 suspension | ... | url` works in one line; `/event` alone asks for each
field of the same specification in turn, then applies exactly what the one-line form would.
/cancel stops.
"""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.i18n import DEFAULT, translator
from bot.tg.admin_commands import apply_change, on_share, submit_share
from bot.tg.admin_guard import admin_only, command_args
from bot.tg.admin_specs import CHANGES, Step
from bot.tg.context import BotContext
from bot.tg.language import reply_translator
from bot.tg.texts import CANCELLED, CODE_PROMPT, NOTHING_TO_CANCEL, SHARE_PROMPT, STEP_PROMPT, UNKNOWN_DESTINATION

ASKING = 1
TIMEOUT_S = 600
SHARE_STEPS = (Step("code", CODE_PROMPT), Step("text", SHARE_PROMPT, free=True))  # a traveler's: in their language


def _steps(name: str) -> tuple[Step, ...]:
    return SHARE_STEPS if name == "share" else CHANGES[name].steps


async def _prompt(update: Update, context: BotContext, name: str, step: Step, number: int, total: int) -> None:
    """Admin steps stay English like the admin commands; /share's speak the traveler's language."""
    tr = reply_translator(context.services, update) if name == "share" else translator(DEFAULT)
    await update.effective_message.reply_text(
        tr._(STEP_PROMPT, number=number, total=total, prompt=html.escape(tr._(step.prompt))))


def _start(name: str) -> BaseHandler:
    async def entry(update: Update, context: BotContext) -> int | None:
        if command_args(update):  # the one-line form
            if name == "share":
                await on_share(update, context)
            else:
                await apply_change(update, context, name, CHANGES[name].parse_line(command_args(update)))
            return ConversationHandler.END
        context.user_data["guided"] = {"name": name, "values": {}}
        await _prompt(update, context, name, _steps(name)[0], 1, len(_steps(name)))
        return ASKING

    entry.__name__ = f"guided_{name}"
    callback = entry if name == "share" else admin_only(entry)
    return CommandHandler(name, callback, filters=filters.ChatType.PRIVATE)


async def on_step(update: Update, context: BotContext) -> int:
    state = context.user_data.get("guided")
    if not state:
        return ConversationHandler.END
    name = state["name"]
    steps = _steps(name)
    values: dict[str, str] = state["values"]
    step = steps[len(values)]
    text = " ".join((update.effective_message.text or "").split())[:1500]
    if step.key == "code":
        code = context.services.engine.resolve_code(text)
        if code is None:
            tr = reply_translator(context.services, update) if name == "share" else translator(DEFAULT)
            await update.effective_message.reply_text(tr._(UNKNOWN_DESTINATION))
            return ASKING
        text = code
    values[step.key] = "" if step.optional and text in ("-", "") else text
    if len(values) < len(steps):
        await _prompt(update, context, name, steps[len(values)], len(values) + 1, len(steps))
        return ASKING
    context.user_data.pop("guided", None)
    if name == "share":
        await submit_share(update, context, values["code"], values["text"])
    else:
        await apply_change(update, context, name, values)
    return ConversationHandler.END


async def on_cancel(update: Update, context: BotContext) -> int:
    had = context.user_data.pop("guided", None)
    tr = reply_translator(context.services, update)
    await update.effective_message.reply_text(tr._(CANCELLED if had else NOTHING_TO_CANCEL))
    return ConversationHandler.END


async def on_timeout(update: Update, context: BotContext) -> None:
    context.user_data.pop("guided", None)


def guided_handler() -> ConversationHandler:
    """One conversation for every guided command: admin ones keep their admin_only guard."""
    private = filters.ChatType.PRIVATE
    entries = [_start(name) for name, spec in CHANGES.items() if spec.guided] + [_start("share")]
    return ConversationHandler(
        entry_points=entries,
        states={
            ASKING: [MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_step)],
            ConversationHandler.TIMEOUT: [MessageHandler(filters.ALL, on_timeout)],
        },
        fallbacks=[CommandHandler("cancel", on_cancel)],
        conversation_timeout=TIMEOUT_S,
        allow_reentry=True,
    )
