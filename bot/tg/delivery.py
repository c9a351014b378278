"""Delivery guarantees around python-telegram-bot: no update lost to a crash, no answer lost to a hiccup.

Long polling confirms a batch of updates as soon as the next batch is requested, whether or not
the first was handled. If the process dies in between, Telegram never resends them. So every
update is written to an inbox table the moment it arrives, removed when it has been handled,
and replayed on start-up; handled update ids are remembered for a while so a batch that
Telegram sends again after a crash is not answered twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from telegram import Update
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ExtBot, SimpleUpdateProcessor

from bot.storage.database import ConnSource
from bot.storage.inbox import InboxStore
from bot.storage.questions import Asked

log = logging.getLogger("borderline.delivery")
PERMANENT = (BadRequest, Forbidden, InvalidToken, Conflict, EndPointNotFound, RetryAfter)


class Inbox:
    """Updates received but not yet handled. Handled updates are marked, and their questions counted, in one
    transaction per burst instead of three commits per update: a crash before that write replays those
    updates (a duplicate answer at worst), it never loses one."""

    FLUSH_EVERY = 64

    def __init__(self, conn: ConnSource) -> None:
        self.store = InboxStore(conn)
        self.skip: set[int] = set()  # delivered twice: passed on so the offset advances, but not handled
        self._done: list[int] = []
        self._asked: list[Asked] = []
        self._since_prune = 0

    def accept(self, updates: Sequence[Update], raw: dict[int, dict[str, Any]] | None = None) -> None:
        """Store new updates durably; mark those already held or handled to be skipped."""
        raw = raw or {}
        known = self.store.accept([(u.update_id, raw.get(u.update_id) or u.to_dict()) for u in updates])
        if known:
            self.skip |= known
            log.info("ignoring %d update(s) delivered twice", len(known))

    def asked(self, question: Asked) -> None:
        """Count a question with the next write (the update's own handled-mark)."""
        self._asked.append(question)

    def done(self, update_id: int) -> None:
        self._done.append(update_id)

    @property
    def waiting(self) -> int:
        return len(self._done) + len(self._asked)

    def flush(self) -> None:
        done, asked = self._done, self._asked
        self._done, self._asked = [], []
        self.store.finish(done, asked)
        self._since_prune += len(done)
        if self._since_prune >= 1000:
            self._since_prune = 0
            self.store.prune()

    def start(self, bot_id: int) -> None:
        self.store.start(bot_id)

    def pending(self) -> list[dict[str, Any]]:
        return self.store.pending()


class DurableBot(ExtBot):
    """An ExtBot whose getUpdates result is in the inbox before anyone sees it."""

    def __init__(self, *args: Any, inbox: Inbox | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self.inbox = inbox

    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, *args, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            with self._unfrozen():
                self._raw_updates = result  # Telegram's own JSON: stored as it came, not re-serialised
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        with self._unfrozen():
            self._raw_updates: list[dict[str, Any]] = []
        updates = await super().get_updates(*args, **kwargs)
        if self.inbox is not None:
            raw = {item.get("update_id"): item for item in self._raw_updates if isinstance(item, dict)}
            self.inbox.accept(updates, raw)
        return updates  # all of them, so the next poll's offset confirms the duplicates too


class InboxProcessor(SimpleUpdateProcessor):
    """Marks an update handled once its handlers have run (errors included: no poison loops)."""

    def __init__(self, max_concurrent_updates: int, inbox: Inbox) -> None:
        super().__init__(max_concurrent_updates)
        self.inbox = inbox
        self._active = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update) and update.update_id in self.inbox.skip:
            self.inbox.skip.discard(update.update_id)
            if hasattr(coroutine, "close"):
                coroutine.close()  # never started, so nothing is half done
            return
        self._active += 1
        try:
            await coroutine
        finally:
            self._active -= 1
            if isinstance(update, Update):
                self.inbox.done(update.update_id)
            if self._active == 0 or self.inbox.waiting >= Inbox.FLUSH_EVERY:
                self.inbox.flush()

    async def shutdown(self) -> None:
        self.inbox.flush()
        await super().shutdown()


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
