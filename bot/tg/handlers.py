"""Update handlers: thin adapters from Telegram updates to the shared engine and back."""

from __future__ import annotations

import html
import logging
import time
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from bot.answering.conversation import Conversation
from bot.answering.facts import Answer
from bot.answering.texts import TOPIC_LABELS
from bot.storage.changes import detect_changes
from bot.storage.questions import Asked
from bot.tg import keyboards
from bot.tg.context import BotContext, Services
from bot.tg.delivery import DeliveredButUnreadable
from bot.tg.notify import notify_changes
from bot.understanding.matcher import TOPICS

log = logging.getLogger("borderline")
POPULAR = ("KP", "CU", "IR", "RU", "TM", "CN-XZ", "AQ", "BT")
MAX_PASSPORTS = 4
EXAMPLES = (
    ("North Korea with a US passport?", "KP", ["entry"], ["US"]),
    ("Is Turkmenistan open?", "TM", ["status"], []),
    ("Pyongyang marathon stories", "KP", ["reports"], []),
)
HELP = (
    "<b>Borderline</b> answers questions about travelling to restricted places, with dated, sourced facts.\n\n"
    "Just ask, in your own words and language, e.g. <i>Can I go to North Korea as an American?</i>, "
    "<i>Is Eritrea safe?</i>, <i>How do I get to Tibet?</i>\n\n"
    "<b>Commands</b>\n"
    "/passport US MX — remember your passports (/passport shows them, /passport clear forgets)\n"
    "/follow KP — get a message when facts about a destination change; /unfollow KP; /following\n"
    "/about — sources, licences and what this bot is not\n"
    "/privacy — what is stored about you; /forget deletes it\n"
    "In groups: /ask &lt;question&gt;, or mention me. Anywhere: type @{username} north korea"
)
ABOUT = (
    "<b>About Borderline</b>\n\n"
    "Curated facts about restricted destinations, each with its source and the date it was checked, on top of "
    "dated baselines for every country: the Passport Index dataset (January 2025, MIT licence), US State "
    "Department advisories (August 2025 snapshot, public domain), UK FCDO page dates (Contains public sector "
    "information licensed under the Open Government Licence v3.0) and country names from mledoze/countries "
    "(ODbL 1.0).\n\n"
    "Borderline is not a government service, a travel agent or a lawyer. Rules change without notice: check "
    "the official sources linked in each answer before you travel. Nothing here is legal advice."
)
PRIVACY = (
    "<b>Privacy</b>\n\n"
    "Stored about you: your Telegram user id with the passports you saved (/passport) and the destinations you "
    "follow (/follow), and reports you chose to share. Questions are counted under an opaque hash, not your id; "
    "the text of questions the bot could not answer is kept so admins can improve it.\n\n"
    "/forget deletes everything stored under your user id, and the questions counted under its hash, at once."
)


def _log(update: Update, kind: str, dest: str | None, started: float) -> None:
    chat = update.effective_chat.type if update.effective_chat else "-"
    log.info(
        "update=%s type=%s chat=%s dest=%s ms=%.1f",
        update.update_id, kind, chat, dest or "-", (time.perf_counter() - started) * 1000,
    )


# -- sending ---------------------------------------------------------------------------------
async def send_answer(message: Message, answer: Answer, *, reply: bool = False) -> None:
    markup = keyboards.answer_keyboard(answer)
    last = len(answer.messages) - 1
    for i, text in enumerate(answer.messages):
        try:
            await message.reply_text(
                text,
                reply_markup=markup if i == last else None,
                do_quote=reply and i == 0,
            )
        except DeliveredButUnreadable:
            log.warning("part %d of an answer was delivered but the reply was unreadable", i + 1)


def _ask(services: Services, update: Update, question: str, chat_data: dict | None = None, **kwargs: Any) -> Answer:
    """Answer for this user; in a private chat, `chat_data` keeps the conversation for follow-ups."""
    user = update.effective_user
    saved = services.users.passports(user.id) if user else []
    conversation = None
    if chat_data is not None:
        conversation = chat_data.setdefault("conversation", Conversation())
    answer = services.engine.ask(question, saved, conversation=conversation, **kwargs)
    if user is not None and question:
        services.record(Asked(question, user.id, answer.answered, answer.code,
                              tuple(s["code"] for s in answer.suggestions)))
    return answer


# -- the flood gate runs before everything -----------------------------------------------------
async def flood_guard(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    verdict = context.services.flood.check(user.id)
    if verdict == "ok":
        return
    if verdict == "warn":
        log.info("update=%s flood limit hit by a user; muting for a while", update.update_id)
        if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE and update.effective_message:
            await update.effective_message.reply_text("You are sending questions very fast. Please slow down a little.")
        elif update.callback_query:
            await update.callback_query.answer("Please slow down a little.")
    raise ApplicationHandlerStop


# -- private and group questions -------------------------------------------------------------
async def on_private_text(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    message = update.effective_message
    answer = _ask(context.services, update, message.text or "", chat_data=context.chat_data)
    await send_answer(message, answer)
    _log(update, "message", answer.code, started)


def _mentions_bot(message: Message, username: str) -> str | None:
    """The question with the @mention removed, or None when the bot was not addressed."""
    text = message.text or ""
    handle = f"@{username}".casefold()
    for entity, value in message.parse_entities([MessageEntity.MENTION]).items():
        if value.casefold() == handle:
            return (text[: entity.offset] + text[entity.offset + entity.length :]).strip()
    return None


async def on_group_text(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    message = update.effective_message
    question = _mentions_bot(message, context.bot.username)
    replied = message.reply_to_message
    if question is None and replied and replied.from_user and replied.from_user.id == context.bot.id:
        question = message.text or ""
    if question is None:
        return  # not for us
    answer = _ask(context.services, update, question)
    await send_answer(message, answer, reply=True)
    _log(update, "group-message", answer.code, started)


async def on_ask(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    message = update.effective_message
    question = " ".join(context.args or [])
    if not question.strip():
        await message.reply_text(
            "Usage: /ask &lt;question&gt;, e.g. <code>/ask can I go to North Korea as an American?</code>",
            do_quote=True,
        )
        return
    answer = _ask(context.services, update, question)
    await send_answer(message, answer, reply=message.chat.type != ChatType.PRIVATE)
    _log(update, "command-ask", answer.code, started)


async def on_unsupported(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice...: say what we can read, but only in private chats."""
    started = time.perf_counter()
    message = update.effective_message
    if message and message.chat.type == ChatType.PRIVATE:
        await message.reply_text("I can only read text questions. Try: Can I go to North Korea with a US passport?")
    _log(update, "unsupported", None, started)


async def on_edited(update: Update, context: BotContext) -> None:
    _log(update, "edited-ignored", None, time.perf_counter())


# -- commands ------------------------------------------------------------------------------------
async def on_start(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    services = context.services
    message = update.effective_message
    payload = (context.args or [""])[0]
    if payload and payload != "help":
        code_part, _, topic_part = payload.partition("_")
        code = code_part.upper().replace("--", "-")
        topics = [t for t in topic_part.split("-") if t in TOPICS] or None
        if code in services.engine.kb.places:
            answer = _ask(services, update, "", code=code, topics=topics)
            await send_answer(message, answer)
            _log(update, "start-deeplink", code, started)
            return
    buttons = [
        [InlineKeyboardButton(label, callback_data=keyboards.encode(code, topics, passports))]
        for label, code, topics, passports in EXAMPLES
    ]
    text = (
        "<b>Welcome to Borderline.</b> Ask me whether you can travel to a restricted place, whether its border "
        "is open, how safe it is, who has been there and how to get in. Every fact comes with its source and "
        "the date it was checked.\n\nTell me your passport once with /passport US (or several: /passport US MX). "
        "Try one of these:"
    )
    await message.reply_text(text, reply_markup=InlineKeyboardMarkup(buttons))
    _log(update, "command-start", None, started)


async def on_help(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(
        HELP.format(username=html.escape(context.bot.username or "bot")), parse_mode=ParseMode.HTML
    )


async def on_about(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(ABOUT)


async def on_privacy(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(PRIVACY)


async def on_forget(update: Update, context: BotContext) -> None:
    removed = context.services.users.forget(update.effective_user.id)
    await update.effective_message.reply_text(
        f"Done: everything stored under your user id is deleted ({removed} record(s))."
        if removed else "Nothing was stored about you."
    )


def _passport_names(services: Services, codes: list[str]) -> str:
    places = services.engine.kb.places
    return html.escape(", ".join(f"{places[c].flag} {places[c].name} ({c})" for c in codes if c in places))


async def on_passport(update: Update, context: BotContext) -> None:
    services = context.services
    user_id = update.effective_user.id
    message = update.effective_message
    args = [a for a in (context.args or []) if a.strip()]
    if not args:
        saved = services.users.passports(user_id)
        text = (
            f"Your passports: {_passport_names(services, saved)}. Change them with /passport US MX, "
            "or /passport clear."
            if saved else "No passport saved. Save yours with e.g. /passport US (several: /passport US MX)."
        )
        await message.reply_text(text)
        return
    if len(args) == 1 and args[0].lower() in ("clear", "none", "reset", "forget"):
        services.users.set_passports(user_id, [])
        await message.reply_text("Your saved passports are forgotten.")
        return
    codes: list[str] = []
    bad: list[str] = []
    for arg in args[: MAX_PASSPORTS + 2]:
        code = services.engine.resolve_code(arg)
        if code and "-" not in code and code != "AQ":
            codes.append(code)
        else:
            bad.append(arg[:20])
    if bad or not codes or len(codes) > MAX_PASSPORTS:
        await message.reply_text(
            f"I did not recognise {html.escape(', '.join(repr(b) for b in bad)) or 'that'} as a passport. "
            f"Usage: /passport US MX (ISO country codes, at most {MAX_PASSPORTS}), /passport to show, "
            "/passport clear to forget."
        )
        return
    codes = list(dict.fromkeys(codes))
    services.users.set_passports(user_id, codes)
    await message.reply_text(f"Saved: {_passport_names(services, codes)}. I will use them for your questions.")


async def on_follow(update: Update, context: BotContext) -> None:
    await _follow(update, context, follow=True)


async def on_unfollow(update: Update, context: BotContext) -> None:
    await _follow(update, context, follow=False)


async def _follow(update: Update, context: BotContext, *, follow: bool) -> None:
    services = context.services
    command = "/follow" if follow else "/unfollow"
    raw = " ".join(context.args or [])
    code = services.engine.resolve_code(raw) if raw.strip() else None
    message = update.effective_message
    if code is None:
        await message.reply_text(f"Usage: {command} KP (a destination code or name), e.g. {command} North Korea")
        return
    name = html.escape(services.engine.kb.places[code].name)
    user_id = update.effective_user.id
    if follow:
        added = services.users.follow(user_id, code)
        text = (f"You now follow {name}: I will message you when its facts change." if added
                else f"You already follow {name}.")
    else:
        removed = services.users.unfollow(user_id, code)
        text = f"You no longer follow {name}." if removed else f"You were not following {name}."
    await message.reply_text(text)


async def on_following(update: Update, context: BotContext) -> None:
    services = context.services
    codes = services.users.following(update.effective_user.id)
    places = services.engine.kb.places
    if not codes:
        await update.effective_message.reply_text("You follow no destination. Try /follow KP.")
        return
    lines = "\n".join(f"• {places[c].flag} {html.escape(places[c].name)} ({c})" for c in codes if c in places)
    await update.effective_message.reply_text(f"You follow:\n{lines}\n\nStop with /unfollow CODE.")


# -- buttons ---------------------------------------------------------------------------------
async def on_callback(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    query = update.callback_query
    ask = keyboards.decode(query.data)
    services = context.services
    if ask is None or ask.code not in services.engine.kb.places:
        await query.answer("This button has expired. Please ask your question again.", show_alert=False)
        _log(update, "callback-invalid", None, started)
        return
    passports = list(ask.passports) or (services.users.passports(query.from_user.id))
    answer = services.engine.ask("", passports, code=ask.code, topics=list(ask.topics))
    await query.answer(f"{answer.name}: {keyboards.label_for(ask.topics)}"[:200])
    message = query.message
    if isinstance(message, Message) and len(answer.messages) == 1:
        try:
            await message.edit_text(
                answer.messages[0], reply_markup=keyboards.answer_keyboard(answer),
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise
    elif isinstance(message, Message):
        await send_answer(message, answer)
    _log(update, "callback", answer.code, started)


# -- inline mode -----------------------------------------------------------------------------
def _headline(answer: Answer) -> str:
    if answer.entry:
        e = answer.entry[0]
        return f"{e.passport_name}: {e.verdict_label} (checked {e.checked or 'n/a'})"
    if answer.status:
        return f"{answer.status['state']}: {answer.status['summary']}"[:120] + f" (as of {answer.status['as_of']})"
    if answer.advisories:
        a = answer.advisories[0]
        level = f"Level {a.level}: " if a.level else ""
        return f"{a.issuer} advisory {level}{a.label} ({a.as_of})"
    return "Dated, sourced travel facts"


def _article(result_id: str, answer: Answer, title: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title[:100],
        description=_headline(answer)[:200],
        input_message_content=InputTextMessageContent(
            answer.messages[0], parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )


async def on_inline(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    services = context.services
    query = update.inline_query
    text = (query.query or "")[:256]
    saved = services.users.passports(query.from_user.id)
    engine = services.engine
    results: list[InlineQueryResultArticle] = []
    matched = engine.matcher.understand(text, saved) if text.strip() else None
    codes = matched.destinations[:5] if matched and matched.sure else []
    passports = matched.passports if matched else saved
    pkey = ",".join(passports)
    for code in codes:
        wanted = [matched.topics] if matched and matched.topics else []
        for topics in [*wanted, [], *[[t] for t in TOPICS]]:
            if len(results) >= 50:
                break
            answer = engine.ask("", passports, code=code, topics=topics)
            label = ", ".join(TOPIC_LABELS[t] for t in topics) or "Overview"
            rid = f"{code}:{''.join(t[0] for t in topics) or 'o'}:{pkey}"
            if any(r.id == rid[:64] for r in results):
                continue
            results.append(_article(rid, answer, f"{answer.flag} {answer.name} · {label}"))
    if not results:
        for code in POPULAR:
            if code in engine.kb.places:
                answer = engine.ask("", passports, code=code, topics=[])
                results.append(_article(f"pop:{code}:{pkey}", answer, f"{answer.flag} {answer.name}"))
    button = InlineQueryResultsButton(text="Ask Borderline in private", start_parameter="help")
    await query.answer(results[:50], cache_time=30, is_personal=bool(passports), button=button)
    _log(update, "inline", codes[0] if codes else None, started)


# -- the knowledge base changes under a running bot --------------------------------------------
async def follow_rebuild(update: object, context: BotContext) -> None:
    """Before any handler: switch to a freshly built database file (a stat call per update)."""
    await _reopen_if_rebuilt(context)


async def _reopen_if_rebuilt(context: BotContext) -> bool:
    services = context.services
    kb = services.engine.kb
    if not kb.reopen_if_replaced():
        return False
    services.engine.refresh()
    services.kb_changed()
    log.info("knowledge base rebuilt on disk: reopened %s", kb.path.name)
    await notify_changes(context, detect_changes(kb))
    return True


async def watch_changes(context: BotContext) -> None:
    """Job: tell followers about edits made by another process (a rebuild, another admin's bot)."""
    if await _reopen_if_rebuilt(context) or not context.services.kb_changed():
        return
    context.services.engine.refresh()
    await notify_changes(context, detect_changes(context.services.engine.kb))


async def on_error(update: object, context: BotContext) -> None:
    """Log and carry on: one failing update must never stop the bot."""
    services = context.application.bot_data
    text = str(context.error)
    if isinstance(services, Services) and hasattr(services, "redact"):
        text = services.redact.redact(text)
    uid = getattr(update, "update_id", "-")
    log.error("update=%s failed: %s: %s", uid, type(context.error).__name__, text,
              exc_info=(type(context.error), context.error, context.error.__traceback__) if context.error else None)


async def on_cancel_outside(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text("Nothing to cancel.")

