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
