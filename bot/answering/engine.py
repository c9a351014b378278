"""Understands, composes and renders: the one path shared by the terminal chat, CLI, bot and benchmarks."""

from __future__ import annotations

import datetime as dt

from bot.answering.compose import Composer
from bot.answering.facts import Answer
from bot.answering.render import Renderer
from bot.storage.kb import KnowledgeBase
from bot.understanding.matcher import TOPICS, Matcher


class Engine:
    def __init__(self, kb: KnowledgeBase, *, stale_days: int = 180, today: dt.date | None = None) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)
        self.composer = Composer(kb, stale_days=stale_days, today=today)
        self.renderer = Renderer()

    @property
    def today(self) -> dt.date:
        return self.composer.today

    @property
    def stale_days(self) -> int:
        return self.composer.stale_days

    def refresh(self) -> None:
        """Pick up knowledge-base edits (admin commands) without a restart."""
        self.kb.reload()
        self.matcher = Matcher(self.kb)

    def resolve_code(self, raw: str) -> str | None:
        """A destination or passport code from what someone typed ('kp', 'KP', 'North Korea')."""
        text = raw.strip()
        if text.upper() in self.kb.places:
            return text.upper()
        u = self.matcher.understand(text)
        if u.sure and len(u.destinations) == 1:
            return u.destinations[0]
        if u.passports and not u.destinations and len(u.passports) == 1:
            return u.passports[0]
        return None

    def ask(
        self,
        question: str,
        passports: list[str] | None = None,
        *,
        topics: list[str] | None = None,
        code: str | None = None,
    ) -> Answer:
        """Answer a question; `code`/`topics` force a destination and topics (buttons, deep links)."""
        understanding = self.matcher.understand(question, passports)
        if code is not None:
            understanding.destinations = [code] if code in self.kb.places else []
            understanding.confidence = 1.0 if understanding.destinations else 0.0
            understanding.ambiguous = []
        if topics is not None:
            understanding.topics = [t for t in topics if t in TOPICS]
        if passports and code is not None:
            understanding.passports = list(dict.fromkeys(passports))
        answer = self.composer.compose(understanding)
        answer.messages = self.renderer.render(answer)
        return answer
