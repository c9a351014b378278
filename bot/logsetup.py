"""Logging that never shows the bot token, whatever library logs it and at whatever level."""

from __future__ import annotations

import logging
import re

from bot.config import TOKEN_PATTERN

_TOKEN_RE = re.compile(TOKEN_PATTERN)


class RedactToken(logging.Filter):
    """Replaces anything token-shaped (and the configured token) in the final message."""

    def __init__(self, token: str = "") -> None:
        super().__init__()
        self.token = token

    def redact(self, text: str) -> str:
        if self.token:
            text = text.replace(self.token, "<token>")
        return _TOKEN_RE.sub("<token>", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


def configure(level: str = "INFO", token: str = "") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # httpx logs every request URL (which contains the token) at INFO; keep it to warnings.
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
