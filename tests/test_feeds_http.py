"""HTTP behaviour against httpx.MockTransport: identity, retries, Retry-After, conditional requests."""

from __future__ import annotations

import json

import httpx
import pytest
from test_feeds_support import FakeServer, at, conditional, db, fixture_text, rss, us_item

from bot.feeds import USER_AGENT, FeedUrls, FetchError, refresh
from bot.feeds.http import retry_after_seconds
from bot.storage import feeds as store

URLS = FeedUrls()
US, US_JSON, CA = URLS.us, URLS.us_json, URLS.ca
GB_INDEX = "https://www.gov.uk/api/content/foreign-travel-advice"


def us_feed(cuba: int = 2) -> str:
    return rss([us_item("Afghanistan", 4, tag="AF"), us_item("Cuba", cuba, tag="CU"), us_item("Japan", 1, tag="JA")])


def test_defaults_are_the_official_addresses() -> None:
    assert URLS.us == "https://travel.state.gov/_res/rss/TAsTWs.xml"
    assert URLS.us_json == "https://cadataapi.state.gov/api/TravelAdvisories"
    assert URLS.url("gb_index") == GB_INDEX
    assert URLS.url("gb_page", "north-korea") == GB_INDEX + "/north-korea"
    assert URLS.au == "https://www.smartraveller.gov.au/destinations-export"
    assert URLS.ca == "https://data.international.gc.ca/travel-voyage/index-alpha-eng.json"


def test_from_env_overrides_each_address() -> None:
    urls = FeedUrls.from_env({"FEED_US_URL": "http://mirror/us.xml", "FEED_GB_URL": "http://mirror/api/content/",
                              "FEED_CA_URL": "  ", "PATH": "/bin"})
    assert urls.us == "http://mirror/us.xml" and urls.ca == URLS.ca and urls.us_json == URLS.us_json
    assert urls.url("gb_page", "cuba") == "http://mirror/api/content/foreign-travel-advice/cuba"
    assert FeedUrls.from_env({}) == FeedUrls()


def test_requests_identify_the_bot() -> None:
    server = FakeServer({US: httpx.Response(200, text="<rss/>")})
    server.client().get(US)
    assert server.requests[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT == "Borderline/0.1 (+https://github.com/borderline-bot; travel-advisory follower)"


def test_429_waits_as_long_as_retry_after_asks() -> None:
    sleeps: list[float] = []
    server = FakeServer({US: [httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, text="ok")]})
    result = server.client(sleeps).get(US)
    assert result.status == 200 and result.content == b"ok" and sleeps == [7.0]


def test_503_is_retried_with_exponential_backoff() -> None:
    sleeps: list[float] = []
    server = FakeServer({US: [httpx.Response(503), httpx.Response(502), httpx.Response(200, text="ok")]})
    assert server.client(sleeps, backoff=1.5).get(US).status == 200
    assert sleeps == [1.5, 3.0] and len(server.requests) == 3


def test_gives_up_after_the_retries() -> None:
    sleeps: list[float] = []
    server = FakeServer({US: httpx.Response(503)})
    with pytest.raises(FetchError, match="HTTP 503 after 4 attempts"):
        server.client(sleeps, retries=3).get(US)
    assert len(server.requests) == 4 and len(sleeps) == 3


def test_a_retry_after_beyond_the_cap_fails_now() -> None:
    sleeps: list[float] = []
    server = FakeServer({US: httpx.Response(429, headers={"Retry-After": "3600"})})
    with pytest.raises(FetchError, match="beyond"):
        server.client(sleeps, max_wait=60).get(US)
    assert sleeps == [] and len(server.requests) == 1


def test_network_errors_are_retried_and_404_is_not() -> None:
    calls = {"n": 0}

    def flaky(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectTimeout("slow", request=request)
        return httpx.Response(200, text="ok")

    assert FakeServer({US: flaky}).client().get(US).status == 200
    missing = FakeServer({})
    with pytest.raises(FetchError, match="HTTP 404"):
        missing.client().get(US)
    assert len(missing.requests) == 1


def test_retry_after_as_an_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds("12") == 12.0


def test_refresh_survives_a_rate_limited_state_department() -> None:
    """RSS down (503), JSON API rate-limited then an empty array: the US feed fails, the others run."""
    sleeps: list[float] = []
    server = FakeServer({
        US: httpx.Response(503),
        US_JSON: [httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200, json=[])],
        CA: httpx.Response(200, text=fixture_text("ca/index-alpha-eng.json")),
    })
    conn = db()
    report = refresh(conn, URLS, issuers=["us", "ca"], now=at("2026-09-08"), client=server.client(sleeps))
    us, ca = report.stats("us"), report.stats("ca")
    assert us.failed and not ca.failed and not report.failed_all
    assert any("HTTP 503 after 4 attempts" in e for e in us.errors) and any("empty batch" in e for e in us.errors)
    assert sleeps == [2.0, 4.0, 8.0, 1.0]
    assert store.advisory(conn, "ca", "AF")["level"] == 4


def test_a_304_keeps_the_state() -> None:
    server = FakeServer({US: conditional(us_feed(), etag='"v1"')})
    conn = db()
    first = refresh(conn, URLS, issuers=["us"], now=at("2026-01-05"), client=server.client())
    assert first.stats("us").status == "ok"
    assert store.http_validators(conn, US) == ('"v1"', "Mon, 05 Jan 2026 10:00:00 GMT")
    before = {r["code"]: (r["level"], r["label"], r["as_of"]) for r in store.advisories(conn, "us")}
    second = refresh(conn, URLS, issuers=["us"], now=at("2026-01-06"), client=server.client())
    request = server.requests[-1]
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Mon, 05 Jan 2026 10:00:00 GMT"
    stats = second.stats("us")
    assert (stats.status, stats.accepted, stats.changes, second.changes) == ("not_modified", 3, 0, [])
    after = store.advisories(conn, "us")
    assert {r["code"]: (r["level"], r["label"], r["as_of"]) for r in after} == before
    assert {r["last_seen"] for r in after} == {"2026-01-06T06:00:00+00:00"}  # still in the feed: not going stale
    latest = store.recent_polls(conn, 1)[0]
    assert latest["status"] == "not_modified" and latest["http_status"] == 304
    assert conn.execute("SELECT COUNT(*) FROM feed_polls WHERE payload IS NOT NULL").fetchone()[0] == 1


def test_a_304_still_counts_as_a_second_day_sighting() -> None:
    server = FakeServer({US: conditional(us_feed(), etag='"v1"')})
    conn = db()
    refresh(conn, URLS, issuers=["us"], now=at("2026-01-05"), client=server.client())
    server.set(US, conditional(us_feed(cuba=1), etag='"v2"'))
    refresh(conn, URLS, issuers=["us"], now=at("2026-01-06"), client=server.client())
    assert store.advisory(conn, "us", "CU")["level"] == 2
    report = refresh(conn, URLS, issuers=["us"], now=at("2026-01-07"), client=server.client())
    assert report.stats("us").status == "not_modified"
    assert store.advisory(conn, "us", "CU")["level"] == 1


def test_fcdo_fetches_the_index_then_only_changed_pages() -> None:
    index = json.loads(fixture_text("gb/foreign-travel-advice.json"))
    slugs = ("afghanistan", "albania", "turkey")
    pages = {slug: fixture_text(f"gb/foreign-travel-advice/{slug}.json") for slug in slugs}
    server = FakeServer({GB_INDEX: httpx.Response(200, json=index)})
    for slug, text in pages.items():
        server.set(f"{GB_INDEX}/{slug}", httpx.Response(200, text=text))
    conn = db()
    first = refresh(conn, URLS, issuers=["gb"], now=at("2026-08-22"), client=server.client())
    assert first.stats("gb").pages == 3 and len(server.requests) == 4
    assert store.advisory(conn, "gb", "AF")["label"] == "The FCDO advises against all travel"

    server.requests.clear()
    refresh(conn, URLS, issuers=["gb"], now=at("2026-08-23"), client=server.client())
    assert [str(r.url) for r in server.requests] == [GB_INDEX]  # nothing moved: one request

    index["links"]["children"][2]["public_updated_at"] = "2026-08-23T09:00:00+01:00"  # Turkey updated
    turkey = json.loads(pages["turkey"])
    turkey["public_updated_at"] = "2026-08-23T09:00:00+01:00"
    turkey["details"]["alert_status"] = ["avoid_all_travel_to_parts"]
    server.set(GB_INDEX, httpx.Response(200, json=index))
    server.set(f"{GB_INDEX}/turkey", httpx.Response(200, json=turkey))
    server.requests.clear()
    third = refresh(conn, URLS, issuers=["gb"], now=at("2026-08-24"), client=server.client())
    assert [str(r.url) for r in server.requests] == [GB_INDEX, f"{GB_INDEX}/turkey"]
    assert [(c["code"], c["old_label"], c["label"], c["as_of"]) for c in third.changes] == [
        ("TR", "No FCDO advice against travel", "The FCDO advises against all travel to parts of the country",
         "2026-08-23")]
    assert store.advisory(conn, "gb", "TR")["level"] is None


def test_fcdo_lowering_from_all_travel_is_held() -> None:
    index = json.loads(fixture_text("gb/foreign-travel-advice.json"))
    afghanistan = json.loads(fixture_text("gb/foreign-travel-advice/afghanistan.json"))
    server = FakeServer({GB_INDEX: httpx.Response(200, json=index),
                         f"{GB_INDEX}/afghanistan": httpx.Response(200, json=afghanistan)})
    for slug in ("albania", "turkey"):
        page = fixture_text(f"gb/foreign-travel-advice/{slug}.json")
        server.set(f"{GB_INDEX}/{slug}", httpx.Response(200, text=page))
    conn = db()
    refresh(conn, URLS, issuers=["gb"], now=at("2026-08-22"), client=server.client())
    index["links"]["children"][0]["public_updated_at"] = "2026-08-23T09:00:00+01:00"
    afghanistan["details"]["alert_status"] = []
    server.set(GB_INDEX, httpx.Response(200, json=index))
    server.set(f"{GB_INDEX}/afghanistan", httpx.Response(200, json=afghanistan))
    report = refresh(conn, URLS, issuers=["gb"], now=at("2026-08-23"), client=server.client())
    assert [(h["code"], h["label"]) for h in report.held] == [("AF", "No FCDO advice against travel")]
    assert store.advisory(conn, "gb", "AF")["label"] == "The FCDO advises against all travel"


def test_dry_run_over_http_writes_nothing() -> None:
    server = FakeServer({US: conditional(us_feed(), etag='"v1"')})
    conn = db()
    report = refresh(conn, URLS, issuers=["us"], now=at("2026-01-05"), client=server.client(), dry_run=True)
    assert report.stats("us").added == 3 and report.dry_run
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []
    assert "If-None-Match" not in server.requests[0].headers


def test_requests_are_paced() -> None:
    sleeps: list[float] = []
    server = FakeServer({US: httpx.Response(200, text="ok")})
    client = server.client(sleeps, min_interval=30.0)
    client.get(US)
    client.get(US)
    assert len(sleeps) == 1 and 29.0 < sleeps[0] <= 30.0
