"""Everything the answering layer says in its own words, kept together for review and translation."""

from __future__ import annotations

TOPIC_LABELS = {
    "entry": "Entry rules",
    "status": "Open or closed",
    "safety": "Safety",
    "reports": "Traveler reports",
    "howto": "How to get there",
}
GENERAL_DISCLAIMER = (
    "Rules change quickly and without notice. Check the official sources linked here before you travel. "
    "This is general information, not legal advice."
)
EXAMPLES = (
    "Can I go to North Korea with a US passport?",
    "Is Turkmenistan open to tourists?",
    "Has anyone run the Pyongyang marathon?",
)
LEVEL_NAMES = {
    "US": {1: "exercise normal precautions", 2: "exercise increased caution", 3: "reconsider travel",
           4: "do not travel"},
    "AU": {1: "exercise normal safety precautions", 2: "exercise a high degree of caution",
           3: "reconsider your need to travel", 4: "do not travel"},
    "CA": {1: "take normal security precautions", 2: "exercise a high degree of caution",
           3: "avoid non-essential travel", 4: "avoid all travel"},
}
ISSUER_NAMES = {"US": "US", "UK": "UK FCDO", "AU": "Australia", "CA": "Canada"}
STATE_TEXTS = {  # states beyond the vocabulary's: an open border under an advisory against travel
    "open-do-not-travel": "Entry possible",
    "open-reconsider": "Open",
}
LEGAL_TRAP = "Legal trap"
LAWFUL_ROUTE = "The lawful route"
PASSPORT_INVALID_WARNING = (
    "Legal warning: your own government does not allow the {passport} to be used for {place}; travelling on it "
    "can cost you the passport and lead to prosecution."
)
PASSPORT_INVALID_FOR_HOLDERS = (
    "Legal warning for holders of the {passport}: their own government does not allow it to be used for {place}; "
    "travelling on it can cost them the passport and lead to prosecution."
)
NOT_ADMITTED_WARNING = "{place} does not admit holders of the {passport} at present: do not try to travel on it."
DUAL_NATIONAL_WARNING = (
    "A second passport does not lift the rules your other country of citizenship applies to you, and consular "
    "help may be limited: get legal advice before relying on it."
)
DANGER_NOTE = (
    "Going anyway can mean serious danger or arrest, insurance that does not pay out, and little or no help from "
    "your government."
)
BASELINE_NOTE = (
    "Rules marked 'dataset only' come from the Passport Index dataset of {date}; we have not checked them for this "
    "destination."
)
STALE_NOTE = (
    "Some facts here were last checked more than {days} days ago (the oldest on {oldest}): they may be out of date."
)
ASK_PASSPORT = (
    "Entry depends on your passport: tell me which one (e.g. \"{name} with a US passport\") or save it with /passport."
)
NO_ADVISORY = "No government advisory is on file for this place."
NO_DATES = "No opening or closing dates are on file for {name}."
OFF_TOPIC = (
    "I can't help with that: Borderline answers whether you can enter a place with your passport, whether its "
    "border is open, how safe it is, and how people get there."
)
LAPSED_NOTE = (
    "Set to lapse on {date} unless renewed; we have not confirmed a renewal, so treat it as in force until an "
    "official source says otherwise."
)
