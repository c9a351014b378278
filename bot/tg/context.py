"""What every handler receives: python-telegram-bot's context, typed, with the bot's services attached.

`Services` is the Application's `bot_data` (PTB's ContextTypes), so handlers write
`context.services.engine` instead of looking up a dictionary key.
"""

from __future__ import annotations

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.answering.engine import Engine
from bot.config import Settings
from bot.logsetup import RedactToken
from bot.storage.database import data_version
from bot.storage.questions import Asked, record_questions
from bot.storage.users import UserStore
from bot.tg.delivery import Inbox
from bot.tg.flood import FloodGate


class Services:
    """Attached once by `build_application`; PTB creates it empty as the Application's bot_data."""

    settings: Settings
    engine: Engine
    users: UserStore
    flood: FloodGate
    redact: RedactToken
    inbox: Inbox | None

    def __init__(self) -> None:
        self.data_version = 0

    def attach(self, settings: Settings, engine: Engine, inbox: Inbox | None) -> None:
        self.settings = settings
        self.engine = engine
        self.inbox = inbox
        self.users = UserStore(lambda: engine.kb.conn)
        self.flood = FloodGate(limit=settings.flood_limit, window=settings.flood_window,
                               cooldown=settings.flood_cooldown)
        self.redact = RedactToken(settings.token)

    def record(self, asked: Asked) -> None:
        """Count a question: with the update's handled-mark when there is an inbox, else at once."""
        if self.inbox is not None:
            self.inbox.asked(asked)
        else:
            record_questions(self.engine.kb.conn, [asked])

    def kb_changed(self) -> bool:
        """Did another connection write to the database since we last looked?"""
        version = data_version(self.engine.kb.conn)
        changed, self.data_version = version != self.data_version, version
        return changed


class BotContext(CallbackContext[ExtBot, dict, dict, Services]):
    @property
    def services(self) -> Services:
        return self.bot_data


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=Services)
BotApp = Application[ExtBot, BotContext, dict, dict, Services, object]
