"""The fixed words of the knowledge base, each defined once: verdicts, states, event kinds.

Schema validation, rendering, admin prompts and consistency checks all read these tables,
so adding a verdict is one line here and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_


@dataclass(frozen=True)
class VerdictInfo:
    label: str
    icon: str
    allows_entry: bool  # an easy way in: a traveler reading it may conclude "I can just go"


VERDICTS: dict[str, VerdictInfo] = {
    "visa-free": VerdictInfo(N_("No visa needed"), "✅", True),
    "visa-on-arrival": VerdictInfo(N_("Visa on arrival"), "✅", True),
    "eta": VerdictInfo(N_("Electronic travel authorisation needed"), "🟡", True),
    "e-visa": VerdictInfo(N_("E-visa needed"), "🟡", True),
    "visa-required": VerdictInfo(N_("Visa needed in advance"), "🟠", False),
    "tour-only": VerdictInfo(N_("Only on an organised tour"), "🟠", True),
    "permit-required": VerdictInfo(N_("Special permit needed"), "🟠", False),
    "passport-invalid": VerdictInfo(N_("Your passport is not valid there"), "⛔", False),
    "no-admission": VerdictInfo(N_("Not admitted"), "⛔", False),
    "closed": VerdictInfo(N_("Closed to visitors"), "⛔", False),
    "unknown": VerdictInfo(N_("Unknown"), "❔", False),
}
# A citizen's right to enter their own country (ICCPR article 12(4)): the source of the "Your own country" line.
# Not confirmed against the page with our tools, so shown as unverified.
OWN_COUNTRY_SOURCE = "https://www.ohchr.org/en/instruments-mechanisms/instruments/international-covenant-civil-and-political-rights"
OWN_COUNTRY_CHECKED = "2026-12-01"
# Where a country's own passport does not decide entry: Israel controls who reaches the Palestinian territories.
OWN_COUNTRY_EXCEPTIONS = frozenset(("PS",))
# Countries that do not recognise dual nationality and punish keeping their passport after taking another, with the
# official page that says so: a dual national holding one hears it beside that passport's verdict.
NO_DUAL_NATIONALITY = {"IN": "https://boi.gov.in/boi/public/pages/63133960-bd63-4443-b573-ab9334dfe9f1"}
# Places a visit to which ends a traveler's use of ESTA (the US Visa Waiver Program), with the first day that counts
# and the page that says so: a traveler who could use ESTA hears it going there, and asking about the US after it.
_VWP_EMBASSY = "https://lu.usembassy.gov/visas/visa-waiver-program/"
_VWP_ADDED_2016 = "https://peregrineimmigration.co.uk/newsletter/RBr0Z7f2144"
_VWP_CUBA = ("https://www.fragomen.com/insights/united-states-cbp-fully-implements-esta-ineligibility-due-to-cuba-"
             "travel.html")
ESTA_VERDICT = "eta"  # a passport that uses ESTA has this verdict for the US
ESTA_EXCLUDED: dict[str, tuple[str, str]] = {
    **{code: ("2011-03-01", _VWP_EMBASSY) for code in ("IR", "IQ", "SY", "SD")},
    **{code: ("2011-03-01", _VWP_ADDED_2016) for code in ("LY", "SO", "YE")},
    "KP": ("2011-03-01", "https://sg.usembassy.gov/esta/"),
    "CU": ("2021-01-12", _VWP_CUBA),
}
# Countries whose own citizens may not freely leave at present, with their rule and the page that says so: a question
# about leaving one of them (it is named, but not as the destination) hears the rule beside the verdicts.
EXIT_RESTRICTED: dict[str, tuple[str, str]] = {
    "UA": (N_("Under martial law, Ukrainian men aged 23 to 60 may not leave Ukraine except in the cases its border "
              "rules list; men aged 18 to 22 have been allowed to leave since 28 August 2025."),
           "https://news.liga.net/en/society/news/the-cabinet-of-ministers-has-published-a-resolution-on-mens-travel-"
           "abroad-the-changes-will-come-into-force-on-august-28"),
}
BARRED_VERDICTS = frozenset(("passport-invalid", "no-admission", "closed"))
PERMIT_VERDICT = "permit-required"  # a restriction when only some passports need it (Cuba for Americans)
EASY_ENTRY = frozenset(v for v, info in VERDICTS.items() if info.allows_entry)
GREEN_VERDICTS = frozenset(v for v, info in VERDICTS.items() if info.icon == "✅")

STATES: dict[str, tuple[str, str]] = {  # state -> (label, icon)
    "open": (N_("Open to tourists"), "🟢"),
    "partly-open": (N_("Partly open"), "🟡"),
    "closed": (N_("Closed to tourists"), "🔴"),
}
EVENT_KINDS: dict[str, str] = {
    "closure": N_("Closed"),
    "reopening": N_("Reopened"),
    "suspension": N_("Suspended"),
    "rule-change": N_("Rule change"),
    "notable": N_("Event"),
}
HOWTO_KINDS = ("operator", "route", "permit", "cost", "tip")
ISSUERS = ("US", "UK", "AU", "CA", "other")
def advises_against_all_travel(issuer: str, level: int | None, label: str) -> bool:
    """Level 4, or the FCDO advising against all travel to the whole place (not "to parts")."""
    if level == 4:
        return True
    text = label.casefold()
    return issuer == "UK" and "against all travel" in text and " parts" not in text


ISSUER_OF_PASSPORT = {"US": "US", "GB": "UK", "AU": "AU", "CA": "CA"}  # whose advice a passport holder reads first
ORIGINS = ("curated", "shared", "baseline")  # baseline: from a dataset; shared: a traveler's /share, approved
CURATED_ORIGINS = ("curated", "shared")  # what admins own, edit and export; baseline rows are rebuilt
