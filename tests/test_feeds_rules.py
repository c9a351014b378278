"""One test (at least) per way a feed misbehaves, run through refresh on a --from directory."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_feeds_support import DUPES, GLITCH, RssItem, at, db, make_dir, rss, snapshot_items, us_item

from bot.feeds import approve_pending, list_pending, refresh, reject_pending
from bot.feeds.run import RefreshReport
from bot.storage import feeds as store

BASE = [("Afghanistan", 4, "AF"), ("Iran", 4, "IR"), ("North Korea", 4, "KN"), ("Russia", 4, "RS"),
        ("Cuba", 2, "CU"), ("Mexico", 2, "MX"), ("France", 2, "FR"), ("Japan", 1, "JA"), ("Norway", 1, "NO"),
        ("Turkmenistan", 2, "TX")]


def feed(overrides: dict[str, RssItem | None] | None = None) -> list[RssItem]:
    """The base feed with some destinations replaced (or dropped with None)."""
    overrides = overrides or {}
    items = []
    for name, level, tag in BASE:
        if name in overrides:
            if overrides[name] is not None:
                items.append(overrides[name])
        else:
            items.append(us_item(name, level, tag=tag))
    return items


def poll(conn: sqlite3.Connection, tmp: Path, items: list[RssItem], when: str, **kwargs: object) -> RefreshReport:
    day, _, time = when.partition(" ")
    root = make_dir(tmp, us=rss(items))
    return refresh(conn, root, issuers=["us"], now=at(day, time or "06:00:00"), **kwargs)


def level(conn: sqlite3.Connection, code: str, issuer: str = "us") -> int | None:
    row = store.advisory(conn, issuer, code)
    return row["level"] if row else None


@pytest.fixture
def conn() -> sqlite3.Connection:
    return db()


def test_first_poll_is_a_baseline(conn, tmp_path) -> None:
    report = poll(conn, tmp_path, feed(), "2026-01-05")
    stats = report.stats("us")
    assert (stats.status, stats.accepted, stats.added, stats.changes) == ("ok", 10, 10, 0)
    assert report.changes == [] and level(conn, "KP") == 4 and level(conn, "TM") == 2


# -- item validation -----------------------------------------------------------------------------

def test_item_without_a_level_is_rejected(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    no_level = RssItem(title="Cuba - See Summaries", threat="", tags=["CU"])
    report = poll(conn, tmp_path, feed({"Cuba": no_level}), "2026-01-06")
    stats = report.stats("us")
    assert stats.rejected == 1 and stats.errors == ["CU (Cuba): no level"]
    assert level(conn, "CU") == 2 and stats.accepted == 9


def test_placeholder_summary_is_rejected(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    glitch = us_item("North Korea", 1, "Tue, 06 Jan 2026", tag="KN",
                     description="Exercise normal precaution<p>Summary not available</p>")
    report = poll(conn, tmp_path, feed({"North Korea": glitch}), "2026-01-06")
    assert report.stats("us").errors == ["KP (North Korea): placeholder summary"]
    assert level(conn, "KP") == 4 and list_pending(conn) == [] and report.changes == []


def test_fixture_glitch_item_is_rejected_and_the_real_one_kept(conn) -> None:
    from test_feeds_support import DATA

    report = refresh(conn, DATA, issuers=["us"], now=at("2026-08-22"))
    assert "KP (North Korea): placeholder summary" in report.stats("us").errors
    assert level(conn, "KP") == 4


# -- whole-batch validation ----------------------------------------------------------------------

def test_batch_far_smaller_than_the_last_good_one_is_refused(conn, tmp_path) -> None:
    poll(conn, tmp_path, snapshot_items(DUPES), "2026-07-19")
    before = store.advisories(conn, "us")
    assert len(before) > 200
    report = poll(conn, tmp_path, snapshot_items(DUPES, limit=100), "2026-07-20")
    stats = report.stats("us")
    assert stats.failed and report.failed_all
    assert any("batch refused" in e and "under 60%" in e for e in stats.errors)
    assert store.advisories(conn, "us") == before  # nothing applied, nothing touched
    polls = store.recent_polls(conn, 5)
    assert polls[0]["status"] == "failed" and polls[1]["status"] == "rejected"  # RSS refused, no JSON file


def test_refused_rss_batch_falls_back_to_the_json_api(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    entries = [{"Title": f"{name} - Level {lvl}: Words", "Link": f"https://travel.state.gov/{tag}.html",
                "Category": [tag], "Summary": "<p>text</p>", "Updated": "2026-01-05T20:00:00-05:00"}
               for name, lvl, tag in BASE]
    root = make_dir(tmp_path, us=rss(feed()[:3]), us_json=json.dumps(entries))
    report = refresh(conn, root, issuers=["us"], now=at("2026-01-06"))
    stats = report.stats("us")
    assert stats.status == "ok" and stats.url.endswith("TravelAdvisories.json") and stats.accepted == 10
    assert any("TAsTWs.xml: batch refused" in e for e in stats.errors)


def test_empty_batch_is_refused_even_the_first_time(conn, tmp_path) -> None:
    root = make_dir(tmp_path, us=rss([]), us_json="[]")
    report = refresh(conn, root, issuers=["us"], now=at("2026-01-05"))
    assert report.failed_all and store.advisories(conn, "us") == []
    assert sum("empty batch" in e for e in report.stats("us").errors) == 2


# -- raising and lowering ------------------------------------------------------------------------

def test_raised_level_is_applied_at_once(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    report = poll(conn, tmp_path, feed({"Cuba": us_item("Cuba", 3, "Tue, 06 Jan 2026", tag="CU")}), "2026-01-06")
    assert level(conn, "CU") == 3
    assert report.changes == [{
        "issuer": "us", "code": "CU", "old_level": 2, "new_level": 3,
        "old_label": "Level 2: Exercise Increased Caution",
        "label": "Level 3: Reconsider Travel", "as_of": "2026-01-06",
        "source": "https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/cuba-travel-advisory.html",
        "curated": False}]
    assert report.stats("us").changes == 1


def test_lowered_level_needs_two_polls_on_different_utc_days(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    lowered = feed({"Cuba": us_item("Cuba", 1, "Tue, 06 Jan 2026", tag="CU")})
    first = poll(conn, tmp_path, lowered, "2026-01-06 23:30:00")
    assert level(conn, "CU") == 2 and first.changes == [] and first.stats("us").waiting == 1
    second = poll(conn, tmp_path, lowered, "2026-01-07 00:30:00")  # an hour later, but another UTC day
    assert level(conn, "CU") == 1 and [c["new_level"] for c in second.changes] == [1]
    assert store.observation(conn, "us", "CU") is None


def test_two_polls_on_the_same_utc_day_are_not_enough(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    lowered = feed({"Cuba": us_item("Cuba", 1, "Tue, 06 Jan 2026", tag="CU")})
    poll(conn, tmp_path, lowered, "2026-01-06 00:10:00")
    report = poll(conn, tmp_path, lowered, "2026-01-06 23:50:00")
    assert level(conn, "CU") == 2 and report.stats("us").waiting == 1
    assert store.observation(conn, "us", "CU")["polls"] == 2


def test_a_lowering_that_reverts_starts_over(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    lowered = feed({"Cuba": us_item("Cuba", 1, "Tue, 06 Jan 2026", tag="CU")})
    poll(conn, tmp_path, lowered, "2026-01-06")
    poll(conn, tmp_path, feed(), "2026-01-07")  # back to Level 2: the day-6 sighting is forgotten
    assert store.observation(conn, "us", "CU") is None
    poll(conn, tmp_path, lowered, "2026-01-08")
    assert level(conn, "CU") == 2
    poll(conn, tmp_path, lowered, "2026-01-09")
    assert level(conn, "CU") == 1


def test_lowering_from_level_4_waits_for_an_admin(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    lowered = feed({"Iran": us_item("Iran", 3, "Tue, 06 Jan 2026", tag="IR")})
    report = poll(conn, tmp_path, lowered, "2026-01-06")
    assert level(conn, "IR") == 4 and report.stats("us").held == 1
    [held] = report.held
    assert (held["code"], held["level"], held["old_level"], held["id"]) == ("IR", 3, 4, held["id"])
    poll(conn, tmp_path, lowered, "2026-01-07")
    poll(conn, tmp_path, lowered, "2026-01-08")
    assert level(conn, "IR") == 4  # days of sightings do not replace the admin
    [pending] = list_pending(conn)
    assert pending["id"] == held["id"] and pending["state"] == "pending"  # held once, not once a day
    change = approve_pending(conn, held["id"], "admin:42", now=at("2026-01-08", "09:00:00"))
    assert change is not None and (change["old_level"], change["new_level"]) == (4, 3)
    assert level(conn, "IR") == 3
    decided = store.pending(conn, held["id"])
    assert (decided["state"], decided["decided_by"], decided["decided_at"]) == (
        "approved", "admin:42", "2026-01-08T09:00:00+00:00")
    assert approve_pending(conn, held["id"], "admin:42") is None  # decided once


def test_rejected_lowering_is_not_held_again(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    lowered = feed({"Iran": us_item("Iran", 3, "Tue, 06 Jan 2026", tag="IR")})
    [held] = poll(conn, tmp_path, lowered, "2026-01-06").held
    assert reject_pending(conn, held["id"], "admin:7")
    report = poll(conn, tmp_path, lowered, "2026-01-07")
    assert report.held == [] and list_pending(conn) == [] and level(conn, "IR") == 4
    assert not reject_pending(conn, held["id"], "admin:7")


def test_held_lowering_is_superseded_when_the_feed_reverts(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    [held] = poll(conn, tmp_path, feed({"Iran": us_item("Iran", 3, "Tue, 06 Jan 2026", tag="IR")}), "2026-01-06").held
    poll(conn, tmp_path, feed(), "2026-01-07")
    assert store.pending(conn, held["id"])["state"] == "superseded" and list_pending(conn) == []


def test_archive_glitch_north_korea_level_1_is_held_not_applied(conn, tmp_path) -> None:
    poll(conn, tmp_path, snapshot_items(DUPES), "2026-07-19")
    assert level(conn, "KP") == 4
    report = poll(conn, tmp_path, snapshot_items(GLITCH), "2026-07-20")  # the 2025-12-16 feed: KP at Level 1
    assert level(conn, "KP") == 4
    assert [(p["code"], p["level"]) for p in list_pending(conn) if p["code"] == "KP"] == [("KP", 1)]
    assert all(c["code"] != "KP" for c in report.changes)


# -- missing destinations ------------------------------------------------------------------------

def test_vanished_destination_is_kept_7_days_before_it_is_stale(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    without = feed({"North Korea": None})
    for day in ("2026-01-06", "2026-01-09", "2026-01-11"):
        report = poll(conn, tmp_path, without, day)
        assert report.stats("us").stale == [] and store.advisory(conn, "us", "KP")["stale_since"] is None
    report = poll(conn, tmp_path, without, "2026-01-12 06:00:00")  # 7 days after it was last seen
    assert report.stats("us").stale == ["KP"]
    row = store.advisory(conn, "us", "KP")
    assert row["level"] == 4 and row["stale_since"] == "2026-01-12T06:00:00+00:00"  # kept, flagged
    assert poll(conn, tmp_path, without, "2026-01-13").stats("us").stale == []  # flagged once
    poll(conn, tmp_path, feed(), "2026-01-14")
    assert store.advisory(conn, "us", "KP")["stale_since"] is None  # back in the feed


def test_missing_from_a_failed_poll_is_not_vanishing(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    root = make_dir(tmp_path, us=None)
    report = refresh(conn, root, issuers=["us"], now=at("2026-01-20"))
    assert report.failed_all and store.stale_advisories(conn) == []


# -- duplicates and dates ------------------------------------------------------------------------

def test_of_duplicates_the_newest_is_kept(conn, tmp_path) -> None:
    old = us_item("Russia", 4, "Mon, 29 Dec 2025", tag="RS",
                  link="https://travel.state.gov/content/tsg_aem/us/en/home/international-travel/travel-advisories/"
                       "destination.rus.html")
    new = us_item("Russia", 4, "Mon, 20 Jul 2026", tag="RS")
    report = poll(conn, tmp_path, [*feed({"Russia": new}), old], "2026-07-21")
    row = store.advisory(conn, "us", "RU")
    assert row["as_of"] == "2026-07-20" and row["source"].endswith("russia-travel-advisory.html")
    assert report.stats("us").duplicates == 1


def test_archive_duplicates_collapse_to_one_per_destination(conn, tmp_path) -> None:
    report = poll(conn, tmp_path, snapshot_items(DUPES), "2026-07-19")
    stats = report.stats("us")
    assert stats.items == 329 and stats.duplicates > 100
    assert store.advisory(conn, "us", "KP")["source"].endswith("north-korea-travel-advisory.html")  # 2026 item


def test_a_changed_date_alone_is_no_change(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    redated = feed({"Cuba": us_item("Cuba", 2, "Sun, 19 Jul 2026", tag="CU", link="https://travel.state.gov/cu.html")})
    report = poll(conn, tmp_path, redated, "2026-07-19")
    assert report.changes == [] and report.stats("us").changes == 0
    row = store.advisory(conn, "us", "CU")
    assert row["as_of"] == "2026-01-05" and row["feed_date"] == "2026-07-19"  # newer date recorded, not applied
    assert row["source"].endswith("cuba-travel-advisory.html")  # a link style flip is not a change either
    assert row["changed_at"] == "2026-01-05T06:00:00+00:00"


def test_date_reset_across_the_archive_reports_only_level_changes(conn, tmp_path) -> None:
    poll(conn, tmp_path, snapshot_items(DUPES, limit=329), "2026-07-19")
    report = poll(conn, tmp_path, snapshot_items(DUPES, limit=329), "2026-07-20")
    assert report.changes == [] and report.stats("us").changes == 0


# -- curated destinations ------------------------------------------------------------------------

def test_a_curated_destination_change_is_a_new_feed_advisory_for_admins(conn, tmp_path) -> None:
    conn.execute("CREATE TABLE advisories (code TEXT, issuer TEXT, level INTEGER, label TEXT)")  # curated stand-in
    conn.execute("INSERT INTO advisories VALUES ('CU', 'US', 2, 'curated label')")
    poll(conn, tmp_path, feed(), "2026-01-05", curated={"CU", "KP"})
    raised = feed({"Cuba": us_item("Cuba", 3, "Tue, 06 Jan 2026", tag="CU"),
                   "Mexico": us_item("Mexico", 3, "Tue, 06 Jan 2026", tag="MX")})
    report = poll(conn, tmp_path, raised, "2026-01-06", curated=frozenset({"CU", "KP"}))
    assert [c["code"] for c in report.notify_admins] == ["CU"]
    assert {c["code"]: c["curated"] for c in report.changes} == {"CU": True, "MX": False}
    row = store.advisory(conn, "us", "CU")
    assert (row["level"], row["as_of"]) == (3, "2026-01-06")  # the dated feed advisory
    assert conn.execute("SELECT level, label FROM advisories").fetchall() == [(2, "curated label")]


def test_curated_region_makes_its_country_curated(conn, tmp_path) -> None:
    poll(conn, tmp_path, feed(), "2026-01-05")
    report = poll(conn, tmp_path, feed({"Cuba": us_item("Cuba", 3, "Tue, 06 Jan 2026", tag="CU")}), "2026-01-06",
                  curated={"CU-09"})
    assert report.notify_admins and report.notify_admins[0]["code"] == "CU"
