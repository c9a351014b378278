"""The official advisory feeds in the running bot: a JobQueue poll, admin /refresh and /feeds, follower notes."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.answering.texts import ISSUER_NAMES
from bot.feeds import FeedUrls, RefreshReport, refresh_async
from bot.i18n import N_
from bot.storage import database, feeds
from bot.storage.changes import Change, Note
from bot.storage.kb import FEED_ISSUERS
from bot.tg.admin_guard import admin_only
from bot.tg.context import BotContext
from bot.tg.notify import notify_changes

log = logging.getLogger("borderline.feeds")


def _issuer(feed_issuer: str) -> str:
    """A feed's issuer ("gb") as answers name it ("UK FCDO")."""
    code = FEED_ISSUERS.get(feed_issuer, feed_issuer)
    return ISSUER_NAMES.get(code, code)


def _change_note(change: dict) -> Note:
    values = {"issuer": _issuer(change["issuer"]), "level": change.get("new_level"), "label": change["label"],
              "as_of": change["as_of"]}
    if change.get("new_level"):
        return N_("%(issuer)s advisory is now Level %(level)s: %(label)s (as of %(as_of)s)"), values
    return N_("%(issuer)s advisory is now %(label)s (as of %(as_of)s)"), values


def _change_line(change: dict) -> str:
    message, values = _change_note(change)
    return message % values


async def run_refresh(context: BotContext) -> RefreshReport:
    """Poll on a connection of its own (in a worker thread), then let the bot see the new rows."""
    services = context.services
    kb = services.engine.kb
    conn = database.connect(kb.path)
    try:
        curated = [code for code, place in kb.places.items() if place.curated]
        report = await refresh_async(conn, FeedUrls.from_env(dict(services.settings.feed_env)), curated=curated)
    finally:
        conn.close()
    services.engine.refresh()
    services.kb_changed()
    changes: dict[str, list[Note]] = {}
    for change in report.changes:
        if change["code"] in kb.places:
            changes.setdefault(change["code"], []).append(_change_note(change))
    await notify_changes(context, [Change(code, kb.places[code].name, tuple(lines)) for code, lines in changes.items()])
    admin_lines = [f"{c['code']}: {_change_line(c)}: stored as a feed advisory beside the curated one, review it"
                   for c in report.notify_admins]
    admin_lines += [f"held F{h['id']}: {h['issuer']} {h['code']} {h.get('old_label') or ''} -> {h['label']}: "
                    f"/approve F{h['id']} or /reject F{h['id']}" for h in report.held]
    if admin_lines:
        text = "Feeds: " + html.escape("\n".join(admin_lines))[:3900]
        for admin in sorted(services.settings.admin_ids):
            try:
                await context.bot.send_message(admin, text)
            except TelegramError as exc:
                log.warning("feed note not delivered: %s", services.redact.redact(str(exc)))
    log.info("feeds refreshed: %s", "; ".join(report.lines()))
    return report


async def refresh_job(context: BotContext) -> None:
    try:
        await run_refresh(context)
    except Exception as exc:  # a failing poll must never stop the bot; the next one tries again
        log.warning("feed refresh failed: %s", context.services.redact.redact(f"{type(exc).__name__}: {exc}"))


@admin_only
async def on_refresh(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text("Polling the official feeds…")
    report = await run_refresh(context)
    text = "\n".join(html.escape(line) for line in report.lines())
    await update.effective_message.reply_text((text or "No feed polled.")[:4000])


@admin_only
async def on_feeds(update: Update, context: BotContext) -> None:
    polls = feeds.recent_polls(context.services.engine.kb.conn, limit=40)
    latest: dict[str, dict] = {}
    for poll in polls:
        latest.setdefault(poll["issuer"], poll)
    if not latest:
        await update.effective_message.reply_text("No feed has been polled yet. /refresh polls them now.")
        return
    lines = [f"{_issuer(i)}: {p['status']} at {p['fetched_at']}, {p['items']} items, {p['changes']} "
             f"changes, {p['held']} held, {p['errors']} errors" + (f" ({p['error_text'][:120]})" if p["error_text"]
                                                                  else "")
             for i, p in sorted(latest.items())]
    held = feeds.pending_list(context.services.engine.kb.conn)
    if held:
        lines.append(f"{len(held)} feed change(s) wait for review: /pending")
    await update.effective_message.reply_text(html.escape("\n".join(lines)))
