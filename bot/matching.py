"""Turns a free-text question into destinations, passports, topics and a confidence.

Precision first: a name only counts when it is a whole token sequence of a known name,
an uppercase code, a close typo of a name that is not itself an ordinary word, or a weak
name ("turkey", "chad") with travel words around it. Ambiguous names are never guessed.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.kb import KnowledgeBase
from bot.lexicon import (
    ARTICLES,
    CODE_LIKE_WORDS,
    CONJUNCTIONS,
    COUNTRY_TRIGGERS,
    DEMONYM_TRIGGERS,
    EXTRA_COMMON_WORDS,
    NOT_TRAVEL_HINTS,
    PASSPORT_LINKS,
    PASSPORT_WORDS,
    TOPIC_PHRASES,
    TOPIC_WORDS,
    TRAVEL_WORDS,
)
from bot.reference import fold

PRIMARY_KINDS = frozenset({"common", "official", "capital", "alias", "curated"})
TOPICS = ("entry", "status", "safety", "reports", "howto")
CONFIDENCE_THRESHOLD = 0.6
MAX_QUESTION_CHARS = 1000
MAX_NGRAM = 6
_DOTTED_RE = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_ELISION_RE = re.compile(r"^(l|d|j|n|s|c|m|t|qu|dell|dall|all|nell|sull)['’](\w.*)$", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]", re.UNICODE)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_CYRILLIC_RE = re.compile(r"^[\u0400-\u04ff-]+$")


def _is_cjk(text: str) -> bool:
    return bool(_CJK_RE.fullmatch(text.replace(" ", "")))


def _stem(token: str) -> str:
    """Crude stem for inflected Cyrillic names ("Северную Корею" -> "северн коре")."""
    if len(token) <= 4:
        return token
    return token[: max(4, len(token) - 2)]


@dataclass
class Span:
    start: int
    end: int
    codes: tuple[str, ...]
    how: str  # name | code | fuzzy | stem | cjk | weak | ambiguous | demonym
    score: float
    text: str
    plural: bool = False


@dataclass
class Understanding:
    question: str
    destinations: list[str] = field(default_factory=list)
    passports: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    confidence: float = 0.0
    ambiguous: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    theme: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def sure(self) -> bool:
        return bool(self.destinations) and self.confidence >= CONFIDENCE_THRESHOLD


class Matcher:
    """Indexes every name in the knowledge base once; `understand` is then pure lookup."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._build()

    def _build(self) -> None:
        exact: dict[str, set[str]] = defaultdict(set)
        primary: dict[str, set[str]] = defaultdict(set)
        codes: dict[str, set[str]] = defaultdict(set)
        ambiguous: dict[str, set[str]] = defaultdict(set)
        weak: dict[str, str] = {}
        stems: dict[str, set[str]] = defaultdict(set)
        cjk: dict[str, set[str]] = defaultdict(set)
        display: dict[str, str] = {}
        for code, name, _lang, kind in self.kb.names:
            raw = name.strip()
            key = fold(raw)
            if not key:
                continue
            if kind == "ambiguous":
                ambiguous[key].add(code)
                continue
            if kind == "weak":
                weak[key] = code
                continue
            if re.fullmatch(r"[A-Z][A-Z.]{1,4}", raw) and len(key.replace(" ", "")) <= 3:
                codes[raw.replace(".", "")].add(code)
                continue
            exact[key].add(code)
            if kind in PRIMARY_KINDS and _lang in ("eng", "und"):
                primary[key].add(code)
            display.setdefault(key, raw)
            if _is_cjk(raw):
                cjk[raw.replace(" ", "")].add(code)
            tokens = key.split()
            if all(_CYRILLIC_RE.match(t) for t in tokens):
                stems[" ".join(_stem(t) for t in tokens)].add(code)
        for place in self.kb.places.values():
            codes[place.code].add(place.code)
        # A name shared by several places is ambiguous, unless it is the English or curated
        # name of exactly one of them (reference translations have a few errors).
        for key, codes_for_key in list(exact.items()):
            if len(codes_for_key) > 1 and len(primary.get(key, ())) == 1:
                exact[key] = set(primary[key])
        self.exact = {k: frozenset(v) for k, v in exact.items() if len(v) == 1 and k not in ambiguous}
        for k, v in exact.items():
            if len(v) > 1 and k not in ambiguous:
                ambiguous[k] |= v
        self.ambiguous = {k: tuple(sorted(v)) for k, v in ambiguous.items()}
        self.weak = weak
        self.codes = {k: tuple(sorted(v)) for k, v in codes.items()}
        self.stems = {k: tuple(sorted(v)) for k, v in stems.items() if len(v) == 1}
        self.cjk = {k: tuple(sorted(v)) for k, v in cjk.items() if len(v) == 1}
        self.cjk_lengths = sorted({len(k) for k in self.cjk}, reverse=True)
        demonyms: dict[str, set[str]] = defaultdict(set)
        ours: dict[str, set[str]] = defaultdict(set)
        for code, form, lang in self.kb.demonyms:
            key = fold(form)
            for variant in (key, key + "s") if key.isascii() and not key.endswith("s") else (key,):
                if variant:
                    demonyms[variant].add(code)
                    if lang == "und":
                        ours[variant].add(code)
        for key, found in ours.items():
            if len(found) == 1:
                demonyms[key] = found  # our alias list settles "American" (US, not UM)
        self.demonyms = {k: tuple(sorted(v)) for k, v in demonyms.items() if len(v) == 1}
        vocab: dict[str, list[str]] = defaultdict(list)
        for key in list(self.exact) + list(self.weak):
            for token in key.split():
                if len(token) >= 4 and token.isalpha() and not _is_cjk(token):
                    vocab[token[0]].append(token)
        self.vocab = {k: sorted(set(v)) for k, v in vocab.items()}
        self.vocab_set = {t for tokens in self.vocab.values() for t in tokens}
        self.max_ngram = min(MAX_NGRAM, max((len(k.split()) for k in self.exact), default=1))
        self.display = display
        self._fuzzy_cache: dict[str, str | None] = {}

    # -- helpers ---------------------------------------------------------------------
    def _is_common_word(self, token: str) -> bool:
        if token in EXTRA_COMMON_WORDS:
            return True
        try:
            row = self.kb.conn.execute("SELECT 1 FROM words WHERE word = ?", (token,)).fetchone()
        except sqlite3.OperationalError:
            return False
        return row is not None

    def _correct(self, token: str) -> str | None:
        """The name token a typo most likely meant, or None."""
        if token in self._fuzzy_cache:
            return self._fuzzy_cache[token]
        result: str | None = None
        if len(token) >= 5 and token.isalpha() and not _is_cjk(token) and not self._is_common_word(token):
            candidates = self.vocab.get(token[0], [])
            max_edits = 1 if len(token) <= 6 else 2
            best = process.extractOne(
                token,
                candidates,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=max_edits,
            )
            if best is not None and abs(len(best[0]) - len(token)) <= max_edits:
                result = best[0]
        if len(self._fuzzy_cache) < 50_000:
            self._fuzzy_cache[token] = result
        return result

    # -- understanding -----------------------------------------------------------------
    def understand(self, question: str, saved_passports: list[str] | None = None) -> Understanding:
        text = unicodedata.normalize("NFC", question or "")[:MAX_QUESTION_CHARS]
        result = Understanding(question=question or "")
        raw_tokens = self._tokenize(text)
        tokens = [fold(t).replace(" ", "") for t in raw_tokens]
        folded_text = " ".join(t for t in tokens if t)
        shouting = text.isupper() and len(text) > 3
        spans = self._find_spans(raw_tokens, tokens, shouting)
        spans += self._cjk_spans(text, len(tokens))
        token_set = set(tokens)
        travel_context = bool(token_set & TRAVEL_WORDS) and not (token_set & NOT_TRAVEL_HINTS)
        passports, places = self._split_passports(spans, tokens)
        # Weak names count only when the question is about travel.
        kept: list[Span] = []
        for span in places:
            if span.how == "weak":
                preceded = span.start > 0 and tokens[span.start - 1] in {"to", "in", "visit", "visiting", "from"}
                if travel_context or preceded:
                    span.score = 0.85
                elif len(tokens) <= 2:
                    span.score = 0.5
                else:
                    continue
            kept.append(span)
        # Demonyms that are not passports can still name the destination ("North Korean visa").
        demonym_places = [s for s in kept if s.how == "demonym"]
        places = [s for s in kept if s.how != "demonym"]
        if not places and demonym_places:
            for s in demonym_places:
                s.score = 0.75
            places = demonym_places
        result.topics = self._topics(tokens, folded_text)
        for span in sorted(places, key=lambda s: (-s.score, s.start)):
            if span.how == "ambiguous":
                result.ambiguous = list(span.codes)
                continue
            for code in span.codes:
                if code not in result.destinations:
                    result.destinations.append(code)
        for span in passports:
            for code in span.codes:
                if code not in result.passports:
                    result.passports.append(code)
        if not result.passports and saved_passports:
            result.passports = [p for p in saved_passports if p]
            if result.passports:
                result.notes.append("saved-passports")
        scores = [s.score for s in places if s.how != "ambiguous"]
        if result.ambiguous and not result.destinations:
            result.confidence = 0.3
            result.suggestions = list(result.ambiguous)
        elif scores:
            result.confidence = round(max(scores), 2)
        if result.destinations and result.ambiguous:
            # "korea" next to "north korea" is no longer ambiguous
            result.ambiguous = [c for c in result.ambiguous if c not in result.destinations]
            if result.ambiguous and not set(result.ambiguous) & set(result.destinations):
                result.suggestions = list(result.ambiguous)
                result.ambiguous = []
        theme = [t for t in tokens if t in TOPIC_WORDS["reports"] or t in {"pyongyang", "dual", "nationality"}]
        result.theme = " ".join(dict.fromkeys(theme))
        if not result.destinations and not result.ambiguous:
            result.suggestions = self.did_you_mean(tokens)
        return result

    def _tokenize(self, text: str) -> list[str]:
        """Words, with abbreviation dots dropped ("N. Korea") and elisions split ("l'Iran")."""
        out: list[str] = []
        text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), text)  # U.S.A. -> USA
        for token in _TOKEN_RE.findall(text):
            if token == "." and out and len(out[-1]) <= 2 and out[-1].isalpha():
                continue
            elided = _ELISION_RE.match(token)
            if elided and fold(token).replace(" ", "") not in self.exact and fold(token) not in self.exact:
                out += [elided.group(1), elided.group(2)]
                continue
            out.append(token)
        return out

    def _find_spans(self, raw_tokens: list[str], tokens: list[str], shouting: bool) -> list[Span]:
        spans: list[Span] = []
        n = len(tokens)
        i = 0
        corrected: dict[int, str] = {}
        while i < n:
            found = None
            for size in range(min(self.max_ngram, n - i), 0, -1):
                words = tokens[i : i + size]
                if not all(words):
                    continue
                key = " ".join(words)
                span = self._lookup(key, i, i + size, raw_tokens[i : i + size], shouting)
                if span is None and size == 1 and len(words[0]) >= 5:
                    stem_hit = self._lookup_stem([words[0]], i)
                    span = stem_hit
                if span is None and size > 1:
                    stem_hit = self._lookup_stem(words, i)
                    span = stem_hit
                if span is not None:
                    found = span
                    break
            if found is None:
                # Try correcting typos, then look again with the corrected words.
                fixed = self._fuzzy_span(tokens, i, corrected)
                if fixed is not None:
                    found = fixed
            if found is not None:
                spans.append(found)
                i = found.end
            else:
                i += 1
        return spans

    def _lookup(self, key: str, start: int, end: int, raw: list[str], shouting: bool) -> Span | None:
        text = " ".join(raw)
        if key in self.ambiguous:
            return Span(start, end, self.ambiguous[key], "ambiguous", 0.3, text)
        if key in self.weak:
            return Span(start, end, (self.weak[key],), "weak", 0.5, text)
        if key in self.exact:
            return Span(start, end, tuple(self.exact[key]), "name", 0.95, text)
        if key in self.demonyms:
            return Span(start, end, self.demonyms[key], "demonym", 0.9, text, plural=key.endswith("s"))
        if end - start == 1:
            token = raw[0].replace(".", "")
            if token in self.codes and token.isupper() and not shouting and token not in CODE_LIKE_WORDS:
                return Span(start, end, self.codes[token], "code", 0.9, text)
        return None

    def _lookup_stem(self, words: list[str], start: int) -> Span | None:
        if not all(_CYRILLIC_RE.match(w) for w in words):
            return None
        key = " ".join(_stem(w) for w in words)
        if key in self.stems:
            return Span(start, start + len(words), self.stems[key], "stem", 0.85, " ".join(words))
        return None

    def _fuzzy_span(self, tokens: list[str], i: int, corrected: dict[int, str]) -> Span | None:
        def fixed(j: int) -> str:
            if j not in corrected:
                tok = tokens[j]
                corrected[j] = tok if tok in self.vocab_set else (self._correct(tok) or tok)
            return corrected[j]

        if fixed(i) == tokens[i] and tokens[i] not in self.vocab_set:
            return None
        n = len(tokens)
        for size in range(min(self.max_ngram, n - i), 0, -1):
            words = [fixed(j) for j in range(i, i + size)]
            if words == tokens[i : i + size]:
                continue
            key = " ".join(words)
            if key in self.exact:
                orig = " ".join(tokens[i : i + size])
                similarity = fuzz.ratio(orig, key) / 100
                return Span(i, i + size, tuple(self.exact[key]), "fuzzy", round(0.45 + 0.5 * similarity, 2), orig)
            if key in self.ambiguous:
                return Span(i, i + size, self.ambiguous[key], "ambiguous", 0.3, key)
        return None

    def _cjk_spans(self, text: str, offset: int) -> list[Span]:
        spans: list[Span] = []
        for run in _CJK_RE.findall(text):
            pos = 0
            while pos < len(run):
                hit = None
                for size in self.cjk_lengths:
                    piece = run[pos : pos + size]
                    if len(piece) == size and piece in self.cjk:
                        hit = piece
                        break
                if hit:
                    spans.append(Span(offset, offset, self.cjk[hit], "cjk", 0.9, hit))
                    pos += len(hit)
                else:
                    pos += 1
        return spans

    def _split_passports(self, spans: list[Span], tokens: list[str]) -> tuple[list[Span], list[Span]]:
        """Decide which names are the asker's passports and which are destinations."""
        is_passport = [False] * len(spans)

        def skip_back(j: int, allowed: frozenset[str]) -> int:
            while j >= 0 and tokens[j] in allowed:
                j -= 1
            return j

        for idx, span in enumerate(spans):
            if span.how in ("ambiguous", "cjk"):
                continue
            after = span.end
            # "US passport", "Mexican citizen", "German and Turkish passports"
            if after < len(tokens) and tokens[after] in PASSPORT_WORDS:
                is_passport[idx] = True
            before = skip_back(span.start - 1, PASSPORT_LINKS)
            linked_back = before < span.start - 1 or not tokens[before].isascii()
            if before >= 0 and tokens[before] in PASSPORT_WORDS and linked_back:
                is_passport[idx] = True  # "passport from Mexico", "паспортом США"
            trig = skip_back(span.start - 1, ARTICLES)
            if trig >= 0:
                if span.how == "demonym" and tokens[trig] in DEMONYM_TRIGGERS:
                    is_passport[idx] = True
                if tokens[trig] in COUNTRY_TRIGGERS:
                    is_passport[idx] = True
                if tokens[trig] == "from" and trig > 0 and tokens[trig - 1] in {"im", "am", "are", "were"}:
                    is_passport[idx] = True  # "I'm from Mexico"
            if span.how == "demonym" and span.plural:
                is_passport[idx] = True  # "Can Americans go to Cuba?"
        # Conjunctions carry the decision across a list: "dual US and Mexican citizen".
        for _ in range(2):
            for idx in range(len(spans) - 1):
                a, b = spans[idx], spans[idx + 1]
                gap = tokens[a.end : b.start]
                linked = gap and all(t in CONJUNCTIONS or t == "," or t in ARTICLES for t in gap)
                if linked and (is_passport[idx] or is_passport[idx + 1]):
                    is_passport[idx] = is_passport[idx + 1] = True
        passports = [s for s, p in zip(spans, is_passport, strict=True) if p]
        places = [s for s, p in zip(spans, is_passport, strict=True) if not p]
        return passports, places

    def _topics(self, tokens: list[str], folded_text: str) -> list[str]:
        token_set = set(tokens)
        found = []
        for topic in TOPICS:
            if token_set & TOPIC_WORDS[topic] or any(p.search(folded_text) for p in TOPIC_PHRASES[topic]):
                found.append(topic)
        return found

    def did_you_mean(self, tokens: list[str]) -> list[str]:
        """Close names for a question that matched nothing (looser than matching itself)."""
        out: list[str] = []
        for token in tokens:
            if len(token) < 4 or not token.isalpha() or token in TRAVEL_WORDS:
                continue
            candidates = self.vocab.get(token[0], [])
            hit = process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=75)
            if hit is None:
                continue
            key = hit[0]
            codes = self.exact.get(key) or (self.weak.get(key) and {self.weak[key]}) or set()
            for code in sorted(codes):
                if code not in out:
                    out.append(code)
        return out[:3]
