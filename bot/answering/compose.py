"""Composes the facts for an understood question: what to say, with dates, sources and warnings.

Pure data over the knowledge base, no formatting and no Telegram.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from rapidfuzz import fuzz

from bot.answering.facts import (
    AdvisoryFact,
    Answer,
    Comparison,
    EntryFact,
    EventFact,
    Followup,
    Headline,
    HowtoFact,
    Line,
    ReportFact,
    all_facts,
)
from bot.answering.texts import (
    ALL_DO_NOT_TRAVEL,
    ALL_OTHER_PASSPORTS,
    AS_OF,
    ASK_PASSPORT,
    BASELINE_NOTE,
    BY_DESCENT_NOTE,
    CHECKED_ON,
    CHILD_TRAVEL_CHECKED,
    CHILD_TRAVEL_NOTE,
    CHILD_TRAVEL_SOURCE,
    COLON,
    COST,
    DANGER_NOTE,
    DATASET_OF,
    DATASET_ONLY,
    DATASET_ONLY_LONG,
    DUAL_NATIONAL_WARNING,
    EASIER_BY_THE_RULES,
    ENTERING_FIRST,
    ENTRY_NOT_KNOWN,
    ESTA_AFTER_VISIT,
    GENERAL_DISCLAIMER,
    ISSUER_AGENCIES,
    ISSUER_NAMES,
    LAND_BORDER_CLOSED,
    LAPSED_NOTE,
    LAWFUL_ROUTE,
    LEGAL_TRAP,
    LEVEL_NAMES,
    LIST_AND,
    LOWER_RISK,
    MANY_PASSPORTS,
    NO_ADVISORY,
    NO_CHECKED_OPENING,
    NO_CLEAR_DIFFERENCE,
    NO_COST,
    NO_DATES,
    NO_DUAL_NATIONALITY_NOTE,
    NO_ISSUER_ADVISORY,
    NO_REOPENING,
    NO_RULE,
    NONE_OPEN_TO_YOU,
    NOT_A_PASSPORT_NOTE,
    NOT_A_PASSPORT_SOURCE,
    NOT_ADMITTED_DUAL_WARNING,
    NOT_ADMITTED_EXCEPT_WARNING,
    NOT_ADMITTED_WARNING,
    ONE_PASSPORT,
    ONLY_PASSPORT,
    OWN_COUNTRY,
    OWN_COUNTRY_TEXT,
    PASSPORT_INVALID_FOR_HOLDERS,
    PASSPORT_INVALID_FOR_HOLDERS_BARE,
    PASSPORT_INVALID_FOR_SEVERAL,
    PASSPORT_INVALID_WARNING,
    PASSPORT_INVALID_WARNING_BARE,
    PASSPORT_NAME,
    RISK_LABEL,
    RISK_WITH_LEVEL,
    RULE_OF,
    SAME_RISK,
    SCHENGEN_VALIDITY_NOTE,
    SCHENGEN_VALIDITY_SOURCE,
    SOME_AND_ALL_OTHERS,
    SOME_DO_NOT_TRAVEL,
    SOME_PASSPORTS,
    STALE_NOTE,
    STATE_TEXTS,
    TOPIC_LABELS,
    TRANSIT_NOTE,
    TRANSLATED_ISSUER_NAMES,
    UNVERIFIED,
    VALIDITY_NOTE,
    VALIDITY_SOURCE,
    WOMEN_BARRED_NOTE,
)
from bot.i18n import DEFAULT, Translator, room, translator
from bot.knowledge.reference import UK_BASELINE_LABEL
from bot.knowledge.schema import TRANSLATED_FIELDS
from bot.knowledge.staleness import fact_age
from bot.knowledge.vocabulary import (
    BARRED_VERDICTS,
    CITIZEN_RULES,
    CLOSURE_EXCEPTIONS,
    DESCENT_RISKS,
    EASY_ENTRY,
    ESTA_EXCLUDED,
    ESTA_VERDICT,
    EVENT_KINDS,
    HELD_DOCUMENT_RULES,
    ISSUER_OF_PASSPORT,
    MEN_ONLY,
    NO_DUAL_NATIONALITY,
    OWN_COUNTRY_CHECKED,
    OWN_COUNTRY_EXCEPTIONS,
    OWN_COUNTRY_SOURCE,
    PERMIT_VERDICT,
    SCHENGEN,
    SCHENGEN_RESIDENCE,
    STATES,
    TRANSIT_RULES,
    VERDICTS,
    VISA_NEEDED,
    VISITOR_REQUIREMENTS,
    advises_against_all_travel,
)
from bot.storage.kb import KnowledgeBase, Place
from bot.understanding.matcher import CONFIDENCE_THRESHOLD, TOPICS, Understanding, _is_cjk

MAX_OVERVIEW_RULES = 6
SAFETY_COMPARISON = re.compile(r"safe|danger|risk|безопасн|опасн|безпечн|небезпечн|sicher|gef[äa]hrlich|s[ûu]r\b|"
                               r"dangereu|segur|peligros|perigos|安全|危险")
# a layover or a transit, in the answer languages ("пересадка в Шереметьево", "Umstieg in Peking", "转机")
TRANSIT_QUESTION = re.compile(r"layover|stopover|transit|connecting flight|change (of )?planes|airside|"
                              r"on (the|my|our) way to|en route|по пути в|auf dem weg nach|de camino a|a caminho d|"
                              r"пересадк|"
                              r"транзит|umstieg|umsteig|zwischenstopp|escale|correspondance|escala|conexi[óo]n|"
                              r"conex[ãa]o|trânsito|经停|转机|中转|过境")
# the words of event scopes that name no part of a place ("Wonsan-Kalma, foreign tourists", "Rason only")
SCOPE_WORDS = frozenset(("groups", "group", "tourists", "foreign", "foreigners", "invited", "runners", "russian",
                         "western", "exclusion", "resort", "visitors", "travellers", "only", "border", "crossing",
                         "international", "spring", "trade", "chinese", "crossings"))
VERDICT_EASE = {verdict: info.ease for verdict, info in VERDICTS.items()}
# The question's cues below are written in lower case and searched in the lowered question: a third of the time of
# matching case-insensitively, for the same results.
# going overland, in the languages answered: a closed land border then matters even with one country named
OVERLAND = re.compile(
    r"\b(overland|by land|by (car|bus|road|train)|driv(e|ing)|road ?trip|land border|border crossing|cross(ing)? the "
    r"border|по суше|на машин|на автобус|на поезд|сухопут|наземн|автомоб|по землі|на авто|auf dem landweg|mit dem "
    r"(auto|bus|zug)|landgrenze|par la route|en voiture|en bus|frontière terrestre|por tierra|en (coche|auto|bus)|"
    r"frontera terrestre|por terra|de (carro|ônibus|autocarro)|fronteira terrestre)")
CJK_OVERLAND = ("陆路", "开车", "自驾", "坐大巴", "陆地边境")
# A traveler on a document that is not a national passport (a refugee's or stateless person's travel document), or
# whose residence permit may change the rule: the verdicts by passport need a caveat before them.
NOT_A_PASSPORT = re.compile(
    r"\b(refugees?|stateless|asylum|residen(ce|cy) (permit|card)|green ?card|permanent resident|pr card|"
    r"r[ée]fugi[ée]e?s?|apatrides?|titre de (s[ée]jour|voyage)|carte de r[ée]sident|flüchtling\w*|staatenlos\w*|"
    r"reiseausweis|"
    r"aufenthalts(titel|erlaubnis|karte)|niederlassungserlaubnis|refugiad[oa]s?|ap[áa]tridas?|asilo|"
    r"permiso de residencia|tarjeta (de residencia|verde)|residencia permanente|autoriza[çc][ãa]o de resid[êe]ncia|"
    r"t[íi]tulo de resid[êe]ncia|cart[ãa]o verde|беженец|беженц\w*|беженк\w*|без гражданства|апатрид\w*|"
    r"вид на жительство|внж|пмж|негражданин\w*|грин.?карт\w*|біжен\w*|без громадянства|посвідк\w* на проживання|"
    r"грін.?карт\w*|blue card|blaue karte|carte bleue|tarjeta azul|cart[ãa]o azul|голуб\w* карт\w*|синя карт\w*)\b"
    r"|难民|无国籍|居留证|居留许可|绿卡|永久居民")
# a child on the trip ("my 16 year old son", "con mi hija", "с ребёнком", "带孩子"): without both parents, the border
# may ask for the other parent's consent. English "son" only after a possessive ("son" is a French and Spanish word).
CHILD_TRAVEL = re.compile(
    r"\b((my|our|his|her|their|a|the) (\d+.?(year|yr).?old )?(son|daughter|kid|kids|baby|toddler|teen|teenager|"
    r"stepson|stepdaughter)s?|child|children|minors?|under.?18|hij[oa]s?|niñ[oa]s?|"
    r"menor(es)? de (edad|idade)|bebés?|filh[oa]s?|crianças?|bebês?|kinder|kindern|(mein|meine|meinem|meinen|unser|"
    r"unserem|unseren) kind\w*|sohn|tochter|minderjährig\w*|enfants?|mon fils|ma fille|mineurs?|bébés?|ребён\w*|"
    r"ребен\w*|дети|детей|детьми|сын\w*|доч\w*|несовершеннолетн\w*|дитин\w*|діти|дітей|дітьми|донь\w*|"
    r"неповнолітн\w*)\b|孩子|儿子|女儿|未成年|宝宝|小孩")
# ... but not the asker's own past ("came to Miami as a kid") nor a grown-up son or daughter ("he's 19", "de 20 ans")
NO_CHILD_NOW = re.compile(r"\b(as|was|were) an? (kid|child|baby|teen)|\b(1[89]|[2-9]\d) ?(years?|yrs?|ans|años|anos|"
                          r"jahre|лет|років)\b|\b(he|she)'?s (1[89]|[2-9]\d)\b|\((1[89]|[2-9]\d)\b|(1[89]|[2-9]\d)岁")
# a woman on the trip ("my wife", "as a woman", "sou brasileira", "Österreicherin", "россиянка", "我太太"): where only
# men are admitted, the verdicts by passport are not hers
WOMAN_TRAVELLER = re.compile(
    r"\b(wom[ae]n|female|girls?|lady|ladies|wife|girlfriend|fianc[ée]e|mother|mom|mum|daughter|sister|she|her|"
    r"mulher(es)?|esposa|namorada|m[ãa]e|filha|irm[ãa]|(sou|soy|eu sou|yo soy) \w+a|novia|hija|hermana|madre|"
    r"frau|frauen|ehefrau|freundin|mutter|tochter|schwester|\w+erin|femmes?|[ée]pouse|copine|fille|m[èe]re|"
    r"s[œo]eur|женщин\w*|жен[аеуы]|девушк\w*|подруг\w*|мам\w*|мать|доч\w*|сестр\w*|\w+янк\w*|гражданк\w*|"
    r"украинк\w*|жінк\w*|дружин\w*|дівчин\w*|мати|донь\w*|громадянк\w*|українк\w*)\b"
    r"|女|妻子|老婆|太太|妈妈|母亲|姐姐|妹妹")
# a visa of another country held ("my schengen visa", "valid US visa", "шенгенская виза", "美签"): where such a visa
# stands in for the destination's own, the answer says so
HELD_VISA = re.compile(
    r"schengen|шенген|申根|美签|英签|美国签证|英国签证|日本签证|加拿大签证|"
    r"\b(us|u\.s\.|usa|american|uk|british|canadian|japanese|eu|amerikanisch\w*|britisch\w*|am[ée]ricain\w*|"
    r"estadounidense|americano|brit[áa]nico|canadiense|canadense)\s(multiple.entry\s|tourist\s|b1/b2\s)?"
    r"(visa|visum|visado|visto)\b|\b(visa|visum|visado|visto|visa de|visto dos) (for|of|from|f[üu]r|de|dos|da) "
    r"(the\s)?(us|usa|uk|united states|eeuu|estados unidos|eua|die usa)\b|"
    r"(американск|британск|канадск|японск)\w* виз|виз\w* (сша|великобритании|канады|японии)")
# a US permanent resident is a "US person" whom the Cuba sanctions bind, whatever passport they hold
US_RESIDENT = re.compile(r"\b(green ?card|(us|u\.s\.|american) (permanent )?resident|"
                         r"lawful permanent resident|tarjeta verde|carte verte|cart[ãa]o verde|грин.?карт\w*|"
                         r"грін.?карт\w*)\b|绿卡")
# a parent or a birthplace: what makes a traveler a citizen of a country without its passport
PARENT_OR_BIRTH = re.compile(
    r"\b(father|dad|mother|mom|mum|parents?|born|padres?|madre|nacid[oa]s?|pai|m[ãa]e|pais|nascid[oa]s?|vater|"
    r"mutter|eltern|geboren|p[èe]re|m[èe]re|n[ée]e?|отец|отца|папа|мать|мама|родител\w*|родил\w*|батьк\w*|тато|"
    r"мати|народив\w*)\b|父亲|爸爸|母亲|妈妈|父母|出生")
# a question about how long the passport is still valid ("expires in April", "läuft im Mai ab", "有效期")
VALIDITY_QUESTION = re.compile(
    r"\b(expir\w*|valid (until|till)|validity|months left|g[üu]ltig bis|g[üu]ltigkeit|l[äa]uft\b.{0,30}\bab\b|"
    r"expira\w*|caduca\w*|vence\w*|vencimiento|vigencia|validez|validade|v[áa]lido at[ée]|valid[ée]|"
    r"valable jusqu\w*|истека\w*|срок действия|действителен до|термін дії|спливає|закінчу\w*)"
    r"|过期|有效期|到期")
ORIGIN_RANK = {"baseline": 0, "curated": 1, "shared": 1, "feed": 2}  # on the same date, the official feed wins
# "how much is the permit", "¿cuánto cuesta?", "сколько стоит тур": a question about a price gets the facts that quote
# one. "quanto/cuánto/combien" alone also ask how long, so only the verbs and nouns of price count.
COST_QUESTION = re.compile(
    r"\b(?:costs?|price[sd]?|pricing|fees?|how much|expensive|cheaper|kosten|kostet|preise?|gebühr(?:en)?|coûte?n?t?|"
    r"prix|frais|tarifs?|cuestan?|precios?|costo|tasas?|tarifas?|custam?|preço|custo|taxas?)\b"
    r"|сколько сто|стоимост|цен[аыуе]\b|скільки кошту|вартіст|ціна|多少钱|费用|价格|收费")
MONEY = re.compile(r"(?:US\$|NZ\$|A\$|C\$|\$|€|£|¥)\s?\d"
                   r"|\d[\d,.]*\s?(?:USD|EUR|GBP|CNY|NPR|US dollars|dollars|euros)\b")
REOPEN_WORDS = ("reopen", "open", "откр", "відкр", "öffn", "offen", "ouvert", "abri", "abert", "开放")
# "when does the US passport ban expire", "depuis quand les Américains ne peuvent plus y aller": a "when" question
# about a rule that bars a passport, answered by that rule's dates, not the border's reopenings
BAN_WORDS = re.compile(r"\bban\w*|\brestriction|\bembargo|запрет|заборон|verbot|\binterdi|\bprohibi|\bproibi|禁令|禁止|"
                       r"ne (peuvent|peut|pouvons) plus|ya no pueden|não podem mais|больше не могут|більше не можуть")
PASSPORT_WORD = re.compile(r"passport|\bpass\b|паспорт|pasaporte|passeport|passaporte|reisepass|护照")
US_NOTE = re.compile(r"\b(US|U\.S\.|American|Americans|United States)\b")
RULES_WORD = re.compile(r"\brules\b")
# A government named in a question about risk ("what level is it for Canada?", "what does Smartraveller say"): its
# advice is the one wanted, and when it has none for the place the answer says so rather than show another's alone
ISSUER_WORDS = {
    "CA": re.compile(r"\bcanad|global affairs|канад|\bkanad|加拿大", re.IGNORECASE),
    "AU": re.compile(r"\baustral|\baussie|smartraveller|австрал|澳大利亚|澳洲", re.IGNORECASE),
    "UK": re.compile(r"\bfcdo\b|foreign office|\bbrit|\buk\b|united kingdom|британ|великобритан|英国|royaume-uni"
                     r"|reino unido|großbritannien|grossbritannien", re.IGNORECASE),
    "US": re.compile(r"state department|department of state|\bamerican|\bu\.s\.|госдеп|\bсша\b|美国|estados unidos"
                     r"|états-unis|etats-unis", re.IGNORECASE),
    # governments whose advice the knowledge base does not hold: named, they are said to have none on file
    "FR": re.compile(r"france diplomatie|quai d.orsay|minist[eè]re des affaires [ée]trang[eè]res|diplomatie fran"
                     r"|french (?:government|foreign|ministry)|МИД Франции|法国外交部", re.IGNORECASE),
    "DE": re.compile(r"ausw[aä]rtige[sn]? amt|german (?:government|foreign|ministry)|МИД Германии|德国外交部",
                     re.IGNORECASE),
}
# the country each issuer governs (its advice is never about its own country)
ISSUER_HOME = {issuer: home for home, issuer in ISSUER_OF_PASSPORT.items()} | {"FR": "FR", "DE": "DE"}
# The curators' "no checked rule" opening, left out beside the dataset's verdict (which says it is the dataset's)
NO_CHECKED_RULE = re.compile(r"^We have no (?:checked|confirmed) rule for (?:this|your) passport[.;]\s*")
# Passports whose misuse we have a source for costing the passport and prosecution (the US State Department's page
# on North Korea); for others the passport warning is the bare one, without its consequences
PENALTIES_SOURCED = frozenset({"US"})
CLAUSE_END = re.compile(r"(?<=[,:;])\s+")
SENTENCE_END = re.compile(r"(?<=[.;])\s+")
OVERVIEW_LIMITS = {"events": 4, "reports": 2, "howto": 3, "advisories": 3}
HEADLINE_LABEL = 90  # characters of an issuer's own label (the FCDO's) in headlines and the advisories line
# In a brief label: notes about the page or the reporting, and the issuer's name the prefix already gives
LABEL_ASIDE = re.compile(
    r"\s*\((?:as reported|read the|see (?:the )?page|stated on|check the|its advice|page last)[^()]*\)")
LABEL_PREAMBLE = re.compile(
    r"^(?:The )?FCDO travel advice for [^;:()]+[;:]\s+(?:it\s+)?|^(?:The )?FCDO\s+(?=advis|warns|has\b)")
CLAUSE_BREAKS = ("; ", ", ", " and ", " because ", " except ", "；", "，", "、")  # the last three: Chinese


def _verdicts_of(entries: list[EntryFact]) -> list[tuple[str, str, str]]:
    """(passport, verdict, origin) of each entry: what the header's state is read from."""
    return [(e.passport, e.verdict, e.origin) for e in entries]


def _names_people_of(question: str, stems: tuple[str, ...]) -> bool:
    """Whether the question names a country or its people by one of these stems: a word that starts with a stem of
    four letters or more ("iranian", "британка"), the very word for a shorter one ("usa", not "usado"), anywhere in
    Chinese."""
    words = re.findall(r"\w+", question.casefold())
    return any(s in question if _is_cjk(s) else any(w.startswith(s) if len(s) >= 4 else w == s for w in words)
               for s in stems)


class Composer:
    def __init__(self, kb: KnowledgeBase, *, stale_days: int, today: dt.date | None = None) -> None:
        self.kb = kb
        self.stale_days = stale_days
        self._today = today
        self._day: dt.date | None = None  # today's date, read once per answer (date.today() is not free)
        # The language of the answer being composed: set at the start of each (synchronous) compose call.
        self.tr: Translator = translator(DEFAULT)
        # (region code, knowledge version) -> the country whose entry rules its default rule defers to
        self._deferring: dict[tuple[str, Any], Place | None] = {}

    @property
    def today(self) -> dt.date:
        return self._today or self._day or dt.date.today()

    def _fact(self, row: dict[str, Any]) -> dict[str, Any]:
        age, stale = fact_age(row["checked"], self.today, self.stale_days)
        return {
            "source": row["source"],
            "checked": row["checked"],
            "age_days": age,
            "stale": stale,
            "unverified": bool(row.get("unverified")),
        }

    def compose(self, u: Understanding, *, detail: bool = False, lang: str = DEFAULT) -> Answer:
        self.tr = translator(lang)
        self._day = dt.date.today()
        answer = Answer(question=u.question, answered=False, understanding=u, topics=list(u.topics), detail=detail,
                        lang=self.tr.lang)
        if u.intent == "off-topic" and not detail:
            return self._off_topic(answer, u)
        if u.ambiguous and not u.destinations:
            answer.reason = "ambiguous"
            answer.suggestions = self._suggest(u.ambiguous)
            return answer
        if not u.destinations:
            answer.reason = "nothing"
            answer.suggestions = self._suggest(u.suggestions)
            return answer
        if u.confidence < CONFIDENCE_THRESHOLD:
            answer.reason = "unsure"
            answer.suggestions = self._suggest(u.destinations)
            return answer
        place = self.kb.places[u.destinations[0]]
        answer.answered = True
        answer.code, answer.name, answer.flag = place.code, place.name_in(self.tr.lang), place.flag
        answer.kind, answer.curated = place.kind, place.curated
        wanted = set(u.topics) or set(TOPICS)
        overview = not u.topics
        advisories = self._advisories(place, u.passports)
        # the English texts a knowledge file has translated into this language, in their places
        texts = place.translations.get(self.tr.lang, {})
        shown = {section: {} for section in ("status", "legal")}
        for name, text in texts.items():
            section, column = TRANSLATED_FIELDS[name]
            shown[section][column] = text
        if place.status:
            answer.status = {**place.status, **self._fact(place.status), **shown["status"]}
        answer.entry = self._entry(place, u.passports) if u.passports or "entry" in wanted else []
        if "safety" in wanted or overview or u.intent == "level":
            answer.advisories = [AdvisoryFact(**self._fact(a), issuer=a["issuer"], level=a["level"],
                                              label=_scoped(a), as_of=a["as_of"], origin=a["origin"],
                                              brief=self._risk(a, here=place.name),
                                              full=self._risk(a, brief=False, mark=False))
                                 for a in advisories]
        consular = self._consular(place, u.passports)
        if "safety" in wanted and consular:
            answer.consular = consular
        holders = place.legal_holders
        bound = holders & set(u.passports) or ("US" in holders and US_RESIDENT.search(u.question.lower()))
        if place.legal and (detail or not holders or not u.passports or bound):
            # a trap that binds only some passports (the US passport's invalidity for Rason) does not lead the answer
            # to an asker known to hold none of them; the detailed view keeps it
            answer.legal = {**place.legal, **self._fact(place.legal), **shown["legal"]}
        named = _scoped_events(place, u)  # "Can I visit Chernobyl?": the zone's own dates
        scoped = [] if detail else named
        ban = u.intent == "when" and _asks_about_a_ban(place, u)
        if u.intent == "when" and not detail:
            events = self._when_events(place, u, ban=ban)
        elif "status" in u.topics or (detail and overview):
            events = place.events if detail else place.events[-2:]
            if overview:
                events = events[-OVERVIEW_LIMITS["events"]:]
        else:
            events = []
        events = scoped + [e for e in events if e not in scoped]
        answer.events = [
            EventFact(**self._fact(e), date=e["date"], kind=e["kind"], summary=self._worded(e["code"], e["summary"]),
                      scope=self._worded(e["code"], e["scope"]) if e["scope"] else e["scope"])
            for e in events
        ]
        if "reports" in wanted:
            limit = 10 if detail else OVERVIEW_LIMITS["reports"]
            answer.reports = self._reports(place, u.theme, limit=limit)
        if "howto" in wanted:
            howto = place.howto if detail else place.howto[: 2 if not overview else OVERVIEW_LIMITS["howto"]]
            answer.howto = [HowtoFact(**self._fact(h), kind=h["kind"], name=self._worded(h["code"], h["name"]),
                                      summary=self._worded(h["code"], h["summary"]))
                            for h in howto]
        answer.headline = self._restricted(self._headline(place, advisories), place, _verdicts_of(answer.entry))
        self._disclaim(answer, place, u, advisories)
        self._light(answer, place, advisories)
        price = bool(COST_QUESTION.search(u.question.lower()))  # "how much is the permit": the facts that quote a price
        answer.direct = self._direct(answer, place, u, advisories, price=price, ban=ban,
                                     named=frozenset((e["date"], e["kind"]) for e in named))
        if u.intent == "compare" and len(u.destinations) > 1:
            answer.comparison = [self._compare_line(self.kb.places[c], u.passports,
                                                    cost=price)
                                 for c in u.destinations[:4] if c in self.kb.places]
            answer.direct = self._compare_summary(answer.comparison, u) if not price else []
            answer.warnings = [w for w in answer.warnings if w != self.tr._(DANGER_NOTE)]
        answer.suggestions = self._suggest([c for c in u.destinations[1:] + u.suggestions
                                            if c not in {x.code for x in answer.comparison}])
        if answer.legal:  # what the most compact layout leaves to the buttons, when asked for
            has = {"status": bool(answer.status and u.intent != "when" and answer.headline.state),
                   "reports": bool(answer.reports), "howto": bool(answer.howto)}
            answer.behind = [t for t in ("status", "reports", "howto") if t in u.topics and has[t]]
        answer.followups = self._followups(answer, u)
        answer.untranslated = self.tr.lang != DEFAULT and place.curated
        if answer.untranslated:  # which of the lists a layout may show still quote English (the template decides)
            words = self.kb.worded.get(self.tr.lang, set())
            answer.english_in = {
                "events": any(e.summary not in words or (e.scope and e.scope not in words) for e in answer.events),
                "reports": any(r.summary not in words for r in answer.reports),
                "howto": any(h.summary not in words or h.name not in words for h in answer.howto),
                "consular": bool(answer.consular and answer.consular["summary"] not in words)}
        answer.english_fixed = answer.untranslated and self._english_fixed(answer, shown, advisories, u, detail=detail)
        if answer.untranslated and answer.legal:
            # the most compact layout shows the legal trap, the warnings, the verdicts without their rules' words and
            # the first risk: English there only in an untranslated trap, a lawful route round an invalid passport, the
            # dates of a "when" question, or an issuer's own label (the FCDO's) as the first risk
            first = advisories[0] if advisories else None
            answer.english_lean = (
                not all(shown["legal"].get(k) for k in ("summary", "lawful_route")) or u.intent == "when"
                or any(e.exception for e in answer.entry if e.verdict == "passport-invalid")
                or self._english_label(first))
        return answer

    def _english_fixed(self, answer: Answer, shown: dict[str, dict[str, str]], advisories: list[dict[str, Any]],
                       u: Understanding, *, detail: bool) -> bool:
        """Whether an answer in another language quotes a curated English text whatever its layout, which its note
        then says: a rule's details are written in English only; states, legal traps, rules' summaries and
        exceptions, level-less labels and a "when" question's events where their files translate them. (Events,
        reports, how-tos and consular notes count where the layout shows them: the template.)"""
        if u.intent == "when" and answer.english_in.get("events"):  # a "when" answer's dates
            return True
        translated = self.kb.worded.get(self.tr.lang, set())
        if detail and (any(e.details and e.details not in translated for e in answer.entry)
                       or (answer.legal and answer.legal.get("de_facto") and not shown["legal"].get("de_facto"))
                       or (answer.advisories and any(self._english_label(a, brief=False) for a in advisories))):
            return True
        if (answer.status and not shown["status"]) or (
                answer.legal and not all(shown["legal"].get(k) for k in ("summary", "lawful_route"))):
            return True
        opening = f"{self.tr._(NO_CHECKED_OPENING)} "
        for e in answer.entry:
            if (e.exception and e.exception not in translated) or (
                    e.origin == "curated" and e.summary.removeprefix(opening) not in translated):
                return True
            if e.local and e.local.removeprefix(f"{e.summary} ").removeprefix(opening) not in translated:
                return True
        return self._english_label(advisories[0] if advisories else None)

    def _english_label(self, advisory: dict[str, Any] | None, *, brief: bool = True) -> bool:
        """An advisory quotes its issuer's own English words (as _risk_text shows it): a label its file does not
        translate, or a feed's label. A level is said in the catalog's words: in a headline (`brief`) for every row of
        an issuer with levels, in the detailed view for a dataset or feed row; the dataset's FCDO label is a catalog
        message too."""
        if not advisory or advisory["label"] == UK_BASELINE_LABEL:
            return False
        curated = advisory.get("origin") == "curated"
        if advisory["level"] and advisory["issuer"] in LEVEL_NAMES and (brief or not curated):
            return False
        return not curated or self._worded(advisory["code"], advisory["label"]) == advisory["label"]

    # -- the answer to what was asked, first -----------------------------------------------------
    def _off_topic(self, answer: Answer, u: Understanding) -> Answer:
        """Flights, hotels, weather...: one line on what Borderline does, and the named place's risk."""
        answer.off_topic = True
        answer.reason = "off-topic"
        if u.destinations and u.confidence >= CONFIDENCE_THRESHOLD and u.destinations[0] in self.kb.places:
            place = self.kb.places[u.destinations[0]]
            answer.code, answer.name, answer.flag = place.code, place.name_in(self.tr.lang), place.flag
            advisories = self._advisories(place, u.passports)
            answer.headline = self._headline(place, advisories)
            if u.passports:  # whatever was asked, a known passport gets its verdict and any legal warning
                answer.entry = self._entry(place, u.passports)
                answer.headline = self._restricted(answer.headline, place, _verdicts_of(answer.entry))
                answer.do_not_travel = any(_do_not_travel(a) for a in advisories)
                self._light(answer, place, advisories)
                self._passport_warnings(answer, u.passports, u.dual)
                answer.direct = self._verdict_lines(answer.entry, self._room(200))
        return answer

    def _headline(self, place: Place, advisories: list[dict[str, Any]]) -> Headline:
        parent = self.kb.places.get(place.parent or "")
        name = place.name_in(self.tr.lang)
        label = name if not parent or parent.name in place.name else f"{name}, {parent.name_in(self.tr.lang)}"
        risk_row = advisories[0] if advisories else None
        risk = self._risk(risk_row, here=place.name) if risk_row else ""
        barred = any(_do_not_travel(a) for a in advisories)
        state = (place.status or {}).get("state")
        level3 = any((a["level"] or 0) >= 3 for a in advisories)
        if state == "open" and barred:
            text, icon = STATE_TEXTS["open-do-not-travel"], "⚠️"  # never "open" under do-not-travel
        elif state == "open" and level3:
            text, icon = STATE_TEXTS["open-reconsider"], "🟠"
        elif state in STATES:
            text, icon = STATES[state]
        else:
            text, icon = "", "⚠️" if barred else ""
        return Headline(place=label, state=self.tr._(text) if text else "", icon=icon, risk=risk,
                        stale_on=self._stale_on(risk_row) if risk_row else "")

    def _restricted(self, head: Headline, place: Place, verdicts: list[tuple[str, str, str]]) -> Headline:
        """The place's state as it stands for the asker's passports, (passport, verdict, origin) each.
        "Open to tourists" is no green light for an asker none of whose passports may go as a tourist: not valid
        there, not admitted, or a permit that only this passport needs and the place's legal trap is about (Cuba for
        a US tourist); a permit every visitor needs (Galapagos, Antarctica) leaves the place open. "Closed to
        tourists" is not the answer for an asker every one of whose passports has a checked rule that lets it in
        despite the closure (Russian groups in North Korea): closed to most, pointing to the verdict, never "open"."""
        default = (place.curated_rules.get("*") or {}).get("verdict")

        def barred(verdict: str) -> bool:
            return verdict in BARRED_VERDICTS or (verdict == PERMIT_VERDICT and bool(place.legal)
                                                  and default != PERMIT_VERDICT)

        if head.icon == STATES["open"][1] and verdicts and all(barred(v) for _, v, _ in verdicts):
            head.state, head.icon = self.tr._(STATE_TEXTS["open-restricted"]), "🟠"
        elif head.icon == STATES["closed"][1] and verdicts and all(
                v in EASY_ENTRY and origin == "curated" and (place.code, p) in CLOSURE_EXCEPTIONS
                for p, v, origin in verdicts):
            head.state, head.icon = self.tr._(STATE_TEXTS["closed-but-yours"]), "🟠"
        return head

    def _stale_on(self, row: dict[str, Any]) -> str:
        """The date a fact was last checked, when that is too long ago; else ""."""
        return row["checked"] if self._fact(row)["stale"] else ""

    def _direct(self, answer: Answer, place: Place, u: Understanding, advisories: list[dict[str, Any]], *,
                price: bool = False, ban: bool = False,
                named: frozenset[tuple[str, str]] = frozenset()) -> list[Line]:
        """`ban`: a "when" question about a ban on a passport; `named`: (date, kind) of the events whose scope the
        question names."""
        lines: list[Line] = []
        tr = self.tr
        if u.intent == "when":
            lines += self._when_lines(answer, place, rule=ban)
        else:  # a part of the place named by its events' scope (a landmark, a zone, a city) leads with their dates
            lines += [self._event_line(e, self._room(140)) for e in answer.events if (e.date, e.kind) in named][-1:]
        if u.intent == "level" or "safety" in u.topics:
            # the issuer's own long label when it is short enough, in English; in another language the level name,
            # which the catalog translates
            lines += [Line(self._risk(a, brief=len(a["label"]) >= 140 or (
                tr.lang != DEFAULT and bool(a["level"]) and a["issuer"] in LEVEL_NAMES), here=place.name), a["source"],
                when=tr.date(a["as_of"]), kind="risk", stale_on=self._stale_on(a),
                brief=self._risk(a, here=place.name)) for a in advisories[:3]]
            if not advisories:
                lines.append(Line(tr._(NO_ADVISORY)))
            else:
                lines[:0] = [Line(tr._(NO_ISSUER_ADVISORY, issuer=ISSUER_AGENCIES[issuer], place=answer.name))
                             for issuer in self._issuers_wanted(place, u, advisories)]
        if price:
            lines += self._cost_lines(place, u.passports) or [Line(tr._(NO_COST, place=answer.name))]
        lines += self._border_lines(place, u)
        question = u.question.lower()
        if NOT_A_PASSPORT.search(question):  # a refugee's travel document, a residence permit: no passport
            lines.append(Line(tr._(NOT_A_PASSPORT_NOTE), NOT_A_PASSPORT_SOURCE, "⚠️", kind="caveat"))
        risk = DESCENT_RISKS.get(place.code) or DESCENT_RISKS.get(place.parent or "")
        if risk and "AM" not in u.passports and re.search(risk.cue, question):
            lines.append(Line(tr._(risk.text), risk.source, "⚠️", kind="caveat",  # "армянин по отцу ... в Баку"
                              when=self._checked_unverified(risk.checked)))
        if place.code in MEN_ONLY and place.legal and WOMAN_TRAVELLER.search(question):
            lines.append(Line(tr._(WOMEN_BARRED_NOTE, place=answer.name), place.legal["source"], "⛔", kind="caveat"))
        if u.passports:
            lines += self._verdict_lines(answer.entry, self._room(200), legal=bool(answer.legal))
            lines += self._verdict_lines(self._country_first(answer, place, advisories), self._room(120))
            if u.dual:  # "I hold Irish and Indian passports": the second may itself be unlawful to hold
                lines += [Line(tr._(NO_DUAL_NATIONALITY_NOTE, country=self._country_name(p)), NO_DUAL_NATIONALITY[p],
                               "⚠️", kind="caveat") for p in u.passports if p in NO_DUAL_NATIONALITY]
        lines += self._citizen_lines(place, u)
        lines += self._held_document_lines(answer, place, u)
        lines += self._transit_lines(answer, place, u)
        required = VISITOR_REQUIREMENTS.get(place.code)
        if required and u.intent == "question" and not (u.passports and set(u.passports) <= {place.code}):
            lines.append(Line(tr._(required.text), required.source, "🩺", kind="caveat",  # Georgia's insurance
                              when=self._checked_unverified(required.checked)))
        # how long the passport must stay valid, which no verdict says ("when does the ban expire" is not that)
        if VALIDITY_QUESTION.search(question) and not BAN_WORDS.search(question):
            schengen = (place.parent or place.code) in SCHENGEN
            lines.append(Line(tr._(SCHENGEN_VALIDITY_NOTE if schengen else VALIDITY_NOTE),
                              SCHENGEN_VALIDITY_SOURCE if schengen else VALIDITY_SOURCE, "📅", kind="caveat"))
        lines += self._esta_lines(answer, place, u)
        if (CHILD_TRAVEL.search(question) and not NO_CHILD_NOW.search(question)
                and ("entry" in u.topics or not u.topics)):
            lines.append(Line(tr._(CHILD_TRAVEL_NOTE), CHILD_TRAVEL_SOURCE, "🧒", kind="caveat",
                              when=self._checked_unverified(CHILD_TRAVEL_CHECKED)))
        if not u.passports and ("entry" in u.topics or not u.topics) and u.intent not in ("when", "level"):
            others = [e for e in answer.entry if "*" in e.passports]
            # a pair rule (Russians in Poland) is no overview of a place without a file
            shown = ([e for e in answer.entry if "*" not in e.passports][: 2 - len(others[:1])] + others[:1]
                     if place.curated else [])
            for e in shown:  # no passport known: the curated rules, grouped (all others last), then ask for it
                lines.append(Line(short(e.summary, self._room(100)), e.source, e.icon,
                                  f"{e.passport_name}{tr._(COLON)}{e.verdict_label}",
                                  covered=e.verdict == "passport-invalid",  # warned for its holders
                                  stale_on=e.checked if e.stale else ""))
            lines.append(Line(tr._(ASK_PASSPORT, name=answer.name), kind="ask"))  # whole: it ends with the command
        if "status" in u.topics and u.intent != "when" and answer.status and not u.passports:
            lines.append(Line(short(answer.status["summary"], self._room(260)), answer.status["source"],
                              when=tr._(AS_OF, date=tr.date(answer.status["as_of"])), kind="status"))
        return lines

    def _cost_lines(self, place: Place, passports: list[str], limit: int = 2) -> list[Line]:
        """The sentences of the place's facts that quote a price, the asker's own rules first, then the legal trap,
        the status, the ways there, the other rules, and past events (newest first) last: a fee that changed is
        told by its newest fact."""
        rules = place.curated_rules
        facts = [rules[p] for p in passports if p in rules] + ([rules["*"]] if "*" in rules else [])
        facts += [place.legal] if place.legal else []
        facts += [place.status] if place.status else []
        facts += list(place.howto) + [r for p, r in rules.items() if p not in passports and p != "*"]
        facts += sorted(place.events, key=lambda e: e["date"], reverse=True)
        lines: list[Line] = []
        seen: set[str] = set()
        for fact in facts:
            text = " ".join(str(fact.get(k) or "") for k in ("summary", "details", "lawful_route", "consequences"))
            for sentence in SENTENCE_END.split(" ".join(text.split())):
                if MONEY.search(sentence) and sentence not in seen and len(lines) < limit:
                    seen.add(sentence)
                    sentence = _around_price(sentence).rstrip(",;: ")
                    sentence = sentence[:1].upper() + sentence[1:]
                    when = fact.get("date") or fact.get("as_of") or fact.get("checked") or ""
                    lines.append(Line(sentence, fact.get("source") or "", strong=self.tr._(COST),
                                      when=self.tr.date(when) if when else "", kind="cost"))
        return lines

    @staticmethod
    def _issuers_wanted(place: Place, u: Understanding, advisories: list[dict[str, Any]]) -> list[str]:
        """The governments a risk question asks about, by name or as the asker's own (the issuer of a known
        passport), that have no advice on file for the place; never a government about its own country."""
        home = {place.code, place.parent or place.code}
        wanted = [ISSUER_OF_PASSPORT[p] for p in u.passports if p in ISSUER_OF_PASSPORT]
        wanted += [issuer for issuer, words in ISSUER_WORDS.items() if words.search(u.question)]
        have = {a["issuer"] for a in advisories}
        return [i for i in dict.fromkeys(wanted) if i not in have and ISSUER_HOME[i] not in home]

    def _verdict_lines(self, entry: list[EntryFact], limit: int, *, legal: bool = False) -> list[Line]:
        """A line per rule for the known passports: the verdict, its date and source, the rule's words. `legal`: the
        place's legal trap is shown above, and says what a region's own words beside its country's rule say (that the
        lawful way in is under the country's rules), so a compact answer keeps only the verdict."""
        tr = self.tr
        lines = []
        for group in _same_rule(entry):
            e = group[0]  # several passports under one rule (a dual national's two, often): one line for them all
            dated = DATASET_OF if e.origin == "baseline" else CHECKED_ON
            when = tr._(dated, date=tr.date(e.checked)) if e.checked else ""
            if e.stale:
                when += " ⚠️"
            if e.unverified and e.origin != "none":
                when += ", " + tr._(UNVERIFIED)
            marks = [tr._(RULE_OF, country=e.rule_of_name)] if e.rule_of else []
            if e.origin == "baseline":
                marks.append(tr._(DATASET_ONLY_LONG))
            label = e.verdict_label + (f" ({'; '.join(marks)})" if marks else "")
            lapse = tr._(LAPSED_NOTE, date=tr.date(e.valid_until)) if e.lapsed else ""
            names = e.passport_name if len(group) == 1 else tr._(
                SOME_PASSPORTS, names=self._list_and([self._country_name(f.passport) for f in group]))
            covered = e.verdict == "passport-invalid" or e.verdict == "no-admission"  # each has its warning
            stale_on = min((f.checked for f in group if f.stale), default="")
            strong = f"{names}{tr._(COLON)}{label}"
            if e.local:  # the region's own words (that its country's rules apply, and its permits) or the curators'
                # general words beside the dataset's verdict; the rule they stand beside linked on its date
                lines.append(Line(short(e.local, limit), e.local_source, e.icon, strong, when, lapse,
                                  covered=covered or legal, stale_on=stale_on, when_source=e.source,
                                  dataset=e.origin == "baseline"))
            else:
                lines.append(Line(short(e.summary, limit), e.source, e.icon, strong, when, lapse, covered=covered,
                                  stale_on=stale_on, dataset=e.origin == "baseline"))
        return lines

    def _country_first(self, answer: Answer, place: Place, advisories: list[dict[str, Any]]) -> list[EntryFact]:
        """A region's permit is on top of entering its country (Galápagos after Ecuador, Ladakh after India): for a
        passport that needs the region's permit, the country's own verdict, which the permit line does not
        give (Venezuelans need a visa for Ecuador). Not a green light where the region is closed or advised against,
        nor on the dataset alone under Level 3 or 4, as for the region's own verdicts."""
        country = self.kb.places.get(place.parent or "")
        if place.kind != "region" or country is None or country.kind != "country":
            return []
        passports = [e.passport for e in answer.entry if e.verdict == PERMIT_VERDICT and e.passport != "*"]
        if not passports:
            return []
        facts = [e for e in self._entry(country, passports) if e.origin not in ("own", "none")
                 and e.verdict != "unknown"]
        self._light(answer, place, advisories, facts)
        for e in facts:
            e.passport_name = self.tr._(ENTERING_FIRST, passport=e.passport_name, country=country.name_in(self.tr.lang))
        return facts

    def _passport_warnings(self, answer: Answer, passports: list[str], dual: bool = False) -> None:
        """The legal warning for a passport not valid there, and the warning for one not admitted (for a dual
        national, that the other passport may not get them in either)."""
        tr = self.tr
        invalid = [e for e in answer.entry if e.verdict == "passport-invalid"]
        if not passports and len(invalid) > 1:  # "socotra trip possible?": India's and South Korea's bans, one line
            countries = self._list_and([self._country_name(c) for e in invalid for c in (e.passports or [e.passport])])
            answer.warnings.append(tr._(PASSPORT_INVALID_FOR_SEVERAL, countries=countries, place=answer.name))
            invalid = []
        for fact in invalid:
            penalties = fact.passport in PENALTIES_SOURCED  # the consequences only where a source states them
            template = ((PASSPORT_INVALID_WARNING if penalties else PASSPORT_INVALID_WARNING_BARE) if passports
                        else PASSPORT_INVALID_FOR_HOLDERS if penalties else PASSPORT_INVALID_FOR_HOLDERS_BARE)
            answer.warnings.append(self._with_lawful_route(
                tr._(template, passport=fact.passport_name, place=answer.name), fact))
        refused = [e for e in answer.entry if e.verdict == "no-admission" and passports]
        # a country that bars a nationality bars its citizens, not only that passport: a dual national's other
        # passport is no way around it, unless the rule records that lawful route (the US ban exempts dual
        # nationals travelling on another passport). That warning says the bar too, so it replaces the plain one.
        barring = _barring(refused)
        other_passport = any(e.verdict != "no-admission" for e in answer.entry)
        dual_barred = barring[0] if barring and dual and other_passport else None
        for fact in refused:  # a region under its country's rule is barred by that country (Svalbard: Norway)
            place = self._country_name(fact.rule_of) if fact.rule_of else answer.name
            if fact is dual_barred:
                answer.warnings.append(tr._(NOT_ADMITTED_DUAL_WARNING, place=place,
                                            country=self._country_name(fact.passport)))
            else:
                template = NOT_ADMITTED_EXCEPT_WARNING if fact.exception else NOT_ADMITTED_WARNING
                answer.warnings.append(self._with_lawful_route(
                    tr._(template, passport=fact.passport_name, place=place), fact))

    def _with_lawful_route(self, text: str, fact: EntryFact) -> str:
        """A warning about a passport, with the lawful way round it when the rule records one."""
        if not fact.exception:
            return text
        return f"{text} {self.tr._(LAWFUL_ROUTE)}{self.tr._(COLON)}{short(fact.exception, self._room(180))}"

    @staticmethod
    def _light(answer: Answer, place: Place, advisories: list[dict[str, Any]],
               entries: list[EntryFact] | None = None) -> None:
        """Each verdict's icon: no green light where travel is barred or advised against, nor for a dataset-only
        verdict under Level 3 or 4, nor for a dual national's passport of a country that does not recognise dual
        nationality, nor for a dual national's other passport where one is not admitted (the brief answer and the
        detailed view read this one rule). `entries`: other verdicts lit by the same rule (the country's, before a
        region's permit); the answer's own by default."""
        entries = answer.entry if entries is None else entries
        green_ok = not answer.do_not_travel and (place.status or {}).get("state") != "closed"
        max_level = max((a["level"] or 0 for a in advisories), default=0)
        dual = answer.understanding.dual
        refused = bool(_barring(entries))
        for e in entries:
            info = VERDICTS.get(e.verdict)
            e.icon = info.icon if info else ""
            if e.origin == "own":
                e.icon = "🏠"
            # a region's verdict taken from its country's rule is never a green light: the region's own rule is
            # not known to be the same
            if e.icon == "✅" and (not green_ok or e.rule_of or (e.origin == "baseline" and max_level >= 3)
                                   or (dual and (e.passport in NO_DUAL_NATIONALITY or refused))):
                e.icon = "⚠️"

    def _event_line(self, e: EventFact, limit: int, *, scope: bool = True) -> Line:
        """"Reopened · Jul 7, 2025 (Wonsan-Kalma, Russian groups): …", dated and sourced."""
        tr = self.tr
        where = _scope(e.scope) if scope else ""
        return Line(f"{tr._(EVENT_KINDS[e.kind])} · {tr.date(e.date)}{where}{tr._(COLON)}{short(e.summary, limit)}",
                    e.source, stale_on=e.checked if e.stale else "", kind="when")

    @staticmethod
    def _when_events(place: Place, u: Understanding, *, ban: bool = False) -> list[dict[str, Any]]:
        """A "when" question gets dates: the latest reopenings (each with its scope) and what closed it since; one
        about a ban on a passport, the latest changes of the rules, newest first."""
        if ban:
            changes = [e for e in place.events if e["kind"] == "rule-change"][-2:]
            if changes:
                return changes[::-1]
        events = [e for e in place.events if e["kind"] in ("closure", "reopening", "suspension")]
        if not any(t in u.question.casefold() for t in REOPEN_WORDS):
            return events[-3:]
        reopenings = [e for e in events if e["kind"] == "reopening"][-3:]
        closings = [e for e in events if e["kind"] != "reopening" and (not reopenings
                                                                    or e["date"] > reopenings[0]["date"])]
        return sorted(reopenings + closings[-1:], key=lambda e: e["date"])

    def _when_lines(self, answer: Answer, place: Place, *, rule: bool = False) -> list[Line]:
        tr = self.tr
        status = place.status or {}
        if rule and answer.events:  # the ban's own dates answer; no word about the border's reopening
            return [self._event_line(e, self._room(220), scope=False) for e in answer.events]
        # closed, but not to the asker's passport (Russian groups at Wonsan-Kalma): its dates answer, not "no date"
        yours = bool(answer.headline and answer.headline.state == tr._(STATE_TEXTS["closed-but-yours"]))
        closed = [Line(tr._(NO_REOPENING, name=answer.name, date=tr.date(status["as_of"])), status.get("source", ""))
                  ] if status.get("state") == "closed" and not yours else []
        if not answer.events:
            return closed or [Line(tr._(NO_DATES, name=answer.name))]
        return closed + [self._event_line(e, self._room(180)) for e in answer.events]

    def _compare_summary(self, compared: list[Comparison], u: Understanding) -> list[Line]:
        """The line under a comparison ("which is easier for Americans, Iran or Syria?"): the place easier to enter by
        the rules for the passports known (a dual national takes the easier passport, a group the harder), and
        whether advice against all travel covers them. Only by the rules: how safe it is to go is the advice's."""
        if len(compared) < 2:
            return []
        tr = self.tr
        lines = self._compare_risk(compared, u) if SAFETY_COMPARISON.search(u.question.casefold()) else []
        if not u.passports:
            return lines
        unknown_rank = VERDICT_EASE["unknown"]

        def ease(c: Comparison) -> int:
            ranks = [VERDICT_EASE.get(v, unknown_rank) for v in c.verdicts.values()] or [unknown_rank]
            rank = min(ranks) if u.dual else max(ranks)
            place = self.kb.places[c.code]
            return max(rank, VERDICT_EASE["closed"]) if (place.status or {}).get("state") == "closed" and \
                c.state != tr._(STATE_TEXTS["closed-but-yours"]) else rank

        ranks = {c.code: ease(c) for c in compared}
        best = min(ranks.values())
        unknown = [c.name for c in compared if ranks[c.code] == unknown_rank]
        first = [c for c in compared if ranks[c.code] == best]
        if best >= VERDICT_EASE["closed"]:
            text = tr._(NONE_OPEN_TO_YOU)
        elif unknown:
            text = tr._(ENTRY_NOT_KNOWN, places=self._list_and(unknown))
        else:
            shown = self._verdict(next(v for v in first[0].verdicts.values()
                                       if VERDICT_EASE.get(v, unknown_rank) == best))
            text = tr._(EASIER_BY_THE_RULES, place=first[0].name, verdict=shown) if len(first) == 1 \
                else tr._(NO_CLEAR_DIFFERENCE, verdict=shown)
        barred = [] if lines else [  # a safety question has the risk on its own line
            c.name for c in compared
            if any(_do_not_travel(a) for a in self._advisories(self.kb.places[c.code], u.passports))]
        if barred and len(barred) == len(compared):
            text += " " + tr._(ALL_DO_NOT_TRAVEL)
        elif barred:
            text += " " + tr._(SOME_DO_NOT_TRAVEL, places=self._list_and(barred))
        return [*lines, Line(text, kind="comparison")]

    def _compare_risk(self, compared: list[Comparison], u: Understanding) -> list[Line]:
        """"Which is safer, Somaliland or Somalia?": the place whose strictest advice on file is lower (advice against
        all travel from any government counts as the top level), shown with its headline's risk; a tie says so."""
        def rank(c: Comparison) -> int:
            rows = self._advisories(self.kb.places[c.code], u.passports)
            if any(_do_not_travel(a) for a in rows):
                return 4
            return max((int(a["level"]) for a in rows if a.get("level")), default=0)

        ranks = {c.code: rank(c) for c in compared}
        if not all(ranks.values()):
            return []  # a place without any advice on file: nothing to compare
        low = min(ranks.values())
        best = [c for c in compared if ranks[c.code] == low]
        if len(best) < len(compared):
            return [Line(self.tr._(LOWER_RISK, place=best[0].name, risk=best[0].risk), kind="comparison")]
        return [Line(self.tr._(ALL_DO_NOT_TRAVEL if low == 4 else SAME_RISK), kind="comparison")]

    def _compare_line(self, place: Place, passports: list[str], *, cost: bool = False) -> Comparison:
        advisories = self._advisories(place, passports)
        head = self._headline(place, advisories)
        verdicts, labels, origins = {}, {}, {}
        why = ""  # what the one verdict, or the place's state, means there: the comparison is in the details
        for p in passports[:3]:  # every passport gets a word: its verdict, its own country, or unknown
            rule, how, country = self._rule_for(place, p)
            verdicts[p] = rule["verdict"] if rule is not None else "unknown"
            origins[p] = rule["origin"] if rule is not None and how == "rule" else ""
            if len(passports) == 1 and rule is not None and rule["origin"] == "curated" and how != "own":
                why = self._curated_words(rule, opening=False)
            labels[p] = self.tr._(OWN_COUNTRY) if how == "own" else self._verdict(verdicts[p]) + (
                f" ({self.tr._(RULE_OF, country=country.name_in(self.tr.lang))})" if how == "parent" and country
                else f" ({self.tr._(DATASET_ONLY)})" if how == "dataset" else "")
        head = self._restricted(head, place, [(p, v, origins[p]) for p, v in verdicts.items()])
        parts = [x for x in (head.state, head.risk) if x]
        shown = "; ".join(f"{p}{self.tr._(COLON)}{labels[p]}" for p in verdicts)
        line = " · ".join(parts) + (f" — {shown}" if shown else "")
        if not passports and place.status:
            why = place.status["summary"]
        if why and not cost:
            line += f"{self.tr._(COLON) if passports else ' — '}{short(why, self._room(110))}"
        if cost:  # "which permit costs more": each place's price, beside its state
            prices = self._cost_lines(place, passports, limit=1)
            line += f" — {self.tr._(COST)}{self.tr._(COLON)}{short(prices[0].text, self._room(140))}" if prices else ""
        return Comparison(place.code, place.name_in(self.tr.lang), place.flag, head.state, head.risk, verdicts, line)

    def _suggest(self, codes: list[str]) -> list[dict[str, str]]:
        out = []
        for code in dict.fromkeys(codes):
            place = self.kb.places.get(code)
            if place:
                out.append({"code": code, "name": place.name_in(self.tr.lang), "flag": place.flag})
        return out[:5]

    def _advisories(self, place: Place, passports: list[str] | None = None) -> list[dict[str, Any]]:
        """Newest advisory per issuer (curated on a tie), the asker's own government first, then the strictest.
        A region without advisories of its own shows its country's."""
        rows = place.advisories or (self.kb.places[place.parent].advisories if place.parent in self.kb.places else [])
        best: dict[str, dict[str, Any]] = {}
        for row in rows:
            issuer = row["issuer"]
            key = (row["as_of"], ORIGIN_RANK.get(row["origin"], 0), bool(row.get("scope")))
            if issuer not in best or key > best[issuer]["_key"]:
                best[issuer] = {**row, "_key": key}
        own = [ISSUER_OF_PASSPORT.get(p) for p in passports or []]
        ordered = sorted(best.values(), key=lambda r: (
            r["issuer"] not in own, own.index(r["issuer"]) if r["issuer"] in own else 0,
            -(r["level"] or (4 if _do_not_travel(r) else 0)), r["issuer"] != "US", r["issuer"]))
        return [{k: v for k, v in r.items() if k != "_key"} for r in ordered]

    def _consular(self, place: Place, passports: list[str]) -> dict[str, Any] | None:
        """A consular note is about one government's help: shown to its citizens, or when no passport is known."""
        note = place.consular
        if not note:
            return None
        issuer = note.get("issuer") or ("US" if US_NOTE.search(note["summary"]) else None)
        if issuer and passports and not any(ISSUER_OF_PASSPORT.get(p, p) == issuer for p in passports):
            return None
        return {**note, **self._fact(note), "summary": self._worded(place.code, note["summary"])}

    def _rule_text(self, rule: dict[str, Any], column: str) -> str | None:
        """A rule's optional text (its details, its exception), in the answer's language where its file translates
        it."""
        text = rule.get(column)
        return self._worded(rule["code"], text) if text else text

    def _defers_to(self, place: Place) -> Place | None:
        """The country whose entry rules a region's own default rule says apply ("India's entry rules apply",
        "The rules for mainland China apply"): a region whose '*' rule is unknown and names its parent country
        (or the country its file says controls entry: the West Bank, Israel) and its rules in one sentence.
        Abkhazia (Georgia is only the route) and Iraqi Kurdistan (its own list) do not; they keep their own words.
        A territory reached only through its country (Svalbard through mainland Norway) defers the same way."""
        key = (place.code, self.kb.version)
        if key in self._deferring:
            return self._deferring[key]
        country = self.kb.places.get(place.rules_of or place.parent or "")
        default = place.curated_rules.get("*")
        found = None
        if country is not None and place.kind in ("region", "territory") and default and (
                default["verdict"] == "unknown"):
            name = re.compile(rf"\b{re.escape(country.name)}\b")
            if any(name.search(s) and RULES_WORD.search(s) for s in SENTENCE_END.split(default["summary"])):
                found = country
        self._deferring[key] = found
        return found

    def _rule_for(self, place: Place, passport: str) -> tuple[dict[str, Any] | None, str, Place | None]:
        """The rule a passport gets here, and how: "rule" (its own, the place's default or the dataset's),
        "own" (the asker's own country, or a region of it whose default defers to the country: the visitors' rule
        is not theirs), "parent" (a region deferring to its country: the country's rule for the passport, when it
        has a verdict), "dataset" (the dataset's verdict under a curated default that knows none), "none" (no rule
        of any origin)."""
        rule = self.kb.entry_rule(place.code, passport)
        if rule is not None and not rule.get("default"):
            return rule, "rule", None  # a rule for this very passport (curated or the dataset's)
        country = self._defers_to(place)
        own = passport == place.code or (country is not None and passport == country.code == place.parent)
        if own and passport not in OWN_COUNTRY_EXCEPTIONS:
            return None, "own", country or place
        if country is not None:
            parent_rule = self._under_default(country, passport, self.kb.entry_rule(country.code, passport))
            if parent_rule is not None and parent_rule["verdict"] != "unknown":
                return parent_rule, "parent", country
        baseline = self._under_default(place, passport, rule)
        if baseline is not rule:
            return baseline, "dataset", None
        return rule, "rule" if rule is not None else "none", None

    def _under_default(self, place: Place, passport: str, rule: dict[str, Any] | None) -> dict[str, Any] | None:
        """Where the curators checked no rule for this passport (a '*' default whose verdict is unknown) but the
        dataset has one: the dataset's, marked as such, with the curators' general words beside it ("Rules differ
        widely..."). Not where the border is closed: a visa rule from before would read as a way in."""
        if rule is None or not rule.get("default") or rule["verdict"] != "unknown" or (
                (place.status or {}).get("state") == "closed"):
            return rule
        baseline = self.kb.baseline_rule(place.code, passport)
        return baseline if baseline is not None and baseline["verdict"] != "unknown" else rule

    def _entry(self, place: Place, passports: list[str]) -> list[EntryFact]:
        if not passports:
            return self._entry_overview(place)
        facts: list[EntryFact] = []
        tr = self.tr
        for passport in passports:
            pname = tr._(ALL_OTHER_PASSPORTS) if passport == "*" else self._passport_name(passport)
            rule, how, country = self._rule_for(place, passport)
            if how == "own":
                own = {"source": OWN_COUNTRY_SOURCE, "checked": OWN_COUNTRY_CHECKED, "unverified": True}
                facts.append(EntryFact(**self._fact(own),
                                       passport=passport, passport_name=pname, verdict="unknown",
                                       verdict_label=tr._(OWN_COUNTRY), origin="own",
                                       summary=tr._(OWN_COUNTRY_TEXT, country=self._country_name(passport))))
                continue
            if rule is None:
                facts.append(EntryFact(source="", checked="", age_days=0, stale=False, unverified=True,
                                       passport=passport, passport_name=pname, verdict="unknown",
                                       verdict_label=self._verdict("unknown"), origin="none",
                                       summary=tr._(NO_RULE)))
                continue
            lapsed = bool(rule.get("valid_until")) and rule["valid_until"] < self.today.isoformat()
            fact = EntryFact(
                **self._fact(rule),
                passport=passport,
                passport_name=pname,
                verdict=rule["verdict"],
                verdict_label=self._verdict(rule["verdict"]),
                origin=rule["origin"],
                summary=self._rule_summary(rule),
                details=self._rule_text(rule, "details"),
                exception=self._rule_text(rule, "exception"),
                valid_until=rule.get("valid_until"),
                lapsed=lapsed,
                default_rule=bool(rule.get("default")),
            )
            if how == "parent" and country is not None:
                local = place.curated_rules["*"]
                fact.rule_of, fact.rule_of_name = country.code, country.name_in(tr.lang)
                fact.local, fact.local_source = self._curated_words(local), local["source"]
            elif how == "dataset":
                local = place.curated_rules["*"]
                words = self._curated_words(local, opening=False)
                fact.local = f"{fact.summary} {words[:1].upper()}{words[1:]}"
                fact.local_source = local["source"]
            facts.append(fact)
        return facts

    def _entry_overview(self, place: Place) -> list[EntryFact]:
        """No passport named: one line per distinct curated rule, not one per passport (Cuba has 40)."""
        groups: dict[tuple[str, str, str], list[tuple[str, dict[str, Any]]]] = {}
        for passport, rule in place.curated_rules.items():
            groups.setdefault((rule["verdict"], rule["summary"], rule["source"]), []).append((passport, rule))
        ordered = sorted(groups.values(), key=lambda g: (
            any(p == "*" for p, _ in g), not any(p in ("US", "GB") for p, _ in g), len(g), g[0][0]))
        facts = []
        for group in ordered[:MAX_OVERVIEW_RULES]:
            codes = sorted(p for p, _ in group if p != "*")
            rule = group[0][1]
            tr = self.tr
            names = [self._country_name(c) for c in codes]
            if any(p == "*" for p, _ in group):
                label = tr._(ALL_OTHER_PASSPORTS) if not names else tr._(SOME_AND_ALL_OTHERS,
                                                                         names=", ".join(names[:3]))
            elif len(names) == 1:
                label = tr._(ONE_PASSPORT, name=names[0])
            elif len(names) <= 3:
                label = tr._(SOME_PASSPORTS, names=self._list_and(names))
            else:
                label = tr._(MANY_PASSPORTS, names=", ".join(names[:3]), more=tr.number(len(names) - 3))
            lapsed = bool(rule.get("valid_until")) and rule["valid_until"] < self.today.isoformat()
            facts.append(EntryFact(
                **self._fact(rule), passport=codes[0] if codes else "*", passport_name=label,
                verdict=rule["verdict"], verdict_label=self._verdict(rule["verdict"]),
                origin=rule["origin"], summary=self._rule_summary(rule),
                details=None if len(group) > 1 else self._rule_text(rule, "details"),
                exception=self._rule_text(rule, "exception"), valid_until=rule.get("valid_until"), lapsed=lapsed,
                default_rule=bool(rule.get("default")), passports=[p for p, _ in group],
            ))
        return facts

    def _list_and(self, names: list[str]) -> str:
        """"Germany, France and Italy", in the answer's language."""
        if len(names) < 2:
            return "".join(names)
        return self.tr.euphony(self.tr._(LIST_AND, first=", ".join(names[:-1]), last=names[-1]))

    def _other_countries(self, u: Understanding) -> list[str]:
        """The countries of the other places the question names (a region stands for its country)."""
        return [(self.kb.places[d].parent or d) if d in self.kb.places else d for d in u.destinations[1:]]

    def _border_lines(self, place: Place, u: Understanding) -> list[Line]:
        """A closed land border comes before the verdicts, since no visa opens a closed crossing: between the
        destination and another country the question names (where the traveler comes from or goes on to), or,
        asked about going overland, the asker's own country or any land border the destination has closed."""
        here = place.parent or place.code
        others = self._other_countries(u)
        overland = bool(OVERLAND.search(u.question.lower())) or any(w in u.question for w in CJK_OVERLAND)
        if overland:
            others += [*u.passports, "*"]
        for other in others:
            border = self.kb.land_border(here, other) if other != here else None
            # a closure of all of the destination's land borders matters only overland ("fly to Baku": no)
            if border and (border["b"] != "*" or overland):
                return [Line(border["summary"], border["source"], "🚧", self.tr._(LAND_BORDER_CLOSED), kind="caveat")]
        return []

    def _esta_excluded(self, answer: Answer, place: Place, u: Understanding) -> str:
        """The place whose visit rules out ESTA that this answer concerns: the destination itself (for a traveler
        who could use ESTA), or, answering about the US, a place the question also names ("been to Iran")."""
        if answer.code == "US":
            return next((d for d in self._other_countries(u) if d in ESTA_EXCLUDED), "")
        country = place.parent or place.code
        if country in ESTA_EXCLUDED and any((self.kb.entry_rule("US", p) or {}).get("verdict") == ESTA_VERDICT
                                            for p in u.passports):
            return country
        return ""

    def _checked_unverified(self, checked: str) -> str:
        """The date line of a rule kept in the vocabulary, none confirmed on its page with our tools."""
        return f"{self.tr._(CHECKED_ON, date=self.tr.date(checked))}, {self.tr._(UNVERIFIED)}"

    def _held_document_lines(self, answer: Answer, place: Place, u: Understanding) -> list[Line]:
        """Another country's visa or residence permit that replaces this one's visa ("Indian with a US visa, going to
        Mexico"): for a known passport that needs a visa or an e-visa here, or an asker whose passport is not known
        who says they hold one."""
        rule = HELD_DOCUMENT_RULES.get(place.code)
        if rule is None and (place.code in SCHENGEN or (
                (country := self._defers_to(place)) is not None and country.code in SCHENGEN)):
            rule = SCHENGEN_RESIDENCE  # a Schengen country, or a place reached only through one (Svalbard)
        if rule is None:
            return []
        question = u.question.lower()
        held = bool(HELD_VISA.search(question) or NOT_A_PASSPORT.search(question))
        # the passports known need a visa here; with none known, the asker says they hold such a document
        wanted = any(e.passport in u.passports and e.verdict in VISA_NEEDED for e in answer.entry) if u.passports \
            else held
        if not wanted or (rule.cue_only and not held):
            return []
        return [Line(self.tr._(rule.text), rule.source, "🛂", kind="caveat",
                     when=self._checked_unverified(rule.checked))]

    def _transit_lines(self, answer: Answer, place: Place, u: Understanding) -> list[Line]:
        """A layover there ("6 hours in Sheremetyevo", "3 days in Beijing on the way to Seoul"): the country's own
        transit rule for the passports it covers; else, for a passport that needs a visa to enter, that the verdict
        is for entering and a change of planes may differ. Never said to a passport barred there."""
        if not TRANSIT_QUESTION.search(u.question.casefold()) or not u.passports:
            return []
        rule = TRANSIT_RULES.get(place.code)
        if rule and any(p in rule.passports for p in u.passports):
            return [Line(self.tr._(rule.text), rule.source, "🛫", kind="caveat",
                         when=self._checked_unverified(rule.checked))]
        yours = [e.verdict for e in answer.entry if e.passport in u.passports]
        if not any(v in VISA_NEEDED for v in yours) or any(v in BARRED_VERDICTS for v in yours):
            return []
        return [Line(self.tr._(TRANSIT_NOTE, place=answer.name), icon="🛫", kind="caveat")]

    def _citizen_lines(self, place: Place, u: Understanding) -> list[Line]:
        """What a country asks of its own citizens, for a citizen going there or leaving it ("виїхати з України в
        Польщу", "US-Iranian dual, visiting family in Tehran"); a rule that binds most people leaving (a wartime exit
        ban) also for an asker leaving it whose passport is not known."""
        tr = self.tr
        lines = []
        for country, rule in CITIZEN_RULES.items():
            leaving = country in u.destinations[1:] and rule.on_leaving
            holder = country in u.passports and (len(u.passports) > 1 or not rule.dual_only)
            if (holder and (leaving or country == place.code)) or (rule.anyone_leaving and leaving and not u.passports):
                text = tr._(rule.text)
            elif (country == place.code and country not in u.passports and rule.descent
                  and PARENT_OR_BIRTH.search(u.question.lower()) and _names_people_of(u.question, rule.descent)):
                text = tr._(BY_DESCENT_NOTE, rule=tr._(rule.text))  # "my dad is Iranian, I only have a Canadian one"
            else:
                continue
            lines.append(Line(text, rule.source, "⚠️", kind="caveat", when=self._checked_unverified(rule.checked)))
        return lines

    def _esta_lines(self, answer: Answer, place: Place, u: Understanding) -> list[Line]:
        country = self._esta_excluded(answer, place, u)
        if not country:
            return []
        since, source = ESTA_EXCLUDED[country]
        return [Line(self.tr._(ESTA_AFTER_VISIT, place=self._country_name(country),
                               date=self.tr.date(since)), source, "⚠️", kind="caveat")]

    def _country_name(self, code: str) -> str:
        place = self.kb.places.get(code)
        return place.name_in(self.tr.lang) if place else code

    def _curated_words(self, rule: dict[str, Any], *, opening: bool = True) -> str:
        """A curated rule's summary in the answer's language where its file translates it, `opening=False` without
        the curators' "We have no checked rule" opening. A translation is written without that opening, which the
        answer says in its own catalog's words."""
        summary = rule["summary"]
        rest = NO_CHECKED_RULE.sub("", summary, count=1)
        words = self._worded(rule["code"], summary)
        if words == summary:  # English, as written
            return summary if opening else rest
        return f"{self.tr._(NO_CHECKED_OPENING)} {words}" if opening and rest != summary else words

    def _room(self, characters: int) -> int:
        """A cut length for English, with the room the answer's language needs (bot.i18n.LENGTH_RATIO)."""
        return room(self.tr.lang, characters)

    def _worded(self, code: str, english: str) -> str:
        """A curated summary or label of `code`'s file in the answer's language, when the file translates it."""
        if self.tr.lang == DEFAULT:
            return english
        place = self.kb.places.get(code)
        return place.in_lang(self.tr.lang, english) if place is not None else english

    def _passport_name(self, code: str) -> str:
        return self.tr._(PASSPORT_NAME, country=self._country_name(code))

    def _verdict(self, verdict: str) -> str:
        info = VERDICTS.get(verdict)
        return self.tr._(info.label) if info else verdict

    def _rule_summary(self, rule: dict[str, Any]) -> str:
        """A curated rule's own words (their translation where its file has one); a dataset rule's fixed wording in
        the answer's language."""
        summary = rule["summary"]
        if self.tr.lang == DEFAULT:
            return summary
        if rule["origin"] != "baseline":
            return self._curated_words(rule)
        if rule.get("days"):  # the dataset's number of days, not its English sentence
            return self.tr.ngettext("No visa needed for up to %(num)s day.",
                                    "No visa needed for up to %(num)s days.", rule["days"])
        return self.tr._(summary)

    def _reports(self, place: Place, theme: str, limit: int) -> list[ReportFact]:
        reports = list(place.reports)
        if theme and reports:
            ranked = self.kb.search_reports(place.code, theme)
            order = {rid: i for i, rid in enumerate(ranked)}
            reports.sort(key=lambda r: order.get(r["id"], len(order)))  # stable: newest first within a rank
        return [
            ReportFact(**self._fact(r), traveler=r["traveler"], date=r["date"],
                       summary=self._worded(r["code"], r["summary"]),
                       tags=r["tags"] or "", origin=r["origin"])
            for r in reports[:limit]
        ]

    def _disclaim(self, answer: Answer, place: Place, u: Understanding, advisories: list[dict[str, Any]]) -> None:
        """Warnings scaled to the risk, the legal trap first; disclaimers said once."""
        barred = [a for a in advisories if _do_not_travel(a)]
        answer.do_not_travel = bool(barred)
        closed = bool(place.status and place.status["state"] == "closed")
        tr = self.tr
        if answer.legal:
            legal = answer.legal
            text = (f"{tr._(LEGAL_TRAP)}{tr._(COLON)}{short(legal['summary'], self._room(520))} "
                    f"{tr._(LAWFUL_ROUTE)}{tr._(COLON)}{short(legal['lawful_route'], self._room(520))}")
            if legal.get("consequences"):
                text += f" {short(legal['consequences'], self._room(220))}"
            answer.warnings.append(text)
        self._passport_warnings(answer, u.passports, u.dual)
        if u.dual:  # one traveler's passports, not a couple's ("my fiancé is Nigerian and I'm American")
            answer.warnings.append(tr._(DUAL_NATIONAL_WARNING))
        if barred or closed:
            answer.warnings.append(tr._(DANGER_NOTE))
        if any(e.origin == "baseline" for e in answer.entry):
            answer.baseline_note = tr._(BASELINE_NOTE, date=tr.date(self.kb.baseline_date))
            answer.disclaimers.append(answer.baseline_note)
        stale = [f for f in all_facts(answer) if getattr(f, "stale", False)]
        if stale:
            oldest = min(f.checked for f in stale)
            answer.stale_note = tr._(STALE_NOTE, days=tr.number(self.stale_days), oldest=tr.date(oldest))
            answer.stale_days = tr.number(self.stale_days)
            answer.disclaimers.append(answer.stale_note)
        answer.disclaimers.append(tr._(GENERAL_DISCLAIMER))

    def _risk(self, advisory: dict[str, Any], *, brief: bool = True, mark: bool = True, here: str = "") -> str:
        """"US Level 4: do not travel"; a long curated label is kept for the detailed view. An advisory we could
        not confirm says so wherever it is quoted (mark=False where the view shows the fact's own marks). `here`:
        the place answered, whose name a brief line does not repeat as the advisory's scope ("(Crimea)" on Crimea)."""
        scope = (advisory.get("scope") or "").casefold()
        if brief and here and scope and (scope in here.casefold() or here.casefold() in scope):
            advisory = {**advisory, "scope": None}
        line = self._risk_text(advisory, brief=brief)
        if mark and advisory.get("unverified"):
            line += f" ({self.tr._(UNVERIFIED)})"
        return line

    def _risk_text(self, advisory: dict[str, Any], *, brief: bool) -> str:
        tr = self.tr
        code = advisory["issuer"]
        if tr.lang != DEFAULT and advisory.get("origin") == "curated":
            advisory = {**advisory, "label": self._worded(advisory["code"], advisory["label"]),
                        "scope": advisory.get("scope") and self._worded(advisory["code"], advisory["scope"])}
        elif tr.lang != DEFAULT and advisory["label"] == UK_BASELINE_LABEL:  # the dataset's one words for the FCDO
            advisory = {**advisory, "label": tr._(UK_BASELINE_LABEL)}
        issuer = tr._(TRANSLATED_ISSUER_NAMES[code]) if code in TRANSLATED_ISSUER_NAMES \
            else ISSUER_NAMES.get(code, code)
        level = advisory.get("level")
        # the level's own name in the catalog's words: in a headline, and in the detailed view of an answer in another
        # language for a dataset or feed row (their labels are the level's English name)
        if level and code in LEVEL_NAMES and (brief or (tr.lang != DEFAULT and advisory.get("origin") != "curated")):
            scope = f" ({advisory['scope']})" if advisory.get("scope") else ""
            return tr._(RISK_WITH_LEVEL, issuer=issuer, level=tr.number(level),
                        label=tr._(LEVEL_NAMES[code][level]) + scope)
        label = without_preamble(_scoped(advisory)) if not brief else brief_label(advisory, self._room(HEADLINE_LABEL))
        if level:
            return tr._(RISK_WITH_LEVEL, issuer=issuer, level=tr.number(level), label=label)
        return tr._(RISK_LABEL, issuer=issuer, label=label)

    def _followups(self, answer: Answer, u: Understanding) -> list[Followup]:
        out = [
            Followup(self.tr._(TOPIC_LABELS[t]), answer.code or "", [t], u.passports)
            for t in TOPICS
            if [t] != u.topics or t in answer.behind  # the topic asked for gets its button when it may be left to it
        ]
        if len(u.passports) > 1:
            for p in u.passports:
                out.append(Followup(self.tr._(ONLY_PASSPORT, passport=self._passport_name(p)), answer.code or "",
                                    u.topics, [p]))
        return out



def short(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a sentence or word boundary."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("; "), cut.rfind("。"), cut.rfind("；"))
    if end > limit * 0.5:  # a clause cut at its semicolon ends as a sentence does
        return cut[:end] + {";": ".", "；": "。"}.get(cut[end], cut[end])
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.5 else cut[:-1]).rstrip(",;:，；、") + "…"  # Chinese: no spaces


def brief_label(advisory: dict[str, Any], limit: int) -> str:
    """An issuer's own label (the FCDO's have no levels) short enough for a headline, without losing its meaning:
    a long label's notes about the page left out, "The FCDO advises" said as "Advises" after the issuer's name,
    and a long label cut between clauses ("... to Burkina Faso except Ouagadougou…"), never inside one ("and
    against all…" read as all travel where the label said all but essential travel). The whole label is in the
    detailed view."""
    return _brief_label(advisory["label"], advisory.get("scope") or "", limit)


@functools.lru_cache(maxsize=4096)
def _brief_label(label: str, scope: str, limit: int) -> str:  # a few hundred labels, quoted in most answers
    text = label
    if len(_scoped({"label": label, "scope": scope})) > limit:  # a short label keeps its note ("FCDO travel advice
        text = LABEL_ASIDE.sub("", text).strip()  # (see page for warnings)")
    text = without_preamble(text)
    scope = f" ({scope})" if scope and scope.casefold() not in text.casefold() else ""
    return clause_cut(text, max(limit - len(scope), limit // 2)) + scope


def without_preamble(label: str) -> str:
    """"The FCDO advises against ..." as "Advises against ...": the issuer's name is said before it."""
    preamble = LABEL_PREAMBLE.match(label)
    if not preamble or preamble.end() >= len(label):
        return label
    text = label[preamble.end():]
    return text[:1].upper() + text[1:]


def clause_cut(text: str, limit: int) -> str:
    """At most `limit` characters (and "…"), cut at the last clause break or before an aside in parentheses; at a
    word only when there is none past the first third."""
    if len(text) <= limit:
        return text
    depth, best = 0, -1
    for i, ch in enumerate(text[: limit + 1]):
        if ch in "(（":
            if depth == 0 and i > limit * 0.3:
                best = i
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and i > limit * 0.3 and any(text.startswith(b, i) for b in CLAUSE_BREAKS):
            best = i
    if best < 0:
        cut = text[:limit]
        best = cut.rfind(" ") if " " in cut else limit  # Chinese has no spaces between words
    return text[:best].rstrip(" ,;:(（；，、") + "…"


def _around_price(sentence: str, room: int = 160) -> str:
    """A long sentence cut to the clause that quotes the price and the one before it, which says what it is for
    ("...must pay the national park fee on arrival: US$200 per foreign visitor"), or to that clause alone; the line
    is then shown whole, so the price is never cut off."""
    if len(sentence) <= room:
        return sentence
    clauses = CLAUSE_END.split(sentence)
    at = next((i for i, c in enumerate(clauses) if MONEY.search(c)), 0)
    kept = " ".join(clauses[max(at - 1, 0): at + 1])
    if len(kept) > room:
        kept = clauses[at] if len(clauses[at]) <= room else short(clauses[at], room)
    return kept


def _same_rule(entry: list[EntryFact]) -> list[list[EntryFact]]:
    """The verdicts grouped by the rule they rest on, in order: passports under the same rule, with the same
    verdict, words, source and date, share one line of the direct answer."""
    groups: dict[tuple[Any, ...], list[EntryFact]] = {}
    for e in entry:
        key = (e.verdict, e.origin, e.summary, e.source, e.checked, e.stale, e.unverified, e.valid_until, e.icon,
               e.rule_of)
        groups.setdefault(key if e.origin not in ("none", "own") else (id(e),), []).append(e)
    return list(groups.values())


def _scope(scope: str | None) -> str:
    return f" ({scope})" if scope else ""


def _scoped(advisory: dict[str, Any]) -> str:
    scope = advisory.get("scope")
    return f"{advisory['label']} ({scope})" if scope and scope.casefold() not in advisory["label"].casefold() \
        else advisory["label"]


def _scoped_events(place: Place, u: Understanding) -> list[dict[str, Any]]:
    """The latest two events whose scope the question names ("Chernobyl" for the Chornobyl exclusion zone,
    "Pyongyang" for its marathon): a word of five letters or more of the scope, spelt nearly the same."""
    words = re.findall(r"\w{5,}", u.question.casefold())
    if not words:
        return []
    hits = [e for e in place.events if e.get("scope") and any(
        fuzz.ratio(w, s) >= 85 for s in re.findall(r"\w{5,}", e["scope"].casefold()) if s not in SCOPE_WORDS
        for w in words)]
    return hits[-2:]


def _asks_about_a_ban(place: Place, u: Understanding) -> bool:
    """A question about a ban on a passport: ban words, with the word passport or a passport of the asker's that the
    place bars ("when was the ban on tourists lifted" is about the border, not a passport)."""
    question = u.question.casefold()
    if not BAN_WORDS.search(question):
        return False
    return bool(PASSPORT_WORD.search(question)) or any(
        (place.curated_rules.get(p) or {}).get("verdict") in BARRED_VERDICTS for p in u.passports)


def _barring(entries: list[EntryFact]) -> list[EntryFact]:
    """The verdicts that bar a nationality with no lawful way round recorded: they bind a dual national's other
    passport too (the US ban, which exempts dual nationals, records that as its lawful route)."""
    return [e for e in entries if e.verdict == "no-admission" and not e.exception]


def _do_not_travel(advisory: dict[str, Any]) -> bool:
    return advises_against_all_travel(advisory["issuer"], advisory.get("level"), advisory.get("label", ""))



