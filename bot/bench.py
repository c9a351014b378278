"""`python -m bot bench`: latency, accuracy against a naive matcher, end-to-end throughput, memory.

Numbers, not assertions: the test suite only checks that the keys are there.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bot.config import KNOWLEDGE_DIR, PROJECT_ROOT

LABELLED = PROJECT_ROOT / "tests" / "data" / "questions.yaml"
ECHO_BOT = """
import sys
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

async def echo(update: Update, context) -> None:
    await update.effective_message.reply_text(update.effective_message.text)

app = (Application.builder().token(sys.argv[1]).base_url(sys.argv[2] + "/bot")
       .concurrent_updates(8).build())
app.add_handler(MessageHandler(filters.TEXT, echo))
app.run_polling(poll_interval=0.0, timeout=30)
"""


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _questions(n: int) -> list[dict[str, Any]]:
    items = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    rng = random.Random(7)
    variants = [lambda q: q, str.lower, lambda q: q.upper() if len(q) < 40 else q, lambda q: "hey, " + q,
                lambda q: q.rstrip("?") + " please?", lambda q: q + " 🙏"]
    out = list(items)
    while len(out) < n:
        item = rng.choice(items)
        out.append({**item, "q": rng.choice(variants)(item["q"])})
    return out


def _accuracy(predict, items: list[dict[str, Any]]) -> float:
    ok = 0
    for item in items:
        expected = (item.get("destinations") or [None])[0]
        ok += predict(item["q"]) == expected
    return ok / len(items)


def measure_engine(kb_path: Path, n: int) -> dict[str, Any]:
    from rapidfuzz import fuzz, process

    from bot.answering.engine import Engine
    from bot.storage.kb import KnowledgeBase

    engine = Engine(KnowledgeBase(kb_path))
    questions = [item["q"] for item in _questions(n)]
    for q in questions[:100]:
        engine.ask(q)
    answer_us, match_us = [], []
    for q in questions:
        t = time.perf_counter()
        engine.matcher.understand(q)
        match_us.append((time.perf_counter() - t) * 1e6)
        t = time.perf_counter()
        engine.ask(q)
        answer_us.append((time.perf_counter() - t) * 1e6)
    labelled = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))

    def ours(q: str) -> str | None:
        u = engine.matcher.understand(q)
        return u.destinations[0] if u.sure else None

    names = [name for _code, name, _lang, _kind in engine.kb.names]
    codes = [code for code, _name, _lang, _kind in engine.kb.names]

    def naive(q: str) -> str | None:
        hit = process.extractOne(q, names, scorer=fuzz.partial_ratio)
        return codes[hit[2]] if hit else None

    naive_us = []
    for item in labelled:
        t = time.perf_counter()
        naive(item["q"])
        naive_us.append((time.perf_counter() - t) * 1e6)
    return {
        "questions": len(questions),
        "answer_p50_us": round(_pct(answer_us, 0.5), 1),
        "answer_p99_us": round(_pct(answer_us, 0.99), 1),
        "match_p50_us": round(_pct(match_us, 0.5), 1),
        "match_p99_us": round(_pct(match_us, 0.99), 1),
        "accuracy": round(_accuracy(ours, labelled), 3),
        "baseline_p50_us": round(_pct(naive_us, 0.5), 1),
        "baseline_accuracy": round(_accuracy(naive, labelled), 3),
    }


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _drive(double: Any, n: int, chats: int, texts: list[str], parts: dict[str, int] | None = None) -> float:
    """Push n private messages from many chats and time until every one has its whole reply.

    `parts` says how many messages each text's answer takes (long answers are split), so a
    multi-part answer is counted once, when its last part has been sent.
    """
    base = len(double.sent_messages())
    expected = sum((parts or {}).get(texts[i % len(texts)], 1) for i in range(n))
    t = time.perf_counter()
    for i in range(n):
        chat = 10_000 + i % chats
        double.push_update(double.message_update(texts[i % len(texts)], chat_id=chat, user_id=chat))
    double.wait_for("sendMessage", count=base + expected, timeout=max(60.0, n / 20))
    return n / (time.perf_counter() - t)


def measure_e2e(kb_path: Path, n: int) -> dict[str, Any]:
    from bot.devtools.botapi_double import BotApiDouble

    texts = ["Can I go to North Korea with a US passport?", "Is Cuba safe?", "turkmenstan visa", "hello",
             "Is Korea open?", "Lhasa permit", "Has anyone run the Pyongyang marathon?", "Is Iran safe?"]
    from bot.answering.engine import Engine
    from bot.storage.kb import KnowledgeBase

    kb = KnowledgeBase(kb_path)
    parts = {t: len(Engine(kb).ask(t).messages) for t in texts}
    kb.close()
    work = Path(tempfile.mkdtemp(prefix="borderline-bench-"))
    kb_path = Path(shutil.copy(kb_path, work / "kb.sqlite"))  # the run must not touch the live database
    results: dict[str, Any] = {}
    # Telegram's own rate limits are lifted so the run measures the bot, not the limiter's 30/s.
    env = {**os.environ, "KB_PATH": str(kb_path), "LOG_LEVEL": "WARNING", "FLOOD_LIMIT": "100000",
           "TELEGRAM_RATE_LIMITS": "off"}
    with BotApiDouble() as double:
        env.update(TELEGRAM_API_URL=double.url, TELEGRAM_BOT_TOKEN=double.token)
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=PROJECT_ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            double.wait_for("getUpdates", timeout=30)
            _drive(double, 50, 10, texts, parts)  # warm-up
            results["e2e_updates_per_s"] = round(_drive(double, n, 200, texts, parts), 1)
            inline_ms = []
            for i in range(max(20, n // 50)):
                before = len([c for c in double.calls if c.method == "answerInlineQuery"])
                t = time.perf_counter()
                double.push_update(double.inline_update(["north korea", "cuba", "", "tibet"][i % 4], user_id=5 + i))
                double.wait_for("answerInlineQuery", count=before + 1, timeout=30)
                inline_ms.append((time.perf_counter() - t) * 1000)
            results["inline_p99_ms"] = round(_pct(inline_ms, 0.99), 1)
            results["rss_mb"] = round(_peak_rss_mb(proc.pid), 1)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    with BotApiDouble() as double:
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
            fh.write(ECHO_BOT)
        echo = subprocess.Popen([sys.executable, fh.name, double.token, double.url],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            double.wait_for("getUpdates", timeout=30)
            _drive(double, 50, 10, texts)
            results["echo_updates_per_s"] = round(_drive(double, n, 200, texts), 1)
        finally:
            echo.terminate()
            echo.wait(timeout=15)
            os.unlink(fh.name)
    results["e2e_ratio"] = round(results["e2e_updates_per_s"] / results["echo_updates_per_s"], 2)
    return results


def measure_build_and_cold(kb_path: Path) -> dict[str, Any]:
    from bot.storage.build import build

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        build(KNOWLEDGE_DIR, Path(tmp) / "kb.sqlite")
        build_s = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "ask", "--kb", str(kb_path), "Can I go to North Korea?"],
                   cwd=PROJECT_ROOT, capture_output=True, check=True)
    return {"build_s": round(build_s, 2), "cold_ask_s": round(time.perf_counter() - t, 2)}


def run_bench(kb_path: Path, *, quick: bool, as_json: bool) -> int:
    from bot.storage.build import build

    if not kb_path.exists():
        build(KNOWLEDGE_DIR, kb_path)
    results = measure_engine(kb_path, 500 if quick else 2000)
    results.update(measure_build_and_cold(kb_path))
    results.update(measure_e2e(kb_path, 2000 if quick else 5000))
    results["machine"] = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    if as_json:
        print(json.dumps(results))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            print(f"{key:<{width}}  {value}")
    return 0
