"""Turns an Answer into Telegram HTML messages (and plain text for the terminal).

Templates are autoescaped, so user and knowledge text can never inject markup; only the
tags Telegram understands are emitted, and messages are split between paragraphs.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.answering.compose import short
from bot.answering.facts import Answer
from bot.answering.telegram_html import MAX_MESSAGE, html_problems, visible_length
from bot.answering.texts import DANGER_NOTE, GENERAL_DISCLAIMER, LAPSED_NOTE, OFF_TOPIC
from bot.config import TEMPLATES_DIR
from bot.knowledge.vocabulary import EVENT_KINDS

FIRST_MESSAGE_BUDGET = 1200  # characters a traveler reads before deciding what to tap next
# How much of each text a brief answer keeps, per compaction level (0 = all of it fits the budget). The
# templates and the estimate below read this one table.
LIMITS = {
    "warning": (700, 480, 400, 360), "direct": (400, 260, 200, 160), "legal": (400, 300, 220, 180),
    "consequences": (300, 160, 0, 0), "status": (300, 180, 140, 112), "overview": (220, 140, 120, 96),
    "event": (160, 120, 100, 80), "consular": (220, 140, 120, 96), "report": (220, 160, 120, 96),
    "howto": (160, 120, 100, 80),
}


class Renderer:
    def __init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
        )
        self.env.filters["short"] = short
        self.env.globals.update(off_topic=OFF_TOPIC, danger_note=DANGER_NOTE, lapsed_note=LAPSED_NOTE,
                                event_labels=EVENT_KINDS, limits=LIMITS)
        self.env.globals["m"] = self.env.get_template("macros.html.j2").make_module()  # imported once, not per render
        self.answer_tpl = self.env.get_template("answer.html.j2")
        self.unanswered_tpl = self.env.get_template("unanswered.html.j2")
        self.notice_tpl = self.env.get_template("change_notice.html.j2")

    def render(self, answer: Answer) -> list[str]:
        """Telegram HTML messages; a brief answer is made more compact until its first message fits the budget
        (what is left out stays one button away)."""
        if not answer.answered:
            return split_messages(tidy(self.unanswered_tpl.render(a=answer, general=GENERAL_DISCLAIMER)))
        messages: list[str] = []
        start = 0 if answer.detail else _first_level(answer)
        for compact in range(start, 1 if answer.detail else 4):
            messages = split_messages(tidy(self.answer_tpl.render(a=answer, compact=compact)))
            if visible_length(messages[0]) <= FIRST_MESSAGE_BUDGET:
                break
        return messages

    def change_notice(self, code: str, name: str, flag: str, lines: tuple[str, ...]) -> str:
        """The one message a follower gets when a destination's facts change."""
        text = tidy(self.notice_tpl.render(code=code, name=name, flag=flag, lines=lines))
        return split_messages(text)[0]


def _first_level(answer: Answer) -> int:
    """A cheap estimate of the compaction a brief answer needs, so it is usually rendered once."""
    for level in range(4):
        size = 160 + len(GENERAL_DISCLAIMER) + sum(len(d) for d in answer.disclaimers)
        size += sum(min(len(w), LIMITS["warning"][level]) + 4 for w in answer.warnings)
        size += sum(min(len(d.text), LIMITS["direct"][level]) + len(d.strong) + len(d.when) + len(d.note) + 12
                    for d in answer.direct)
        for kind, items in (("report", answer.reports if level == 0 else answer.reports[:1]),
                            ("howto", answer.howto if level == 0 else answer.howto[:1]),
                            ("event", answer.events if level == 0 else answer.events[-1:])):
            size += sum(min(len(i.summary), LIMITS[kind][level]) + 40 for i in items)
        if level < 2:
            size += 260 if answer.status else 0
            size += 90 * min(len(answer.advisories), 3 if level == 0 else 2)
        if size <= FIRST_MESSAGE_BUDGET:
            return level
    return 3


def tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def split_messages(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Pack paragraphs into messages of at most `limit` characters, never cutting inside a tag."""
    pieces: list[str] = []
    for para in text.split("\n\n"):
        if len(para) <= limit:
            pieces.append(para)
            continue
        for line in para.split("\n"):
            pieces.extend([line] if len(line) <= limit else _hard_split(line, limit))
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                messages.append(current)
            current = piece
    if current:
        messages.append(current)
    return messages or ["…"]


def _hard_split(line: str, limit: int) -> list[str]:
    """Last resort for one enormous line: drop its markup and cut the escaped text safely."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", line))
    out: list[str] = []
    chunk = ""
    for ch in plain:
        esc = html.escape(ch, quote=False)
        if len(chunk) + len(esc) > limit:
            out.append(chunk)
            chunk = ""
        chunk += esc
    if chunk:
        out.append(chunk)
    return out


class _PlainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag == "blockquote":
            self.out.append("> ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            href = self.href.pop()
            if href:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def to_plain(message: str) -> str:
    """Readable terminal text: tags dropped, links spelled out."""
    parser = _PlainText()
    parser.feed(message)
    parser.close()
    return "".join(parser.out)


__all__ = ["MAX_MESSAGE", "Renderer", "html_problems", "split_messages", "tidy", "to_plain", "visible_length"]
