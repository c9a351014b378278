"""The languages Borderline speaks: gettext catalogs (bot/locales/<lang>/LC_MESSAGES/messages.po) read with Babel.

Catalogs are compiled in memory when first used, so a `.po` edit needs no build step and no `.mo` file can go
stale. Adding a language is adding its catalog: `LANGUAGES` is read from the folder.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
DEFAULT = "en"
LANGUAGES: tuple[str, ...] = (DEFAULT, *sorted(
    p.parent.parent.name for p in LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po") if p.parent.parent.name != DEFAULT))
_FLAG = r"(?:[\U0001F1E6-\U0001F1FF]+\s)?"
# Spanish "y" becomes "e" before an i- sound and "o" becomes "u" before an o- sound ("Estados Unidos e Israel").
_EUPHONY = {"es": ((re.compile(rf" y (?={_FLAG}(?:[IiÍí]|[Hh][IiÍí](?![aeoáéó])))"), " e "),
                   (re.compile(rf" o (?={_FLAG}(?:[OoÓó]|[Hh][OoÓó]))"), " u "))}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# How much longer the knowledge base's translations run than its English, measured over every translated text
# (1,000 texts a language, December 2026): a line cut to fit is given that much more room, so it keeps as much of its
# meaning as the English does. Chinese says as much in a third of the characters; its lines keep the English room.
LENGTH_RATIO = {"ru": 1.17, "uk": 1.13, "de": 1.24, "fr": 1.29, "es": 1.23, "pt": 1.2}


def room(lang: str, characters: int) -> int:
    """The characters a line cut for English at `characters` may take in `lang`."""
    return round(characters * LENGTH_RATIO.get(lang, 1.0))


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; it is translated where it is shown."""
    return message


def normalize(code: str | None) -> str | None:
    """'pt-BR', 'pt_br', 'zh-hans' -> 'pt', 'zh'; None for a language Borderline does not speak."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().casefold(), maxsplit=1)[0]
    return base if base in LANGUAGES else None


class Translator:
    """One language's messages, plural rules and date and number formats."""

    def __init__(self, lang: str, translations: NullTranslations) -> None:
        self.lang = lang
        self.translations = translations
        self.locale = Locale.parse("zh_Hans" if lang == "zh" else lang)
        self._dates: dict[str | dt.date, str] = {}
        self._numbers: dict[int | float, str] = {}

    def _(self, message: str, **values: object) -> str:
        text = self.translations.gettext(message)
        return text % values if values else text

    def euphony(self, text: str) -> str:
        """A list joined by the catalog's "and"/"or", with the language's sound rules applied."""
        for pattern, replacement in _EUPHONY.get(self.lang, ()):
            text = pattern.sub(replacement, text)
        return text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        return self.translations.ngettext(singular, plural, n) % {"num": self.number(n), **values}

    def number(self, n: int | float) -> str:
        shown = self._numbers.get(n)
        if shown is None:
            shown = self._numbers[n] = format_decimal(n, locale=self.locale)
        return shown

    def date(self, value: str | dt.date | None) -> str:
        """An ISO date (or year-month, or year) in the locale's medium format; anything else as it is.
        Babel takes ~10 µs a date and an answer shows a dozen, from a few hundred distinct ones: kept."""
        if not value:
            return ""
        shown = self._dates.get(value)
        if shown is None:
            shown = self._format_date(value)
            if len(self._dates) < 20_000:
                self._dates[value] = shown
        return shown

    def _format_date(self, value: str | dt.date) -> str:
        if isinstance(value, dt.date):
            return format_date(value, "medium", locale=self.locale)
        match = _ISO_DATE.match(str(value).strip())
        if not match:
            return str(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            if day:
                return format_date(dt.date(year, month, day), "medium", locale=self.locale)
            if month:
                return format_skeleton("yMMM", dt.date(year, month, 1), locale=self.locale)
        except ValueError:
            return str(value)
        return str(year)

    @property
    def name(self) -> str:
        """The language's own name, e.g. 'Deutsch' (from CLDR: a catalog's "Language-Team" is not reliable)."""
        return self.locale.get_display_name(self.locale).split(" (")[0].capitalize()


@cache
def translator(lang: str | None) -> Translator:
    lang = normalize(lang) or DEFAULT
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT or not path.exists():
        return Translator(lang, NullTranslations())
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translator(lang, Translations(buf, domain=DOMAIN))


__all__ = ["DEFAULT", "LANGUAGES", "LOCALES_DIR", "N_", "Translator", "normalize", "translator"]
