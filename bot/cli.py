"""Subcommands of `python -m bot`; each is a (configure, run, help) triple."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.loader import KnowledgeError

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str]


def _kb_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", type=Path, help="SQLite file (default: $KB_PATH or var/borderline.sqlite)")
    parser.add_argument("--knowledge", type=Path, help="knowledge directory (default: ./knowledge)")


def _settings(args: argparse.Namespace) -> tuple[Settings, Path, Path]:
    settings = Settings.from_env()
    kb = getattr(args, "kb", None) or settings.kb_path
    knowledge = getattr(args, "knowledge", None) or settings.knowledge_dir
    return settings, Path(kb), Path(knowledge)


def _run_build(args: argparse.Namespace) -> int:
    from bot.build import build

    _settings_, kb, knowledge = _settings(args)
    if args.if_missing and kb.exists():
        return 0
    try:
        report = build(knowledge, kb)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"build failed: {len(exc.problems)} problem(s); {kb} left untouched", file=sys.stderr)
        return 1
    print(
        f"built {report.path}: {report.destinations} destinations ({report.curated} curated), "
        f"{report.names} names, {report.entry_rules} entry rules in {report.seconds:.2f} s"
    )
    return 0


def _conf_build(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--if-missing", action="store_true", help="do nothing when the database exists")


def _run_check(args: argparse.Namespace) -> int:
    from bot.build import validate
    from bot.staleness import stale_facts

    settings, _kb, knowledge = _settings(args)
    try:
        destinations, _countries = validate(knowledge)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"check failed: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    days = args.days if args.days is not None else settings.stale_days
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    stale = stale_facts(destinations, today, days)
    print(f"{len(destinations)} curated destinations valid")
    if stale:
        print(f"{len(stale)} fact(s) last checked more than {days} days ago:")
        for item in stale:
            print(f"  {item}")
    else:
        print(f"no fact is older than {days} days")
    return 0


def _conf_check(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--days", type=int, help="staleness age in days (default: $STALE_DAYS or 180)")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")


COMMANDS: dict[str, Command] = {
    "build": (_conf_build, _run_build, "validate the knowledge files and (re)build the SQLite database"),
    "check": (_conf_check, _run_check, "validate the knowledge files and list stale facts, without writing"),
}
