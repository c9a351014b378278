"""The fault-injection run: a stream of questions and admin edits while 10% of Bot API calls fail.

`python -m tests.fault_scenario` prints the figures quoted in the README; tests/test_faults.py
asserts on the same run at a smaller size.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bot.devtools.botapi_double import BotApiDouble
from bot.storage.build import build
from tests.botrun import BotProcess
from tests.conftest import KNOWLEDGE

ADMIN = 777
QUESTIONS = ("is cuba open?", "is turkmenistan open?", "is bhutan open?", "is eritrea open?", "is tibet open?")


def run_storm(db: Path, updates: int = 1000, rate: float = 0.10, seed: int = 7, chats: int = 200,
              admin_edits: int = 5, log: Path | None = None) -> dict[str, float]:
    log = log or Path(tempfile.mkstemp(suffix=".log")[1])
    with BotApiDouble() as double:
        double.set_faults(rate, seed=seed, slow_seconds=3.0)
        bot = BotProcess(double, db, log, BOT_HTTP_TIMEOUT="2", FLOOD_LIMIT="100000", ADMIN_IDS=str(ADMIN))
        try:
            double.wait_for("getUpdates", timeout=30)
            started = time.monotonic()
            expected: Counter[int] = Counter()
            for i in range(updates - admin_edits):
                chat = 10_000 + i % chats
                double.push_update(double.message_update(QUESTIONS[(i // chats) % len(QUESTIONS)], chat_id=chat))
                expected[chat] += 1
            for k in range(admin_edits):
                double.push_update(double.message_update(f"/alias KP Faultville {k}", chat_id=ADMIN))
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                answered = Counter(int(c.params["chat_id"]) for c in double.sent_messages())
                if all(answered[c] >= n for c, n in expected.items()) and answered[ADMIN] >= admin_edits:
                    break
                time.sleep(0.2)
            elapsed = time.monotonic() - started
            time.sleep(1.0)  # let late retries land so duplicates are counted
            answered = Counter(int(c.params["chat_id"]) for c in double.sent_messages())
            stopped_in = bot.terminate()
        except BaseException:
            bot.terminate()
            raise
        conn = sqlite3.connect(db)
        try:
            aliases = conn.execute("SELECT count(*) FROM names WHERE name LIKE 'Faultville %'").fetchone()[0]
            audits = conn.execute("SELECT count(*) FROM audit WHERE action = 'alias'").fetchone()[0]
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
        lost = sum(max(0, n - answered[c]) for c, n in expected.items())
        duplicates = sum(max(0, answered[c] - n) for c, n in expected.items())
        return {
            "updates": updates,
            "fault_rate": rate,
            "faults_injected": sum(double.faults_injected.values()),
            "fault_kinds": dict(double.faults_injected),
            "questions": sum(expected.values()),
            "lost_answers": lost,
            "duplicate_answers": duplicates,
            "admin_edits_sent": admin_edits,
            "admin_aliases_stored": aliases,
            "admin_audit_rows": audits,
            "seconds": round(elapsed, 1),
            "sigterm_exit_s": round(stopped_in, 2),
            "integrity": integrity,
            "violations": len(double.violations),
        }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.sqlite"
        build(KNOWLEDGE, db)
        print(json.dumps(run_storm(db, log=Path(tmp) / "bot.log"), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
