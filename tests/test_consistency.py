"""The consistency rules of `check` and `build`: each fires on the case it is for, and the shipped files pass."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from bot.knowledge.consistency import check, source_problem
from bot.knowledge.reference import PASSPORT_INDEX_URL, BaselineAdvisory, load_countries
from bot.knowledge.schema import Destination
from tests.conftest import KNOWLEDGE, ROOT

COUNTRIES = load_countries(KNOWLEDGE / "reference")
TODAY = dt.date(2026, 12, 1)
ARTICLE = "https://www.example-news.org/2025/12/31/burkina-faso-visa-measures-us-nationals"


def dest(**changes) -> Destination:
    data = {
        "code": "BF", "name": "Burkina Faso",
        "status": {"state": "partly-open", "summary": "s", "as_of": TODAY, "source": ARTICLE, "checked": TODAY},
        "advisories": [{"issuer": "US", "level": 4, "label": "Do not travel", "as_of": dt.date(2026, 5, 4),
                        "source": ARTICLE, "checked": TODAY}],
        "entry": [{"passports": ["US"], "verdict": "visa-on-arrival", "summary": "s", "source": ARTICLE,
                   "checked": TODAY},
                  {"passports": ["*"], "verdict": "unknown", "summary": "s", "source": ARTICLE, "checked": TODAY}],
        "events": [],
    }
    data.update(changes)
    return Destination.model_validate(data)


def findings(d: Destination, advisories=(), rules=None) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in check([d], COUNTRIES, list(advisories), rules or {})]


BAN = {"date": "2025-12-30", "kind": "rule-change", "scope": "US nationals", "source": ARTICLE, "checked": TODAY,
       "summary": "Burkina Faso applies a full visa ban to US nationals."}


def test_green_verdict_for_a_passport_the_events_bar_is_an_error() -> None:
    found = findings(dest(events=[BAN]))
    assert any(s == "error" and "entry rule for US says visa-on-arrival" in m for s, m in found), found


def test_a_later_reopening_for_that_passport_clears_it() -> None:
    reopened = {**BAN, "date": "2026-06-01", "kind": "reopening", "summary": "Visas for US nationals resume."}
    assert not [f for f in findings(dest(events=[BAN, reopened])) if f[0] == "error"]


def test_a_barred_verdict_is_consistent_with_the_ban() -> None:
    entry = [{"passports": ["US"], "verdict": "no-admission", "summary": "s", "source": ARTICLE, "checked": TODAY},
             {"passports": ["*"], "verdict": "unknown", "summary": "s", "source": ARTICLE, "checked": TODAY}]
    assert not [f for f in findings(dest(events=[BAN], entry=entry)) if f[0] == "error"]


@pytest.mark.parametrize(("url", "bad"), [
    ("https://www.passportindex.org", True), ("https://koryogroup.com/", True), ("https://koryogroup.com/blog/", True),
    ("https://www.nknews.org/2025/06/", True),
    ("https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories.html", True),
    ("https://www.nknews.org/2025/05/state-department-bans-use-of-us-passports-for-north-korea-for-9th-year/", False),
    ("https://civil.ge/archives/504980", False), (ARTICLE, False),
])
def test_homepages_and_index_pages_are_not_sources(url, bad) -> None:
    assert (source_problem(url) is not None) is bad


def test_the_baseline_rows_cite_the_dataset_file_not_a_homepage() -> None:
    """Every "dataset only" verdict linked passportindex.org's homepage, which states no pair (and today's value, not
    the snapshot's): it now links the dataset file at the commit we copied."""
    assert source_problem(PASSPORT_INDEX_URL) is None
    assert "passport-index-tidy-iso2.csv" in PASSPORT_INDEX_URL and "/blob/" in PASSPORT_INDEX_URL


def test_index_source_is_an_error_and_low_trust_a_warning() -> None:
    status = {"state": "partly-open", "summary": "s", "as_of": TODAY, "source": "https://www.nknews.org/2025/06/",
              "checked": TODAY}
    assert ("error" in {s for s, _ in findings(dest(status=status))})
    status["source"] = "https://www.visaverge.com/questions/complete-guide-how-to-get-a-visa-for-syria"
    found = findings(dest(status=status))
    assert any(s == "warning" and "low-trust" in m for s, m in found) and not any(s == "error" for s, _ in found)


def test_a_copy_of_the_baseline_adds_nothing() -> None:
    entry = [{"passports": ["GB"], "verdict": "visa-on-arrival", "summary": "s", "source": "https://www.passportindex.org/",
              "checked": TODAY},
             {"passports": ["*"], "verdict": "unknown", "summary": "s", "source": ARTICLE, "checked": TODAY}]
    d = dest(entry=entry)
    found = findings(d, rules={("BF", "GB"): "visa-on-arrival"})
    assert any("repeats the baseline" in m for _, m in found)


def test_curated_advisory_older_than_the_baseline_is_flagged() -> None:
    newer = BaselineAdvisory("BF", "US", 4, "Do Not Travel", "2026-08-21", ARTICLE, "2026-08-22")
    assert any("older than the US baseline" in m for _, m in findings(dest(), [newer]))
    older = BaselineAdvisory("BF", "US", 4, "Do Not Travel", "2025-04-16", ARTICLE, "2025-08-14")
    assert not any("older than" in m for _, m in findings(dest(), [older]))


def test_open_under_do_not_travel_is_flagged() -> None:
    status = {"state": "open", "summary": "s", "as_of": TODAY, "source": ARTICLE, "checked": TODAY}
    assert any("status is 'open'" in m for _, m in findings(dest(status=status)))


def test_shipped_knowledge_has_no_consistency_error() -> None:
    proc = subprocess.run([sys.executable, "-m", "bot", "check"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "0 consistency errors" in proc.stdout


def test_build_refuses_an_index_page_source(knowledge_copy, tmp_path) -> None:
    path = knowledge_copy / "destinations" / "kp.yaml"
    text = path.read_text(encoding="utf-8")
    first_source = text.split("source: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(first_source, "https://www.nknews.org/2025/06/", 1), encoding="utf-8")
    kb = tmp_path / "kb.sqlite"
    proc = subprocess.run([sys.executable, "-m", "bot", "build", "--kb", str(kb), "--knowledge", str(knowledge_copy)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and "kp.yaml" in proc.stderr and "index or archive" in proc.stderr
    assert not kb.exists()
