"""Scores the bot against a question set written by someone who never saw the code.

It drives `python -m bot ask --json --batch` of any checkout (so the same script measures the
code before and after a change) and compares each answer with what the set expects: the
destination, the passports, a verdict for every known passport, no green light where travel is
barred, and a first message within the length budget. Measuring sets are never tuned on.

    python -m bot.devtools.measure tests/data/measure/blind_questions.yaml [--checkout DIR] [--json]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bot.answering.render import FIRST_MESSAGE_BUDGET as BUDGET
from bot.answering.telegram_html import visible_length
from bot.knowledge.vocabulary import BARRED_VERDICTS as BARRED
from bot.knowledge.vocabulary import GREEN_VERDICTS, VERDICTS

GREEN = re.compile(r"✅|Open to tourists|🟢")


def _chains(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each follow-up with the questions it follows, as one conversation; the rest alone."""
    by_id = {item["id"]: item for item in items}
    out = []
    for item in items:
        chain = [item]
        while chain[0].get("followup_of") in by_id:
            chain.insert(0, by_id[chain[0]["followup_of"]])
        out.append(chain)
    return out


def run_answers(items: list[dict[str, Any]], checkout: Path, kb: Path | None,
                fallback_lang: str | None = None) -> dict[int, dict[str, Any]]:
    """The JSON answer to every item; follow-ups are asked after their chain when the checkout supports it."""
    python = checkout / ".venv" / "bin" / "python"
    exe = str(python) if python.exists() else sys.executable
    env = {**os.environ, **({"KB_PATH": str(kb)} if kb else {})}
    help_text = subprocess.run([exe, "-m", "bot", "ask", "--help"], capture_output=True, text=True, cwd=checkout,
                               env=env).stdout
    conversations = "--conversation" in help_text
    answers: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "questions.txt"
        order: list[int | None] = []
        lines: list[str] = []
        for chain in _chains(items):
            if conversations:
                for item in chain:
                    lines.append(" ".join(str(item["q"]).split()))
                    order.append(item["id"] if item is chain[-1] else None)
                lines.append("")  # a blank line starts a new conversation
            else:
                lines.append(" ".join(str(chain[-1]["q"]).split()))
                order.append(chain[-1]["id"])
        batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
        cmd = [exe, "-m", "bot", "ask", "--json", "--batch", str(batch)] + (["--conversation"] if conversations else [])
        if fallback_lang and "--fallback-lang" in help_text:
            cmd += ["--fallback-lang", fallback_lang]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=checkout, env=env, timeout=600)
        if proc.returncode != 0:
            raise SystemExit(f"ask failed: {proc.stderr[-2000:]}")
        results = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    asked = [i for i in order]
    if len(results) != len(asked):
        raise SystemExit(f"expected {len(asked)} answers, got {len(results)}")
    for item_id, result in zip(asked, results, strict=True):
        if item_id is not None:
            answers[item_id] = result
    return answers


def english_openings(knowledge: Path) -> tuple[str, ...]:
    """The opening words of every curated English text an answer quotes (rules' summaries, advisories' labels, states,
    legal traps, events, reports, how-tos, consular notes): one in the first message of an answer in another language
    is English the traveler must read."""
    texts: list[str] = []
    for path in sorted((knowledge / "destinations").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [r.get("summary") or "" for r in data.get("entry") or []]
        texts += [a.get("label") or "" for a in data.get("advisories") or []]
        texts += [(data.get("status") or {}).get("summary") or ""]
        texts += [(data.get("legal") or {}).get(k) or "" for k in ("summary", "lawful_route")]
        texts += [e.get("summary") or "" for k in ("events", "reports", "howto") for e in data.get(k) or []]
        texts += [(data.get("consular") or {}).get("summary") or ""]
    openings = {" ".join(t.split())[:32].casefold() for t in texts}
    return tuple(sorted(o for o in openings if len(o) == 32))


def score(item: dict[str, Any], answer: dict[str, Any], *, telegram: bool = False,
          english: tuple[str, ...] = ()) -> dict[str, Any]:
    expected = [str(c) for c in item.get("destinations") or []]
    got = answer.get("destinations") or []
    off_topic = item.get("intent") == "off-topic"
    if item.get("ambiguous"):
        dest_ok = not answer.get("answered") and set(expected) <= set(answer.get("suggestions") or []) | set(got)
    elif not expected:
        dest_ok = not answer.get("answered") or bool(answer.get("off_topic"))
    elif off_topic:
        dest_ok = bool(answer.get("off_topic")) or (bool(got) and got[0] == expected[0] and not answer.get("entry"))
    elif item.get("intent") == "compare":
        dest_ok = set(expected) <= set(got)
    else:
        dest_ok = bool(answer.get("answered")) and bool(got) and got[0] == expected[0]
    want_passports = set(item.get("passports") or [])
    passports_ok = set(answer.get("passports") or []) == want_passports
    entry = {e["passport"]: e["verdict"] for e in answer.get("entry") or []}
    for e in answer.get("entry") or []:
        for p in e.get("passports") or []:
            entry.setdefault(p, e["verdict"])
    for line in answer.get("comparison") or []:
        for p, v in (line.get("verdicts") or {}).items():
            entry.setdefault(p, v)
    # off-topic answers too: "hotels in havana for americans" must still say what the US passport gets
    needs_verdict = bool(want_passports) and bool(expected) and not item.get("ambiguous")
    verdict_present = all(p in entry for p in want_passports) if needs_verdict else None
    # the rule as the issue states it: every passport the bot knows (understood, saved or carried) gets its verdict;
    # the line above also counts passports the bot missed, so it is bounded by understanding
    understood = want_passports & set(answer.get("passports") or [])
    verdict_when_understood = all(p in entry for p in understood) if needs_verdict and understood else None
    expect = item.get("expect_verdicts") or {}
    verdict_match = all(entry.get(p) == v for p, v in expect.items()) if expect and dest_ok else None
    dangerous = any(v in BARRED and entry.get(p) not in (None, "unknown") and entry.get(p) not in BARRED
                    and VERDICTS[entry[p]].allows_entry and entry[p] in GREEN_VERDICTS for p, v in expect.items())
    first = (answer.get("messages") or [""])[0]
    barred = bool(answer.get("do_not_travel")) or ((answer.get("status") or {}).get("state") == "closed")
    if answer.get("comparison"):  # one line per place: a green word may only sit on a place that is not barred
        green_light = any("Level 4" in c["line"] and GREEN.search(c["line"]) for c in answer["comparison"])
    else:
        green_light = barred and bool(GREEN.search(first))
    # the answer's language: the question's own (English when it cannot be told), or with a Telegram setting given
    want_lang = item.get("expect_with_telegram_lang") if telegram else item.get("lang")
    want_lang = "en" if want_lang in (None, "und") else want_lang
    lang_ok = answer.get("lang", "en") == want_lang if item.get("lang") else None  # older bots answered English
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", "", first)).split()).casefold()
    english_first = any(o in plain for o in english) if answer.get("lang", "en") != "en" and english else None
    return {
        "id": item["id"], "lang": item.get("lang"), "intent": item.get("intent"), "dest_ok": dest_ok,
        "lang_ok": lang_ok, "answer_lang": answer.get("lang", "en"), "want_lang": want_lang,
        "passports_ok": passports_ok, "verdict_present": verdict_present, "verdict_match": verdict_match,
        "verdict_when_understood": verdict_when_understood,
        "dangerous": dangerous, "green_light": green_light, "first_len": visible_length(first),
        "in_budget": visible_length(first) <= BUDGET, "messages": len(answer.get("messages") or []),
        "first_in_language": None if english_first is None else not english_first,
    }


def summarize(scores: list[dict[str, Any]]) -> dict[str, Any]:
    def rate(key: str) -> tuple[int, int]:
        values = [s[key] for s in scores if s[key] is not None]
        return sum(bool(v) for v in values), len(values)

    both = sum(s["dest_ok"] and s["passports_ok"] for s in scores)
    per_lang = Counter(s["lang"] for s in scores)
    lang_ok = Counter(s["lang"] for s in scores if s["dest_ok"] and s["passports_ok"])
    return {
        "questions": len(scores),
        "destination": rate("dest_ok"),
        "passports": rate("passports_ok"),
        "destination_and_passports": (both, len(scores)),
        "verdict_present_when_passport_known": rate("verdict_present"),
        "verdict_present_when_bot_knows_passport": rate("verdict_when_understood"),
        "expected_verdict_matches": rate("verdict_match"),
        "dangerous_green_verdicts": sum(s["dangerous"] for s in scores),
        "green_light_under_level4_or_closed": sum(s["green_light"] for s in scores),
        "first_message_within_budget": rate("in_budget"),
        "answer_in_the_expected_language": rate("lang_ok"),
        "first_message_without_english_facts": rate("first_in_language"),
        "per_language": {lang: f"{lang_ok[lang]}/{n}" for lang, n in sorted(per_lang.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--checkout", type=Path, default=Path.cwd(), help="the checkout whose bot is measured")
    parser.add_argument("--kb", type=Path, help="database to use (default: the checkout's)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--failures", action="store_true", help="list the questions that failed")
    parser.add_argument("--telegram-lang", action="store_true",
                        help="give each question its item's telegram_lang as the fallback language (as a Telegram "
                             "client would) and expect expect_with_telegram_lang")
    args = parser.parse_args(argv)
    items = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    if args.telegram_lang:
        answers = {}
        for setting in sorted({str(i.get("telegram_lang") or "") for i in items}):
            group = [i for i in items if str(i.get("telegram_lang") or "") == setting]
            answers.update(run_answers(group, args.checkout.resolve(), args.kb, fallback_lang=setting or None))
    else:
        answers = run_answers(items, args.checkout.resolve(), args.kb)
    english = english_openings(args.checkout.resolve() / "knowledge")
    scores = [score(item, answers[item["id"]], telegram=args.telegram_lang, english=english) for item in items]
    summary = summarize(scores)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for key, value in summary.items():
            shown = f"{value[0]}/{value[1]} ({100 * value[0] / max(value[1], 1):.0f}%)" if isinstance(value, tuple) \
                else value
            print(f"{key:40s} {shown}")
    if args.failures:
        by_id = {item["id"]: item for item in items}
        for s in scores:
            if not (s["dest_ok"] and s["passports_ok"]) or s["verdict_present"] is False or s["green_light"] \
                    or s["dangerous"]:
                a = answers[s["id"]]
                print(f"#{s['id']} [{s['intent']}] {by_id[s['id']]['q']!r}: want {by_id[s['id']].get('destinations')} "
                      f"{by_id[s['id']].get('passports')}; got {a.get('destinations')} {a.get('passports')} "
                      f"{'DANGER ' if s['dangerous'] else ''}{'GREEN ' if s['green_light'] else ''}"
                      f"verdict_present={s['verdict_present']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
