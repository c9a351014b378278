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
from bot.i18n import Translator, translator
from bot.storage.changes import detect_changes
from bot.storage.questions import Asked
from bot.tg import keyboards
from bot.tg import texts as t
from bot.tg.context import BotContext, Services
from bot.tg.delivery import DeliveredButUnreadable
from bot.tg.language import question_languages, reply_translator
from bot.tg.notify import notify_changes
from bot.understanding.language import detect
from bot.understanding.matcher import TOPICS

log = logging.getLogger("borderline")
POPULAR = ("KP", "CU", "IR", "RU", "TM", "CN-XZ", "AQ", "BT")
MAX_PASSPORTS = 4
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
    lang, fallback = question_languages(services, update)
    answer = services.engine.ask(question, saved, conversation=conversation, lang=lang, fallback_lang=fallback,
                                 **kwargs)
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
        tr = reply_translator(context.services, update)
        if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE and update.effective_message:
            await update.effective_message.reply_text(tr._(t.SLOW_DOWN))
        elif update.callback_query:
            await update.callback_query.answer(tr._(t.SLOW_DOWN_SHORT))
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
        await message.reply_text(reply_translator(context.services, update)._(t.ASK_USAGE), do_quote=True)
        return
    answer = _ask(context.services, update, question)
    await send_answer(message, answer, reply=message.chat.type != ChatType.PRIVATE)
    _log(update, "command-ask", answer.code, started)


async def on_unsupported(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice...: say what we can read, but only in private chats."""
    started = time.perf_counter()
    message = update.effective_message
    if message and message.chat.type == ChatType.PRIVATE:
        await message.reply_text(reply_translator(context.services, update)._(t.TEXT_ONLY))
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
    tr = reply_translator(services, update)
    buttons = [
        [InlineKeyboardButton(tr._(label), callback_data=keyboards.encode(code, topics, passports, tr.lang))]
        for label, code, topics, passports in t.EXAMPLES
    ]
    await message.reply_text(tr._(t.WELCOME), reply_markup=InlineKeyboardMarkup(buttons))
    _log(update, "command-start", None, started)


async def on_help(update: Update, context: BotContext) -> None:
    tr = reply_translator(context.services, update)
    await update.effective_message.reply_text(
        tr._(t.HELP, username=html.escape(context.bot.username or "bot")), parse_mode=ParseMode.HTML
    )


async def on_about(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(reply_translator(context.services, update)._(t.ABOUT))


async def on_privacy(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(reply_translator(context.services, update)._(t.PRIVACY))


async def on_forget(update: Update, context: BotContext) -> None:
    tr = reply_translator(context.services, update)  # before the choice it reads is deleted
    removed = context.services.users.forget(update.effective_user.id)
    if context.chat_data is not None:
        context.chat_data.pop("conversation", None)  # what the chat was about goes too
    await update.effective_message.reply_text(
        tr.ngettext("Done: everything stored under your user id is deleted (%(num)s record).",
                    "Done: everything stored under your user id is deleted (%(num)s records).", removed)
        if removed else tr._(t.NOTHING_STORED)
    )


def _passport_names(services: Services, codes: list[str], tr: Translator) -> str:
    places = services.engine.kb.places
    return html.escape(", ".join(f"{places[c].flag} {places[c].name_in(tr.lang)} ({c})" for c in codes
                                 if c in places))


async def on_passport(update: Update, context: BotContext) -> None:
    services = context.services
    user_id = update.effective_user.id
    message = update.effective_message
    args = [a for a in (context.args or []) if a.strip()]
    tr = reply_translator(services, update)
    if not args:
        saved = services.users.passports(user_id)
        text = tr._(t.YOUR_PASSPORTS, passports=_passport_names(services, saved, tr)) if saved else tr._(t.NO_PASSPORT)
        await message.reply_text(text)
        return
    if len(args) == 1 and args[0].lower() in ("clear", "none", "reset", "forget"):
        services.users.set_passports(user_id, [])
        await message.reply_text(tr._(t.PASSPORTS_CLEARED))
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
        words = html.escape(", ".join(repr(b) for b in bad)) or tr._(t.THAT)
        await message.reply_text(tr._(t.NOT_A_PASSPORT, words=words, max=MAX_PASSPORTS))
        return
    codes = list(dict.fromkeys(codes))
    services.users.set_passports(user_id, codes)
    await message.reply_text(tr._(t.PASSPORTS_SAVED, passports=_passport_names(services, codes, tr)))


async def on_follow(update: Update, context: BotContext) -> None:
    await _follow(update, context, follow=True)


async def on_unfollow(update: Update, context: BotContext) -> None:
    await _follow(update, context, follow=False)


async def _follow(update: Update, context: BotContext, *, follow: bool) -> None:
    services = context.services
    tr = reply_translator(services, update)
    raw = " ".join(context.args or [])
    code = services.engine.resolve_code(raw) if raw.strip() else None
    message = update.effective_message
    if code is None:
        await message.reply_text(tr._(t.FOLLOW_USAGE if follow else t.UNFOLLOW_USAGE))
        return
    name = html.escape(services.engine.kb.places[code].name_in(tr.lang))
    user_id = update.effective_user.id
    if follow:
        added = services.users.follow(user_id, code, tr.lang)
        text = tr._(t.FOLLOWING_NOW if added else t.ALREADY_FOLLOWING, name=name)
    else:
        removed = services.users.unfollow(user_id, code)
        text = tr._(t.UNFOLLOWED if removed else t.NOT_FOLLOWING, name=name)
    await message.reply_text(text)


async def on_following(update: Update, context: BotContext) -> None:
    services = context.services
    codes = services.users.following(update.effective_user.id)
    places = services.engine.kb.places
    tr = reply_translator(services, update)
    if not codes:
        await update.effective_message.reply_text(tr._(t.FOLLOW_NONE))
        return
    lines = "\n".join(f"• {places[c].flag} {html.escape(places[c].name_in(tr.lang))} ({c})" for c in codes
                      if c in places)
    await update.effective_message.reply_text(tr._(t.FOLLOW_LIST, lines=lines))


# -- buttons ---------------------------------------------------------------------------------
async def on_callback(update: Update, context: BotContext) -> None:
    started = time.perf_counter()
    query = update.callback_query
    ask = keyboards.decode(query.data)
    services = context.services
    if ask is None or ask.code not in services.engine.kb.places:
        await query.answer(reply_translator(services, update)._(t.BUTTON_EXPIRED), show_alert=False)
        _log(update, "callback-invalid", None, started)
        return
    passports = list(ask.passports) or (services.users.passports(query.from_user.id))
    forced, fallback = question_languages(services, update)
    # a button answers in the language of the answer it belongs to
    answer = services.engine.ask("", passports, code=ask.code, topics=list(ask.topics), lang=ask.lang or forced,
                                 fallback_lang=fallback)
    await query.answer(f"{answer.name}: {keyboards.label_for(ask.topics, translator(answer.lang))}"[:200])
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
    """The one line under an inline result's title: the first verdict, else the headline's state and risk."""
    tr = translator(answer.lang)
    if answer.entry:
        e = answer.entry[0]
        return tr._(t.INLINE_CHECKED, passport=e.passport_name, verdict=e.verdict_label,
                    date=tr.date(e.checked) or "—")
    h = answer.headline
    if h and (h.state or h.risk):
        return " · ".join(x for x in (h.state, h.risk) if x)
    return tr._(t.DATED_FACTS)


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
    lang = detect(text) or reply_translator(services, update).lang
    tr = translator(lang)
    pkey = ",".join(passports)
    for code in codes:
        wanted = [matched.topics] if matched and matched.topics else []
        for topics in [*wanted, [], *[[x] for x in TOPICS]]:
            if len(results) >= 50:
                break
            answer = engine.ask("", passports, code=code, topics=topics, lang=lang)
            label = ", ".join(tr._(TOPIC_LABELS[x]) for x in topics) or tr._(t.OVERVIEW)
            rid = f"{code}:{''.join(x[0] for x in topics) or 'o'}:{pkey}:{lang}"
            if any(r.id == rid[:64] for r in results):
                continue
            results.append(_article(rid, answer, f"{answer.flag} {answer.name} · {label}"))
    if not results:
        for code in POPULAR:
            if code in engine.kb.places:
                answer = engine.ask("", passports, code=code, topics=[], lang=lang)
                results.append(_article(f"pop:{code}:{pkey}:{lang}", answer, f"{answer.flag} {answer.name}"))
    button = InlineQueryResultsButton(text=tr._(t.ASK_IN_PRIVATE), start_parameter="help")
    await query.answer(results[:50], cache_time=30, is_personal=bool(passports), button=button)
    _log(update, "inline", codes[0] if codes else None, started)


# -- the knowledge base changes under a running bot --------------------------------------------
async def follow_rebuild(update: object, context: BotContext) -> None:
    """Before any handler: pick up a rebuild or another process's edits (a stat call and a PRAGMA per update)."""
    await watch_changes(context)


async def _reopen_if_rebuilt(context: BotContext) -> bool:
    """A database file copied over the live one by hand (build itself now copies in place)."""
    services = context.services
    kb = services.engine.kb
    if not kb.reopen_if_replaced():
        return False
    services.engine.refresh()
    services.kb_changed()
    log.info("knowledge base replaced on disk: reopened %s", kb.path.name)
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
    await update.effective_message.reply_text(reply_translator(context.services, update)._(t.NOTHING_TO_CANCEL))

