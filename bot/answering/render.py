"""Turns an Answer into Telegram HTML messages (and plain text for the terminal).

Templates are autoescaped, so user and knowledge text can never inject markup; only the
tags Telegram understands are emitted, and messages are split between paragraphs.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, MutableMapping
from html.parser import HTMLParser
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot.answering.compose import short
from bot.answering.facts import Answer
from bot.answering.telegram_html import MAX_MESSAGE, html_problems, visible_length
from bot.answering.texts import (
    BEHIND_BUTTONS,
    COLON,
    DANGER_NOTE,
    EITHER,
    ENGLISH_NOTE,
    GENERAL_DISCLAIMER,
    GENERAL_DISCLAIMER_SHORT,
    HOWTO_KIND_LABELS,
    LAPSED_NOTE,
    OFF_TOPIC,
    STALE_NOTE,
    TOPIC_LABELS,
)
from bot.config import TEMPLATES_DIR
from bot.i18n import Translator, room, translator
from bot.knowledge.vocabulary import EVENT_KINDS
from bot.storage.changes import DATE_VALUES, TRANSLATED_VALUES, Note

# Lines never cut: "ask" ends with the command to type; "cost" quotes a price, cut to its clause already; "caveat"
# is a legal caveat that must stay whole
WHOLE_LINES = ("ask", "cost", "caveat")
FIRST_MESSAGE_BUDGET = 1200  # characters a traveler reads before deciding what to tap next
# How much of each text a brief answer keeps, per compaction level (0 = all of it fits the budget). The
# templates and the estimate below read this one table. The legal trap is not squeezed: its summary is the one line
# saying what makes the usual way in illegal ("arriving from Russia is illegal entry"), and cutting it at a ";"
# dropped exactly that; nor is the lawful route, whose last sentence may be that there is none at present (Crimea's:
# 394 characters in English, up to 489 translated).
# The last level (LEAN_FROM) is only for answers with a legal trap; see below.
LIMITS = {
    "warning": (700, 480, 400, 360, 360, 360), "direct": (400, 260, 200, 160, 100, 100),
    "legal": (520, 520, 520, 520, 520, 520), "consequences": (300, 160, 0, 0, 0, 0),
    "status": (300, 180, 140, 112, 90, 90), "overview": (220, 140, 120, 96, 80, 80),
    "event": (160, 120, 100, 80, 70, 70), "consular": (220, 140, 120, 96, 80, 80),
    "report": (220, 160, 120, 96, 80, 80), "howto": (160, 120, 100, 80, 70, 70),
}


@functools.cache
def limits_for(lang: str) -> dict[str, tuple[int, ...]]:
    """LIMITS with the room a language's longer translations need (bot.i18n.LENGTH_RATIO)."""
    return {kind: tuple(room(lang, n) for n in levels) for kind, levels in LIMITS.items()}


# a compared place's line is cut like a direct line, a little longer: it holds the place's state and risk too
COMPARED_EXTRA = 60
LEVELS = len(LIMITS["direct"])  # from level 4 on, only the first risk line (the asker's government's) is kept
BASELINE_NOTE_UNTIL = 3  # from this level on, the notes on the dataset (where its rules come from, how old they
# are) are left to the verdict lines, each labelled "dataset only, not checked by us" with the dataset's date
LEAN_FROM = LEVELS - 1  # at the last level, for an answer with a legal trap still too long at the one before: the
# trap, the warnings, the verdicts (without the rules' words, which restate the trap) and the risk; what else was
# asked for is left to its button, and the answer says so
WARNED_FROM = 3  # from this level on, a verdict whose warning is shown (passport not valid, not admitted) is not
# explained a second time in its line: the verdict, its date and source stay


_INCLUDE = re.compile(r'\{%-?\s*include\s+"([^"]+)"\s*-?%\}')


class InliningLoader(FileSystemLoader):
    """Writes an included template into its includer, so that rendering does not copy the whole context for it
    (Jinja's include builds a new context from every variable and global: a sixth of an answer's rendering).
    The templates stay separate files; an inlined one sees the includer's variables, as an include would."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return _INCLUDE.sub(lambda m: self.get_source(environment, m.group(1))[0], source), filename, uptodate


class FlatGlobalsEnvironment(Environment):
    """Gives each template its globals as one plain dict rather than Jinja's ChainMap over the environment's: every
    render copies them into a new context, and copying a ChainMap looks each key up through both maps (a tenth of
    an answer's rendering). The cost: a global added after a template is loaded is not seen by it, and every global
    here is set before any template but the macros, which use none of the later ones."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class Renderer:
    """One Jinja2 environment per language, each with that language's catalog installed (Jinja2's i18n
    extension) and its date filter; built when the language is first used."""

    def __init__(self) -> None:
        self._envs: dict[str, Environment] = {}

    def env(self, lang: str) -> Environment:
        env = self._envs.get(lang)
        if env is None:
            env = self._envs[lang] = self._make_env(translator(lang))
        return env

    def warm_up(self, lang: str) -> None:
        env = self.env(lang)
        for name in ("answer.html.j2", "brief.html.j2", "detail.html.j2", "unanswered.html.j2",
                     "change_notice.html.j2"):
            env.get_template(name)
        tr = translator(lang)  # Babel loads each locale's date and number data on first use
        tr.date("2026-01-01"), tr.date("2026-01"), tr.number(1000)

    @staticmethod
    def _make_env(tr: Translator) -> Environment:
        env = FlatGlobalsEnvironment(
            loader=InliningLoader(TEMPLATES_DIR),
            auto_reload=False,  # templates do not change while the bot runs: no stat() of the file per answer
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
        )
        # Newstyle gettext (translated, marked safe, values escaped) without Jinja's per-call context plumbing:
        # templates call it a dozen times an answer, and every environment autoescapes.
        def gettext(message: str, **values: object) -> Markup:
            return Markup(tr.translations.gettext(message)) % values

        def ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
            return Markup(tr.translations.ngettext(singular, plural, n)) % {"num": tr.number(n), **values}

        env.install_gettext_callables(gettext, ngettext, newstyle=False)  # type: ignore[attr-defined]
        env.globals["_"] = gettext  # the extension's own `_` would look gettext up in the context on every call
        labels = {k: tr._(v) for k, v in TOPIC_LABELS.items()}
        env.filters.update(short=short, date=tr.date, either=lambda items: _either(tr, items),
                           topic_labels=lambda topics: ", ".join(labels[t] for t in topics))
        env.globals.update(off_topic=OFF_TOPIC, danger_note=tr._(DANGER_NOTE), lapsed_note=LAPSED_NOTE,
                           stale_note=STALE_NOTE, colon=tr._(COLON),
                           english_note=ENGLISH_NOTE, general=GENERAL_DISCLAIMER, limits=limits_for(tr.lang),
                           general_text=tr._(GENERAL_DISCLAIMER), general_short=tr._(GENERAL_DISCLAIMER_SHORT),
                           warned_from=WARNED_FROM, baseline_note_until=BASELINE_NOTE_UNTIL, lean_from=LEAN_FROM,
                           whole_lines=WHOLE_LINES, compared_extra=COMPARED_EXTRA,
                           behind_buttons=BEHIND_BUTTONS,
                           event_labels={k: tr._(v) for k, v in EVENT_KINDS.items()},
                           howto_kinds={k: tr._(v) for k, v in HOWTO_KIND_LABELS.items()})
        env.globals["m"] = env.get_template("macros.html.j2").make_module()  # imported once, not per render
        return env

    def render(self, answer: Answer) -> list[str]:
        """Telegram HTML messages; a brief answer is made more compact until its first message fits the budget
        (what is left out stays one button away)."""
        env = self.env(answer.lang)
        if not answer.answered:
            return split_messages(tidy(env.get_template("unanswered.html.j2").render(a=answer)))
        template = env.get_template("answer.html.j2")
        messages: list[str] = []
        start = 0 if answer.detail else _first_level(answer)
        for compact in range(start, 1 if answer.detail else LEVELS if answer.legal else LEAN_FROM):
            messages = split_messages(tidy(template.render(a=answer, compact=compact)))
            if visible_length(messages[0]) <= FIRST_MESSAGE_BUDGET:
                break
        return messages

    def change_notice(self, code: str, name: str, flag: str, lines: tuple[Note, ...], lang: str = "en") -> str:
        """The one message a follower gets when a destination's facts change, in the follower's language."""
        tr = translator(lang)
        template = self.env(tr.lang).get_template("change_notice.html.j2")
        text = tidy(template.render(code=code, name=name, flag=flag, lines=[note_text(n, tr) for n in lines]))
        return split_messages(text)[0]


def note_text(note: Note, tr: Translator) -> str:
    message, values = note
    shown = {k: tr._(v) if k in TRANSLATED_VALUES and isinstance(v, str)
             else tr.date(v) if k in DATE_VALUES else tr.number(v) if isinstance(v, int) else v
             for k, v in values.items()}
    return tr._(message, **shown) if shown else tr._(message)


def _either(tr: Translator, suggestions: list[dict[str, str]]) -> str:
    """"🇳🇪 Niger or 🇳🇬 Nigeria", in the answer's language."""
    names = [f"{s['flag']} {s['name']}" for s in suggestions]
    if len(names) < 2:
        return "".join(names)
    return tr.euphony(tr._(EITHER, first=", ".join(names[:-1]), last=names[-1]))


def _first_level(answer: Answer) -> int:
    """A cheap estimate of the compaction a brief answer needs, so it is usually rendered once. It follows what
    brief.html.j2 and answer.html.j2 show at each level; too high a guess would compact an answer that fits."""
    u = answer.understanding
    LIMITS = limits_for(answer.lang)
    risk_asked = u.intent == "level" or "safety" in answer.topics
    fixed = 60 + len(answer.name) + (len(answer.headline.risk) + len(answer.headline.state) if answer.headline else 0)
    # the general disclaimer is one of them; the staleness note only counts when a line always shown is stale
    stale_fixed = bool(answer.headline and answer.headline.stale_on)
    fixed += sum(len(d) for d in answer.disclaimers if d not in (answer.stale_note, answer.baseline_note))
    fixed += 60 * (not answer.curated)  # the notes under the headline
    legal = answer.legal if not answer.detail else None
    if legal:  # never cut: its summary and lawful route whole (up to the limit), its consequences while room
        fixed += sum(min(len(legal.get(k) or ""), LIMITS["legal"][0]) for k in ("summary", "lawful_route")) + 40
    last = LEVELS if legal else LEAN_FROM
    for level in range(last):
        lean = bool(legal) and level >= LEAN_FROM
        size = fixed + 40 * (answer.untranslated and (answer.english_lean or not lean))
        if lean:
            size -= len(GENERAL_DISCLAIMER) - len(GENERAL_DISCLAIMER_SHORT)
        size += sum(min(len(w), LIMITS["warning"][level]) + 4 for w in answer.warnings[1 if legal else 0:])
        if legal and legal.get("consequences") and level < 2:
            size += min(len(legal["consequences"]), LIMITS["consequences"][level])
        if level < BASELINE_NOTE_UNTIL:
            size += len(answer.baseline_note)
        lines = answer.direct_lines(level)
        if stale_fixed or any(d.stale_on and not (d.dataset and level >= BASELINE_NOTE_UNTIL) for d in lines):
            size += len(answer.stale_note)
        size += sum((0 if (d.covered and level >= WARNED_FROM) or (lean and d.strong and d.kind != "cost")
                     else len(d.text) if d.kind in WHOLE_LINES
                     else min(len(d.brief or d.text), len(d.text), LIMITS["direct"][level]))
                    + len(d.strong) + len(d.when) + len(d.note) + 16 for d in lines
                    if not (lean and d.kind == "status"))
        unasked = level >= 3  # from level 3 on, topics nobody asked for are left to their buttons
        for kind, items in (("report", [] if lean or (unasked and "reports" not in answer.topics)
                             else answer.reports if level == 0 else answer.reports[:1]),
                            ("howto", [] if lean or (unasked and "howto" not in answer.topics)
                             else answer.howto if level == 0 else answer.howto[:1]),
                            ("event", [] if level >= 4 or u.intent == "when"
                             else answer.events if level == 0 else answer.events[-1:])):
            size += sum(min(len(i.summary), LIMITS[kind][level]) + 30 for i in items)
        size += sum(min(len(c.line), LIMITS["direct"][level] + COMPARED_EXTRA) + len(c.name) + 8
                    for c in answer.comparison)
        if lean and answer.behind:
            size += 40 + 20 * len(answer.behind)
        if answer.status and "status" in answer.topics and u.passports and not lean:
            size += min(len(answer.status["summary"]), LIMITS["status"][level]) + 16
        elif answer.status and not answer.topics and level < 2:
            size += min(len(answer.status["summary"]), LIMITS["overview"][level]) + 16
        if level < 2 and not risk_asked:
            size += sum(len(a.brief) + 24 for a in answer.advisories[: 3 if level == 0 else 2])
        if level < 2 and answer.consular and "safety" in answer.topics:
            size += min(len(answer.consular["summary"]), LIMITS["consular"][level]) + 24
        if size <= FIRST_MESSAGE_BUDGET:
            return level
    return last - 1


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
