"""Telegram's HTML parse mode, as the Bot API enforces it: one checker for the product and the test double.

Telegram answers "can't parse entities" for unknown tags, bad nesting, unclosed tags, a raw `<`
or an `&` that is not an entity; the renderer proves its output with this before sending, and the
Bot API double rejects any call that fails it.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
     "tg-spoiler", "span", "tg-emoji"}
)
_MARKUP_START = re.compile(r"[<&]")
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7}));")
_ATTR_PATTERN = r"""[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?"""
_TAG_RE = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+{_ATTR_PATTERN})*)\s*(/?)>")
_ATTR_RE = re.compile(r"""([^\s=<>"'/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>]+))?""")


def _entity_at(text: str, pos: int, where: str) -> tuple[int, str | None]:
    """Where the `&` at `pos` ends, and the problem with it if it is not an entity Telegram understands."""
    match = _ENTITY_RE.match(text, pos)
    if match is None:
        return pos + 1, f"stray '&' at offset {pos}{where}; write &amp;"
    number = match.group(1) or match.group(2)
    if number is not None:
        value = int(number, 10 if match.group(1) else 16)
        if not 0 < value <= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            return match.end(), f"numeric entity {match.group(0)} at offset {pos}{where} is not a character"
    return match.end(), None


def _entity_problems(text: str, where: str) -> list[str]:
    """Report every `&` that does not start an entity Telegram understands."""
    problems: list[str] = []
    pos = text.find("&")
    while pos != -1:
        end, problem = _entity_at(text, pos, where)
        if problem:
            problems.append(problem)
        pos = text.find("&", end)
    return problems


def _attribute_problems(tag: str, raw_attrs: str, offset: int) -> list[str]:
    """Check a tag's attributes against the few Telegram supports for it."""
    problems: list[str] = []
    attrs: dict[str, str | None] = {}
    for match in _ATTR_RE.finditer(raw_attrs):
        name, value = match.group(1).lower(), match.group(2)
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        attrs[name] = value
        if value:
            problems += _entity_problems(value, f" in attribute {name} of <{tag}> at offset {offset}")
    allowed: dict[str, frozenset[str]] = {
        "a": frozenset({"href"}),
        "span": frozenset({"class"}),
        "tg-emoji": frozenset({"emoji-id"}),
        "blockquote": frozenset({"expandable"}),
        "code": frozenset({"class"}),
    }
    for name in attrs:
        if name not in allowed.get(tag, frozenset()):
            problems.append(f"attribute '{name}' is not allowed on <{tag}> at offset {offset}")
    if tag == "span" and attrs.get("class") != "tg-spoiler":
        problems.append(f"<span> at offset {offset} must be <span class=\"tg-spoiler\">")
    if tag == "tg-emoji" and not (attrs.get("emoji-id") or "").isdigit():
        problems.append(f"<tg-emoji> at offset {offset} needs a numeric emoji-id attribute")
    if tag == "blockquote" and attrs.get("expandable"):
        problems.append(f"attribute 'expandable' of <blockquote> at offset {offset} takes no value")
    if tag == "code" and "class" in attrs and not (attrs["class"] or "").startswith("language-"):
        problems.append(f"<code> at offset {offset} only accepts class=\"language-...\"")
    return problems


def check_telegram_html(text: str) -> list[str]:
    """List what Telegram's HTML parse mode would reject in `text` (empty when it is fine).

    Telegram answers "can't parse entities" for unknown tags, bad nesting, unclosed tags, a raw
    `<` or an `&` that is not an entity; catching these in tests saves a failed reply in production.
    """
    problems: list[str] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    while True:
        found = _MARKUP_START.search(text, pos)
        if found is None:
            break
        pos = found.start()
        if text[pos] == "&":
            pos, problem = _entity_at(text, pos, "")
            if problem:
                problems.append(problem)
            continue
        match = _TAG_RE.match(text, pos)
        if match is None:
            problems.append(f"stray '<' at offset {pos}; write &lt;")
            pos += 1
            continue
        closing, tag, raw_attrs, self_closing = match.group(1), match.group(2).lower(), match.group(3), match.group(4)
        if tag not in ALLOWED_TAGS:
            problems.append(f"unsupported tag <{'/' if closing else ''}{tag}> at offset {pos}")
        elif closing:
            if raw_attrs.strip():
                problems.append(f"closing tag </{tag}> at offset {pos} has attributes")
            if not stack:
                problems.append(f"closing tag </{tag}> at offset {pos} has no opening tag")
            elif stack[-1][0] != tag:
                problems.append(f"closing tag </{tag}> at offset {pos} does not match <{stack[-1][0]}>")
                if any(name == tag for name, _ in stack):
                    while stack and stack[-1][0] != tag:
                        stack.pop()
                    stack.pop()
            else:
                stack.pop()
        else:
            if self_closing:
                problems.append(f"self-closing tag <{tag}/> at offset {pos} is not supported")
            problems += _attribute_problems(tag, raw_attrs, pos)
            verbatim = [name for name, _ in stack if name in ("code", "pre")]
            if verbatim and not (tag == "code" and verbatim == ["pre"] and stack[-1][0] == "pre"):
                problems.append(f"<{tag}> at offset {pos} is inside <{verbatim[-1]}>, which cannot contain markup")
            if tag == "blockquote" and any(name == "blockquote" for name, _ in stack):
                problems.append(f"<blockquote> at offset {pos} is nested in another blockquote")
            if not self_closing:
                stack.append((tag, pos))
        pos = match.end()
    problems += [f"<{tag}> opened at offset {at} is never closed" for tag, at in stack]
    return problems


def html_to_plain(text: str) -> str:
    """The text a user sees once Telegram has parsed the HTML, used for lengths and stored messages."""
    return html.unescape(_TAG_RE.sub("", text))




def visible_length(text: str) -> int:
    """Length Telegram counts: text after tags are removed and entities decoded."""
    return len(html_to_plain(text))


def html_problems(text: str) -> list[str]:
    """Why a message cannot be sent as it is (empty list when it can)."""
    problems = check_telegram_html(text)
    if visible_length(text) > MAX_MESSAGE:
        problems.append(f"longer than {MAX_MESSAGE} characters")
    if not text.strip():
        problems.append("empty")
    return problems
