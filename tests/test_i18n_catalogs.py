"""Every catalog translates every message, keeps its placeholders and markup, and the template is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import DEFAULT, LANGUAGES, LOCALES_DIR

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"</?(?:b|i|code|a|blockquote|pre)\b[^>]*>|&lt;|&gt;|&amp;")
COMMAND = re.compile(r"(?<![\w/])/[a-z]+\b")
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang != DEFAULT]


def _template() -> dict[str, object]:
    with (LOCALES_DIR / "messages.pot").open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(fh) if m.id}


def _catalog(lang: str):
    with (LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def test_the_languages_are_the_catalogs() -> None:
    assert set(LANGUAGES) >= {"en", "ru", "uk", "de", "fr", "es", "pt", "zh"}
    assert LANGUAGES[0] == DEFAULT


def test_the_template_is_current() -> None:
    """A message added to the code without `make catalogs` would silently stay English."""
    method_map = [("bot/**.py", "python"), ("templates/**.j2", "jinja2")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options, keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    found.discard("")
    assert found == set(_template()), "run `make catalogs`"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_catalog_translates_every_message(lang: str) -> None:
    catalog = _catalog(lang)
    template = _template()
    missing, fuzzy = [], []
    for msgid in template:
        message = catalog.get(msgid)
        if message is None or not all(f.strip() for f in _forms(message)):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:3]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"
    plurals = catalog.num_plurals
    for msgid in template:
        message = catalog.get(msgid)
        if message.pluralizable:
            assert len(_forms(message)) == plurals, f"{lang}: {msgid!r} needs {plurals} plural forms"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_translations_keep_placeholders_markup_and_commands(lang: str) -> None:
    catalog = _catalog(lang)
    problems = []
    for msgid, source in _template().items():
        message = catalog.get(msgid)
        if message is None:
            continue
        english = " ".join(source.id) if isinstance(source.id, tuple | list) else source.id
        for form in _forms(message):
            if not form:
                continue  # the completeness test reports it
            if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(english)) and not (
                    message.pluralizable and set(PLACEHOLDER.findall(form)) | {"num"} == set(
                        PLACEHOLDER.findall(english))):
                problems.append(f"placeholders differ: {msgid!r} -> {form!r}")
            if sorted(TAG.findall(form)) != sorted(TAG.findall(source.id[0] if message.pluralizable else english)):
                problems.append(f"markup differs: {msgid!r} -> {form!r}")
            if sorted(COMMAND.findall(form)) != sorted(COMMAND.findall(source.id[0] if message.pluralizable
                                                                        else english)):
                problems.append(f"commands differ: {msgid!r} -> {form!r}")
            try:
                form % dict.fromkeys(PLACEHOLDER.findall(english), "x")
            except (KeyError, ValueError, TypeError) as exc:
                problems.append(f"does not format ({exc}): {form!r}")
    assert not problems, "\n".join(problems[:20])
