"""The local terminal chat: the bot's answers without Telegram, for development and offline use."""

from __future__ import annotations

import contextlib
from typing import TextIO

from bot.answering.conversation import Conversation
from bot.answering.engine import Engine
from bot.answering.render import to_plain
from bot.storage.questions import record_question

WELCOME = (
    "Borderline terminal chat. Ask about a destination, e.g. 'Can I go to North Korea with a US passport?'.\n"
    "Commands: /passport CC [CC...] sets your passports, /passport clears them, /quit leaves."
)


def run_chat(engine: Engine, stdin: TextIO, stdout: TextIO, passports: list[str] | None = None) -> int:
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing and history for input()
            import readline  # noqa: F401
    session_passports = list(passports or [])
    conversation = Conversation()
    print(WELCOME, file=stdout)
    while True:
        if interactive:
            try:
                line = input("you> ")
            except EOFError:
                break
        else:
            line = stdin.readline()
            if not line:
                break
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        if line.startswith("/passport"):
            codes = [c.upper() for c in line.split()[1:]]
            unknown = [c for c in codes if c not in engine.kb.places]
            if unknown:
                print(f"bot> Unknown passport code(s): {', '.join(unknown)}. Use codes like US, GB, MX.", file=stdout)
                continue
            session_passports = codes
            shown = ", ".join(session_passports) or "none"
            print(f"bot> Passports for this session: {shown}", file=stdout)
            continue
        answer = engine.ask(line, session_passports, conversation=conversation)
        record_question(engine.kb.conn, line, "terminal", answer.answered, answer.code,
                        [s["code"] for s in answer.suggestions])
        text = "\n\n".join(to_plain(m) for m in answer.messages)
        print(f"bot> {text}\n", file=stdout, flush=True)
    print("bye", file=stdout)
    return 0
