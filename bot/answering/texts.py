"""Everything the answering layer says in its own words, kept together for review and translation.

Each message is English marked with `N_` and translated where it is shown (`Translator._`); values go in
as %(name)s placeholders, so a translation can reorder them and the catalog test can check them.
"""

from __future__ import annotations

from bot.i18n import N_

TOPIC_LABELS = {
    "entry": N_("Entry rules"),
    "status": N_("Open or closed"),
    "safety": N_("Safety"),
    "reports": N_("Traveler reports"),
    "howto": N_("How to get there"),
}
GENERAL_DISCLAIMER = N_(
    "Rules change quickly and without notice. Check the official sources linked here before you travel. "
    "This is general information, not legal advice."
)
EXAMPLES = (
    N_("Can I go to North Korea with a US passport?"),
    N_("Is Turkmenistan open to tourists?"),
    N_("Has anyone run the Pyongyang marathon?"),
)
LEVEL_NAMES = {
    "US": {1: N_("exercise normal precautions"), 2: N_("exercise increased caution"), 3: N_("reconsider travel"),
           4: N_("do not travel")},
    "AU": {1: N_("exercise normal safety precautions"), 2: N_("exercise a high degree of caution"),
           3: N_("reconsider your need to travel"), 4: N_("do not travel")},
    "CA": {1: N_("take normal security precautions"), 2: N_("exercise a high degree of caution"),
           3: N_("avoid non-essential travel"), 4: N_("avoid all travel")},
}
ISSUER_NAMES = {"US": "US", "UK": "UK FCDO", "AU": "Australia", "CA": "Canada"}  # names of the issuers' own
TRANSLATED_ISSUER_NAMES = {"AU": N_("Australia"), "CA": N_("Canada")}
RISK_WITH_LEVEL = N_("%(issuer)s Level %(level)s: %(label)s")  # "US Level 4: do not travel"
RISK_LABEL = N_("%(issuer)s: %(label)s")
STATE_TEXTS = {  # states beyond the vocabulary's: an open border under an advisory against travel
    "open-do-not-travel": N_("Entry possible"),
    "open-reconsider": N_("Open"),
    "open-restricted": N_("Restricted for your passport"),
    "closed-but-yours": N_("Closed to most tourists: see your passport's rule"),  # a checked rule lets it in
}
LEGAL_TRAP = N_("Legal trap")
LAWFUL_ROUTE = N_("The lawful route")
PASSPORT_INVALID_WARNING = N_(
    "Legal warning: your own government does not allow the %(passport)s to be used for %(place)s; travelling on "
    "it can cost you the passport and lead to prosecution."
)
# ... and the same without the consequences, for passports whose penalties no source of ours states
PASSPORT_INVALID_WARNING_BARE = N_(
    "Legal warning: your own government does not allow the %(passport)s to be used for %(place)s."
)
PASSPORT_INVALID_FOR_HOLDERS_BARE = N_(
    "Legal warning for holders of the %(passport)s: their own government does not allow it to be used for "
    "%(place)s."
)
# several passports not valid there, and the asker's not known: one line for all (each lawful route is in its rule)
PASSPORT_INVALID_FOR_SEVERAL = N_(
    "Legal warning for holders of passports of %(countries)s: their own governments do not allow these passports to "
    "be used for %(place)s."
)
PASSPORT_INVALID_FOR_HOLDERS = N_(
    "Legal warning for holders of the %(passport)s: their own government does not allow it to be used for "
    "%(place)s; travelling on it can cost them the passport and lead to prosecution."
)
NOT_ADMITTED_WARNING = N_(
    "%(place)s does not admit holders of the %(passport)s at present: do not try to travel on it.")
# ... where the rule records exceptions (Norway's work, study and family visits): the bar is not absolute
NOT_ADMITTED_EXCEPT_WARNING = N_(
    "%(place)s does not admit holders of the %(passport)s at present, with narrow exceptions: do not travel on it "
    "unless one applies to you.")
LAND_BORDER_CLOSED = N_("Land border closed")
# a question about a layover: the verdict is for entering, which a change of planes may not need
TRANSIT_NOTE = N_(
    "This is the rule for entering %(place)s. For a change of planes there, ask your airline whether you may stay "
    "in the airport's transit area without a visa: the rules differ by country and airport.")
# the one line under a comparison: which place is easier to enter by the rules, for the passports known
EASIER_BY_THE_RULES = N_("Easier to enter by the rules: %(place)s (%(verdict)s).")
NO_CLEAR_DIFFERENCE = N_("No clear difference in entry by the rules: %(verdict)s.")
NONE_OPEN_TO_YOU = N_("None of them admits your passport at present.")
ENTRY_NOT_KNOWN = N_("We cannot say which is easier: entry to %(places)s is not clear for your passport.")
ALL_DO_NOT_TRAVEL = N_("Every one of them is under advice against all travel: none is a safe choice.")
SOME_DO_NOT_TRAVEL = N_("Under advice against all travel: %(places)s.")
LOWER_RISK = N_("Lower risk in the advice on file: %(place)s (%(risk)s).")
SAME_RISK = N_("The advice on file rates them at the same level of risk.")
ESTA_AFTER_VISIT = N_(
    "A visit to %(place)s on or after %(date)s rules out ESTA (the US Visa Waiver Program): you then need a US visa.")
NOT_ADMITTED_DUAL_WARNING = N_(
    "%(place)s may refuse you as a citizen of %(country)s even on your other passport: do not count on it.")
NO_DUAL_NATIONALITY_NOTE = N_(
    "%(country)s does not recognise dual nationality: a citizen who takes another nationality stops being its "
    "citizen, and holding or travelling on its passport after that is an offence."
)
DUAL_NATIONAL_WARNING = N_(
    "A second passport does not lift the rules your other country of citizenship applies to you, and consular "
    "help may be limited: get legal advice before relying on it."
)
DANGER_NOTE = N_(
    "Going anyway can mean serious danger or arrest, insurance that does not pay out, and little or no help from "
    "your government."
)
BASELINE_NOTE = N_(
    "Rules marked 'dataset only' come from the Passport Index dataset of %(date)s; we have not checked them for "
    "this destination."
)
STALE_NOTE = N_(
    "Some facts here were last checked over %(days)s days ago (the oldest on %(oldest)s) and may be out of date."
)
GENERAL_DISCLAIMER_SHORT = N_(  # the most compact answers, under a long legal trap
    "General information, not legal advice: check the official sources linked here."
)
ENGLISH_NOTE = N_("Details below are in English.")
ASK_PASSPORT = N_(
    "Entry depends on your passport: name it (e.g. \"%(name)s with a US passport\") or save it with /passport."
)
NO_ADVISORY = N_("No government advisory is on file for this place.")
COST = N_("Cost")  # the label of a line quoting a price, for a question about what something costs
NO_COST = N_("We have no price on file for %(place)s.")
NO_ISSUER_ADVISORY = N_("No %(issuer)s advice on file for %(place)s.")  # the government asked about has none here
ISSUER_AGENCIES = {"US": "US State Department", "UK": "UK FCDO", "AU": "Smartraveller (Australia)",
                   "CA": "Global Affairs Canada", "FR": "France Diplomatie", "DE": "Auswärtiges Amt"}  # proper names
# a "when" question about a place that is closed: no date in our sources is itself the answer, said first
NO_REOPENING = N_(
    "No reopening date has been announced in our sources: %(name)s is closed to tourists (as of %(date)s)."
)
NO_DATES = N_("No opening or closing dates are on file for %(name)s.")
NO_RULE = N_("The knowledge base has no rule for this passport here.")
# a translated curated rule's "no checked rule" opening (its translation is written without it)
NO_CHECKED_OPENING = N_("We have no checked rule for this passport.")
OWN_COUNTRY = N_("Your own country")
OWN_COUNTRY_TEXT = N_(
    "Visa rules are for foreigners: as a citizen of %(country)s you need no visa here. Check exit and "
    "military-service rules, how dual nationals are treated and any local permits before you go."
)
# a traveler a country may count as its citizen by birth or a parent, though they hold none of its passports
BY_DESCENT_NOTE = N_("If you count as a citizen there (born there or through a parent), this applies to you even "
                     "without a passport from there: %(rule)s")
# "my passport expires in April": how long it must still be valid, which no verdict says
VALIDITY_NOTE = N_(
    "How long a passport must still be valid differs by country: some ask for 6 months left on arrival, some 3 "
    "months, some only that it is valid on the day. Check the destination's rule before you book."
)
VALIDITY_SOURCE = "https://www.iatatravelcentre.com/international-travel-document-news/1534250720.htm"
SCHENGEN_VALIDITY_NOTE = N_(
    "In the Schengen area a visitor's passport must have been issued within the last 10 years and stay valid for 3 "
    "months after the day you leave."
)
SCHENGEN_VALIDITY_SOURCE = "https://europa.eu/youreurope/citizens/travel/entry-exit/non-eu-nationals/index_en.htm"
NOT_A_PASSPORT_NOTE = N_(
    "These verdicts are for national passports. A refugee's or stateless person's travel document is not one, and a "
    "residence permit can change the rule: a visa waiver for the issuing country's citizens may not cover you. Check "
    "with the destination's embassy before you book."
)
NOT_A_PASSPORT_SOURCE = "https://help.unhcr.org/faq/?p=828"
CHILD_TRAVEL_NOTE = N_(
    "A child travelling with one parent, or without parents, may be asked at the border, on the way in or out, for "
    "a signed consent letter from each parent not travelling, or for custody papers. A child may also count as a "
    "citizen of a parent's country and have to follow its rules. Check with the destination's embassy."
)
CHILD_TRAVEL_SOURCE = "https://travel.gc.ca/travelling/children/consent-letter"
CHILD_TRAVEL_CHECKED = "2026-12-02"  # read in copies of the page, not the page itself: unverified
WOMEN_BARRED_NOTE = N_("Women may not enter %(place)s at all, whatever their passport: the verdicts here are for men.")
# a region's permit comes after entering its country: that country's verdict for the passport, on its own line
ENTERING_FIRST = N_("%(passport)s, entering %(country)s first")
RULE_OF = N_("rule for %(country)s")  # a region's verdict taken from its country's rule: "(rule for India)"
OFF_TOPIC = N_(
    "I can't help with that: Borderline answers whether you can enter a place with your passport, whether its "
    "border is open, how safe it is, and how people get there."
)
LAPSED_NOTE = N_(
    "Set to lapse on %(date)s unless renewed; no renewal confirmed, so treat it as in force until an official source "
    "says otherwise."
)
# Passport names and the words around them
PASSPORT_NAME = N_("%(country)s passport")
ALL_OTHER_PASSPORTS = N_("All other passports")
SOME_AND_ALL_OTHERS = N_("%(names)s and all other passports")
ONE_PASSPORT = N_("%(name)s passport")
SOME_PASSPORTS = N_("%(names)s passports")
MANY_PASSPORTS = N_("%(names)s and %(more)s more passports")
LIST_AND = N_("%(first)s and %(last)s")
ONLY_PASSPORT = N_("Only %(passport)s")
# The direct answer's small words
CHECKED_ON = N_("checked %(date)s")
DATASET_OF = N_("dataset of %(date)s")
AS_OF = N_("as of %(date)s")
UNVERIFIED = N_("unverified")
DATASET_ONLY = N_("dataset only")
DATASET_ONLY_LONG = N_("dataset only, not checked by us")
EITHER = N_("%(first)s or %(last)s")
# Between a label and what it labels, where the code joins them ("Legal trap: ...", "US passport: Visa needed"): French
# writes a space before the colon, Chinese the full-width colon.
COLON = N_(": ")
BEHIND_BUTTONS = N_("Behind the buttons below: %(topics)s.")  # topics a compact answer left to their buttons
HOWTO_KIND_LABELS = {"operator": N_("tour operator"), "route": N_("route"), "permit": N_("permit"),
                     "cost": N_("cost"), "tip": N_("tip")}
