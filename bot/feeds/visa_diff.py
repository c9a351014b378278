"""Passport Index snapshots compared for curated destinations, as lines for admin review.

A new snapshot is a prompt to check, never news by itself (scrapers normalise differently), so
this applies nothing: it lists the (passport, destination) pairs of curated destinations whose
requirement moved, and the pairs where the new snapshot contradicts a curated verdict.
"""

from __future__ import annotations

import csv
from pathlib import Path

from bot.knowledge.reference import DATASET_VERDICTS, requirement_verdict

# Curated verdicts the Passport Index can express; others (tour-only, passport-invalid, ...) are
# finer than its vocabulary, and "unknown" asserts nothing, so neither is compared.
COMPARABLE = DATASET_VERDICTS


def _read(path: Path, destinations: set[str]) -> dict[tuple[str, str], str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"Passport", "Destination", "Requirement"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: not a Passport Index tidy CSV (missing {', '.join(sorted(missing))})")
        return {(row["Passport"].strip(), row["Destination"].strip()): row["Requirement"].strip()
                for row in reader if row["Destination"].strip() in destinations}


def diff_visa(new_csv: Path, old_csv: Path, curated: dict[str, dict[str, str]]) -> list[str]:
    """Lines for admins: requirement changes old -> new, then disagreements with curated verdicts.

    `curated` maps a destination code to {passport code or '*' (all others) -> curated verdict}.
    """
    destinations = set(curated)
    new = _read(Path(new_csv), destinations)
    old = _read(Path(old_csv), destinations)
    changed: list[str] = []
    for pair in sorted(set(new) | set(old), key=lambda p: (p[1], p[0])):
        passport, destination = pair
        before, after = old.get(pair, "(absent)"), new.get(pair, "(absent)")
        if passport != destination and before.casefold() != after.casefold():
            changed.append(f"{destination} for {passport} passports: Passport Index changed "
                           f"'{before}' -> '{after}' ({Path(old_csv).name} -> {Path(new_csv).name})")
    disagree: list[str] = []
    for destination in sorted(curated):
        verdicts = curated[destination]
        default = verdicts.get("*")
        for (passport, dest), requirement in sorted(new.items()):
            if dest != destination or passport == destination:
                continue
            curated_verdict = verdicts.get(passport, default)
            where = "" if passport in verdicts else " (curated rule for all other passports)"
            seen = requirement_verdict(requirement)
            if curated_verdict in COMPARABLE and seen is not None and seen != curated_verdict:
                disagree.append(f"{destination} for {passport} passports: curated '{curated_verdict}'{where}, "
                                f"Passport Index {Path(new_csv).name} says '{requirement}'")
    return changed + disagree
