"""refresh --from the fixtures end to end: advisories, report, storage, dry run, speed."""

from __future__ import annotations

import re
import sqlite3

import pytest
from test_feeds_support import DATA, at, db, make_dir, rss, us_item

from bot.feeds import bench_refresh, refresh, refresh_async
from bot.feeds.urls import DIR_LAYOUT
from bot.storage import feeds as store

EXPECTED = {
    ("us", "KP"): (4, "Level 4: Do Not Travel", "2025-04-29",
                   "https://travel.state.gov/content/tsg_aem/us/en/home/international-travel/travel-advisories/"
                   "destination.prk.html"),
    ("us", "MM"): (4, "Level 4: Do Not Travel", "2026-05-08",
                   "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                   "burma-travel-advisory.html"),
    ("us", "TM"): (1, "Level 1: Exercise Normal Precautions", "2026-08-21",
                   "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                   "turkmenistan-travel-advisory.html"),
    ("us", "RU"): (4, "Level 4: Do Not Travel", "2026-07-20",
                   "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                   "russia-travel-advisory.html"),
    ("us", "CN"): (2, "Level 2: Exercise Increased Caution", "2024-11-27",
                   "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/"
                   "china-travel-advisory.html"),
    ("gb", "AF"): (None, "The FCDO advises against all travel", "2026-07-30",
                   "https://www.gov.uk/foreign-travel-advice/afghanistan"),
    ("gb", "AL"): (None, "No FCDO advice against travel", "2017-02-14", "https://www.gov.uk/foreign-travel-advice/albania"),
    ("gb", "TR"): (None, "No FCDO advice against travel", "2017-02-14", "https://www.gov.uk/foreign-travel-advice/turkey"),
    ("au", "KP"): (4, "Do not travel", "2025-11-14",
                   "https://www.smartraveller.gov.au/destinations/asia/north-korea-democratic-peoples-republic-korea"),
    ("au", "TM"): (3, "Reconsider your need to travel", "2025-11-14",
                   "https://www.smartraveller.gov.au/destinations/asia/turkmenistan"),
    ("au", "BT"): (1, "Exercise normal safety precautions", "2025-11-14",
                   "https://www.smartraveller.gov.au/destinations/asia/bhutan"),
    ("ca", "AF"): (4, "Avoid all travel", "2026-09-01", "https://travel.gc.ca/destinations/afghanistan"),
    ("ca", "MM"): (4, "Avoid all travel", "2026-05-08", "https://travel.gc.ca/destinations/myanmar"),
    ("ca", "DZ"): (2, "Exercise a high degree of caution (with regional advisories)", "2026-09-01",
                   "https://travel.gc.ca/destinations/algeria"),
}


@pytest.fixture
def conn() -> sqlite3.Connection:
    return db()


def test_refresh_from_the_fixtures_gives_all_four_issuers(conn) -> None:
    report = refresh(conn, DATA, now=at("2026-09-08"))
    assert [f.issuer for f in report.feeds] == ["us", "gb", "au", "ca"]
    assert not any(f.failed for f in report.feeds) and not report.failed_all
    rows = {(r["issuer"], r["code"]): (r["level"], r["label"], r["as_of"], r["source"]) for r in store.advisories(conn)}
    for key, expected in EXPECTED.items():
        assert rows[key] == expected, key
    assert {c for i, c in rows if i == "us"} == {"KP", "AF", "IR", "RU", "MM", "TM", "CN"}
    assert {c for i, c in rows if i == "au"} == {"AF", "KP", "TM", "BT"}  # Antarctica: no travel advice
    assert report.stats("au").skipped == 1 and report.stats("gb").pages == 3


def test_each_advisory_keeps_its_raw_payload_hash_and_fetch_time(conn) -> None:
    refresh(conn, DATA, now=at("2026-09-08"))
    row = store.advisory(conn, "gb", "AF")
    assert row["fetched_at"] == "2026-09-08T06:00:00+00:00"
    payload = store.payload_by_hash(conn, row["payload_hash"])
    assert payload == (DATA / "gb/foreign-travel-advice/afghanistan.json").read_text(encoding="utf-8")
    us = store.advisory(conn, "us", "KP")
    assert "North Korea - Level 4" in store.payload_by_hash(conn, us["payload_hash"])


def test_report_lines_one_per_feed(conn) -> None:
    report = refresh(conn, DATA, now=at("2026-09-08"))
    lines = report.lines()
    assert len(lines) == 4
    assert lines[0].startswith("us (US State Department): ok, 9 read, 7 accepted, 1 rejected")
    assert "3 pages fetched" in lines[1]
    assert all(re.search(r"\d+ held for review", line) for line in lines)


def test_failed_all_only_when_every_feed_failed(conn, tmp_path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    report = refresh(conn, empty, now=at("2026-09-08"))
    assert report.failed_all and all(line.split(": ")[1] == "FAILED" for line in report.lines())
    partial = make_dir(tmp_path, copy=("ca",))
    report = refresh(conn, partial, now=at("2026-09-08"))
    assert not report.failed_all and [f.failed for f in report.feeds] == [True, True, True, False]


def test_issuers_filter_and_unknown_issuer(conn) -> None:
    report = refresh(conn, DATA, issuers=["ca"], now=at("2026-09-08"))
    assert [f.issuer for f in report.feeds] == ["ca"]
    with pytest.raises(ValueError, match="unknown issuer"):
        refresh(conn, DATA, issuers=["fr"])


def test_dry_run_writes_nothing(conn, tmp_path) -> None:
    report = refresh(conn, DATA, dry_run=True, now=at("2026-09-08"))
    assert report.stats("us").added == 7 and report.lines()[0].startswith("[dry run] ")
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    refresh(conn, DATA, now=at("2026-09-08"))
    dump = list(conn.iterdump())
    refresh(conn, make_dir(tmp_path, us=rss([us_item("Iran", 2, tag="IR")] * 7)), issuers=["us"],
            now=at("2026-09-09"), dry_run=True)
    assert list(conn.iterdump()) == dump


def test_a_bug_in_one_feed_does_not_stop_the_others(conn, monkeypatch) -> None:
    import bot.feeds.run as module

    def broken(text, names):
        raise RuntimeError("parser bug")

    monkeypatch.setitem(module.FEED_DOCUMENTS, "au", [("au", broken)])
    report = refresh(conn, DATA, now=at("2026-09-08"))
    assert report.stats("au").failed and "parser bug" in report.stats("au").errors[0]
    assert not report.stats("ca").failed and store.advisories(conn, "au") == []


def test_tables_timestamps_and_idempotent_schema(conn) -> None:
    store.ensure_tables(conn)
    store.ensure_tables(conn)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(store.FEED_TABLES) <= tables and all(t.startswith(("feed_", "sqlite_")) for t in tables)
    refresh(conn, DATA, now=at("2026-09-08", "06:00:00.123456"))
    stamps = [r[0] for r in conn.execute("SELECT fetched_at FROM feed_polls")]
    assert set(stamps) == {"2026-09-08T06:00:00+00:00"}


def test_payloads_are_bounded_per_url(conn, tmp_path) -> None:
    for day in range(1, 7):
        root = make_dir(tmp_path, us=rss([us_item("Cuba", 2, f"0{day} Jan 2026", tag="CU")]))
        refresh(conn, root, issuers=["us"], now=at(f"2026-01-0{day}"))
    kept = conn.execute("SELECT COUNT(*) FROM feed_polls WHERE issuer = 'us' AND payload IS NOT NULL").fetchone()[0]
    assert kept == store.KEEP_PAYLOADS
    assert conn.execute("SELECT COUNT(*) FROM feed_polls WHERE payload_hash IS NOT NULL").fetchone()[0] == 6


def test_the_documented_layout_is_the_fixture_layout() -> None:
    for kind, relative in DIR_LAYOUT.items():
        path = DATA / relative.format(slug="afghanistan")
        assert path.exists(), (kind, path)
    assert (DATA / "PROVENANCE.md").exists()


async def test_refresh_async_runs_in_a_thread() -> None:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    report = await refresh_async(conn, DATA, issuers=["ca"], now=at("2026-09-08"))
    assert report.stats("ca").added == 3


def test_bench_refresh_under_two_seconds() -> None:
    seconds = bench_refresh(DATA)
    assert 0 < seconds < 2.0


def test_command_exit_status_and_output(conn, tmp_path) -> None:
    import argparse

    from bot.feeds.command import add_refresh_arguments, run_refresh_command

    parser = argparse.ArgumentParser()
    add_refresh_arguments(parser)
    out: list[str] = []
    err: list[str] = []
    status = run_refresh_command(parser.parse_args(["--from", str(DATA)]), conn, out=out.append, err=err.append)
    assert status == 0 and len(out) == 4 and err == ["  us: KP (North Korea): placeholder summary"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_refresh_command(parser.parse_args(["--from", str(empty), "--issuer", "ca"]), conn,
                               out=out.append, err=err.append) == 1
    baseline = tmp_path / "old.csv"
    baseline.write_text("Passport,Destination,Requirement\nUS,KP,visa required\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    new.write_text("Passport,Destination,Requirement\nUS,KP,no admission\n", encoding="utf-8")
    out.clear()
    args = parser.parse_args(["--visa", str(new), "--visa-baseline", str(baseline)])
    assert run_refresh_command(args, conn, curated_visa={"KP": {"US": "passport-invalid"}}, out=out.append) == 0
    assert out[-1] == "1 pair(s) for admin review; nothing applied"


@pytest.mark.parametrize("isolation", ["", None])
def test_works_on_the_bots_kind_of_connection(tmp_path, isolation) -> None:
    path = tmp_path / "kb.sqlite"
    conn = sqlite3.connect(path, isolation_level=isolation, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    refresh(conn, DATA, dry_run=True, now=at("2026-09-08"))
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    refresh(conn, DATA, now=at("2026-09-08"))
    conn.close()
    reopened = sqlite3.connect(path)
    assert reopened.execute("SELECT COUNT(*) FROM feed_advisories").fetchone()[0] == 17
