"""Is the asker's verdict there whenever a passport is known? Counted over the tuning questions.

Every question of the tuning sets (tests/data/questions*.yaml, tests/data/heldout.yaml; never the measuring
sets) is answered in English, follow-ups played in one chat after the chain of `after`s they follow (as
tests/test_matching.py does). For each answer whose matcher knows a passport and is sure of the destination,
each passport is classed:

  verdict    an entry rule (curated, the parent country's, or the dataset's) and its line in the first message
  unknown    the curators' own "no checked rule for this passport" (a curated rule whose verdict is unknown)
  no-rule    no rule of any origin, and the first message says so ("no entry rule on file for ...")
  parent     a region's verdict from its country's rule, said so (the region's own rule defers to it)
  dataset    the dataset's verdict under a curated default that knows no rule for the passport, said so
  own        the asker's own country (or a region of it): the visitors' rules do not apply, said so
  as-visitor the asker's own country answered with the rule for foreign visitors (its '*' default)
  missing    no verdict at all (no row, or a row the first message does not show)

and counted per intent and per kind of place (country, region, territory, Antarctica, no entry data: a place
with no rule of any origin for that passport).

    python -m bot.devtools.verdicts [--list missing|no-rule|own] [--kb PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from bot.answering.telegram_html import html_to_plain
from bot.config import DEFAULT_KB_PATH
from bot.devtools.budget import chat_before, tuning_items

CLASSES = ("verdict", "parent", "dataset", "unknown", "no-rule", "own", "as-visitor", "missing")


def place_kind(kb: Any, code: str, passport: str) -> str:
    place = kb.places[code]
    if place.kind == "continent":
        return "antarctica"
    if kb.entry_rule(code, passport) is None and not (place.parent and kb.entry_rule(place.parent, passport)):
        return "no entry data"
    return place.kind


def classify(answer: Any, passport: str) -> str:
    first = html_to_plain(answer.messages[0]) if answer.messages else ""
    for c in answer.comparison:
        if passport in c.verdicts and c.line and html_to_plain(c.line) in first:
            return "unknown" if c.verdicts[passport] == "unknown" else "verdict"
    rows = [e for e in answer.entry if e.passport == passport or passport in (e.passports or [])]
    if not rows:
        return "missing"
    e = rows[0]
    place = answer.code or ""
    if e.origin == "own":
        return "own" if e.verdict_label in first else "missing"
    if e.default_rule and passport in (place, place.split("-")[0]):
        return "as-visitor" if e.verdict_label in first else "missing"
    if e.verdict_label not in first:
        return "missing"
    if e.verdict == "unknown":
        return "no-rule" if e.origin == "none" else "unknown"
    if getattr(e, "rule_of", ""):  # getattr: older checkouts measured too
        return "parent"
    return "dataset" if e.origin == "baseline" and getattr(e, "local", "") else "verdict"


def count(engine: Any, items: list[dict[str, Any]]) -> tuple[Counter, list[tuple[str, str, str, str, str]]]:
    from bot.answering.conversation import Conversation

    by_question = {str(item["q"]): item for item in items}
    counts: Counter = Counter()
    rows = []
    for item in items:
        conversation = None
        chat = chat_before(item, by_question)
        if chat:
            conversation = Conversation()
            for question in chat:
                engine.ask(question, conversation=conversation)
        answer = engine.ask(str(item["q"]), conversation=conversation)
        u = answer.understanding
        if not u.passports or not u.sure or not u.destinations or u.destinations[0] not in engine.kb.places:
            continue
        codes = [c.code for c in answer.comparison] or u.destinations[:1]
        for passport in u.passports:
            cls = classify(answer, passport)
            kind = place_kind(engine.kb, codes[0], passport)
            counts[(u.intent, kind, cls)] += 1
            rows.append((cls, u.intent, kind, f"{codes[0]}/{passport}", str(item["q"])))
    return counts, rows


def main(argv: list[str] | None = None) -> int:
    from bot.answering.engine import Engine
    from bot.storage.kb import KnowledgeBase

    parser = argparse.ArgumentParser(prog="python -m bot.devtools.verdicts", description=__doc__.split("\n")[0])
    parser.add_argument("--list", choices=CLASSES, action="append", default=[], help="list the questions of a class")
    parser.add_argument("--kb", default=str(DEFAULT_KB_PATH))
    args = parser.parse_args(argv)
    engine = Engine(KnowledgeBase(args.kb))
    counts, rows = count(engine, tuning_items())
    total = Counter()
    for (_, _, cls), n in counts.items():
        total[cls] += n
    print("passports known, destination sure:", sum(total.values()), "·",
          " · ".join(f"{c} {total[c]}" for c in CLASSES))
    for axis, name in ((0, "intent"), (1, "kind of place")):
        print(f"\nby {name}:")
        keys = sorted({k[axis] for k in counts})
        for key in keys:
            cells = {c: sum(n for k, n in counts.items() if k[axis] == key and k[2] == c) for c in CLASSES}
            print(f"  {key:<16}" + "".join(f"{c} {cells[c]:>4}  " for c in CLASSES))
    for cls in args.list:
        print(f"\n{cls}:")
        for row in rows:
            if row[0] == cls:
                print("  ", *row[1:], sep="  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
