"""The knowledge files, their validation, and the database built from them."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from bot.knowledge.loader import KnowledgeError, parse_file
from bot.knowledge.reference import load_countries
from bot.storage import database as store
from bot.storage.build import build
from tests.conftest import KNOWLEDGE, ROOT

CURATED = [
    *("AF", "BY", "BF", "MM", "CF", "HT", "IR", "IQ", "LB", "LY", "ML", "NE", "KP", "RU", "SO"),
    *("SS", "SD", "SY", "UA", "VE", "YE", "TM", "ER", "CU", "BT", "SA", "CN-XZ", "GR-69", "AQ", "IN-AN"),
]

GOOD = """\
code: ZZ-01
name: Testland
kind: region
parent: FR
aliases: [Testopolis]
status:
  state: closed
  summary: Closed for testing.
  as_of: 2025-01-01
  source: https://example.org/status
  checked: 2026-11-01
advisories:
  - issuer: US
    level: 4
    label: Do not travel
    as_of: 2025-01-01
    source: https://example.org/advisory
    checked: 2026-11-01
entry:
  - passports: [US]
    verdict: passport-invalid
    summary: Not with a US passport.
    source: https://example.org/us
    checked: 2026-11-01
  - passports: ['*']
    verdict: closed
    summary: Closed to everyone else.
    source: https://example.org/all
    checked: 2026-11-01
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_good_file_loads(tmp_path: Path) -> None:
    dest, problems = parse_file(write(tmp_path, "zz-01.yaml", GOOD))
    assert problems == []
    assert dest is not None and dest.code == "ZZ-01" and dest.entry[0].verdict == "passport-invalid"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("    source: https://example.org/us\n", "", 20, "entry rule has no source"),
        ("    verdict: passport-invalid", "    verdict: maybe", 21, "entry rule: entry.verdict"),
        ("  as_of: 2025-01-01\n  source: https://example.org/status", "  as_of: soon\n  source: https://example.org/status",
         9, "status: status.as_of"),
        ("    level: 4", "    level: high", 15, "advisory: advisories.level"),
        ("    source: https://example.org/advisory", "    source: not a url", 18, "must be an http(s) URL"),
        ("  - passports: ['*']", "  - passports: [FR]", 19, "default rule"),
        ("aliases: [Testopolis]", "aliases: [Testopolis]\ncolour: blue", 6, "unknown field 'colour'"),
        ("  state: closed", "  state: ajar", 8, "status: status.state"),
        ("    checked: 2026-11-01\n  - passports: ['*']", "  - passports: ['*']", 19, "entry rule has no checked"),
        ("  - passports: [US]", "  - passports: [usa]", 19, "not an ISO alpha-2 code"),
    ],
)
def test_each_validation_error_names_file_and_line(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, "zz-01.yaml", GOOD.replace(old, new, 1))
    dest, problems = parse_file(path)
    assert dest is None
    assert any(message in p.message for p in problems), problems
    hit = next(p for p in problems if message in p.message)
    assert hit.path.endswith("zz-01.yaml")
    assert abs(hit.line - line) <= 1, (hit, line)


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    broken = GOOD.replace("  summary: Closed for testing.", "  summary: [unclosed", 1)
    dest, problems = parse_file(write(tmp_path, "zz-01.yaml", broken))
    assert dest is None
    assert problems[0].message.startswith("YAML syntax error")
    assert 9 <= problems[0].line <= 11


def test_wrong_file_name_is_an_error(tmp_path: Path) -> None:
    _dest, problems = parse_file(write(tmp_path, "other.yaml", GOOD))
    assert problems and "must be named zz-01.yaml" in problems[0].message


def test_build_reports_all_problems_and_keeps_old_database(knowledge_copy: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.sqlite"
    build(knowledge_copy, kb)
    before = file_hash(kb)
    dest_dir = knowledge_copy / "destinations"
    write(dest_dir, "zz-01.yaml", GOOD.replace("    source: https://example.org/us\n", ""))
    write(dest_dir, "zz-02.yaml", GOOD.replace("ZZ-01", "ZZ-02").replace("verdict: closed", "verdict: nope"))
    with pytest.raises(KnowledgeError) as err:
        build(knowledge_copy, kb)
    text = str(err.value)
    assert "destinations/zz-01.yaml:" in text and "destinations/zz-02.yaml:" in text
    assert file_hash(kb) == before
    conn = sqlite3.connect(kb)
    assert conn.execute("SELECT count(*) FROM destinations").fetchone()[0] >= 250
    assert not list(tmp_path.glob("kb.sqlite.*.tmp"))


def test_cli_build_exits_nonzero_naming_file_and_line(knowledge_copy: Path, tmp_path: Path) -> None:
    bad = GOOD.replace("    verdict: passport-invalid", "    verdict: x")
    write(knowledge_copy / "destinations", "zz-01.yaml", bad)
    kb = tmp_path / "kb.sqlite"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "build", "--knowledge", str(knowledge_copy), "--kb", str(kb)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 1
    assert "knowledge/destinations/zz-01.yaml:21: entry rule" in proc.stderr
    assert not kb.exists()


def test_check_lists_stale_facts_without_writing(tmp_path: Path) -> None:
    kb = tmp_path / "never.sqlite"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--days", "30", "--today", "2026-11-25", "--kb", str(kb)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "curated destinations valid" in proc.stdout
    assert "last checked more than 30 days ago" in proc.stdout
    assert not kb.exists()


def test_every_reference_country_is_a_destination_with_all_its_names(kb) -> None:
    countries = load_countries(KNOWLEDGE / "reference")
    assert set(countries) <= set(kb.places)
    names = {(code, name) for code, name, _lang, _kind in kb.names}
    kp = countries["KP"]
    for name, _lang, _kind in kp.names:
        assert ("KP", name) in names
    assert ("KP", "Северная Корея") in names and ("KP", "Pyongyang") in names


def test_curated_destinations_complete(kb) -> None:
    for code in CURATED:
        place = kb.places[code]
        assert place.curated, code
        assert place.status is not None, code
        assert place.advisories, code
        assert "*" in place.curated_rules, code
        # a curated rule states what a page says; a copy of the visa dataset is left to the labelled baseline
        assert not [p for p, r in place.curated_rules.items() if "passportindex.org" in r["source"]], code
    assert sum("US" in kb.places[c].curated_rules for c in CURATED) >= 0.8 * len(CURATED)


def test_curated_rule_beats_baseline(kb) -> None:
    baseline = kb.conn.execute(
        "SELECT verdict FROM entry_rules WHERE code='KP' AND passport='US' AND origin='baseline'"
    ).fetchone()
    assert baseline["verdict"] == "visa-required"
    rule = kb.entry_rule("KP", "US")
    assert rule["verdict"] == "passport-invalid" and rule["origin"] == "curated"
    # a passport without a rule of its own gets the curated default, not the baseline
    default = kb.entry_rule("KP", "FR")
    assert default["origin"] == "curated" and default.get("default") is True
    # an uncurated destination answers from the baseline
    france = kb.entry_rule("FR", "US")
    assert france["origin"] == "baseline" and france["checked"] == kb.baseline_date == "2026-02-17"


def test_user_state_survives_rebuild(knowledge_copy: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.sqlite"
    build(knowledge_copy, kb)
    conn = sqlite3.connect(kb)
    with conn:
        conn.execute("INSERT INTO users (user_id, passports, updated_at) VALUES (42, 'US MX', 'now')")
        conn.execute("INSERT INTO subscriptions (user_id, code, created_at) VALUES (42, 'KP', 'now')")
        conn.execute("INSERT INTO chat_languages (chat_id, lang, updated_at) VALUES (42, 'uk', 'now')")
        conn.execute("CREATE TABLE retired_knowledge (x)")  # a knowledge table a newer build no longer has
    conn.close()
    build(knowledge_copy, kb)
    conn = sqlite3.connect(kb)
    assert conn.execute("SELECT passports FROM users WHERE user_id=42").fetchone()[0] == "US MX"
    assert conn.execute("SELECT code FROM subscriptions WHERE user_id=42").fetchone()[0] == "KP"
    assert conn.execute("SELECT lang FROM chat_languages WHERE chat_id=42").fetchone()[0] == "uk"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "retired_knowledge" not in tables and store.state_tables() <= tables
    assert conn.execute("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'marathon'").fetchone()[0] >= 2
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_fts_indexes_reports_and_events(kb) -> None:
    hits = kb.conn.execute("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'marathon'").fetchone()[0]
    assert hits >= 2
    assert kb.conn.execute("SELECT count(*) FROM events_fts WHERE events_fts MATCH 'Rason'").fetchone()[0] >= 1


def test_north_korea_content() -> None:
    data = yaml.safe_load((KNOWLEDGE / "destinations" / "kp.yaml").read_text(encoding="utf-8"))
    aliases = {a.casefold() for a in data["aliases"]}
    assert "pyongyang" in aliases
    for code, name in (("kp-13", "rason"), ("kp-wk", "wonsan-kalma")):  # scoped parts, destinations of their own
        region = yaml.safe_load((KNOWLEDGE / "destinations" / f"{code}.yaml").read_text(encoding="utf-8"))
        assert region["parent"] == "KP" and name not in aliases
        assert name in {region["name"].casefold(), *(a.casefold() for a in region["aliases"])}
    rules = {p: r for r in data["entry"] for p in r["passports"]}
    us = rules["US"]
    assert us["verdict"] == "passport-invalid"
    assert str(us["valid_until"]) == "2026-08-31"
    assert "validation" in us["exception"].lower()
    for passport in ("MX", "RU", "CN", "KR", "GB", "*"):
        assert passport in rules, passport
    events = {(str(e["date"]), e["kind"]) for e in data["events"]}
    assert ("2025-02-20", "reopening") in events
    assert any(d.startswith("2020") and k == "closure" for d, k in events)
    assert any(d.startswith("2025-03") and k == "suspension" for d, k in events)
    assert any(d == "2025-04-06" for d, _k in events)
    assert any("wonsan" in e["summary"].lower() for e in data["events"])
    travelers = " ".join(r["traveler"] for r in data["reports"])
    assert "Alex Page" in travelers and "Cameron Mofid" in travelers
    assert all("marathon" in r["tags"] for r in data["reports"])
    assert data["consular"]["summary"] and "sweden" in data["consular"]["summary"].lower()
    for fact in [data["status"], *data["advisories"], *data["entry"], *data["events"], *data["reports"]]:
        assert fact["source"].startswith("http") and fact["checked"]


def test_build_if_needed_rebuilds_only_after_a_knowledge_change(knowledge_copy: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb.sqlite"
    cmd = [sys.executable, "-m", "bot", "build", "--if-needed", "--kb", str(kb), "--knowledge", str(knowledge_copy)]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert first.returncode == 0 and "built" in first.stdout
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert again.returncode == 0 and again.stdout == ""
    later = time.time() + 5
    os.utime(knowledge_copy / "destinations" / "kp.yaml", (later, later))
    changed = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert changed.returncode == 0 and "built" in changed.stdout


def test_rebuild_beside_a_writing_bot_keeps_the_file_sound_and_its_connection_live(knowledge_copy: Path,
                                                                                    tmp_path: Path) -> None:
    """A rename under a live WAL database once corrupted it ("database disk image is malformed"): the bot's
    connection kept writing into the -wal file beside the new file. Build now copies in place."""
    import threading

    kb = tmp_path / "kb.sqlite"
    build(knowledge_copy, kb)
    bot_conn = store.connect(kb)  # what the running bot holds, opened before the rebuilds
    written: list[int] = []
    stop = threading.Event()

    def bot_writes() -> None:
        conn = store.connect(kb)
        user = 0
        while not stop.is_set():
            user += 1
            with conn:
                conn.execute("INSERT INTO users (user_id, passports, updated_at) VALUES (?, 'GB', 'now')", (user,))
            written.append(user)
        conn.close()

    writer = threading.Thread(target=bot_writes)
    writer.start()
    try:
        kp = knowledge_copy / "destinations" / "kp.yaml"
        for n in range(3):
            kp.write_text(kp.read_text(encoding="utf-8").replace("name: North Korea", f"name: North Korea {n}", 1)
                          if n == 0 else kp.read_text(encoding="utf-8").replace(f"North Korea {n - 1}",
                                                                                f"North Korea {n}", 1),
                          encoding="utf-8")
            build(knowledge_copy, kb)
    finally:
        stop.set()
        writer.join()
    with bot_conn:
        bot_conn.execute("INSERT INTO users (user_id, passports, updated_at) VALUES (-1, 'US', 'now')")
    bot_conn.close()
    conn = sqlite3.connect(kb)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM destinations WHERE code = 'KP'").fetchone()[0] == "North Korea 2"
        users = {r[0] for r in conn.execute("SELECT user_id FROM users")}
        assert -1 in users  # the connection opened before the rebuilds writes into the live file
        assert set(written) <= users  # nothing the bot wrote during the rebuilds is lost
    finally:
        conn.close()


def test_a_legal_traps_holders_survive_an_export(kb_path) -> None:
    """An admin export writes the knowledge file back; whose citizens a trap binds must come back with it."""
    import sqlite3

    from bot.storage.edits import export_destination

    conn = sqlite3.connect(kb_path)
    conn.row_factory = sqlite3.Row
    try:
        assert export_destination(conn, "KP-WK")["legal"]["holders"] == ["US"]
        assert "holders" not in export_destination(conn, "GE-AB")["legal"]
        assert export_destination(conn, "PS-WBK")["rules_of"] == "IL"  # whose entry rules apply, too
        assert "rules_of" not in export_destination(conn, "GE-AB")
    finally:
        conn.close()


# -- pair rules: one passport's rule at a destination without a file of its own --------------------------------
PAIR = """rules:
  - destination: KW
    passports: [IL]
    verdict: no-admission
    summary: Refused.
    source: https://example.org/kw
    checked: 2026-12-01
"""


def test_pair_rules_are_built_as_curated_rules_beside_the_dataset(knowledge_copy: Path, tmp_path: Path) -> None:
    """The pair's own rule wins over the dataset's; every other passport there keeps the dataset's."""
    write(knowledge_copy, "pair_rules.yaml", PAIR)
    kb = tmp_path / "kb.sqlite"
    build(knowledge_copy, kb)
    conn = sqlite3.connect(kb)
    rows = conn.execute("SELECT passport, verdict, origin FROM entry_rules WHERE code = 'KW' AND passport IN "
                        "('IL', 'FR') ORDER BY passport, origin").fetchall()
    assert ("IL", "no-admission", "curated") in rows and ("FR", "visa-free", "curated") not in rows
    assert [r for r in rows if r[0] == "FR" and r[2] == "baseline"]
    assert conn.execute("SELECT curated FROM destinations WHERE code = 'KW'").fetchone()[0] == 0


@pytest.mark.parametrize(("text", "message"), [
    (PAIR.replace("destination: KW", "destination: KP"), "KP has a destination file"),
    (PAIR.replace("[IL]", "['*']"), "a pair rule names its passports"),
    (PAIR.replace("[IL]", "[QQ]"), "unknown passport QQ"),
    (PAIR.replace("destination: KW", "destination: QQ"), "unknown destination QQ"),
    (PAIR + PAIR.removeprefix("rules:\n"), "KW has two rules for passport IL"),
    (PAIR.replace("    verdict: no-admission\n", ""), "pair rule has no verdict"),
    ("rules: [", "YAML syntax error"),
])
def test_a_bad_pair_rule_is_refused_naming_the_file_and_the_old_database_is_kept(
        knowledge_copy: Path, tmp_path: Path, text: str, message: str) -> None:
    kb = tmp_path / "kb.sqlite"
    build(knowledge_copy, kb)
    before = file_hash(kb)
    write(knowledge_copy, "pair_rules.yaml", text)
    with pytest.raises(KnowledgeError) as err:
        build(knowledge_copy, kb)
    assert "pair_rules.yaml" in str(err.value) and message in str(err.value)
    assert file_hash(kb) == before


def test_the_shipped_pair_rules_are_sourced_pages_and_answered(engine) -> None:
    """Kuwait bars Israelis (the dataset said a visa); the answer no longer calls the place dataset-only."""
    answer = engine.ask("can israelis go to kuwait")
    row = next(e for e in answer.entry if e.passport == "IL")
    assert (row.verdict, row.origin) == ("no-admission", "curated") and row.unverified
    assert "dataset baselines only" not in answer.messages[0]
    assert "dataset baselines only" in engine.ask("can israelis go to oman").messages[0]
    pairs = yaml.safe_load((KNOWLEDGE / "pair_rules.yaml").read_text(encoding="utf-8"))["rules"]
    pages = [urlparse(p["source"]) for p in pairs]
    assert pages and all(u.path.strip("/") or u.query for u in pages)  # a page, never a homepage


@pytest.mark.parametrize(("text", "message"), [
    ("borders:\n  - between: [AM, QQ]\n    since: 1993\n    summary: Shut.\n    source: https://example.org/b\n"
     "    checked: 2026-12-01\n", "unknown country QQ"),
    ("borders:\n  - between: [AM]\n    since: 1993\n    summary: Shut.\n    source: https://example.org/b\n"
     "    checked: 2026-12-01\n", "land border"),
    ("borders:\n  - between: [AM, TR]\n    since: 1993\n    summary: Shut.\n    checked: 2026-12-01\n",
     "land border has no source"),
])
def test_a_bad_land_border_is_refused_naming_the_file(knowledge_copy: Path, tmp_path: Path, text: str,
                                                      message: str) -> None:
    write(knowledge_copy, "land_borders.yaml", text)
    with pytest.raises(KnowledgeError) as err:
        build(knowledge_copy, tmp_path / "kb.sqlite")
    assert "land_borders.yaml" in str(err.value) and message in str(err.value)


def test_pair_rules_and_land_borders_age_like_the_other_facts(kb, tmp_path: Path) -> None:
    """They live in their own files, not a destination's: the freshness report (admins' /stale and `bot check`)
    lists them once they are older than the limit, and not before."""
    import datetime as dt

    from bot.storage.freshness import stale_facts

    later = stale_facts(kb.conn, dt.date(2027, 12, 1), 30)
    assert any(code == "KW" and kind == "pair rule (IL)" for code, kind, _c, _a in later)
    assert any(code == "AM-TR" and kind == "land border" for code, kind, _c, _a in later)
    assert not any(kind.startswith(("pair rule", "land border")) for _code, kind, _c, _a in
                   stale_facts(kb.conn, dt.date(2026, 12, 2), 30))
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--days", "30", "--today", "2027-12-01", "--kb",
         str(tmp_path / "never.sqlite")], capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "KW pair rule: checked" in proc.stdout and "AM-TR land border: checked" in proc.stdout


def test_every_item_of_the_us_feed_snapshot_reaches_its_destinations(kb) -> None:
    """Eleven of the 2026 State Department snapshot's 217 items ("Mexico Travel Advisory", "Turkey", "Mainland
    China, Hong Kong & Macau", "Cote d Ivoire", ...) named no destination the dataset's index knew, so Mexico showed
    a 2024 "Other" and China a 2025 level: the snapshot is read with the feed parser's names, each item's level
    reaches every destination it names, and no item is dropped."""
    import json

    from bot.knowledge.issuer_names import CountryNames
    from bot.knowledge.reference import US_FEED_SNAPSHOT

    ref = KNOWLEDGE / "reference"
    names = CountryNames.load(ref / "countries.json")
    items = json.loads((ref / US_FEED_SNAPSHOT[0]).read_text(encoding="utf-8"))
    assert [i["country"] for i in items if not names.lookup(i["country"])] == []
    us = {code: [a for a in kb.places[code].advisories if a["issuer"] == "US"] for code in ("MX", "TR", "HK", "CI")}
    assert us["MX"] and us["MX"][0]["level"] == 2 and us["MX"][0]["as_of"] == "2026-05-29"
    assert all(rows and rows[0]["checked"] == US_FEED_SNAPSHOT[1] for rows in us.values()), us
