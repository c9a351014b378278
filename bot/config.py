"""Settings come from the environment so one build runs locally, in CI and in production."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_KB_PATH = PROJECT_ROOT / "var" / "borderline.sqlite"
TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
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
        )

    def token_is_valid(self) -> bool:
        return bool(TOKEN_RE.match(self.token))
