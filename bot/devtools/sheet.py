"""A judging sheet: each question of a set with the bot's first message, for a reader who never saw the code.

Counting destinations and verdicts cannot tell whether an answer helps; a person (or a helper) reading the
question, the fact the writer said a correct answer must contain, and the first message can. With two
checkouts, each question gets both answers under the labels A and B, shuffled per question with a fixed seed,
so the reader cannot tell which is the older code; the key goes to a separate file.

    python -m bot.devtools.sheet SET.yaml OUT.md [--checkout DIR] [--against DIR --key KEY.json] [--kb DB]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import yaml

from bot.answering.telegram_html import html_to_plain
from bot.devtools.measure import _chains, run_answers


def _entry(item: dict[str, Any], chain: list[dict[str, Any]], answers: list[tuple[str, dict[str, Any]]]) -> str:
    lines = [f"## {item['id']}"]
    for earlier in chain[:-1]:
        lines.append(f"(earlier in the chat: {' '.join(str(earlier['q']).split())})")
    lines.append(f"Question: {' '.join(str(item['q']).split())}")
    lines.append(f"A correct answer must contain: {item.get('must_contain') or '(not given)'}")
    for label, answer in answers:
        first = html_to_plain((answer.get("messages") or [""])[0]).strip()
        lines.append(f"\n### Answer {label}\n{first}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--checkout", type=Path, default=Path.cwd())
    parser.add_argument("--against", type=Path, help="a second checkout, answered beside the first, shuffled")
    parser.add_argument("--key", type=Path, help="where to write which label is which checkout (with --against)")
    parser.add_argument("--kb", type=Path, help="database both checkouts use (default: each checkout's own)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    if args.against and not args.key:
        parser.error("--against needs --key")
    items = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    first = run_answers(items, args.checkout.resolve(), args.kb)
    second = run_answers(items, args.against.resolve(), args.kb) if args.against else {}
    rng = random.Random(args.seed)
    key: dict[str, dict[str, str]] = {}
    parts = []
    for chain in _chains(items):
        item = chain[-1]
        if not args.against:
            parts.append(_entry(item, chain, [("", first[item["id"]])]))
            continue
        pair = [("checkout", first[item["id"]]), ("against", second[item["id"]])]
        rng.shuffle(pair)
        key[str(item["id"])] = {"A": pair[0][0], "B": pair[1][0]}
        parts.append(_entry(item, chain, [("A", pair[0][1]), ("B", pair[1][1])]))
    args.out.write_text("\n".join(parts), encoding="utf-8")
    if args.key:
        args.key.write_text(json.dumps({"checkout": str(args.checkout.resolve()),
                                        "against": str(args.against.resolve()), "labels": key}, indent=1),
                            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
