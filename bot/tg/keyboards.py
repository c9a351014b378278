"""Inline keyboards and their callback data, versioned and always within Telegram's 64 bytes."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering.facts import Answer
from bot.answering.texts import TOPIC_LABELS
from bot.i18n import Translator, normalize
from bot.tg.texts import OVERVIEW
from bot.understanding.matcher import TOPICS

VERSION = "v2"  # v2 added the answer's language; v1 buttons still work, in the reader's language
_TOPIC_CODES = {"entry": "e", "status": "s", "safety": "f", "reports": "r", "howto": "h"}
_CODE_TOPICS = {v: k for k, v in _TOPIC_CODES.items()}
_DEST_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_PASS_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Ask:
    code: str
    topics: tuple[str, ...]
    passports: tuple[str, ...]
    lang: str | None = None


def encode(code: str, topics: list[str] | tuple[str, ...], passports: list[str] | tuple[str, ...],
           lang: str | None = None) -> str:
    data = f"{VERSION}|{code}|{''.join(_TOPIC_CODES[t] for t in topics)}|{','.join(passports[:6])}|{lang or ''}"
    assert len(data.encode()) <= 64, data
    return data


def decode(data: str | None) -> Ask | None:
    """None for anything forged, truncated or from another version."""
    if not data or len(data.encode()) > 64:
        return None
    parts = data.split("|")
    if parts[0] == "v1" and len(parts) == 4:
        parts.append("")
    elif len(parts) != 5 or parts[0] != VERSION:
        return None
    _v, code, topics, passports, lang = parts
    if lang and normalize(lang) != lang:
        return None
    if not _DEST_RE.match(code) or any(t not in _CODE_TOPICS for t in topics):
        return None
    codes = tuple(p for p in passports.split(",") if p)
    if not all(_PASS_RE.match(p) for p in codes):
        return None
    return Ask(code, tuple(dict.fromkeys(_CODE_TOPICS[t] for t in topics)), codes, lang or None)


_MARKUPS: OrderedDict[int, tuple[Answer, InlineKeyboardMarkup | None]] = OrderedDict()


def answer_keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    """The buttons of an answer; an answer the engine served from its cache gets the markup built for it before."""
    hit = _MARKUPS.get(id(answer))
    if hit is not None and hit[0] is answer:
        return hit[1]
    markup = _build_keyboard(answer)
    _MARKUPS[id(answer)] = (answer, markup)
    if len(_MARKUPS) > 4096:
        _MARKUPS.popitem(last=False)
    return markup


def _build_keyboard(answer: Answer) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    if answer.answered and answer.code:
        topic_buttons = [
            InlineKeyboardButton(f.label, callback_data=encode(f.code, f.topics, f.passports, answer.lang))
            for f in answer.followups
            if len(f.topics) == 1 and f.topics[0] in TOPICS and f.passports == answer.understanding.passports
        ]
        rows += [topic_buttons[i : i + 2] for i in range(0, len(topic_buttons), 2)]
        passport_buttons = [
            InlineKeyboardButton(f.label, callback_data=encode(f.code, f.topics, f.passports, answer.lang))
            for f in answer.followups
            if f.passports != answer.understanding.passports
        ]
        rows += [[b] for b in passport_buttons]
    if answer.suggestions:
        rows += [
            [
                InlineKeyboardButton(
                    f"{s['flag']} {s['name']}".strip(),
                    callback_data=encode(s["code"], answer.topics, answer.understanding.passports, answer.lang),
                )
            ]
            for s in answer.suggestions[:5]
        ]
    return InlineKeyboardMarkup(rows) if rows else None


def label_for(topics: tuple[str, ...], tr: Translator) -> str:
    return ", ".join(tr._(TOPIC_LABELS[t]) for t in topics) or tr._(OVERVIEW)
