"""diff_visa: Passport Index snapshot changes and disagreements for curated destinations only."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_feeds_support import ROOT

from bot.feeds.visa_diff import diff_visa, requirement_verdict

HEADER = "Passport,Destination,Requirement\n"


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_changes_and_disagreements_for_curated_destinations(tmp_path) -> None:
    old = write(tmp_path / "old.csv", ["US,KP,visa required", "GB,KP,visa required", "KP,KP,-1", "US,IR,e-visa",
                                       "DE,IR,visa on arrival", "US,FR,90"])
    new = write(tmp_path / "new.csv", ["US,KP,visa required", "GB,KP,e-visa", "KP,KP,-1", "US,IR,visa required",
                                       "DE,IR,visa on arrival", "US,FR,eta"])
    curated = {"KP": {"US": "passport-invalid", "*": "tour-only"}, "IR": {"US": "visa-required", "*": "e-visa"}}
    lines = diff_visa(new, old, curated)
    assert lines == [
        "IR for US passports: Passport Index changed 'e-visa' -> 'visa required' (old.csv -> new.csv)",
        "KP for GB passports: Passport Index changed 'visa required' -> 'e-visa' (old.csv -> new.csv)",
        "IR for DE passports: curated 'e-visa' (curated rule for all other passports), "
        "Passport Index new.csv says 'visa on arrival'",
    ]  # FR is not curated; KP verdicts are finer than the Passport Index can say; -1 is never listed


def test_a_number_of_days_is_visa_free(tmp_path) -> None:
    old = write(tmp_path / "a.csv", ["US,GE,365"])
    new = write(tmp_path / "b.csv", ["US,GE,365"])
    assert diff_visa(new, old, {"GE": {"US": "visa-free"}}) == []
    assert diff_visa(new, old, {"GE": {"US": "visa-required"}}) == [
        "GE for US passports: curated 'visa-required', Passport Index b.csv says '365'"]


def test_a_pair_missing_from_one_snapshot_is_listed(tmp_path) -> None:
    old = write(tmp_path / "a.csv", ["US,XK,visa free"])
    new = write(tmp_path / "b.csv", [])
    assert diff_visa(new, old, {"XK": {}}) == [
        "XK for US passports: Passport Index changed 'visa free' -> '(absent)' (a.csv -> b.csv)"]


def test_wrong_header_is_refused(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Passport,Destination,Code\nUS,KP,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a Passport Index"):
        diff_visa(bad, bad, {"KP": {}})


@pytest.mark.parametrize(("value", "verdict"), [
    ("30", "visa-free"), ("visa free", "visa-free"), ("eta", "eta"), ("e-visa", "e-visa"),
    ("no admission", "no-admission"), ("covid ban", "closed"), ("Hayya Entry Permit", "permit-required"),
    ("-1", None), ("banana", None),
])
def test_requirement_vocabulary(value: str, verdict: str | None) -> None:
    assert requirement_verdict(value) == verdict


def test_the_repository_baseline_against_itself_lists_only_disagreements() -> None:
    baseline = ROOT / "knowledge" / "reference" / "passport-index-tidy-iso2.csv"
    lines = diff_visa(baseline, baseline, {"KP": {"US": "visa-required", "*": "visa-required"},
                                           "IR": {"IL": "no-admission"}})
    assert lines == []  # every passport -> KP is "visa required"; IL -> IR is "no admission"
