"""Glue for `python -m bot refresh` (the lead wires it into bot.cli): arguments, output, exit code.

Kept here so the exit-code rule (non-zero only when every feed failed) and the output format are
tested with the feed code rather than re-derived in the CLI.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from bot.feeds.model import ISSUERS
from bot.feeds.run import refresh
from bot.feeds.urls import FeedUrls
from bot.feeds.visa_diff import diff_visa
from bot.knowledge.issuer_names import CountryNames


def add_refresh_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="from_dir", type=Path, metavar="DIR",
                        help="read saved feed files laid out like tests/data/feeds instead of HTTP")
    parser.add_argument("--issuer", dest="issuers", action="append", choices=ISSUERS,
                        help="poll only this issuer (repeatable; default: all)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--visa", type=Path, metavar="CSV",
                        help="instead of polling, compare a new Passport Index CSV with --visa-baseline "
                             "for curated destinations (lines for admin review; applies nothing)")
    parser.add_argument("--visa-baseline", type=Path, metavar="CSV",
                        help="the snapshot to compare --visa against (default: the knowledge baseline)")


def run_refresh_command(args: argparse.Namespace, conn: sqlite3.Connection, *, curated: Iterable[str] = (),
                        curated_visa: Mapping[str, dict[str, str]] | None = None,
                        visa_baseline: Path | None = None, env: Mapping[str, str] | None = None,
                        countries: CountryNames | Path | None = None,
                        out: Callable[[str], None] = print, err: Callable[[str], None] | None = None) -> int:
    """Run the command; returns the exit status (1 only when every polled feed failed)."""
    err = err or (lambda line: print(line, file=sys.stderr))
    if args.visa:
        baseline = args.visa_baseline or visa_baseline
        if baseline is None:
            err("--visa needs --visa-baseline (or a configured baseline)")
            return 2
        lines = diff_visa(args.visa, baseline, dict(curated_visa or {}))
        for line in lines:
            out(line)
        out(f"{len(lines)} pair(s) for admin review; nothing applied")
        return 0
    source = args.from_dir or FeedUrls.from_env(os.environ if env is None else env)
    report = refresh(conn, source, issuers=args.issuers, dry_run=args.dry_run, curated=frozenset(curated),
                     countries=countries)
    for feed, line in zip(report.feeds, report.lines(), strict=True):
        out(line)
        for problem in feed.errors:
            err(f"  {feed.issuer}: {problem}")
    for change in report.notify_admins:
        out(f"curated {change['code']}: {change['issuer']} now says {change['label']} ({change['as_of']}); "
            "stored as a feed advisory, curated data untouched: review it")
    for held in report.held:
        out(f"held #{held['id']}: {held['issuer']} {held['code']} {held['old_label']} -> {held['label']}: "
            "approve or reject")
    return 1 if report.failed_all else 0
