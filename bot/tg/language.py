"""Which language to answer a Telegram update in, and the /language command that chooses it."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.i18n import DEFAULT, LANGUAGES, Translator, normalize, translator
from bot.tg.context import BotContext, Services
from bot.tg.texts import (
    LANGUAGE_AUTO,
    LANGUAGE_AUTO_BUTTON,
    LANGUAGE_AUTO_NOW,
    LANGUAGE_NOW,
    LANGUAGE_SET,
    LANGUAGE_UNKNOWN,
)

CALLBACK_PREFIX = "lang|"
AUTO_WORDS = frozenset(("auto", "automatic", "reset", "clear", "none", "default"))


def chosen(services: Services, update: Update) -> str | None:
    """The language chosen with /language for this chat (a private chat's id is its user's)."""
    chat = update.effective_chat
    return services.users.language(chat.id) if chat else None


def telegram_language(update: Update) -> str | None:
    user = update.effective_user
    return normalize(user.language_code) if user else None


def reply_translator(services: Services, update: Update) -> Translator:
    """For command replies, which have no question to read: the chat's choice, else the Telegram setting."""
    return translator(chosen(services, update) or telegram_language(update) or DEFAULT)


def question_languages(services: Services, update: Update) -> tuple[str | None, str | None]:
    """(forced, fallback) for the engine. A traveler's own choice is forced in their private chat; in a group the
    question's language comes first and the group's choice is the fallback, then the asker's Telegram setting."""
    choice = chosen(services, update)
    chat = update.effective_chat
    if chat is not None and chat.type == ChatType.PRIVATE:
        return choice, telegram_language(update)
    return None, choice or telegram_language(update)


def resolve(word: str) -> str | None:
    """'de', 'DE', 'de-AT', 'Deutsch', 'german', 'русский' -> a language Borderline speaks."""
    code = normalize(word)
    if code:
        return code
    folded = word.strip().casefold()
    for lang in LANGUAGES:
        tr = translator(lang)
        names = {tr.name.casefold(), tr.locale.get_display_name("en").casefold().split(" (")[0]}
        if folded in names:
            return lang
    return None


def _keyboard(current: str | None) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(("✓ " if lang == current else "") + translator(lang).name,
                                    callback_data=CALLBACK_PREFIX + lang) for lang in LANGUAGES]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    auto = translator(current or DEFAULT)._(LANGUAGE_AUTO_BUTTON)
    rows.append([InlineKeyboardButton(("✓ " if current is None else "") + auto,
                                      callback_data=CALLBACK_PREFIX + "auto")])
    return InlineKeyboardMarkup(rows)


def _choose(services: Services, update: Update, lang: str | None) -> str:
    """Store the chat's choice (None: back to automatic) and say so, in the language now in force."""
    services.users.set_language(update.effective_chat.id, lang)
    if lang is None:
        return reply_translator(services, update)._(LANGUAGE_AUTO)
    tr = translator(lang)
    return tr._(LANGUAGE_SET, language=tr.name)


async def on_language(update: Update, context: BotContext) -> None:
    services = context.services
    message = update.effective_message
    chat_id = update.effective_chat.id
    args = [a for a in (context.args or []) if a.strip()]
    current = services.users.language(chat_id)
    if not args:
        tr = reply_translator(services, update)
        text = tr._(LANGUAGE_NOW, language=translator(current).name) if current else tr._(LANGUAGE_AUTO_NOW)
        await message.reply_text(text, reply_markup=_keyboard(current))
        return
    word = " ".join(args)[:40]
    if word.casefold() in AUTO_WORDS:
        await message.reply_text(_choose(services, update, None))
        return
    lang = resolve(word)
    if lang is None:
        tr = reply_translator(services, update)
        names = ", ".join(f"{translator(x).name} ({x})" for x in LANGUAGES)
        await message.reply_text(tr._(LANGUAGE_UNKNOWN, words=html.escape(repr(word)), languages=names))
        return
    await message.reply_text(_choose(services, update, lang))


async def on_language_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    choice = (query.data or "").removeprefix(CALLBACK_PREFIX)
    lang = None if choice == "auto" else normalize(choice)
    if lang is None and choice != "auto":
        await query.answer()
        return
    text = _choose(context.services, update, lang)
    await query.answer(text[:200])
    if query.message is not None:
        await query.message.edit_text(text, reply_markup=_keyboard(lang))
