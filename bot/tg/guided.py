"""Step-by-step versions of the multi-field commands, for typing on a phone.

`/event KP 2025-03-05 suspension | ... | url` works in one line; `/event` alone asks for each
field in turn and then goes through exactly the same parser and validation. /cancel stops.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.tg.admin_handlers import CHANGE_COMMANDS, _args, admin_only, apply_change, on_share, submit_share
from bot.tg.handlers import _code_from, svc

log = logging.getLogger("borderline.guided")
ASKING = 1
TIMEOUT_S = 600


@dataclass(frozen=True)
class Step:
    key: str
    prompt: str
    optional: bool = False


CODE = Step("code", "Which destination? A code or a name, e.g. KP or North Korea.")
SOURCE = Step("source", "Source URL (https://...), the page you checked this against.")
STEPS: dict[str, list[Step]] = {
    "status": [CODE, Step("state", "Status now: open, partly-open or closed?"),
               Step("summary", "One or two sentences, in your own words."), SOURCE],
    "advisory": [CODE, Step("issuer", "Issuer: US, UK, AU, CA or other?"),
                 Step("level", "Level 1-4, or - if the issuer has no levels."),
                 Step("label", "Label, e.g. Do not travel."), SOURCE],
    "entry": [CODE, Step("passports", "Which passports? ISO codes, comma-separated (US,GB), or * for all others."),
              Step("verdict", "Verdict: visa-free, visa-on-arrival, eta, e-visa, visa-required, tour-only, "
                              "permit-required, passport-invalid, no-admission, closed or unknown?"),
              Step("summary", "One-line summary, in your own words."), SOURCE,
              Step("details", "Details (optional; - to skip).", optional=True)],
    "event": [CODE, Step("date", "Date: YYYY-MM-DD, YYYY-MM or YYYY?"),
              Step("kind", "Kind: closure, reopening, suspension, rule-change or notable?"),
              Step("summary", "One-line summary, in your own words."), SOURCE,
              Step("scope", "Scope, e.g. 'Rason only' (optional; - to skip).", optional=True)],
    "report": [CODE, Step("date", "When was the trip? YYYY-MM or YYYY-MM-DD."),
               Step("traveler", "Who? e.g. 'A runner (UK)'."), Step("summary", "What happened, in your own words."),
               SOURCE, Step("tags", "Tags, comma-separated (optional; - to skip).", optional=True)],
    "howto": [CODE, Step("kind", "Kind: operator, route, permit, cost or tip?"), Step("name", "Name?"),
              Step("summary", "One-line summary."), SOURCE],
}


def _opt(values: dict[str, str], key: str) -> str:
    return f" | {values[key]}" if values.get(key) else ""


LINES: dict[str, Callable[[dict[str, str]], str]] = {
    "status": lambda v: f"{v['code']} {v['state']} | {v['summary']} | {v['source']}",
    "advisory": lambda v: f"{v['code']} {v['issuer']} {v['level']} | {v['label']} | {v['source']}",
    "entry": lambda v: f"{v['code']} {v['passports'].replace(' ', '')} {v['verdict']} | {v['summary']} | "
                       f"{v['source']}{_opt(v, 'details')}",
    "event": lambda v: f"{v['code']} {v['date']} {v['kind']} | {v['summary']} | {v['source']}{_opt(v, 'scope')}",
    "report": lambda v: f"{v['code']} {v['date']} | {v['traveler']} | {v['summary']} | {v['source']}"
                        f"{_opt(v, 'tags')}",
    "howto": lambda v: f"{v['code']} {v['kind']} | {v['name']} | {v['summary']} | {v['source']}",
}
SHARE_STEPS = [CODE, Step("text", "Tell us what you experienced, in your own words (at least 20 characters). "
                                  "Start with 'name: Your Name;' if you want to be credited.")]


async def _prompt(update: Update, step: Step, number: int, total: int) -> None:
    await update.effective_message.reply_text(f"({number}/{total}) {step.prompt}\n/cancel to stop.")


def _start(name: str, steps: list[Step], one_line: Callable) -> Callable:
    async def entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
        if _args(update):
            await one_line(update, context)
            return ConversationHandler.END
        context.user_data["guided"] = {"name": name, "values": {}}
        await _prompt(update, steps[0], 1, len(steps))
        return ASKING

    entry.__name__ = f"guided_{name}"
    return entry


async def on_step(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    state = context.user_data.get("guided")
    if not state:
        return ConversationHandler.END
    name = state["name"]
    steps = SHARE_STEPS if name == "share" else STEPS[name]
    values: dict[str, str] = state["values"]
    step = steps[len(values)]
    text = " ".join((update.effective_message.text or "").split())[:1500]
    if step.key == "code":
        code = _code_from(svc(context), text)
        if code is None:
            await update.effective_message.reply_text("I do not know that destination. Try a code such as KP.")
            return ASKING
        text = code
    elif "|" in text:
        await update.effective_message.reply_text("Please leave out the | character.")
        return ASKING
    values[step.key] = "" if step.optional and text in ("-", "") else text
    if len(values) < len(steps):
        await _prompt(update, steps[len(values)], len(values) + 1, len(steps))
        return ASKING
    context.user_data.pop("guided", None)
    if name == "share":
        await submit_share(update, context, values["code"], values["text"])
    else:
        await apply_change(update, context, name, LINES[name](values))
    return ConversationHandler.END


async def on_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    had = context.user_data.pop("guided", None)
    await update.effective_message.reply_text("Cancelled." if had else "Nothing to cancel.")
    return ConversationHandler.END


async def on_timeout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    context.user_data.pop("guided", None)


def guided_handler() -> ConversationHandler:
    """One conversation for every guided command: admin ones keep their admin_only guard."""
    private = filters.ChatType.PRIVATE
    entries: list[BaseHandler] = [
        CommandHandler(name, admin_only(_start(name, steps, CHANGE_COMMANDS[name])), filters=private)
        for name, steps in STEPS.items()
    ]
    entries.append(CommandHandler("share", _start("share", SHARE_STEPS, on_share), filters=private))
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
