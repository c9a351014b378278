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
    ease: int  # how hard it makes entry, for the line under a comparison: the easiest way in first, barred last


VERDICTS: dict[str, VerdictInfo] = {
    "visa-free": VerdictInfo(N_("No visa needed"), "✅", True, 0),
    "visa-on-arrival": VerdictInfo(N_("Visa on arrival"), "✅", True, 1),
    "eta": VerdictInfo(N_("Electronic travel authorisation needed"), "🟡", True, 2),
    "e-visa": VerdictInfo(N_("E-visa needed"), "🟡", True, 3),
    "visa-required": VerdictInfo(N_("Visa needed in advance"), "🟠", False, 4),
    "tour-only": VerdictInfo(N_("Only on an organised tour"), "🟠", True, 5),
    "permit-required": VerdictInfo(N_("Special permit needed"), "🟠", False, 6),
    "passport-invalid": VerdictInfo(N_("Your passport is not valid there"), "⛔", False, 10),
    "no-admission": VerdictInfo(N_("Not admitted"), "⛔", False, 10),
    "closed": VerdictInfo(N_("Closed to visitors"), "⛔", False, 10),
    "unknown": VerdictInfo(N_("Unknown"), "❔", False, 8),
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
@dataclass(frozen=True)
class CitizenRule:
    """What a country's law asks of its own citizens, whatever other passport they hold."""

    text: str
    source: str
    checked: str
    anyone_leaving: bool = False  # binds most people leaving it: said to a leaver whose passport is not known
    # the country counts people born there or to its citizens as its own, passport or not: these stems of its name
    # and people, with a word for a parent or a birth, in a question about going there bring the rule
    descent: tuple[str, ...] = ()
    on_leaving: bool = True  # also said to a citizen leaving it (an exit rule), not only going there
    dual_only: bool = False  # only news to a citizen who also holds another passport (which passport to use)


# A citizen going to one of these countries, or leaving it, hears its rule beside the verdicts: visa rules say nothing
# of it, and it is what keeps dual nationals from leaving. None confirmed on the page with our tools: unverified.
CITIZEN_RULES: dict[str, CitizenRule] = {
    "UA": CitizenRule(
        N_("Under martial law, Ukrainian men aged 23 to 60 may not leave Ukraine except in the cases its border "
           "rules list; men aged 18 to 22 have been allowed to leave since 28 August 2025."),
        "https://news.liga.net/en/society/news/the-cabinet-of-ministers-has-published-a-resolution-on-mens-travel-"
        "abroad-the-changes-will-come-into-force-on-august-28", "2026-12-01", anyone_leaving=True),
    "IR": CitizenRule(
        N_("Iran does not recognise dual nationality: it treats its citizens as Iranians only, who must enter and "
           "leave on an Iranian passport, and it has kept some dual nationals from leaving for months."),
        "https://travel.state.gov/content/travel/en/international-travel/International-Travel-Country-Information-"
        "Pages/Iran.html", "2026-12-02", descent=("iran", "persian", "иран", "іран", "伊朗")),
    "CU": CitizenRule(
        N_("Cuba treats its citizens as Cubans only, whatever other nationality they hold: it may make them enter "
           "and leave on a Cuban passport, and some Cuban-American dual nationals have had to give up their US "
           "passport there."),
        "https://miami.cbslocal.com/2016/05/05/born-in-america-to-cuban-parents-cuba-still-doesnt-see-you-as-u-s-"
        "citizen/", "2026-12-02", descent=("cuba", "cuban", "kuba", "куба", "кубин", "古巴")),
    "KR": CitizenRule(
        N_("South Korean men who have not done their military service need an overseas travel permit from the "
           "Military Manpower Administration from the year they turn 25, dual nationals included."),
        "http://www.koreatimesus.com/for-korean-men-turning-25-this-year-deadline-to-file-for-overseas-travel-"
        "permit-is-in-10-days/", "2026-12-02"),
    "EG": CitizenRule(
        N_("Egypt's military service law binds its men from 18: those who have neither done it nor been exempted "
           "may not leave Egypt without the Defence Ministry's permission."),
        "https://www.agenzianova.com/a/64c2d570588e33.17515672/4464473/2023-07-27/egitto-disertori-potranno-"
        "regolare-la-loro-situazione-pagando-5mila-dollari", "2026-12-02"),
    "SG": CitizenRule(
        N_("Singapore's national service law binds its male citizens: before enlistment they need an exit permit "
           "to stay abroad for 3 months or longer, and operationally ready NSmen for 12 months or longer."),
        "https://laws.sg/legislation/sub-leg-1970-ea-rg1/reg-25", "2026-12-02"),
    "AM": CitizenRule(
        N_("Armenian men aged 18 to 27 owe two years of military service, and evading it is a crime, generally "
           "punishable by up to three years in prison."),
        "https://hayernaysor.am/en/posts/382/2021-01-11/", "2026-12-02"),
    "TR": CitizenRule(
        N_("Turkish men owe military service from the age of 20: one living abroad who has neither done it nor "
           "legally postponed it (or paid the fee that lets those abroad serve a short term) may be sent to a "
           "training centre on arrival and charged with draft evasion."),
        "http://www.ecoi.net/de/dokument/1075351.html", "2026-12-02"),
    "GB": CitizenRule(
        N_("British citizens, dual nationals included, cannot get an ETA: since 25 February 2026 they must travel to "
           "the UK on a British or Irish passport, or on another passport with a certificate of entitlement, or they "
           "may be refused boarding."),
        "https://www.lewissilkin.com/en/insights/2026/02/11/dual-citizens-should-travel-to-the-uk-on-british-or-"
        "irish-travel-documents-from-2-102mi4n", "2026-12-02",
        descent=("british", "britain", "england", "scotland", "wales", "брит", "англи", "英国"), on_leaving=False,
        dual_only=True),
    "US": CitizenRule(
        N_("US citizens, dual nationals included, must enter and leave the United States on a US passport; an ESTA "
           "or a visa on their other passport is not for them."),
        "https://travel.state.gov/content/travel/en/legal/travel-legal-considerations/Advice-about-Possible-Loss-of-"
        "US-Nationality-Dual-Nationality/Dual-Nationality.html", "2026-12-02",
        descent=("american", "usa", "us", "amerikan", "américain", "americain", "американ", "сша", "美国", "eua",
                 "estadounidense"), on_leaving=False, dual_only=True),
}


@dataclass(frozen=True)
class HeldDocumentRule:
    """Another country's visa or residence permit that stands in for a destination's own visa: a verdict by passport
    ("visa needed") never says so."""

    text: str
    source: str
    checked: str
    cue_only: bool = False  # said only to an asker who mentions holding such a document


# Said to a known passport that needs a visa or an e-visa there, and to an asker who says they hold a visa or a
# residence permit of another country. Read on the official pages named; not confirmed live: unverified.
HELD_DOCUMENT_RULES: dict[str, HeldDocumentRule] = {
    "MX": HeldDocumentRule(
        N_("Mexico asks no visa of its own, for a stay of up to 180 days without paid work, of a traveller who holds "
           "a valid multiple-entry visa of the US, Canada, Japan, the UK or a Schengen country, or permanent "
           "residence in one of them, in Chile or in Colombia."),
        "https://embamex.sre.gob.mx/japon/index.php/es/consulares-menu/visas", "2026-12-02"),
    "GE": HeldDocumentRule(
        N_("Georgia asks no visa of its own, for 90 days in any 180, of a traveller who holds a visa or residence "
           "permit of an EU or Schengen country, the US, the UK, Canada, Australia, New Zealand, Japan, South Korea, "
           "Israel or a Gulf state, valid on the day of crossing the border."),
        "https://france.mfa.gov.ge/fr/pays-pouvant-entrer-en-georgie-sans-visa-dans-des-conditions-appropriees",
        "2026-12-02"),
    "RS": HeldDocumentRule(
        N_("Serbia asks no visa of its own, for up to 90 days in six months, of a traveller who holds a valid "
           "Schengen, EU, UK or US visa, or a residence permit of one of those countries; the visa must stay valid "
           "for the whole stay, and refugees' travel documents do not qualify."),
        "http://www.stuttgart.mfa.gov.rs/odrzavanje/stampa.php?id=1348565352&archive=", "2026-12-02"),
}
# What a country asks of every foreign visitor on top of any visa, which no verdict by passport says: told to any
# asker about entry who is not its citizen. Read on the official page named; not confirmed live: unverified.
VISITOR_REQUIREMENTS: dict[str, HeldDocumentRule] = {
    "GE": HeldDocumentRule(
        N_("Since 1 January 2026 Georgia requires foreign tourists to carry health and accident insurance for their "
           "whole stay, with cover of at least 30,000 lari, issued in Georgian or English, and to show it on entry."),
        "https://slovenia.mfa.gov.ge/en/samogzauro_dazgveva", "2026-12-02"),
}
@dataclass(frozen=True)
class TransitRule:
    """A country's own rule for travellers changing planes there on the way to a third country, which its entry
    verdict does not say ("a 3-day stop in Beijing on the way to Seoul")."""

    text: str
    source: str
    checked: str
    passports: frozenset[str]


# Said to an asker whose question is about a transit or a layover there and who holds one of the passports.
# Read on the pages named; not confirmed on an official page with our tools: unverified.
TRANSIT_RULES: dict[str, TransitRule] = {
    "CN": TransitRule(
        N_("China's visa-free transit: since 17 December 2024, citizens of this country travelling on to a third "
           "country or region with a confirmed onward ticket may stay up to 240 hours (10 days) without a visa, "
           "entering and leaving through one of 60 designated ports and staying within the permitted provinces."),
        "https://www.shine.cn/news/nation/2412179946/", "2026-12-02",
        frozenset(("AT", "BE", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IT", "LV", "LT", "LU", "MT",
                   "NL", "NO", "PL", "PT", "SK", "SI", "ES", "SE", "CH", "RU", "GB", "IE", "CY", "BG", "RO", "UA",
                   "RS", "HR", "BA", "ME", "MK", "AL", "MC", "BY", "US", "CA", "BR", "MX", "AR", "CL", "AU", "NZ",
                   "KR", "JP", "SG", "BN", "AE", "QA", "ID"))),
}
# A Schengen country's residence permit or long-stay visa, for a visit to the others (and to Svalbard, reached through
# mainland Norway): said only to an asker who mentions a residence permit or a Blue Card.
SCHENGEN_RESIDENCE = HeldDocumentRule(
    N_("A residence permit or long-stay visa issued by a Schengen country lets its holder visit the other Schengen "
       "countries for up to 90 days in any 180-day period without a visa; carry it with your passport."),
    "https://europa.eu/youreurope/citizens/travel/entry-exit/non-eu-nationals/index_en.htm", "2026-12-02",
    cue_only=True)
@dataclass(frozen=True)
class DescentRisk:
    """A country whose border turns away people of a descent, whatever their passport: said when the question names
    that descent (no verdict by passport can)."""

    text: str
    source: str
    checked: str
    cue: str  # a regular expression, searched in the lowered question


DESCENT_RISKS: dict[str, DescentRisk] = {
    "AZ": DescentRisk(
        N_("Azerbaijan's border service has turned away travellers of Armenian descent or with an Armenian surname, "
           "whatever their passport; Russia's foreign ministry warns its citizens of it. If this may apply to you, "
           "ask an Azerbaijani embassy before you go."),
        "https://interfax.com/newsroom/top-stories/21063/", "2026-12-02",
        r"\barmenian (descent|origin|heritage|roots|ancestry|background|surname|last name|family name|name)|"
        r"\b(of|with) armenian (descent|origin|heritage|roots|ancestry|surname|last name|family name)|half.armenian|"
        r"ethnic(ally)? armenian|армянин|армянк\w*|армянск\w* (происхожд|фамил|корн|кров)\w*|армян\w* по (отцу|матери|"
        r"маме|папе)|фамили\w* на .?ян|вірмен\w* (походж|прізвищ|корен)\w*|вірменин|вірменк\w*|"
        r"armenischer? (abstammung|herkunft|nachname|familienname)|armenisch\w* wurzeln|origine arm[ée]nienne|"
        r"d.origine arm[ée]nienne|arm[ée]nien d.origine|origen armenio|ascendencia armenia|apellido armenio|"
        r"origem arm[êe]nia|ascend[êe]ncia arm[êe]nia|sobrenome arm[êe]nio|亚美尼亚裔|亚美尼亚血统"),
}


# Closed places whose closure does not cover some passports, where the curated rule for them is the exception now in
# force (not a rule from before the closure, as Iran's for Americans is): Russian groups on Russian agencies' tours
# in North Korea and at Wonsan-Kalma, where only Russians were admitted after 18 July 2025 (the places' RU rules and
# their sources). The header then says "closed to most" and points to the rule.
CLOSURE_EXCEPTIONS = frozenset((("KP", "RU"), ("KP-WK", "RU")))
# Places that admit men only, whatever the passport (Mount Athos): a woman on the trip
# hears it before the verdicts, which are then the men's. The source is the place's legal trap.
MEN_ONLY = frozenset(("GR-69",))
# The Schengen area (EU's Your Europe page, checked 2026-12-02): one rule for a visitor's passport (issued within the
# last 10 years, valid 3 months after leaving)
SCHENGEN = frozenset(("AT", "BE", "BG", "HR", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IT", "LV", "LT", "LU",
                      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH"))
BARRED_VERDICTS = frozenset(("passport-invalid", "no-admission", "closed"))
PERMIT_VERDICT = "permit-required"  # a restriction when only some passports need it (Cuba for Americans)
EASY_ENTRY = frozenset(v for v, info in VERDICTS.items() if info.allows_entry)
VISA_NEEDED = frozenset(("visa-required", "e-visa"))  # what another country's visa may stand in for
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
