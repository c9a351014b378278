"""Per-user flood limit: a polite warning once, then silence until the user slows down."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class FloodGate:
    limit: int = 8
    window: float = 10.0
    cooldown: float = 30.0
    _hits: dict[int, deque[float]] = field(default_factory=dict)
    _muted_until: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int, now: float | None = None) -> str:
        """'ok' to answer, 'warn' to send the one slow-down notice, 'mute' to stay silent."""
        now = time.monotonic() if now is None else now
        if self._muted_until.get(user_id, 0.0) > now:
            return "mute"
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] > self.window:
            hits.popleft()
        hits.append(now)
        if len(hits) > self.limit:
            self._muted_until[user_id] = now + self.cooldown
            hits.clear()
            return "warn"
        if len(self._hits) > 10_000:  # keep memory bounded under many users
            for uid in [u for u, h in self._hits.items() if not h or now - h[-1] > self.window][:5000]:
                self._hits.pop(uid, None)
        return "ok"
