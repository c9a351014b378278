"""Turns an Answer into Telegram HTML messages (and plain text for the terminal).

Templates are autoescaped, so user and knowledge text can never inject markup; only the
tags Telegram understands are emitted, and messages are split between paragraphs.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from bot.config import TEMPLATES_DIR

if TYPE_CHECKING:
    from bot.answer import Answer

MAX_MESSAGE = 4096
ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
                          "blockquote", "tg-spoiler", "span", "tg-emoji"})
STATE_LABELS = {"open": "Open to tourists", "partly-open": "Partly open", "closed": "Closed to tourists"}
STATE_ICONS = {"open": "🟢", "partly-open": "🟡", "closed": "🔴"}
VERDICT_ICONS = {
    "visa-free": "✅", "visa-on-arrival": "✅", "eta": "🟡", "e-visa": "🟡", "visa-required": "🟠",
    "tour-only": "🟠", "permit-required": "🟠", "passport-invalid": "⛔", "no-admission": "⛔",
    "closed": "⛔", "unknown": "❔",
}
EVENT_LABELS = {
    "closure": "Closed", "reopening": "Reopened", "suspension": "Suspended",
    "rule-change": "Rule change", "notable": "Event",
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
        self.env.globals.update(
            state_labels=STATE_LABELS, state_icons=STATE_ICONS, verdict_icons=VERDICT_ICONS, event_labels=EVENT_LABELS
        )
        self.answer_tpl = self.env.get_template("answer.html.j2")
        self.unanswered_tpl = self.env.get_template("unanswered.html.j2")

    def render(self, answer: Answer) -> list[str]:
        from bot.answer import GENERAL_DISCLAIMER

        if answer.answered:
            text = self.answer_tpl.render(a=answer)
        else:
            text = self.unanswered_tpl.render(a=answer, general=GENERAL_DISCLAIMER)
        return split_messages(tidy(text))

    def render_template(self, name: str, **context: object) -> list[str]:
        return split_messages(tidy(self.env.get_template(name).render(**context)))


def tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def visible_length(fragment: str) -> int:
    """Length Telegram counts: text after tags are removed and entities decoded."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


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


def html_problems(text: str) -> list[str]:
    """Why a message is not well-formed Telegram HTML (empty list when it is)."""
    problems: list[str] = []
    stack: list[str] = []
    for match in re.finditer(r"<(/?)([a-zA-Z-]+)([^>]*)>|<|&(#\d+|#x[0-9a-fA-F]+|[a-z]+);|&", text):
        token = match.group(0)
        if token == "<":
            problems.append("bare '<'")
        elif token == "&":
            problems.append("bare '&'")
        elif token.startswith("&"):
            if match.group(4) and not match.group(4).startswith("#") and match.group(4) not in ("lt", "gt", "amp",
                                                                                                 "quot"):
                problems.append(f"unknown entity {token}")
        else:
            closing, tag = match.group(1), match.group(2).lower()
            if tag not in ALLOWED_TAGS:
                problems.append(f"tag <{tag}> not allowed")
            elif closing:
                if not stack or stack[-1] != tag:
                    problems.append(f"unbalanced </{tag}>")
                else:
                    stack.pop()
            else:
                stack.append(tag)
    if stack:
        problems.append(f"unclosed {stack}")
    if visible_length(text) > MAX_MESSAGE:
        problems.append("longer than 4096 characters")
    if not text.strip():
        problems.append("empty")
    return problems
