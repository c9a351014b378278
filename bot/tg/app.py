"""Builds and runs the python-telegram-bot Application (long polling, or a webhook when configured)."""

from __future__ import annotations

import hashlib
import logging
import re
import sys

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.answering.engine import Engine
from bot.config import Settings
from bot.i18n import DEFAULT, LANGUAGES, translator
from bot.logsetup import configure
from bot.storage.changes import detect_changes
from bot.storage.kb import KnowledgeBase, MissingDatabase
from bot.tg import handlers as h
from bot.tg.admin_commands import ADMIN_COMMANDS, ADMIN_MENU, stale_digest
from bot.tg.context import CONTEXT_TYPES, BotApp, BotContext
from bot.tg.delivery import DurableBot, Inbox, InboxProcessor, RetryingRateLimiter
from bot.tg.feed_commands import refresh_job
from bot.tg.guided import guided_handler
from bot.tg.language import CALLBACK_PREFIX as LANGUAGE_CALLBACK
from bot.tg.language import on_language, on_language_button, reply_translator
from bot.tg.texts import COMMAND_DESCRIPTIONS, GROUP_COMMANDS, PRIVATE_COMMANDS, UNKNOWN_COMMAND

log = logging.getLogger("borderline")

def _rate_limiter(settings: Settings) -> RetryingRateLimiter:
    """Telegram's limits (30 messages/s overall, 20 per minute per group); TELEGRAM_RATE_LIMITS=off lifts them,
    for benchmarks against the local test double or a self-hosted Bot API server."""
    if not settings.rate_limits:
        return RetryingRateLimiter(max_retries=3, overall_max_rate=0, group_max_rate=0)
    return RetryingRateLimiter(max_retries=3)


def build_application(settings: Settings, engine: Engine) -> BotApp:
    timeout = settings.http_timeout
    inbox = Inbox(lambda: engine.kb.conn)
    defaults = Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
    bot = DurableBot(
        settings.token,
        base_url=f"{settings.api_url}/bot",
        base_file_url=f"{settings.api_url}/file/bot",
        request=HTTPXRequest(connection_pool_size=16, connect_timeout=10, read_timeout=timeout,
                             write_timeout=timeout, pool_timeout=timeout),
        get_updates_request=HTTPXRequest(connect_timeout=10, read_timeout=40),
        rate_limiter=_rate_limiter(settings),
        defaults=defaults,
        inbox=inbox,
    )
    app = (
        Application.builder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(InboxProcessor(settings.concurrent_updates, inbox))
        .post_init(_post_init)
        .build()
    )
    app.bot_data.attach(settings, engine, inbox)
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    app.add_handler(TypeHandler(Update, h.follow_rebuild), group=-2)
    app.add_handler(TypeHandler(Update, h.flood_guard), group=-1)
    app.add_handler(guided_handler())  # /event, /share... without arguments ask step by step
    app.add_handler(CommandHandler("start", h.on_start, filters=private))
    app.add_handler(CommandHandler("help", h.on_help))
    app.add_handler(CommandHandler("ask", h.on_ask))
    app.add_handler(CommandHandler("passport", h.on_passport, filters=private))
    app.add_handler(CommandHandler("follow", h.on_follow, filters=private))
    app.add_handler(CommandHandler("unfollow", h.on_unfollow, filters=private))
    app.add_handler(CommandHandler("following", h.on_following, filters=private))
    app.add_handler(CommandHandler("about", h.on_about))
    app.add_handler(CommandHandler("privacy", h.on_privacy))
    app.add_handler(CommandHandler("forget", h.on_forget, filters=private))
    app.add_handler(CommandHandler("cancel", h.on_cancel_outside, filters=private))
    app.add_handler(CommandHandler("language", on_language))
    app.add_handler(CallbackQueryHandler(on_language_button, pattern=f"^{re.escape(LANGUAGE_CALLBACK)}"))
    for name, handler in ADMIN_COMMANDS.items():
        app.add_handler(CommandHandler(name, handler))  # admin_only refuses non-admins and groups
    app.add_handler(CallbackQueryHandler(h.on_callback))
    app.add_handler(InlineQueryHandler(h.on_inline))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, h.on_edited))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, h.on_private_text))
    app.add_handler(MessageHandler(groups & filters.TEXT & ~filters.COMMAND, h.on_group_text))
    app.add_handler(MessageHandler(private & filters.COMMAND, _unknown_command))
    app.add_handler(MessageHandler(filters.ALL & ~filters.TEXT & ~filters.StatusUpdate.ALL, h.on_unsupported))
    app.add_error_handler(h.on_error)
    if app.job_queue is not None:
        interval = settings.change_poll_seconds
        app.job_queue.run_repeating(h.watch_changes, interval=interval, first=interval, name="watch-changes")
        app.job_queue.run_daily(stale_digest, time=settings.stale_digest_at, name="stale-digest")
        if settings.stale_digest_now:
            app.job_queue.run_once(stale_digest, when=1.0, name="stale-digest-now")
        if settings.refresh_enabled:
            hours = settings.refresh_hours * 3600
            app.job_queue.run_repeating(refresh_job, interval=hours, first=min(60.0, hours), name="feed-refresh")
    return app


async def _unknown_command(update: Update, context: BotContext) -> None:
    if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        await update.effective_message.reply_text(reply_translator(context.services, update)._(UNKNOWN_COMMAND))


def command_menu(names: tuple[str, ...], lang: str) -> list[BotCommand]:
    tr = translator(lang)
    return [BotCommand(name, tr._(COMMAND_DESCRIPTIONS[name])) for name in names]


async def _post_init(app: BotApp) -> None:
    services = app.bot_data
    services.kb_changed()
    detect_changes(services.engine.kb)  # record the starting point; followers hear of later changes
    bot: DurableBot = app.bot  # type: ignore[assignment]
    if bot.inbox is not None:
        bot.inbox.start(bot.id)
        pending = bot.inbox.pending()
        for payload in pending:  # received before a crash, never handled
            await app.update_queue.put(Update.de_json(payload, app.bot))
        if pending:
            log.info("replaying %d update(s) left over from the last run", len(pending))
    try:
        for lang in LANGUAGES:  # English is the menu for every language without its own
            code = None if lang == DEFAULT else lang
            await app.bot.set_my_commands(command_menu(PRIVATE_COMMANDS, lang), scope=BotCommandScopeAllPrivateChats(),
                                          language_code=code)
            await app.bot.set_my_commands(command_menu(GROUP_COMMANDS, lang), scope=BotCommandScopeAllGroupChats(),
                                          language_code=code)
        for admin in sorted(services.settings.admin_ids):
            await app.bot.set_my_commands(
                command_menu(PRIVATE_COMMANDS, DEFAULT) + [BotCommand(c, d) for c, d in ADMIN_MENU],
                scope=BotCommandScopeChat(admin),
            )
    except TelegramError as exc:
        log.warning("could not set the command menu: %s", services.redact.redact(str(exc)))
    log.info("bot @%s ready", app.bot.username)


def run(settings: Settings) -> int:
    configure(settings.log_level, settings.token)
    if not settings.token:
        print("error: TELEGRAM_BOT_TOKEN is not set (use `python -m bot chat` for the terminal chat)", file=sys.stderr)
        return 2
    if not settings.token_is_valid():
        print("error: TELEGRAM_BOT_TOKEN is malformed (expected digits:35 characters from @BotFather)",
              file=sys.stderr)
        return 2
    try:
        kb = KnowledgeBase(settings.kb_path)
    except MissingDatabase as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = Engine(kb, stale_days=settings.stale_days)
    engine.warm_up()  # every language's catalog and templates, before the first update
    app = build_application(settings, engine)
    mode = "webhook" if settings.webhook_url else "polling"
    log.info("starting with %d destinations (%s mode)", len(kb.places), mode)
    if settings.webhook_url:
        secret = hashlib.sha256(f"borderline:{settings.token}".encode()).hexdigest()[:48]
        app.run_webhook(
            listen="0.0.0.0",
            port=settings.port,
            url_path=f"hook/{secret[:16]}",
            webhook_url=f"{settings.webhook_url.rstrip('/')}/hook/{secret[:16]}",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=30)
    kb.close()
    return 0
