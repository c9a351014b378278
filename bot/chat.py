"""The local terminal chat: the bot's answers without Telegram, for development and offline use."""

from __future__ import annotations

import contextlib
from typing import TextIO

from bot.answering.conversation import Conversation
from bot.answering.engine import Engine
from bot.answering.render import to_plain
from bot.i18n import DEFAULT, LANGUAGES, N_, normalize, translator
from bot.storage.questions import record_question

WELCOME = N_(
    "Borderline terminal chat. Ask about a destination, e.g. 'Can I go to North Korea with a US passport?'.\n"
    "Commands: /passport CC [CC...] sets your passports, /passport clears them, /language xx chooses the "
    "language (/language auto: the language of each question), /quit leaves."
)
UNKNOWN_PASSPORTS = N_("Unknown passport code(s): %(codes)s. Use codes like US, GB, MX.")
SESSION_PASSPORTS = N_("Passports for this session: %(codes)s")
NONE = N_("none")
LANGUAGE_SET = N_("Answers are now in %(language)s.")
LANGUAGE_AUTO = N_("Answers follow the language of each question.")
LANGUAGE_CHOICES = N_("Languages: %(languages)s, or auto.")


def run_chat(engine: Engine, stdin: TextIO, stdout: TextIO, passports: list[str] | None = None,
             lang: str | None = None, fallback_lang: str | None = None) -> int:
    """`lang` forces a language (like /language); `fallback_lang` is used when a question does not tell (like a
    Telegram client's language setting; the CLI passes the terminal's $LANG)."""
    interactive = stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # line editing and history for input()
            import readline  # noqa: F401
    session_passports = list(passports or [])
    conversation = Conversation()
    tr = translator(lang or fallback_lang or DEFAULT)
    print(tr._(WELCOME), file=stdout)
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
                print("bot> " + tr._(UNKNOWN_PASSPORTS, codes=", ".join(unknown)), file=stdout)
                continue
            session_passports = codes
            shown = ", ".join(session_passports) or tr._(NONE)
            print("bot> " + tr._(SESSION_PASSPORTS, codes=shown), file=stdout)
            continue
        if line.startswith("/language"):
            word = line.removeprefix("/language").strip()
            if word == "auto":
                lang = None
                print("bot> " + tr._(LANGUAGE_AUTO), file=stdout)
            elif normalize(word):
                lang = normalize(word)
                tr = translator(lang)
                print("bot> " + tr._(LANGUAGE_SET, language=tr.name), file=stdout)
            else:
                print("bot> " + tr._(LANGUAGE_CHOICES, languages=", ".join(LANGUAGES)), file=stdout)
            continue
        answer = engine.ask(line, session_passports, conversation=conversation, lang=lang,
                            fallback_lang=fallback_lang)
        record_question(engine.kb.conn, line, "terminal", answer.answered, answer.code,
                        [s["code"] for s in answer.suggestions])
        text = "\n\n".join(to_plain(m) for m in answer.messages)
        print(f"bot> {text}\n", file=stdout, flush=True)
    print("bye", file=stdout)
    return 0
