"""Telegram misbehaves, the process is killed: every question still gets its answer, no edit is lost or doubled."""

from __future__ import annotations

import sqlite3
import time
from collections import Counter
from pathlib import Path

from bot.devtools.botapi_double import BotApiDouble
from tests.botrun import BotProcess
from tests.fault_scenario import run_storm
from tests.harness import private_copy


def test_fault_storm_loses_no_answer_and_no_admin_edit(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    result = run_storm(db, updates=1000, rate=0.10, log=tmp_path / "bot.log")
    log = (tmp_path / "bot.log").read_text()
    assert result["faults_injected"] >= 50, result
    assert len(result["fault_kinds"]) >= 5, result
    assert result["lost_answers"] == 0, (result, log[-3000:])
    assert result["admin_aliases_stored"] == 5 and result["admin_audit_rows"] == 5, result
    assert result["integrity"] == "ok"
    assert result["violations"] == 0
    assert result["sigterm_exit_s"] < 5, result
    assert "bot @borderline_test_bot ready" in log and "Application.stop() complete" in log  # ran to the end


def test_sigkill_mid_stream_then_restart_answers_everything(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    log = tmp_path / "bot.log"
    chats, per_chat = 100, 4
    with BotApiDouble() as double:
        bot = BotProcess(double, db, log, FLOOD_LIMIT="100000")
        double.wait_for("getUpdates", timeout=30)
        for i in range(chats * per_chat):
            double.push_update(double.message_update("is cuba open?", chat_id=20_000 + i % chats))
        double.wait_for("sendMessage", count=60, timeout=60)
        bot.kill()
        killed_at = len(double.sent_messages())
        assert killed_at < chats * per_chat, "the kill came too late to test anything"
        bot = BotProcess(double, db, log, FLOOD_LIMIT="100000")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            answered = Counter(int(c.params["chat_id"]) for c in double.sent_messages())
            if all(answered[20_000 + c] >= per_chat for c in range(chats)):
                break
            time.sleep(0.2)
        stopped_in = bot.terminate()
        answered = Counter(int(c.params["chat_id"]) for c in double.sent_messages())
        missing = {c: per_chat - answered[20_000 + c] for c in range(chats) if answered[20_000 + c] < per_chat}
        assert not missing, (missing, log.read_text()[-3000:])
        double.assert_no_violations()
    assert stopped_in < 5
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM inbox").fetchone()[0] == 0
    finally:
        conn.close()
