"""What a private chat was last about, so a follow-up ("and with a UK passport?") needs no repeating."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

CONTEXT_SECONDS = 30 * 60


@dataclass
class Conversation:
    codes: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    at: float = 0.0
    lang: str | None = None  # the language of the last answer: a bare follow-up ("UK?") keeps it

    def fresh(self, now: float | None = None) -> bool:
        return bool(self.codes) and (time.monotonic() if now is None else now) - self.at < CONTEXT_SECONDS

    def remember(self, codes: list[str], passports: list[str], lang: str | None = None, *,
                 now: float | None = None) -> None:
        self.codes, self.passports, self.lang = list(codes), list(passports), lang
        self.at = time.monotonic() if now is None else now
