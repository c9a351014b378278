"""Admin commands and traveler-report moderation, typed on a phone: `/event KP 2025-03-05 suspension | text | url`.

Every admin command goes through `admin_only`, which refuses everyone else with one message
and logs the attempt; a test walks the registered handlers to prove it. The storage layer does
all reading and writing; this module only parses, replies and notifies.
"""

from __future__ import annotations

import contextlib
import html
import io
import logging
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz
from telegram import Update
from telegram.error import TelegramError

from bot.feeds import review
from bot.storage import freshness, moderation, questions
from bot.storage.changes import detect_changes
from bot.storage.edits import Admin, AdminError, Applied, export_all
from bot.tg.admin_guard import Handler, admin_only, command_args, reply_usage
from bot.tg.admin_specs import CHANGES, OTHER_USAGE, usage
from bot.tg.context import BotContext, Services
from bot.tg.feed_commands import on_feeds, on_refresh
from bot.tg.language import reply_translator
from bot.tg.notify import notify_changes
from bot.tg.texts import SHARE_THANKS, SHARE_USAGE

log = logging.getLogger("borderline.admin")
SHARED_SOURCE = "https://t.me/borderline_reports"  # approved /share reports: the traveler is the source


async def _applied(update: Update, context: BotContext, result: Applied) -> None:
    services = context.services
    if result.duplicate:
        await update.effective_message.reply_text("Already applied (this update was delivered twice).")
        return
    services.engine.refresh()
    sent = await notify_changes(context, detect_changes(services.engine.kb, [result.code]))
    await update.effective_message.reply_text(
        f"Done (change #{result.audit_id}): {html.escape(result.code)} {html.escape(result.summary)}. "
        f"{sent} follower(s) notified. /undo reverts it."
    )


async def apply_change(update: Update, context: BotContext, name: str, values: dict[str, str] | None) -> None:
    """Apply a change command's values (from one line or from the guided steps)."""
    spec = CHANGES[name]
    try:
        data = spec.to_data(values) if values is not None else None
    except (ValueError, KeyError):
        data = None
    if data is None or values is None:
        await reply_usage(update, name, "I could not read that.")
        return
    try:
        result = Admin(context.services.engine.kb.conn).apply(
            update.effective_user.id, update.update_id, values["code"], name, data
        )
    except AdminError as exc:
        await reply_usage(update, name, f"Not applied: {exc}")
        return
    await _applied(update, context, result)


def _change(name: str) -> Handler:
    @admin_only
    async def handler(update: Update, context: BotContext) -> None:
        await apply_change(update, context, name, CHANGES[name].parse_line(command_args(update)))

    handler.__name__ = f"admin_{name}"
    return handler


CHANGE_COMMANDS: dict[str, Handler] = {name: _change(name) for name in CHANGES}


def _code_arg(update: Update, services: Services) -> str | None:
    words = command_args(update).split()
    code = words[0].upper() if words else ""
    return code if code in services.engine.kb.places else None


async def _destination(update: Update, services: Services, command: str) -> str | None:
    """The destination a /facts or /history command names, or None after replying with its usage."""
    code = _code_arg(update, services)
    if code is None:
        await reply_usage(update, command, "Which destination?")
    return code


@admin_only
async def on_facts(update: Update, context: BotContext) -> None:
    services = context.services
    code = await _destination(update, services, "facts")
    if code is None:
        return
    facts = Admin(services.engine.kb.conn).facts(code)
    lines = [f"<b>{html.escape(services.engine.kb.places[code].name)}</b>"]
    for table, kind, field in (("advisories", "advisory", "label"), ("events", "event", "summary"),
                               ("reports", "report", "summary"), ("howto", "howto", "name")):
        for i, row in enumerate(facts[table], 1):
            lines.append(f"{kind} {i}: {html.escape(str(row[field])[:80])} (checked {row['checked']})")
    await update.effective_message.reply_text(_clip_lines(lines))


def _clip_lines(lines: list[str], limit: int = 4000) -> str:
    """Whole lines up to the limit, so a cut never falls inside an entity or a tag."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit:
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


@admin_only
async def on_history(update: Update, context: BotContext) -> None:
    services = context.services
    code = await _destination(update, services, "history")
    if code is None:
        return
    rows = Admin(services.engine.kb.conn).history(code)
    text = "\n".join(f"#{r['id']} {r['at']} admin {r['admin_id']}: {html.escape(r['action'])}" for r in rows)
    await update.effective_message.reply_text(text or f"No changes recorded for {code}.")


@admin_only
async def on_undo(update: Update, context: BotContext) -> None:
    try:
        result = Admin(context.services.engine.kb.conn).undo(update.effective_user.id, update.update_id)
    except AdminError as exc:
        await update.effective_message.reply_text(html.escape(str(exc)))
        return
    await _applied(update, context, result)


@admin_only
async def on_export(update: Update, context: BotContext) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = export_all(context.services.engine.kb.conn, Path(tmp))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in paths:
                zf.write(path, f"knowledge/destinations/{path.name}")
    buffer.seek(0)
    await update.effective_message.reply_document(
        buffer, filename="borderline-knowledge.zip",
        caption=f"{len(paths)} destination files. Unzip over the repository and commit.",
    )


@admin_only
async def on_pending(update: Update, context: BotContext) -> None:
    waiting = moderation.waiting(context.services.engine.kb.conn)
    held = review.list_pending(context.services.engine.kb.conn)
    if not waiting and not held:
        await update.effective_message.reply_text("No report or feed change is waiting.")
        return
    lines = [f"#{r.id} {r.code} ({r.at[:10]}): {html.escape(r.text[:600])}\n" for r in waiting]
    lines += [f"#F{h['id']} feed {h['issuer']} {h['code']}: {html.escape(str(h.get('old_label') or ''))} -> "
              f"{html.escape(h['label'])} ({h['as_of']}; {html.escape(h['reason'])})\n" for h in held]
    await update.effective_message.reply_text(_clip_lines(lines, 3900) + "\n/approve N or /reject N [reason]")


async def _moderate(update: Update, context: BotContext, approve: bool) -> None:
    services = context.services
    conn = services.engine.kb.conn
    parts = command_args(update).split(maxsplit=1)
    name = "approve" if approve else "reject"
    if parts and parts[0][:1].upper() == "F" and parts[0][1:].isdigit():
        await _moderate_feed(update, context, int(parts[0][1:]), approve)
        return
    if not parts or not parts[0].isdigit():
        await reply_usage(update, name)
        return
    report = moderation.get(conn, int(parts[0]))
    if report is None or report.state != "pending":
        await update.effective_message.reply_text(f"There is no pending report #{int(parts[0])}.")
        return
    if approve:
        try:
            result = Admin(conn).apply(
                update.effective_user.id, update.update_id, report.code, "report",
                {"traveler": report.named or "A traveler (shared via Borderline)", "date": report.at[:10],
                 "summary": report.text, "source": SHARED_SOURCE, "tags": ["shared"], "origin": "shared",
                 "unverified": True},
            )
        except AdminError as exc:
            await update.effective_message.reply_text(f"Not approved: {html.escape(str(exc))}")
            return
        moderation.decide(conn, report.id, approved=True, admin_id=update.effective_user.id)
        await _applied(update, context, result)
        outcome = "was approved and now appears in answers. Thank you!"
    else:
        reason = parts[1] if len(parts) > 1 else ""
        moderation.decide(conn, report.id, approved=False, admin_id=update.effective_user.id, reason=reason)
        await update.effective_message.reply_text(f"Report #{report.id} rejected.")
        outcome = "was not published" + (f": {html.escape(reason[:300])}" if reason else ".")
    try:
        await context.bot.send_message(report.user_id, f"Your report about {report.code} (#{report.id}) {outcome}")
    except TelegramError as exc:
        log.warning("could not tell a submitter: %s", services.redact.redact(str(exc)))


async def _moderate_feed(update: Update, context: BotContext, pending_id: int, approve: bool) -> None:
    """A feed change held for review (a lowering from Level 4, or off the FCDO's "all travel")."""
    services = context.services
    conn = services.engine.kb.conn
    admin = str(update.effective_user.id)
    if approve:
        curated = [c for c, p in services.engine.kb.places.items() if p.curated]
        change = review.approve_pending(conn, pending_id, admin, curated=curated)
        done = change is not None
    else:
        done = review.reject_pending(conn, pending_id, admin)
    if not done:
        await update.effective_message.reply_text(f"There is no pending feed change F{pending_id}.")
        return
    services.engine.refresh()
    services.kb_changed()
    await update.effective_message.reply_text(
        f"Feed change F{pending_id} {'applied' if approve else 'rejected'}.")


@admin_only
async def on_approve(update: Update, context: BotContext) -> None:
    await _moderate(update, context, approve=True)


@admin_only
async def on_reject(update: Update, context: BotContext) -> None:
    await _moderate(update, context, approve=False)


def group_similar(texts: list[str], threshold: float = 80.0) -> list[tuple[str, int]]:
    """Cluster near-identical questions (rapidfuzz), most frequent first."""
    groups: list[list[str]] = []
    for text in texts:
        key = text.casefold().strip()
        for group in groups:
            if fuzz.token_set_ratio(key, group[0]) >= threshold:
                group.append(key)
                break
        else:
            groups.append([key])
    return sorted(((g[0], len(g)) for g in groups), key=lambda x: -x[1])


@admin_only
async def on_unanswered(update: Update, context: BotContext) -> None:
    groups = group_similar(questions.unanswered_texts(context.services.engine.kb.conn))[:20]
    if not groups:
        await update.effective_message.reply_text("No unanswered questions recorded.")
        return
    text = "\n".join(f"{count}× {html.escape(sample[:100])}" for sample, count in groups)
    await update.effective_message.reply_text("Unanswered, most frequent first:\n" + text)


def stale_lines(services: Services) -> list[str]:
    found = freshness.stale_facts(services.engine.kb.conn, services.engine.today, services.settings.stale_days)
    return [f"{code} {kind}: checked {checked} ({age} days)" for code, kind, checked, age in found]


@admin_only
async def on_stale(update: Update, context: BotContext) -> None:
    rows = stale_lines(context.services)
    if not rows:
        await update.effective_message.reply_text("Nothing stale.")
        return
    per = Counter(r.split()[0] for r in rows)
    head = ", ".join(f"{c} {n}" for c, n in per.most_common(15))
    text = _clip_lines([f"{len(rows)} stale fact(s). By destination: {head}", "", *rows[:40]], 3900)
    await update.effective_message.reply_text(text + "\n\n/verify CODE after re-checking.")


async def stale_digest(context: BotContext) -> None:
    services = context.services
    rows = stale_lines(services)
    if not rows:
        return
    per = Counter(r.split()[0] for r in rows)
    text = (f"Daily digest: {len(rows)} fact(s) older than {services.settings.stale_days} days. "
            f"Most: {', '.join(f'{c} ({n})' for c, n in per.most_common(8))}. /stale for the list.")
    for admin in sorted(services.settings.admin_ids):
        try:
            await context.bot.send_message(admin, text)
        except TelegramError as exc:
            log.warning("stale digest not delivered: %s", services.redact.redact(str(exc)))


@admin_only
async def on_stats(update: Update, context: BotContext) -> None:
    conn = context.services.engine.kb.conn
    lines = ["day         asked  answered"]
    lines += [f"{d}  {n:5d}  {100 * a / n:5.0f}%" for d, n, a in questions.daily_counts(conn)]
    lines.append("")
    lines.append("top: " + (", ".join(f"{c} {n}" for c, n in questions.top_destinations(conn)) or "none"))
    await update.effective_message.reply_text("<pre>" + html.escape("\n".join(lines)) + "</pre>")




async def on_share(update: Update, context: BotContext) -> None:
    """Any user may submit a first-hand report; it waits for an admin."""
    head, _, body = command_args(update).partition(" ")
    await submit_share(update, context, head.upper(), body)


async def submit_share(update: Update, context: BotContext, code: str, body: str) -> None:
    services = context.services
    tr = reply_translator(services, update)
    if code not in services.engine.kb.places or len(body.strip()) < 20:
        await update.effective_message.reply_text(html.escape(tr._(SHARE_USAGE)))
        return
    named = None
    if body.lower().startswith("name:") and ";" in body:
        named, body = (part.strip() for part in body[5:].split(";", 1))
    report_id = moderation.submit(services.engine.kb.conn, update.effective_user.id, code, body.strip()[:1500],
                                  named[:60] if named else None)
    await update.effective_message.reply_text(tr._(
        SHARE_THANKS, number=report_id, name=html.escape(services.engine.kb.places[code].name_in(tr.lang))))
    for admin in sorted(services.settings.admin_ids):
        with contextlib.suppress(TelegramError):  # the report is stored; the ping is a courtesy
            await context.bot.send_message(admin, f"New traveler report #{report_id} for {code}. /pending")


ADMIN_COMMANDS: dict[str, Handler] = {
    **CHANGE_COMMANDS,
    "facts": on_facts,
    "history": on_history,
    "undo": on_undo,
    "export": on_export,
    "pending": on_pending,
    "approve": on_approve,
    "reject": on_reject,
    "unanswered": on_unanswered,
    "stale": on_stale,
    "stats": on_stats,
    "refresh": on_refresh,
    "feeds": on_feeds,
}
assert set(ADMIN_COMMANDS) == set(CHANGES) | set(OTHER_USAGE)
ADMIN_MENU = [(name, usage(name).split("   ")[0][:256]) for name in ADMIN_COMMANDS]
