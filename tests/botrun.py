"""Starts the real `python -m bot run` process against a Bot API test double."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tests.conftest import ROOT

if TYPE_CHECKING:
    from bot.devtools.botapi_double import BotApiDouble


class BotProcess:
    def __init__(self, double: BotApiDouble, db: Path, log: Path, **env: str) -> None:
        self.log = log
        full_env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": double.token,
            "TELEGRAM_API_URL": double.url,
            "KB_PATH": str(db),
            "LOG_LEVEL": "INFO",
            "CHANGE_POLL_SECONDS": "3600",
            **env,
        }
        self._log_file = log.open("a", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=full_env,
                                     stdout=self._log_file, stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self._log_file.close()

    def terminate(self, timeout: float = 15.0) -> float:
        """SIGTERM; returns how long the process took to exit."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._log_file.close()
        return time.monotonic() - started

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")
