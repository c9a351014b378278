"""Understands, composes and renders: the one path shared by the terminal chat, CLI, bot and benchmarks."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from bot.answering.compose import Composer
from bot.answering.conversation import Conversation
from bot.answering.facts import Answer
from bot.answering.render import Renderer
from bot.i18n import DEFAULT, LANGUAGES, normalize
from bot.storage.kb import KnowledgeBase
from bot.understanding.language import detect
from bot.understanding.matcher import TOPICS, Matcher

CACHE_SIZE = 2048


class Engine:
    def __init__(self, kb: KnowledgeBase, *, stale_days: int = 180, today: dt.date | None = None,
                 cache_size: int = CACHE_SIZE) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)
        self.composer = Composer(kb, stale_days=stale_days, today=today)
        self.renderer = Renderer()
        # Answers are a pure function of the question, passports, chat context, knowledge version and day:
        # popular questions (and inline queries typed letter by letter) are composed once.
        self._cache: OrderedDict[tuple, Answer] = OrderedDict()
        self.cache_size = cache_size

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

    def warm_up(self) -> None:
        """Compile every language's catalog and templates now (about 50 ms each), so the first traveler writing in
        a language does not wait for it."""
        for lang in LANGUAGES:
            self.renderer.warm_up(lang)

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
        conversation: Conversation | None = None,
        lang: str | None = None,
        fallback_lang: str | None = None,
    ) -> Answer:
        """Answer a question. `passports` are the asker's saved ones (used when the question names none);
        `code`/`topics` force a destination and topics (buttons, deep links); a `conversation` carries the last
        destination and passports of a private chat over to a follow-up. The answer is in `lang` when given
        (a traveler's /language choice), else in the language the question is written in, else in
        `fallback_lang` (their Telegram setting), else in English."""
        fresh = conversation is not None and conversation.fresh()
        lang = (normalize(lang) or detect(question) or (conversation.lang if fresh else None)
                or normalize(fallback_lang) or DEFAULT)
        key = (question, tuple(passports or ()), tuple(topics) if topics is not None else None, code,
               conversation.state() if fresh else (), self.kb.version, self.today, lang)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            if conversation is not None:
                self._remember(conversation, cached, lang)
            return cached
        answer = self._ask(question, passports, topics=topics, code=code, conversation=conversation, fresh=fresh,
                           lang=lang)
        if self.cache_size:
            self._cache[key] = answer
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return answer

    def _ask(self, question: str, passports: list[str] | None, *, topics: list[str] | None, code: str | None,
             conversation: Conversation | None, fresh: bool, lang: str) -> Answer:
        """`fresh`: the conversation's context is recent enough to carry over (decided once, with the memo key)."""
        u = self.matcher.understand(question)
        if conversation is not None and fresh and code is None:
            conversation.follow(u, self.matcher.understand)
        if not u.passports and passports:
            u.passports = [p for p in dict.fromkeys(passports) if p]
            u.dual = len(u.passports) > 1  # one user's saved passports
        if code is not None:
            u.destinations = [code] if code in self.kb.places else []
            u.confidence = 1.0 if u.destinations else 0.0
            u.ambiguous = []
            if passports:
                u.passports = list(dict.fromkeys(passports))
        if topics is not None:
            u.topics = [t for t in topics if t in TOPICS]
        answer = self.composer.compose(u, detail=code is not None, lang=lang)
        answer.messages = self.renderer.render(answer)
        if conversation is not None:
            self._remember(conversation, answer, lang)
        return answer

    @staticmethod
    def _remember(conversation: Conversation, answer: Answer, lang: str) -> None:
        """What the next message of the chat may follow up on: the place answered (all of them after a comparison)
        with its passports and intent, or, when the bot asked which place was meant, the choices and the passports,
        so the reply ("the big one, kinshasa") keeps them. Other unanswered messages leave the chat as it was."""
        u = answer.understanding
        if answer.answered:
            codes = u.destinations if u.intent == "compare" and len(u.destinations) > 1 else u.destinations[:1]
            conversation.remember(codes, u.passports, lang, intent=u.intent, dual=u.dual)
        elif u.ambiguous and not answer.off_topic:
            conversation.remember([], u.passports, lang, ambiguous=u.ambiguous, dual=u.dual)
        elif u.passports and not u.destinations and not answer.off_topic and not u.context_used:
            conversation.introduce(u.passports, dual=u.dual)  # "my passport is Brazilian", then "can I go to Chechnya"
