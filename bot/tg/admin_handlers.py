"""Admin commands and traveler-report moderation, typed on a phone: `/event KP 2025-03-05 suspension | text | url`.

Every admin command goes through `admin_only`, which refuses everyone else with one message
and logs the attempt; a test walks the registered handlers to prove it.
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import logging
import tempfile
import zipfile
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from telegram import Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.admin import Admin, AdminError, export_all
from bot.changes import detect_changes
from bot.staleness import age_days
from bot.tg.handlers import Services, notify_changes, svc

log = logging.getLogger("borderline.admin")
REFUSAL = "Sorry, that command is for Borderline admins only."
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]

USAGE = {
    "status": "/status KP closed | summary | source-url   (state: open, partly-open, closed)",
    "advisory": "/advisory KP US 4 | label | source-url   (issuer US/UK/AU/CA/other; level 1-4 or -)",
    "entry": "/entry KP US,GB verdict | summary | source-url [| details]   (verdicts: see /verdicts)",
    "unentry": "/unentry KP US",
    "event": "/event KP 2025-03-05 suspension | summary | source-url [| scope]",
    "report": "/report KP 2025-04 | traveler | summary | source-url [| tags]",
    "howto": "/howto KP operator | name | summary | source-url",
    "alias": "/alias KP Wonsan-Kalma",
    "unalias": "/unalias KP Wonsan-Kalma",
    "remove": "/remove KP event 2   (numbers from /facts KP; kinds: event, report, howto, advisory)",
    "facts": "/facts KP",
    "verify": "/verify KP",
    "history": "/history KP",
    "approve": "/approve 3",
    "reject": "/reject 3 [reason]",
}
EXAMPLE = {
    "status": "/status KP partly-open | Rason tours suspended; Pyongyang closed | https://www.rfa.org/english/",
    "advisory": "/advisory KP US 4 | Do not travel | https://travel.state.gov/",
    "entry": "/entry KP GB tour-only | Only on operator tours | https://www.gov.uk/foreign-travel-advice/north-korea",
    "event": "/event KP 2025-03-05 suspension | Rason tours paused | https://www.rfa.org/english/ | Rason only",
    "report": "/report KP 2025-04 | A runner (UK) | Ran the marathon in a group | https://koryogroup.com/blog/",
    "howto": "/howto KP operator | Koryo Tours | Runs group tours from Beijing | https://koryogroup.com",
}


def admin_only(func: Handler) -> Handler:
    @functools.wraps(func)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Any:
        services = svc(context)
        user = update.effective_user
        chat = update.effective_chat
        if user is None or user.id not in services.settings.admin_ids or chat is None or chat.type != ChatType.PRIVATE:
            log.warning("refused admin command %s from a non-admin (update %s)", func.__name__, update.update_id)
            if update.effective_message:
                await update.effective_message.reply_text(REFUSAL)
            return None
        return await func(update, context)

    wrapper.admin_only = True  # type: ignore[attr-defined]
    return wrapper


def _args(update: Update) -> str:
    text = update.effective_message.text or ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def _usage(update: Update, name: str, problem: str = "") -> None:
    lines = [problem] if problem else []
    lines.append(f"Usage: {USAGE[name]}")
    if name in EXAMPLE:
        lines.append(f"Example: {EXAMPLE[name]}")
    await update.effective_message.reply_text("\n".join(lines), link_preview_options=None)


async def _applied(update: Update, context: ContextTypes.DEFAULT_TYPE, result: Any) -> None:
    services = svc(context)
    if result.duplicate:
        await update.effective_message.reply_text("Already applied (this update was delivered twice).")
        return
    services.engine.refresh()
    changes = detect_changes(services.engine.kb, [result.code])
    sent = await notify_changes(context, changes)
    await update.effective_message.reply_text(
        f"Done (change #{result.audit_id}): {result.code} {result.summary}. "
        f"{sent} follower(s) notified. /undo reverts it."
    )


Parsed = tuple[str, str, dict[str, Any]] | None
Parser = Callable[[str, list[str], list[str] | None], Parsed]


def _fields(fields: list[str] | None, minimum: int, maximum: int) -> list[str] | None:
    """The '|'-separated fields, if there are between minimum and maximum and the required ones are filled."""
    if fields is None or not minimum <= len(fields) <= maximum or not all(fields[:minimum]):
        return None
    return fields


def _change(name: str) -> Handler:
    """A change command: parse the arguments, apply through Admin, report and notify."""

    @admin_only
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await apply_change(update, context, name, _args(update))

    handler.__name__ = f"admin_{name}"
    return handler


async def apply_change(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, args: str) -> None:
    """Parse one-line arguments for a change command and apply them (the guided flow ends here too)."""
    parse = PARSERS[name]
    head, _, rest = args.partition(" ")
    before, sep, after = rest.partition("|")
    fields = [f.strip() for f in after.split("|")] if sep else None
    try:
        parsed = parse(head.upper(), before.split(), fields) if head else None
    except ValueError:
        parsed = None
    if parsed is None:
        await _usage(update, name, "I could not read that.")
        return
    code, action, data = parsed
    try:
        result = Admin(svc(context).engine.kb.conn).apply(
            update.effective_user.id, update.update_id, code, action, data
        )
    except AdminError as exc:
        await _usage(update, name, f"Not applied: {exc}")
        return
    await _applied(update, context, result)


def _p_status(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 2, 2)
    if not got or len(words) != 1:
        return None
    return code, "status", {"state": words[0].lower(), "summary": got[0], "source": got[1]}


def _p_advisory(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 2, 2)
    if not got or len(words) != 2:
        return None
    level = None if words[1] == "-" else int(words[1])
    return code, "advisory", {"issuer": words[0].upper(), "level": level, "label": got[0], "source": got[1]}


def _p_entry(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 2, 3)
    if not got or len(words) != 2:
        return None
    passports = [p.strip().upper() for p in words[0].split(",") if p.strip()]
    data = {"passports": passports, "verdict": words[1].lower(), "summary": got[0], "source": got[1]}
    if len(got) == 3 and got[2]:
        data["details"] = got[2]
    return code, "entry", data


def _p_unentry(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    return (code, "unentry", {"passport": words[0]}) if len(words) == 1 and fields is None else None


def _p_event(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 2, 3)
    if not got or len(words) != 2:
        return None
    data = {"date": words[0], "kind": words[1].lower(), "summary": got[0], "source": got[1]}
    if len(got) == 3 and got[2]:
        data["scope"] = got[2]
    return code, "event", data


def _p_report(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 3, 4)
    if not got or len(words) != 1:
        return None
    tags = got[3].replace(",", " ").split() if len(got) == 4 else []
    return code, "report", {"date": words[0], "traveler": got[0], "summary": got[1], "source": got[2], "tags": tags}


def _p_howto(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    got = _fields(fields, 3, 3)
    if not got or len(words) != 1:
        return None
    return code, "howto", {"kind": words[0].lower(), "name": got[0], "summary": got[1], "source": got[2]}


def _p_alias(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    return (code, "alias", {"name": " ".join(words)}) if words and fields is None else None


def _p_unalias(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    return (code, "unalias", {"name": " ".join(words)}) if words and fields is None else None


def _p_remove(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    if len(words) != 2 or not words[1].isdigit() or fields is not None:
        return None
    return code, "remove", {"kind": words[0].lower(), "number": int(words[1])}


def _p_verify(code: str, words: list[str], fields: list[str] | None) -> Parsed:
    return (code, "verify", {}) if not words and fields is None else None


PARSERS: dict[str, Parser] = {
    "status": _p_status,
    "advisory": _p_advisory,
    "entry": _p_entry,
    "unentry": _p_unentry,
    "event": _p_event,
    "report": _p_report,
    "howto": _p_howto,
    "alias": _p_alias,
    "unalias": _p_unalias,
    "remove": _p_remove,
    "verify": _p_verify,
}
CHANGE_COMMANDS: dict[str, Handler] = {name: _change(name) for name in PARSERS}


def _code_arg(update: Update, services: Services) -> str | None:
    code = _args(update).split()[0].upper() if _args(update) else ""
    return code if code in services.engine.kb.places else None


@admin_only
async def on_facts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = svc(context)
    code = _code_arg(update, services)
    if code is None:
        await _usage(update, "facts", "Which destination?")
        return
    facts = Admin(services.engine.kb.conn).facts(code)
    lines = [f"<b>{html.escape(services.engine.kb.places[code].name)}</b>"]
    for table, kind, field in (("advisories", "advisory", "label"), ("events", "event", "summary"),
                               ("reports", "report", "summary"), ("howto", "howto", "name")):
        for i, row in enumerate(facts[table], 1):
            lines.append(f"{kind} {i}: {html.escape(str(row[field])[:80])} (checked {row['checked']})")
    await update.effective_message.reply_text("\n".join(lines)[:4000], parse_mode=ParseMode.HTML)


@admin_only
async def on_history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = svc(context)
    code = _code_arg(update, services)
    if code is None:
        await _usage(update, "history", "Which destination?")
        return
    rows = Admin(services.engine.kb.conn).history(code)
    text = "\n".join(f"#{r['id']} {r['at']} admin {r['admin_id']}: {r['action']}" for r in rows)
    await update.effective_message.reply_text(text or f"No changes recorded for {code}.")


@admin_only
async def on_undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        result = Admin(svc(context).engine.kb.conn).undo(update.effective_user.id, update.update_id)
    except AdminError as exc:
        await update.effective_message.reply_text(str(exc))
        return
    await _applied(update, context, result)


@admin_only
async def on_export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    services = svc(context)
    with tempfile.TemporaryDirectory() as tmp:
        paths = export_all(services.engine.kb.conn, Path(tmp))
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
async def on_pending(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rows = svc(context).engine.kb.conn.execute(
        "SELECT id, code, at, text FROM pending_reports WHERE state = 'pending' ORDER BY id LIMIT 20"
    ).fetchall()
    if not rows:
        await update.effective_message.reply_text("No report is waiting.")
        return
    text = "\n\n".join(f"#{r[0]} {r[1]} ({r[2][:10]}): {r[3][:600]}" for r in rows)
    await update.effective_message.reply_text(text[:4000] + "\n\n/approve N or /reject N [reason]")


async def _moderate(update: Update, context: ContextTypes.DEFAULT_TYPE, approve: bool) -> None:
    services = svc(context)
    conn = services.engine.kb.conn
    parts = _args(update).split(maxsplit=1)
    name = "approve" if approve else "reject"
    if not parts or not parts[0].isdigit():
        await _usage(update, name)
        return
    row = conn.execute("SELECT id, user_id, code, text, named, state, at FROM pending_reports WHERE id = ?",
                       (int(parts[0]),)).fetchone()
    if row is None or row[5] != "pending":
        await update.effective_message.reply_text(f"There is no pending report #{parts[0]}.")
        return
    report_id, user_id, code, text, named, _state, at = row
    if approve:
        try:
            result = Admin(conn).apply(
                update.effective_user.id, update.update_id, code, "report",
                {"traveler": named or "A traveler (shared via Borderline)", "date": at[:10], "summary": text,
                 "source": "https://t.me/borderline_reports", "tags": ["shared"], "origin": "shared",
                 "unverified": True},
            )
        except AdminError as exc:
            await update.effective_message.reply_text(f"Not approved: {exc}")
            return
        with conn:
            conn.execute(
                "UPDATE pending_reports SET state = 'approved', decided_at = datetime('now'), decided_by = ? "
                "WHERE id = ?", (update.effective_user.id, report_id),
            )
        await _applied(update, context, result)
        outcome = "was approved and now appears in answers. Thank you!"
    else:
        reason = parts[1] if len(parts) > 1 else ""
        with conn:
            conn.execute(
                "UPDATE pending_reports SET state = 'rejected', reason = ?, decided_at = datetime('now'), "
                "decided_by = ? WHERE id = ?", (reason[:300], update.effective_user.id, report_id),
            )
        await update.effective_message.reply_text(f"Report #{report_id} rejected.")
        outcome = "was not published" + (f": {reason}" if reason else ".")
    try:
        await context.bot.send_message(user_id, f"Your report about {code} (#{report_id}) {outcome}")
    except TelegramError as exc:
        log.warning("could not tell a submitter: %s", services.redact.redact(str(exc)))


@admin_only
async def on_approve(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _moderate(update, context, approve=True)


@admin_only
async def on_reject(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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
async def on_unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rows = svc(context).engine.kb.conn.execute("SELECT text FROM unanswered ORDER BY id DESC LIMIT 500").fetchall()
    groups = group_similar([r[0] for r in rows])[:20]
    if not groups:
        await update.effective_message.reply_text("No unanswered questions recorded.")
        return
    text = "\n".join(f"{count}× {html.escape(sample[:100])}" for sample, count in groups)
    await update.effective_message.reply_text("Unanswered, most frequent first:\n" + text)


def stale_rows(services: Services) -> list[str]:
    conn = services.engine.kb.conn
    today = services.engine.today
    out = []
    for table, label, key in (("status", "status", "code"), ("advisories", "advisory", "code"),
                              ("entry_rules", "entry rule", "destination"), ("events", "event", "code"),
                              ("reports", "report", "code"), ("howto", "how-to", "code")):
        extra = " WHERE origin = 'curated'" if table in ("advisories", "entry_rules", "reports") else ""
        for code, checked in conn.execute(f"SELECT {key}, checked FROM {table}{extra}"):
            age = age_days(checked, today)
            if age > services.settings.stale_days:
                out.append(f"{code} {label}: checked {checked} ({age} days)")
    return sorted(out)


@admin_only
async def on_stale(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rows = stale_rows(svc(context))
    summary = Counter(r.split()[0] for r in rows)
    head = ", ".join(f"{c} {n}" for c, n in summary.most_common(15))
    text = f"{len(rows)} stale fact(s). By destination: {head}\n\n" + "\n".join(rows[:40]) if rows else "Nothing stale."
    await update.effective_message.reply_text(text[:4000] + ("\n\n/verify CODE after re-checking." if rows else ""))


async def stale_digest(context: ContextTypes.DEFAULT_TYPE) -> None:
    services = svc(context)
    rows = stale_rows(services)
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
async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    conn = svc(context).engine.kb.conn
    days = conn.execute(
        "SELECT substr(at, 1, 10) d, count(*), sum(answered) FROM questions GROUP BY d ORDER BY d DESC LIMIT 7"
    ).fetchall()
    top = conn.execute(
        "SELECT destination, count(*) n FROM questions WHERE destination IS NOT NULL GROUP BY destination "
        "ORDER BY n DESC LIMIT 5"
    ).fetchall()
    lines = ["day         asked  answered"]
    lines += [f"{d}  {n:5d}  {100 * (a or 0) / n:5.0f}%" for d, n, a in days]
    lines.append("")
    lines.append("top: " + (", ".join(f"{c} {n}" for c, n in top) or "none"))
    await update.effective_message.reply_text("<pre>" + html.escape("\n".join(lines)) + "</pre>",
                                              parse_mode=ParseMode.HTML)


async def on_share(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any user may submit a first-hand report; it waits for an admin."""
    head, _, body = _args(update).partition(" ")
    await submit_share(update, context, head.upper(), body)


async def submit_share(update: Update, context: ContextTypes.DEFAULT_TYPE, code: str, body: str) -> None:
    services = svc(context)
    if code not in services.engine.kb.places or len(body.strip()) < 20:
        await update.effective_message.reply_text(
            "Usage: /share KP what you experienced (at least 20 characters, in your own words), or just /share "
            "to be asked step by step. An admin reviews it before it appears in answers; start with "
            "'name: Your Name;' to be credited."
        )
        return
    named = None
    if body.lower().startswith("name:") and ";" in body:
        named, body = (part.strip() for part in body[5:].split(";", 1))
    conn = services.engine.kb.conn
    with conn:
        cur = conn.execute(
            "INSERT INTO pending_reports (at, user_id, code, text, named) VALUES (datetime('now'), ?, ?, ?, ?)",
            (update.effective_user.id, code, body.strip()[:1500], named[:60] if named else None),
        )
    await update.effective_message.reply_text(
        f"Thank you! Your report #{cur.lastrowid} about {services.engine.kb.places[code].name} waits for review."
    )
    for admin in sorted(services.settings.admin_ids):
        with contextlib.suppress(TelegramError):  # the report is stored; the ping is a courtesy
            await context.bot.send_message(admin, f"New traveler report #{cur.lastrowid} for {code}. /pending")


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
}
ADMIN_MENU = [(name, USAGE.get(name, name).split("   ")[0][:256]) for name in ADMIN_COMMANDS]
