"""What a private chat was last about, so a follow-up ("and with a UK passport?") needs no repeating."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.knowledge.reference import fold
from bot.understanding.lexicon import CJK_COMPARE_WORDS, COMPARE_PHRASES, VISA_WORDS

CONTEXT_SECONDS = 30 * 60
# A person a nationality comes through ("by my dad", "through my mother", "по отцу" is a word of its own).
_THROUGH_PERSON = re.compile(r"\b(by|through|via|from|von|par|por|pelo|pela) "
                             r"(my|his|her|meinem|meiner|mon|ma|mi|meu|minha) \w+")

# Words that make a passport named in a follow-up one more, not another instead: a second passport of the same
# traveler ("what if i also have a UK passport", "а якщо в мене ще й польський паспорт") or a second traveler
# ("and my wife is Nepali", "she's nepali"). Compared with folded tokens.
ADDED_PASSPORT_WORDS = frozenset([
    "also", "too", "both", "second", "another", "dual", "additionally", "plus",
    "еще", "тоже", "также", "ще", "теж", "також", "auch", "zusatzlich", "aussi", "egalement", "tambien", "ademas",
    "tambem",
    # "und mit meinem zweiten Pass aus den USA?", "con mi segundo pasaporte", "avec mon deuxième passeport"
    "zweiten", "zweiter", "zweite", "zweites", "segundo", "segunda", "deuxieme", "второи", "второго", "другии",
])
COMPANION_WORDS = frozenset([
    "wife", "husband", "partner", "girlfriend", "boyfriend", "fiance", "fiancee", "friend", "friends", "son",
    "daughter", "kids", "children", "child", "mother", "father", "mom", "mum", "dad", "parents", "brother", "sister",
    "she", "shes", "her", "he", "hes", "his", "him", "ela", "ele", "ella", "elle", "она", "он", "вона", "вин",
    "жена", "муж", "жены", "мужа", "жене", "мужу", "дружини", "чоловику", "чоловикови", "дочь", "сын", "друг",
    "подруга", "дружина", "чоловік", "чоловик", "frau", "mann", "freundin",
    "freund", "femme", "mari", "esposa", "esposo", "marido", "mujer", "novia", "novio", "mulher",
])
# A companion travels along, and adds their passport, when one of these says so ("and if my wife comes too?",
# "my wife is coming with me"), or the follow-up starts "and my wife ..."; "what about my friend, he is Ghanaian"
# asks about the friend instead.
TOGETHER_WORDS = frozenset(["with", "together", "joining", "joins", "join", "comes", "coming", "accompany",
                            "accompanying", "travelling", "traveling", "вместе", "со", "мной", "нами", "разом", "зі",
                            "mit",
                            "avec", "con", "com", "junto", "juntos", "ensemble", "zusammen"])
_AND_MY = re.compile(r"^(and|и|а|і|та|und|et|y|e) (my|моя|мой|мои|мій|моя|meine|mein|ma|mon|mes|mi|mis|minha|meu)\b")
# ... or "a companion" straight after "and", the possessive left out ("а жена у меня с паспортом Армении").
_AND_COMPANION = re.compile(r"^(and|и|а|і|та|und|et|y|e) (у |в )?(wife|husband|partner|girlfriend|boyfriend|жена|жены|"
                            r"муж|мужа|дружина|чоловик|чоловика|frau|mann|femme|mari|esposa|esposo|marido|mujer|mulher)\b")
# ... or "and for him/her", asked right after the traveler's own answer ("and for him, he's irish" after "me and my
# husband ... i'm canadian"): the same trip, one more traveler
_AND_FOR_THEM = re.compile(r"^(and|и|а|і|та|und|et|y|e) (for|для|fur|pour|para|pra) (him|her|them|него|нее|неи|них|"
                           r"ihn|sie|lui|elle|eux|el|ella|ellos|ele|ela|eles)\b")
# ... unless the follow-up says the new passport replaces the old one ("what if he's British instead").
REPLACING_WORDS = frozenset(["instead", "only", "not", "вместо", "замість", "stattdessen", "lieber", "plutot",
                             "mejor", "vez"])
# A companion asked about alone ("а їй самій, з українським, можна?"): their passport only, not the party's.
ALONE_WORDS = frozenset(["alone", "herself", "himself", "own", "sama", "sam", "самои", "самии", "самому", "сама", "сам",
                         "одна", "один", "sola", "solo", "seule", "seul", "sozinha", "sozinho", "allein"])
# A follow-up that points back at the place of the chat ("what's the weather there?", "погода там").
# The traveler saying the passports are all theirs ("i'm dual", "binational", "двойное гражданство").
DUAL_SAID = frozenset(["dual", "binational", "binacional", "binationale", "двоиное", "двоиным", "подвиине"])
BACK_REFERENCES = frozenset(["there", "it", "that", "then", "там", "туда", "тут", "dort", "la", "alla", "ali"])
AND_WORDS = frozenset(["and", "и", "а", "і", "та", "und", "et", "y", "e"])
# Intents a bare follow-up ("and syria?", "et le Niger ?") keeps from the question before it.
CARRIED_INTENTS = ("level", "when", "compare")
BARE_FOLLOWUP_WORDS = 5
# In a follow-up, the only place named after one of these is the way to the chat's place, not a new destination
# ("do i have to go through mogadishu" after Somaliland, "how do i get there from sochi" after Abkhazia).
# Route words that say only where the trip starts, and words towards a place ("из Осетии в Тбилиси")
FROM_ROUTE_WORDS = frozenset(["from", "из", "от", "з", "aus", "von", "desde", "depuis", "partir"])  # "a partir de"
TOWARDS_WORDS = frozenset(["to", "into", "в", "во", "до", "nach", "vers", "hacia", "para"])
_HAVE_BOTH = re.compile(r"\b(i|we) (have|hold|got|carry) both\b|\bi ve got both\b")
ROUTE_WORDS = frozenset(["from", "via", "through", "thru", "transit", "через", "из", "от", "з", "aus", "von", "uber",
                         "desde", "depuis", "par", "pela", "pelo", "partir"])
# Governments whose advisories the knowledge base holds: in a level follow-up that points back at the chat's place
# ("what level is it for Canada?" after Burkina Faso), the one named is who advises, not a new destination.
ADVISERS = frozenset(["US", "GB", "AU", "CA"])
# Verbs of a government's advice: after a level question, "and what does the UK say" asks what it advises.
ADVICE_VERBS = frozenset(["say", "says", "think", "thinks", "advise", "advises", "rate", "rates", "recommend", "dit",
                          "sagt", "dice", "diz", "говорит", "пишет", "советует", "каже", "пише"])
# ... or asks about a service for the trip ("how much is the flight roughly", "any hotels?"): still the chat's place
TRIP_SERVICE_WORDS = frozenset(["flight", "flights", "ticket", "tickets", "hotel", "hotels", "hostel", "hostels",
                                "weather", "airfare", "перелет", "билет", "билеты", "отель", "погода", "flug", "vol",
                                "vuelo", "voo", "billet"])
# Only these reach back to the place before the last ("which one is less hassle"); a comparative alone does not.
_WHICH = re.compile(r"\b(which (one|of|is)|compare|compared|vs|versus|both|difference)\b|какая|какой|какую|что лучше|"
                    r"\b(welches|welche|lequel|laquelle|cual|qual)\b|哪个|还是")


@dataclass
class Conversation:
    codes: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    at: float = 0.0
    lang: str | None = None  # the language of the last answer: a bare follow-up ("UK?") keeps it
    intent: str = "question"  # what the last answer was: a bare follow-up ("and syria?") asks the same
    ambiguous: list[str] = field(default_factory=list)  # the places the bot asked to choose between
    earlier: list[str] = field(default_factory=list)  # the places of the turn before ("which one is less hassle")
    dual: bool = False  # whether the passports are one traveler's (Understanding.dual)

    def fresh(self, now: float | None = None) -> bool:
        return bool(self.codes or self.ambiguous or self.passports) and (
            time.monotonic() if now is None else now) - self.at < CONTEXT_SECONDS

    def state(self) -> tuple:
        """Everything a follow-up's answer depends on (the engine's memo key)."""
        return (tuple(self.codes), tuple(self.passports), self.intent, tuple(self.ambiguous), tuple(self.earlier),
                self.dual)

    def remember(self, codes: list[str], passports: list[str], lang: str | None = None, *,
                 intent: str = "question", ambiguous: list[str] | None = None, now: float | None = None,
                 dual: bool | None = None) -> None:
        if codes and self.codes and set(codes) != set(self.codes):
            self.earlier = list(self.codes)
        elif not codes:
            self.earlier = list(self.codes) or self.earlier
        self.dual = len(passports) > 1 if dual is None else dual
        self.codes, self.passports, self.lang = list(codes), list(passports), lang
        self.intent, self.ambiguous = intent, list(ambiguous or [])
        self.at = time.monotonic() if now is None else now

    def introduce(self, passports: list[str], *, dual: bool = False, now: float | None = None) -> None:
        """The traveler names their passports before any place ("my passport is Brazilian"): the next question
        keeps them."""
        self.passports, self.dual = list(passports), dual
        self.at = time.monotonic() if now is None else now

    def follow(self, u, understand: Callable[[str], object] | None = None) -> None:
        """Fill a follow-up's understanding `u` from the chat: the place, the passports and the intent it leaves
        out. Unsure cases keep what the question says: a wrong place or passport is worse than asking.
        `understand` (the matcher's) reads part of the question when a place may be only the way there."""
        text = fold(u.question)  # folded once (words only, single spaces) for the word tests below
        words = set(text.split())
        off_topic = u.intent == "off-topic"
        carried = False
        if self.codes and ((understand is not None and self._only_the_way(u, words, understand))
                           or self._adviser_only(u, words) or self._visa_of_the_country(u, words)):
            u.destinations, u.confidence, u.context_used, carried = self.codes[:1], 1.0, True, True
        if not u.destinations and not u.ambiguous:
            if self.codes and (self._points_back(text, words) if off_topic
                               else u.followup or u.passports or u.topics or bool(words & BACK_REFERENCES)):
                several = self.intent == "compare" and len(self.codes) > 1
                u.destinations = list(self.codes) if several else self.codes[:1]
                u.confidence, u.context_used, carried = 1.0, True, True
            elif self.ambiguous and not self.codes and (u.followup or u.passports):
                u.ambiguous = list(self.ambiguous)  # the bot asked which one; it still needs to know
        if not off_topic and self._compares(u.question, text) and self.codes and (len(u.destinations) < 2 or carried):
            if u.destinations and not carried:  # "compare it with Sudan"
                places = self.codes[:1] + [c for c in u.destinations if c not in self.codes]
            elif self.intent == "compare" or len(self.codes) > 1:  # "and which is safer?"
                places = list(self.codes)
            elif _WHICH.search(text):  # "which one is less hassle" after Tibet, then Xinjiang
                places = self.codes[:1] + [c for c in self.earlier[:1] if c not in self.codes]
            else:  # "is it better to go in spring?" compares nothing
                places = []
            if len(places) > 1:
                u.destinations, u.intent, u.confidence, u.context_used = places, "compare", 1.0, True
        elif (u.intent == "question" and self.intent in CARRIED_INTENTS and u.followup and not u.topics
              and (len(words) <= BARE_FOLLOWUP_WORDS or (carried and self.intent == "level" and words & ADVICE_VERBS))
              # "and with a UK passport?": entry
              and (len(u.destinations) > 1 if self.intent == "compare" else not u.passports)):
            u.intent, u.context_used = self.intent, True  # "and syria?" after a level question
        if u.destinations and self.passports:
            if not u.passports:
                u.passports, u.context_used = list(self.passports), True
                u.dual = self.dual
            elif set(u.passports) < set(self.passports) and words & COMPANION_WORDS and not words & ALONE_WORDS \
                    and not words & REPLACING_WORDS:
                # "e ela corre risco ... sendo ucraniana?": one of the chat's travelers, the party still together
                u.passports, u.context_used, u.dual = list(self.passports), True, self.dual
            elif self._adds_passport(text, words) and not set(u.passports) >= set(self.passports):
                u.passports, u.context_used = list(dict.fromkeys(self.passports + u.passports)), True
                # "actually I also have a Russian passport": the same traveler's; "and my wife is Nepali": two people
                # ("i'm also iranian by my dad": the father is where the nationality comes from, not a traveler)
                companions = set(_THROUGH_PERSON.sub(" ", text).split()) & COMPANION_WORDS
                u.dual = (self.dual or len(self.passports) == 1) and not companions

    def _only_the_way(self, u, words: set[str], understand: Callable[[str], object]) -> bool:
        # "via jordan instead of beirut": two ways in, weighed against each other
        ways = 2 if words & {"instead", "rather", "вместо", "замість", "statt", "plutot", "lugar", "vez"} else 1
        if not 1 <= len(u.destinations) <= ways or set(u.destinations) & set(self.codes) or not words & ROUTE_WORDS:
            return False
        if words & ROUTE_WORDS <= FROM_ROUTE_WORDS:
            seq = fold(u.question).split()
            start = next(i for i, w in enumerate(seq) if w in FROM_ROUTE_WORDS)
            if set(seq[start + 1 :]) & TOWARDS_WORDS:
                return False  # "а потом из Осетии в Тбилиси": from the chat's place to the one named, the destination
        tokens = u.question.split()
        first = next(i for i, t in enumerate(tokens) if set(fold(t).split()) & ROUTE_WORDS)
        before = understand(" ".join(tokens[:first]))
        # a passport said before the way is still the traveler's ("i have a french passport btw ... going in via baku")
        return not before.destinations and not before.ambiguous

    def _visa_of_the_country(self, u, words: set[str]) -> bool:
        """"can I even get a Russian visa these days?" after Chechnya: a region has no visa of its own, the visa of
        its country (the prefix of its ISO 3166-2 code) is the way in, so the chat's region stays the place."""
        region = self.codes[0]
        return ("-" in region and u.destinations == [region.split("-")[0]] and bool(words & VISA_WORDS)
                and not u.ambiguous)

    def _adviser_only(self, u, words: set[str]) -> bool:
        """"what level is it for Canada?" after Burkina Faso; "and the uk?", "et selon le Royaume-Uni ?" right after a
        level question: the government named advises about the chat's place."""
        if len(u.destinations) != 1 or u.destinations[0] not in ADVISERS or u.destinations[0] in self.codes:
            return False
        if (u.intent == "level" or words & ADVICE_VERBS) and bool(words & BACK_REFERENCES):
            return True  # "what does the uk say about it": the government named advises about the chat's place
        return self.intent == "level" and u.followup and not u.passports and (
            len(words) <= BARE_FOLLOWUP_WORDS or bool(words & ADVICE_VERBS))

    @staticmethod
    def _points_back(text: str, words: set[str]) -> bool:
        """An off-topic message is about the chat's place only when it says so ("what's the weather there?",
        "and the hotels?"); "tell me a joke" is about nothing."""
        first = text.split(" ", 1)[0]
        return bool(words & BACK_REFERENCES) or first in AND_WORDS or bool(words & TRIP_SERVICE_WORDS)

    @staticmethod
    def _adds_passport(text: str, words: set[str]) -> bool:
        if words & DUAL_SAID or _HAVE_BOTH.search(text):
            return True  # "what if i use my iranian passport instead, i'm dual", "..., I have both": one traveler's
        if words & REPLACING_WORDS:
            return False
        if words & ADDED_PASSPORT_WORDS:
            return True
        if words & {"meant", "mean"} and words & COMPANION_WORDS:
            return True  # "sorry I meant my wife, I'm Moldovan": the passport before was hers, this one is mine
        return bool(words & COMPANION_WORDS) and bool(
            words & TOGETHER_WORDS or _AND_MY.search(text) or _AND_COMPANION.search(text)
            or _AND_FOR_THEM.search(text))

    @staticmethod
    def _compares(question: str, text: str) -> bool:
        return any(p.search(text) for p in COMPARE_PHRASES) or any(w in question for w in CJK_COMPARE_WORDS)
