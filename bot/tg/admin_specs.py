"""One specification per admin change command: its words, its fields, its example and how to read them.

The one-line form (`/event KP 2025-03-05 suspension | text | url`) and the guided step-by-step
form both fill the same `values` dict, which `to_data` turns into an admin change; nothing is
described twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.knowledge.vocabulary import EVENT_KINDS, HOWTO_KINDS, ISSUERS, STATES, VERDICTS

Values = dict[str, str]


@dataclass(frozen=True)
class Step:
    key: str
    prompt: str
    free: bool = False  # free text, after the first '|'; else one word before it
    optional: bool = False
    rest: bool = False  # the last word step may take several words ("Mount Paektu")


@dataclass(frozen=True)
class ChangeSpec:
    name: str
    steps: tuple[Step, ...]
    to_data: Callable[[Values], dict[str, Any]]
    example: str = ""
    note: str = ""

    @property
    def words(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if not s.free)

    @property
    def fields(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.free)

    @property
    def guided(self) -> bool:
        return bool(self.fields)

    @property
    def usage(self) -> str:
        head = " ".join(["/" + self.name] + [s.key.upper() if s.key == "code" else s.key for s in self.words])
        fields = "".join(f" [| {s.key}]" if s.optional else f" | {s.key}" for s in self.fields)
        return head + fields + (f"   ({self.note})" if self.note else "")

    def parse_line(self, args: str) -> Values | None:
        """The values of a one-line command, or None when its shape is wrong."""
        before, sep, after = args.partition("|")
        words = before.split()
        if sep and not self.fields:
            return None
        wanted = self.words
        if wanted and wanted[-1].rest and len(words) > len(wanted):
            words = [*words[: len(wanted) - 1], " ".join(words[len(wanted) - 1 :])]
        if len(words) != len(wanted):
            return None
        values = {step.key: word for step, word in zip(wanted, words, strict=True)}
        values["code"] = values["code"].upper()
        parts = [f.strip() for f in after.split("|")] if sep else []
        required = [s for s in self.fields if not s.optional]
        if len(parts) < len(required) or len(parts) > len(self.fields) or not all(parts[: len(required)]):
            return None
        for step, part in zip(self.fields, parts, strict=False):
            values[step.key] = part
        return values


CODE = Step("code", "Which destination? A code or a name, e.g. KP or North Korea.")
SOURCE = Step("source", "Source URL (https://...), the page you checked this against.", free=True)
SUMMARY = Step("summary", "One-line summary, in your own words.", free=True)


def _opt(values: Values, key: str) -> dict[str, str]:
    value = values.get(key, "").strip()
    return {key: value} if value and value != "-" else {}


def _level(raw: str) -> int | None:
    return None if raw == "-" else int(raw)


def _status(v: Values) -> dict[str, Any]:
    return {"state": v["state"].lower(), "summary": v["summary"], "source": v["source"]}


def _advisory(v: Values) -> dict[str, Any]:
    return {"issuer": v["issuer"].upper(), "level": _level(v["level"]), "label": v["label"], "source": v["source"]}


def _entry(v: Values) -> dict[str, Any]:
    passports = [p.strip().upper() for p in v["passports"].replace(" ", ",").split(",") if p.strip()]
    return {"passports": passports, "verdict": v["verdict"].lower(), "summary": v["summary"], "source": v["source"],
            **_opt(v, "details")}


def _event(v: Values) -> dict[str, Any]:
    return {"date": v["date"], "kind": v["kind"].lower(), "summary": v["summary"], "source": v["source"],
            **_opt(v, "scope")}


def _report(v: Values) -> dict[str, Any]:
    tags = v.get("tags", "")
    return {"date": v["date"], "traveler": v["traveler"], "summary": v["summary"], "source": v["source"],
            "tags": [] if tags in ("", "-") else tags.replace(",", " ").split()}


def _howto(v: Values) -> dict[str, Any]:
    return {"kind": v["kind"].lower(), "name": v["name"], "summary": v["summary"], "source": v["source"]}


def _remove(v: Values) -> dict[str, Any]:
    return {"kind": v["kind"].lower(), "number": int(v["number"])}


CHANGES: dict[str, ChangeSpec] = {spec.name: spec for spec in (
    ChangeSpec("status", (CODE, Step("state", f"Status now: {', '.join(STATES)}?"),
                          Step("summary", "One or two sentences, in your own words.", free=True), SOURCE),
               _status, example="/status KP partly-open | Rason tours suspended; Pyongyang closed | "
                                 "https://www.rfa.org/english/korea/2025/03/06/north-korea-foreign-tour-suspension/",
               note="state: " + ", ".join(STATES)),
    ChangeSpec("advisory", (CODE, Step("issuer", f"Issuer: {', '.join(ISSUERS)}?"),
                            Step("level", "Level 1-4, or - if the issuer has no levels."),
                            Step("label", "Label, e.g. Do not travel.", free=True), SOURCE),
               _advisory, example="/advisory KP US 4 | Do not travel | https://travel.state.gov/content/travel/en/"
                                   "traveladvisories/traveladvisories/north-korea-travel-advisory.html",
               note="issuer " + "/".join(ISSUERS) + "; level 1-4 or -"),
    ChangeSpec("entry", (CODE, Step("passports", "Which passports? ISO codes, comma-separated (US,GB), or * for all "
                                                 "others."),
                         Step("verdict", "Verdict: " + ", ".join(VERDICTS) + "?"), SUMMARY, SOURCE,
                         Step("details", "Details (optional; - to skip).", free=True, optional=True)),
               _entry, example="/entry KP GB closed | No tourist visas at present | "
                                "https://www.gov.uk/foreign-travel-advice/north-korea/entry-requirements",
               note="verdicts: " + ", ".join(VERDICTS)),
    ChangeSpec("unentry", (CODE, Step("passport", "Which passport?")), lambda v: {"passport": v["passport"]},
               example="/unentry KP US"),
    ChangeSpec("event", (CODE, Step("date", "Date: YYYY-MM-DD, YYYY-MM or YYYY?"),
                         Step("kind", f"Kind: {', '.join(EVENT_KINDS)}?"), SUMMARY, SOURCE,
                         Step("scope", "Scope, e.g. 'Rason only' (optional; - to skip).", free=True, optional=True)),
               _event, example="/event KP 2025-03-05 suspension | Rason tours paused | "
                                "https://www.rfa.org/english/korea/2025/03/06/north-korea-foreign-tour-suspension/ "
                                "| Rason only"),
    ChangeSpec("report", (CODE, Step("date", "When was the trip? YYYY-MM or YYYY-MM-DD."),
                          Step("traveler", "Who? e.g. 'A runner (UK)'.", free=True),
                          Step("summary", "What happened, in your own words.", free=True), SOURCE,
                          Step("tags", "Tags, comma-separated (optional; - to skip).", free=True, optional=True)),
               _report, example="/report KP 2025-04 | A runner (UK) | Ran the marathon in a group | "
                                 "https://www.dawn.com/news/1902503 | marathon"),
    ChangeSpec("howto", (CODE, Step("kind", f"Kind: {', '.join(HOWTO_KINDS)}?"), Step("name", "Name?", free=True),
                         SUMMARY, SOURCE),
               _howto, example="/howto KP operator | Koryo Tours | Runs group tours from Beijing | "
                                "https://koryogroup.com/travel-to-north-korea"),
    ChangeSpec("alias", (CODE, Step("name", "The new name?", rest=True)), lambda v: {"name": v["name"]},
               example="/alias KP Wonsan-Kalma"),
    ChangeSpec("unalias", (CODE, Step("name", "Which name?", rest=True)), lambda v: {"name": v["name"]},
               example="/unalias KP Wonsan-Kalma"),
    ChangeSpec("remove", (CODE, Step("kind", "event, report, howto or advisory?"), Step("number", "Number?")),
               _remove, example="/remove KP event 2",
               note="numbers from /facts KP; kinds: event, report, howto, advisory"),
    ChangeSpec("verify", (CODE,), lambda v: {}, example="/verify KP", note="every fact of KP checked today"),
)}

# Admin commands that are not changes, with their usage line (menus and error replies).
OTHER_USAGE = {
    "facts": "/facts KP",
    "history": "/history KP",
    "undo": "/undo   (reverts your own last change)",
    "export": "/export   (the curated YAML files as a zip)",
    "pending": "/pending   (traveler reports waiting for review)",
    "approve": "/approve 3   (a traveler report; F2 for a held feed change)",
    "reject": "/reject 3 [reason]   (F2 for a held feed change)",
    "unanswered": "/unanswered",
    "stale": "/stale",
    "stats": "/stats",
    "refresh": "/refresh   (poll the official advisory feeds now)",
    "feeds": "/feeds   (the last poll of each feed)",
}


def usage(name: str) -> str:
    return CHANGES[name].usage if name in CHANGES else OTHER_USAGE.get(name, "/" + name)
