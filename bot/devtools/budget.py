"""How often the first message fits the length budget, per answer language, on the tuning questions.

Every question of the tuning sets (tests/data/questions*.yaml, tests/data/heldout.yaml; never the measuring
sets) is answered by the engine forced into each language, and the visible length of its first message is
compared with render.FIRST_MESSAGE_BUDGET. A follow-up ("after:") is asked in a chat after its question.

    python -m bot.devtools.budget [--lang ru] [--over 10] [--parts] [--kb PATH]

--over N lists the N longest first messages of each language; --parts adds how many visible characters each
kind of paragraph takes in the first messages over budget (what makes them long).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bot.config import DEFAULT_KB_PATH, PROJECT_ROOT

TUNING = [*sorted((PROJECT_ROOT / "tests" / "data").glob("questions*.yaml")),
          PROJECT_ROOT / "tests" / "data" / "heldout.yaml"]


def tuning_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in TUNING:
        items += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return items


def chat_before(item: dict[str, Any], by_question: dict[str, dict[str, Any]]) -> list[str]:
    """The questions asked before a follow-up in its chat: its `after`, and that one's own `after`, and so on."""
    if not item.get("after"):
        return []
    chat, earlier = [str(item["after"])], by_question.get(item["after"])
    while earlier and earlier.get("after") and earlier["after"] not in chat and len(chat) < 6:
        chat.insert(0, str(earlier["after"]))
        earlier = by_question.get(earlier["after"])
    return chat


def first_messages(engine: Any, items: list[dict[str, Any]], lang: str) -> list[tuple[str, str]]:
    from bot.answering.conversation import Conversation

    out = []
    for item in items:
        conversation = None
        if item.get("after"):
            conversation = Conversation()
            engine.ask(str(item["after"]), conversation=conversation, lang=lang)
        answer = engine.ask(str(item["q"]), conversation=conversation, lang=lang)
        out.append((str(item["q"]), answer.messages[0] if answer.messages else ""))
    return out


def _pct(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


def paragraph_kind(paragraph: str) -> str:
    first = paragraph.lstrip()
    if first.startswith("<blockquote>⚖️"):
        return "legal"
    if first.startswith("<blockquote>⚠️"):
        return "warning"
    if first.startswith("⚠️ <i>"):
        return "danger"
    if first.startswith("<i>"):
        return "disclaimers"
    if first.startswith("• "):  # a verdict is "• icon <b>passport: verdict</b> — ...", an event "• <b>date</b> ..."
        head = first.split("\n")[0]
        return "direct" if "</b> — " in head or "<b>" not in head else "events"
    for label in ("Status", "Advisories", "Consular", "Traveler", "How to", "Side by side"):
        if label in first[:40]:
            return label.lower()
    return "headline" if "·" in first.split("\n")[0] else "other"


def main(argv: list[str] | None = None) -> int:
    from bot.answering.engine import Engine
    from bot.answering.render import FIRST_MESSAGE_BUDGET
    from bot.answering.telegram_html import visible_length
    from bot.i18n import LANGUAGES
    from bot.storage.kb import KnowledgeBase

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--over", type=int, default=0, metavar="N", help="list the N longest first messages")
    parser.add_argument("--parts", action="store_true", help="which paragraphs the messages over budget spend on")
    parser.add_argument("--kb", type=Path, default=DEFAULT_KB_PATH)
    args = parser.parse_args(argv)
    engine = Engine(KnowledgeBase(args.kb))
    items = tuning_items()
    print(f"{len(items)} tuning questions, budget {FIRST_MESSAGE_BUDGET} visible characters")
    print(f"{'lang':5s} {'within':>8s} {'p50':>6s} {'p90':>6s} {'max':>6s}")
    langs = args.lang or list(LANGUAGES)
    worst = 100.0
    for lang in langs:
        shown = first_messages(engine, items, lang)
        sizes = [visible_length(m) for _, m in shown]
        within = 100 * sum(s <= FIRST_MESSAGE_BUDGET for s in sizes) / max(len(sizes), 1)
        worst = min(worst, within)
        print(f"{lang:5s} {within:7.1f}% {_pct(sizes, 0.5):6d} {_pct(sizes, 0.9):6d} {max(sizes, default=0):6d}")
        if args.parts:
            spent: Counter[str] = Counter()
            over = [m for (_, m), s in zip(shown, sizes, strict=True) if s > FIRST_MESSAGE_BUDGET]
            for message in over:
                for para in message.split("\n\n"):
                    spent[paragraph_kind(para)] += visible_length(para)
            n = max(len(over), 1)
            print("      over budget, mean characters per paragraph kind: "
                  + ", ".join(f"{k} {v / n:.0f}" for k, v in spent.most_common()))
        for (q, _), s in sorted(zip(shown, sizes, strict=True), key=lambda x: -x[1])[: args.over]:
            print(f"      {s:5d}  {q}")
    return 0 if worst >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
