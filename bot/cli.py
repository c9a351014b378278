"""Subcommands of `python -m bot`; each is a (configure, run, help) triple."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from bot.config import Settings
from bot.knowledge.loader import KnowledgeError

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
    from bot.storage.build import UnexportedEdits, build, needs_rebuild

    _unused, kb, knowledge = _settings(args)
    if args.if_missing and kb.exists():
        return 0
    if args.if_needed and kb.exists() and not needs_rebuild(knowledge, kb):
        return 0
    try:
        report = build(knowledge, kb, discard_edits=args.discard_edits)
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"build failed: {len(exc.problems)} problem(s); {kb} left untouched", file=sys.stderr)
        return 1
    except UnexportedEdits as exc:
        print(f"build refused: {exc}", file=sys.stderr)
        if args.if_needed:
            print("keeping the existing database", file=sys.stderr)
            return 0
        return 1
    print(
        f"built {report.path}: {report.destinations} destinations ({report.curated} curated), "
        f"{report.names} names, {report.entry_rules} entry rules in {report.seconds:.2f} s"
    )
    return 0


def _conf_build(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--if-missing", action="store_true", help="do nothing when the database exists")
    p.add_argument("--if-needed", action="store_true",
                   help="rebuild only when the database is missing or older than a knowledge file; "
                        "keep it (with a warning) if it holds unexported admin edits")
    p.add_argument("--discard-edits", action="store_true",
                   help="rebuild even if admins changed facts since the last export (their edits are lost)")


def _run_check(args: argparse.Namespace) -> int:
    from bot.knowledge.staleness import stale_facts
    from bot.storage.build import consistency_findings, validate

    settings, _kb, knowledge = _settings(args)
    try:
        checked = validate(knowledge)
        destinations, _countries = checked.destinations, checked.countries
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"check failed: {len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    days = args.days if args.days is not None else settings.stale_days
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    stale = stale_facts(destinations, today, days, checked.pairs, checked.borders)
    print(f"{len(destinations)} curated destinations valid, {len(checked.pairs)} pair rule(s), "
          f"{len(checked.borders)} closed land border(s) (0 consistency errors)")
    warnings = consistency_findings(destinations, _countries, knowledge / "reference")
    if warnings:
        print(f"{len(warnings)} consistency warning(s) to review:")
        for finding in warnings:
            print(f"  {finding}")
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


def _engine(args: argparse.Namespace):
    from bot.answering.engine import Engine
    from bot.storage.kb import KnowledgeBase

    settings, kb_path, _knowledge = _settings(args)
    today = dt.date.fromisoformat(args.today) if getattr(args, "today", None) else None
    return Engine(KnowledgeBase(kb_path), stale_days=settings.stale_days, today=today)


def _passports(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out += [p.strip().upper() for p in value.replace(",", " ").split() if p.strip()]
    return out


def _run_ask(args: argparse.Namespace) -> int:
    import json

    from bot.answering.conversation import Conversation
    from bot.answering.render import to_plain
    from bot.storage.kb import MissingDatabase
    from bot.storage.questions import record_question

    try:
        engine = _engine(args)
    except MissingDatabase as exc:
        print(exc, file=sys.stderr)
        return 2
    passports = _passports(args.passport)
    bad = [p for p in passports if p not in engine.kb.places]
    if bad:
        print(f"unknown passport code(s): {', '.join(bad)} (use ISO alpha-2 codes such as US, GB, MX)", file=sys.stderr)
        return 2
    if args.batch:
        if not args.json:
            print("--batch needs --json", file=sys.stderr)
            return 2
        stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")  # noqa: SIM115
        conversation = Conversation() if args.conversation else None
        with stream:
            for line in stream:
                question = line.rstrip("\n")
                if conversation is not None and not question.strip():
                    conversation = Conversation()  # a blank line starts a new conversation
                    continue
                answer = engine.ask(question, passports, conversation=conversation, lang=args.lang,
                                    fallback_lang=args.fallback_lang)
                print(json.dumps(answer.to_json(), ensure_ascii=False), flush=False)
        sys.stdout.flush()
        return 0
    question = " ".join(args.question)
    if not question.strip():
        print("ask needs a question, e.g.: python -m bot ask Can I go to North Korea?", file=sys.stderr)
        return 2
    answer = engine.ask(question, passports, lang=args.lang, fallback_lang=args.fallback_lang)
    record_question(engine.kb.conn, question, "cli", answer.answered, answer.code)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(to_plain(m) for m in answer.messages))
    return 0


def _conf_ask(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--passport", action="append", metavar="CC", help="passport code(s), repeatable (US, GB, MX...)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--batch", metavar="FILE", help="one question per line ('-' for stdin); one JSON object per line")
    p.add_argument("--today", help="pretend today is this date (YYYY-MM-DD), for staleness")
    p.add_argument("--conversation", action="store_true",
                   help="with --batch: treat the lines as one chat (follow-ups carry the last destination and "
                        "passports); a blank line starts a new chat")
    _lang_args(p)
    p.add_argument("question", nargs="*", help="the question")


def _lang_args(p: argparse.ArgumentParser) -> None:
    from bot.i18n import LANGUAGES

    p.add_argument("--lang", choices=LANGUAGES, help="answer in this language (default: the question's language)")
    p.add_argument("--fallback-lang", metavar="LANG",
                   help="language when the question does not tell, as a Telegram client's setting (e.g. pt-br)")


def _run_chat(args: argparse.Namespace) -> int:
    from bot.chat import run_chat
    from bot.storage.kb import MissingDatabase

    try:
        engine = _engine(args)
    except MissingDatabase as exc:
        print(exc, file=sys.stderr)
        return 2
    import os

    fallback = args.fallback_lang or os.environ.get("LANG", "").split(".")[0]  # the terminal's, like Telegram's
    return run_chat(engine, sys.stdin, sys.stdout, _passports(args.passport), lang=args.lang, fallback_lang=fallback)


def _conf_chat(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--passport", action="append", metavar="CC", help="passport code(s) for the session")
    p.add_argument("--today", help=argparse.SUPPRESS)
    _lang_args(p)


COMMANDS["ask"] = (_conf_ask, _run_ask, "answer one question (or a batch) from the command line")
COMMANDS["chat"] = (_conf_chat, _run_chat, "interactive terminal chat on the same engine")


def _run_run(args: argparse.Namespace) -> int:
    from bot.tg.app import run

    return run(Settings.from_env())


COMMANDS["run"] = (lambda p: None, _run_run, "run the Telegram bot (long polling, or a webhook with WEBHOOK_URL)")


def _run_bench(args: argparse.Namespace) -> int:
    from bot.bench import run_bench

    _s, kb, _k = _settings(args)
    return run_bench(kb, quick=args.quick, as_json=args.json, blind=not args.no_blind)


def _conf_bench(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    p.add_argument("--quick", action="store_true", help="smaller run, under a minute")
    p.add_argument("--no-blind", action="store_true",
                   help="skip the blind measuring sets (for anyone tuning the matcher, who must not see them)")


COMMANDS["bench"] = (_conf_bench, _run_bench, "measure latency, accuracy, throughput and memory")


def _run_export(args: argparse.Namespace) -> int:
    from bot.storage.database import connect, ensure_schema
    from bot.storage.edits import export_all

    _s, kb, _k = _settings(args)
    if not kb.exists():
        print(f"{kb} not found: run `python -m bot build`", file=sys.stderr)
        return 2
    conn = connect(kb)
    try:
        ensure_schema(conn)
        paths = export_all(conn, Path(args.dir))
    finally:
        conn.close()
    print(f"wrote {len(paths)} destination files to {args.dir}")
    return 0


def _conf_export(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("dir", help="directory for the YAML files (e.g. knowledge/destinations)")


def _run_backup(args: argparse.Namespace) -> int:
    import sqlite3

    _s, kb, _k = _settings(args)
    if not kb.exists():
        print(f"{kb} not found", file=sys.stderr)
        return 2
    target = Path(args.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(kb, timeout=10)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)  # consistent online copy, even while the bot writes
    finally:
        dest.close()
        source.close()
    print(f"backed up {kb} to {target}")
    return 0


def _conf_backup(p: argparse.ArgumentParser) -> None:
    _kb_args(p)
    p.add_argument("path", help="where to write the copy")


COMMANDS["export"] = (_conf_export, _run_export, "write curated content from the database back to YAML files")
COMMANDS["backup"] = (_conf_backup, _run_backup, "consistent online copy of the database (SQLite backup API)")


def _run_refresh(args: argparse.Namespace) -> int:
    from bot.feeds.command import run_refresh_command
    from bot.knowledge.reference import PASSPORT_INDEX_FILE
    from bot.storage.kb import KnowledgeBase, MissingDatabase

    _s, kb_path, knowledge = _settings(args)
    try:
        kb = KnowledgeBase(kb_path)
    except MissingDatabase as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        curated = [code for code, place in kb.places.items() if place.curated]
        visa = {code: {p: r["verdict"] for p, r in kb.places[code].curated_rules.items()} for code in curated}
        return run_refresh_command(args, kb.conn, curated=curated, curated_visa=visa,
                                   visa_baseline=knowledge / "reference" / PASSPORT_INDEX_FILE,
                                   countries=knowledge / "reference" / "countries.json")
    finally:
        kb.close()


def _conf_refresh(p: argparse.ArgumentParser) -> None:
    from bot.feeds.command import add_refresh_arguments

    _kb_args(p)
    add_refresh_arguments(p)


COMMANDS["refresh"] = (_conf_refresh, _run_refresh,
                       "poll the official advisory feeds (US, UK, Australia, Canada) and apply what passes the rules")
