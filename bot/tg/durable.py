"""Delivery guarantees around python-telegram-bot: no update lost to a crash, no answer lost to a hiccup.

Long polling confirms a batch of updates as soon as the next batch is requested, whether or not
the first was handled. If the process dies in between, Telegram never resends them. So every
update is written to an inbox table the moment it arrives, removed when it has been handled,
and replayed on start-up; handled update ids are remembered for a while so a batch that
Telegram sends again after a crash is not answered twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ExtBot, SimpleUpdateProcessor

from bot.store import ConnSource, now_iso, resolve

log = logging.getLogger("borderline.delivery")
KEEP_PROCESSED = dt.timedelta(days=2)
PERMANENT = (BadRequest, Forbidden, InvalidToken, Conflict, EndPointNotFound, RetryAfter)


class Inbox:
    """Updates received but not yet handled, and the ids of recently handled ones."""

    def __init__(self, conn: ConnSource) -> None:
        self._conn = conn
        self._since_prune = 0
        self.skip: set[int] = set()  # delivered twice: passed on so the offset advances, but not handled

    @property
    def conn(self) -> sqlite3.Connection:
        return resolve(self._conn)

    def accept(self, updates: Sequence[Update]) -> None:
        """Store new updates durably; mark those already held or handled to be skipped."""
        if not updates:
            return
        ids = [u.update_id for u in updates]
        marks = ",".join("?" * len(ids))
        known = {
            r[0]
            for r in self.conn.execute(
                f"SELECT update_id FROM inbox WHERE update_id IN ({marks}) "
                f"UNION SELECT update_id FROM processed_updates WHERE update_id IN ({marks})",
                ids + ids,
            )
        }
        fresh = [u for u in updates if u.update_id not in known]
        if fresh:
            now = now_iso()
            with self.conn:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)",
                    [(u.update_id, now, json.dumps(u.to_dict(), ensure_ascii=False)) for u in fresh],
                )
        if len(fresh) < len(updates):
            self.skip |= known
            log.info("ignoring %d update(s) delivered twice", len(updates) - len(fresh))

    def done(self, update_id: int) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM inbox WHERE update_id = ?", (update_id,))
            self.conn.execute(
                "INSERT OR IGNORE INTO processed_updates (update_id, at) VALUES (?, ?)", (update_id, now_iso())
            )
        self._since_prune += 1
        if self._since_prune >= 1000:
            self._since_prune = 0
            with self.conn:
                self._prune()

    def _prune(self) -> None:
        """Telegram restarts update ids at random after a quiet week; old ids must not block new updates."""
        cutoff = (dt.datetime.now(dt.UTC) - KEEP_PROCESSED).replace(microsecond=0).isoformat()
        self.conn.execute("DELETE FROM processed_updates WHERE at < ?", (cutoff,))

    def start(self, bot_id: int) -> None:
        """Forget update ids of another bot (ids are per bot) and those too old to come back."""
        row = self.conn.execute("SELECT value FROM bot_state WHERE key = 'bot_id'").fetchone()
        with self.conn:
            if row is None or row[0] != str(bot_id):
                self.conn.execute("DELETE FROM inbox")
                self.conn.execute("DELETE FROM processed_updates")
                self.conn.execute("INSERT OR REPLACE INTO bot_state (key, value) VALUES ('bot_id', ?)", (str(bot_id),))
            self._prune()

    def pending(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT payload FROM inbox ORDER BY update_id").fetchall()
        return [json.loads(r[0]) for r in rows]


class DurableBot(ExtBot):
    """An ExtBot whose getUpdates result is in the inbox before anyone sees it."""

    def __init__(self, *args: Any, inbox: Inbox | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.inbox = inbox

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        updates = await super().get_updates(*args, **kwargs)
        if self.inbox is not None:
            self.inbox.accept(updates)
        return updates  # all of them, so the next poll's offset confirms the duplicates too


class InboxProcessor(SimpleUpdateProcessor):
    """Marks an update handled once its handlers have run (errors included: no poison loops)."""

    def __init__(self, max_concurrent_updates: int, inbox: Inbox) -> None:
        super().__init__(max_concurrent_updates)
        self.inbox = inbox

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update) and update.update_id in self.inbox.skip:
            self.inbox.skip.discard(update.update_id)
            if hasattr(coroutine, "close"):
                coroutine.close()  # never started, so nothing is half done
            return
        try:
            await coroutine
        finally:
            if isinstance(update, Update):
                self.inbox.done(update.update_id)


class DeliveredButUnreadable(TelegramError):
    """Telegram answered 2xx with a body we could not parse: the call took effect, so it is not retried."""


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter waits out 429s; this also retries 5xx, timeouts, dropped connections and garbage replies.

    A 2xx reply with a garbled body means Telegram acted, so that is not retried. A timed-out
    send may still reach the chat twice when Telegram had received the first attempt; a
    duplicate is better than a traveler left without an answer.
    """

    def __init__(self, *, network_retries: int = 4, backoff: float = 0.25, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.network_retries = network_retries
        self.backoff = backoff
        self.retried = 0

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except PERMANENT:
                raise
            except TelegramError as exc:
                if type(exc) is TelegramError and "Invalid server response" in str(exc):
                    raise DeliveredButUnreadable(f"{endpoint}: {exc}") from exc
                if attempt == self.network_retries:
                    raise
                self.retried += 1
                log.warning("%s failed (%s); retry %d", endpoint, type(exc).__name__, attempt + 1)
                await asyncio.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")
