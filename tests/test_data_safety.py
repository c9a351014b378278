"""Data safety: schema migrations, unexported admin edits, backups, idempotent edits, the token in logs."""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.render import html_problems
from bot.logsetup import RedactToken, configure
from bot.storage import database as store
from bot.storage.build import UnexportedEdits, build
from bot.storage.edits import Admin, export_all
from bot.storage.kb import KnowledgeBase
from bot.storage.questions import record_question
from bot.storage.users import UserStore
from tests.conftest import ROOT, TODAY
from tests.harness import private_copy

TOKEN = "987654321:AAH-secret-token-value-xyz_0123456789"
EVENT = {"date": "2026-11-20", "kind": "reopening", "summary": "Tours resume in a test.",
         "source": "https://example.org/news/tours-resume-in-a-test"}


def downgrade_to_v1(path: Path) -> None:
    """Turn a current database into what schema version 1 of the bot wrote."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TABLE exports")
        conn.execute("DROP TABLE inbox")
        conn.execute("DROP TABLE bot_state")
        conn.execute("DROP INDEX processed_updates_at")
        conn.execute("ALTER TABLE pending_reports DROP COLUMN decided_at")
        conn.execute("ALTER TABLE pending_reports DROP COLUMN decided_by")
        conn.execute("DROP TABLE chat_languages")
        conn.execute("ALTER TABLE subscriptions DROP COLUMN lang")
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_older_database_is_upgraded_in_place_without_losing_anything(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    downgrade_to_v1(db)
    conn = store.connect(db)
    assert store.schema_version(conn) == 1
    UserStore(conn).set_passports(11, ["US", "MX"])
    conn.execute("INSERT INTO subscriptions (user_id, code, created_at) VALUES (11, 'KP', '2026-11-01')")  # v1's
    Admin(conn).apply(777, 5001, "KP", "event", EVENT)
    conn.execute("INSERT INTO pending_reports (at, user_id, code, text) VALUES ('2026-11-01', 11, 'KP', 'old')")
    conn.commit()
    conn.close()

    kb = KnowledgeBase(db)  # the newer bot opens the older file
    try:
        assert store.schema_version(kb.conn) == store.SCHEMA_VERSION == 7
        assert UserStore(kb.conn).passports(11) == ["US", "MX"]
        assert UserStore(kb.conn).followers("KP") == [11]
        assert "Tours resume in a test." in Engine(kb, today=TODAY).ask("north korea timeline").messages[0]
        cols = {r[1] for r in kb.conn.execute("PRAGMA table_info(pending_reports)")}
        assert {"decided_at", "decided_by"} <= cols
        assert kb.conn.execute("SELECT text FROM pending_reports").fetchone()[0] == "old"
        assert kb.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        kb.close()


def test_rebuild_from_an_older_database_carries_user_state(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    downgrade_to_v1(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO users (user_id, passports, updated_at) VALUES (12, 'GB', 'x')")
    conn.close()
    build(ROOT / "knowledge", db)
    kb = KnowledgeBase(db)
    try:
        assert UserStore(kb.conn).passports(12) == ["GB"]
        assert store.schema_version(kb.conn) == store.SCHEMA_VERSION
    finally:
        kb.close()


def test_rebuild_refuses_to_drop_unexported_admin_edits(kb_path: Path, tmp_path: Path,
                                                       knowledge_copy: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    Admin(conn).apply(777, 6001, "KP", "event", EVENT)
    conn.close()
    before = db.read_bytes()
    with pytest.raises(UnexportedEdits, match="1 admin change"):
        build(knowledge_copy, db)
    assert db.read_bytes() == before
    proc = subprocess.run([sys.executable, "-m", "bot", "build", "--kb", str(db), "--knowledge", str(knowledge_copy)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1 and "export" in proc.stderr

    conn = store.connect(db)
    export_all(conn, knowledge_copy / "destinations")
    conn.close()
    build(knowledge_copy, db)  # exported: the edit is now in the files, so the rebuild keeps it
    kb = KnowledgeBase(db)
    try:
        assert "Tours resume in a test." in Engine(kb, today=TODAY).ask("north korea timeline").messages[0]
    finally:
        kb.close()


def test_backup_is_a_consistent_copy(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    UserStore(conn).set_passports(13, ["FR"])
    conn.close()
    target = tmp_path / "backup.sqlite"
    proc = subprocess.run([sys.executable, "-m", "bot", "backup", str(target), "--kb", str(db)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT passports FROM users WHERE user_id = 13").fetchone()[0] == "FR"
        assert copy.execute("SELECT count(*) FROM entry_rules").fetchone()[0] > 30000
    finally:
        copy.close()


def test_html_in_admin_text_renders_literally(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    Admin(conn).apply(777, 7001, "KP", "report", {
        "date": "2025-05", "traveler": "Eve <b>bold</b> & co", "summary": "Saw </a> and <i>things</i> & more.",
        "source": "https://example.org/r", "tags": ["test"],
    })
    Admin(conn).apply(777, 7002, "KP", "alias", {"name": "<script>x</script>"})
    conn.close()
    kb = KnowledgeBase(db)
    try:
        text = "\n".join(Engine(kb, today=TODAY).ask("north korea traveler reports").messages)
        assert "Eve &lt;b&gt;bold&lt;/b&gt; &amp; co" in text
        assert "Saw &lt;/a&gt; and &lt;i&gt;things&lt;/i&gt; &amp; more." in text
        assert html_problems(text) == []
    finally:
        kb.close()


def test_redact_filter_scrubs_messages_args_and_tracebacks() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("test-redact")
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(TOKEN))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        logger.info(f"url=https://api.telegram.org/bot{TOKEN}/sendMessage")
        try:
            raise ConnectionError(f"failed https://api.telegram.org/bot{TOKEN}/getUpdates")
        except ConnectionError:
            logger.exception("network error")
        logger.warning("another token shape 1234567:ABCDEFGHIJKLMNOPQRSTUVWXYZ012")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert TOKEN not in out and "secret-token" not in out and "ABCDEFGHIJKLMNOPQRSTUVWXYZ012" not in out
    assert out.count("<token>") >= 4


def test_configure_silences_httpx_request_urls() -> None:
    configure("DEBUG", TOKEN)
    try:
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        assert logging.getLogger("httpcore").getEffectiveLevel() >= logging.WARNING
    finally:
        configure("WARNING", "")


def test_token_never_reaches_the_log_on_network_errors_even_at_debug(kb_path: Path, tmp_path: Path) -> None:
    """Run the real bot against a closed port at DEBUG, then stop it with SIGTERM."""
    db = private_copy(kb_path, tmp_path)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "http://127.0.0.1:9",
           "KB_PATH": str(db), "LOG_LEVEL": "DEBUG"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    tried = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "<token>" in line or "onnect" in line:
                tried.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    tried.wait(timeout=60)  # until the bot has tried the network at least once (slow on a loaded machine)
    time.sleep(1)
    proc.terminate()
    started = time.monotonic()
    proc.wait(timeout=20)
    reader.join(timeout=5)
    out = "".join(lines)
    assert time.monotonic() - started < 10
    assert out.strip(), "the bot logged nothing"
    assert TOKEN not in out and "secret-token" not in out
    assert "<token>" in out or "Connect" in out or "connect" in out


@pytest.mark.parametrize("token", ["", "not-a-token", "123:short"])
def test_missing_or_malformed_token_is_a_one_line_error(kb_path: Path, token: str) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "KB_PATH": str(kb_path)}
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    if token:
        assert token not in proc.stderr


def test_admin_change_redelivered_with_the_same_update_id_applies_once(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    try:
        first = Admin(conn).apply(777, 8001, "KP", "event", EVENT)
        rows = conn.execute("SELECT count(*) FROM events WHERE code = 'KP'").fetchone()[0]
        again = Admin(conn).apply(777, 8001, "KP", "event", EVENT)
        assert not first.duplicate and again.duplicate and again.audit_id == first.audit_id
        assert conn.execute("SELECT count(*) FROM events WHERE code = 'KP'").fetchone()[0] == rows
        assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 1
    finally:
        conn.close()


def test_forget_removes_user_rows_and_hashed_questions(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    try:
        users = UserStore(conn)
        users.set_passports(21, ["US"])
        users.follow(21, "KP")
        record_question(conn, "can I visit narnia", 21, False, None)
        record_question(conn, "can I visit narnia", 22, False, None)
        assert users.forget(21) == 4
        assert conn.execute("SELECT count(*) FROM unanswered").fetchone()[0] == 1  # user 22's stays
        assert users.passports(21) == [] and users.following(21) == []
    finally:
        conn.close()


def test_shared_report_stays_shared_through_export_and_rebuild(kb_path: Path, tmp_path: Path,
                                                              knowledge_copy: Path) -> None:
    """A report a traveler sent with /share and an admin approved is labelled as shared, after a rebuild too."""
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    Admin(conn).apply(777, 7001, "KP", "report", {
        "traveler": "A traveler (shared via Borderline)", "date": "2026-11-20",
        "summary": "Shared in a test: the border guards were friendly.", "source": "https://t.me/borderline_reports",
        "tags": ["shared"], "origin": "shared", "unverified": True})
    export_all(conn, knowledge_copy / "destinations")
    conn.close()
    assert "origin: shared" in (knowledge_copy / "destinations" / "kp.yaml").read_text(encoding="utf-8")
    build(knowledge_copy, db)
    conn = store.connect(db)
    try:
        origins = dict(conn.execute("SELECT summary, origin FROM reports WHERE code = 'KP'").fetchall())
    finally:
        conn.close()
    assert origins["Shared in a test: the border guards were friendly."] == "shared"
    assert set(origins.values()) == {"curated", "shared"}


def test_question_hashes_are_keyed_per_database(kb_path: Path, tmp_path: Path) -> None:
    """The hash cannot be recomputed from a user id without the database's own secret."""
    import hashlib

    one = private_copy(kb_path, tmp_path)
    (tmp_path / "other").mkdir()
    two = private_copy(kb_path, tmp_path / "other")
    a, b = store.connect(one), store.connect(two)
    try:
        assert store.user_hash(a, 21) == store.user_hash(a, 21)
        assert store.user_hash(a, 21) != store.user_hash(a, 22)
        assert store.user_hash(a, 21) != store.user_hash(b, 21)
        assert store.user_hash(a, 21) != hashlib.blake2b(b"borderline:21", digest_size=8).hexdigest()
    finally:
        a.close()
        b.close()


def test_a_rebuild_keeps_the_hash_secret(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    conn = store.connect(db)
    before = store.user_hash(conn, 21)
    conn.close()
    build(ROOT / "knowledge", db)
    conn = store.connect(db)
    try:
        assert store.user_hash(conn, 21) == before
    finally:
        conn.close()
