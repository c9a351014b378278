"""Settings come from the environment so one build runs locally, in CI and in production."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_KB_PATH = PROJECT_ROOT / "var" / "borderline.sqlite"
TOKEN_PATTERN = r"\d{3,}:[A-Za-z0-9_-]{20,}"  # a bot token as @BotFather issues it (validated, and redacted in logs)
TOKEN_RE = re.compile(rf"^{TOKEN_PATTERN}$")
STALE_DAYS_DEFAULT = 180


def _ids(raw: str) -> frozenset[int]:
    return frozenset(int(part) for part in re.split(r"[,\s]+", raw.strip()) if part.lstrip("-").isdigit())


@dataclass(frozen=True)
class Settings:
    token: str = ""
    api_url: str = "https://api.telegram.org"
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    kb_path: Path = DEFAULT_KB_PATH
    knowledge_dir: Path = KNOWLEDGE_DIR
    webhook_url: str = ""
    port: int = 8443
    log_level: str = "INFO"
    stale_days: int = STALE_DAYS_DEFAULT
    flood_limit: int = 8
    flood_window: float = 10.0
    flood_cooldown: float = 30.0
    change_poll_seconds: float = 60.0
    stale_digest_at: dt.time = dt.time(8, 0)
    stale_digest_now: bool = False
    http_timeout: float = 15.0
    rate_limits: bool = True  # Telegram's own limits; off only for benchmarks or a self-hosted Bot API server
    # Updates handled at once. Answering is CPU work on two cores: a few at a time beat many, and 4 sends in
    # flight already exceed Telegram's 30 messages/s at a 100 ms round trip.
    concurrent_updates: int = 4
    refresh_hours: float = 6.0  # how often the official advisory feeds are polled
    refresh_enabled: bool = True
    feed_env: tuple[tuple[str, str], ...] = ()  # FEED_*_URL overrides (a mirror, or a local test server)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            api_url=env.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/"),
            admin_ids=_ids(env.get("ADMIN_IDS", "")),
            kb_path=Path(env.get("KB_PATH") or DEFAULT_KB_PATH),
            knowledge_dir=Path(env.get("KNOWLEDGE_DIR") or KNOWLEDGE_DIR),
            webhook_url=env.get("WEBHOOK_URL", "").strip(),
            port=int(env.get("PORT") or 8443),
            log_level=(env.get("LOG_LEVEL") or "INFO").upper(),
            stale_days=int(env.get("STALE_DAYS") or STALE_DAYS_DEFAULT),
            flood_limit=int(env.get("FLOOD_LIMIT") or 8),
            flood_window=float(env.get("FLOOD_WINDOW") or 10),
            flood_cooldown=float(env.get("FLOOD_COOLDOWN") or 30),
            change_poll_seconds=float(env.get("CHANGE_POLL_SECONDS") or 60),
            stale_digest_at=dt.time.fromisoformat(env.get("STALE_DIGEST_AT") or "08:00"),
            stale_digest_now=bool(env.get("STALE_DIGEST_NOW")),
            http_timeout=float(env.get("BOT_HTTP_TIMEOUT") or 15),
            rate_limits=(env.get("TELEGRAM_RATE_LIMITS") or "on").lower() not in ("off", "0", "no"),
            concurrent_updates=max(1, int(env.get("CONCURRENT_UPDATES") or 4)),
            refresh_hours=float(env.get("REFRESH_HOURS") or 6),
            refresh_enabled=(env.get("REFRESH") or "on").lower() not in ("off", "0", "no"),
            feed_env=tuple(sorted((k, v) for k, v in env.items() if k.startswith("FEED_") and k.endswith("_URL"))),
        )

    def token_is_valid(self) -> bool:
        return bool(TOKEN_RE.match(self.token))
