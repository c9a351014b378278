"""Which language a question is written in, when its words can tell; None for a bare name or code.

Statistical detectors (langdetect, lingua) always guess, and on "north korea", "Сирия" or "Cuba US"
they guess wrong about as often as right; a traveler's Telegram setting is the better guide there.
So a language is chosen only on evidence: its function words, its own letters, its script.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
# Characters of Chinese sentences rather than of place names ("西藏" alone is a name; "西藏安全吗" a question).
_HAN_FUNCTION = frozenset("我你他们能可以去吗的是不要有吧呢么什怎哪还和或在了过会需签护旅游安全开放关闭危险到从用拿")
# Words for people beside names ("中国公民 朝鲜", "美国人 伊朗"); a Japanese question would also carry kana.
_HAN_WORDS = ("公民", "国人", "籍", "持")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
_NOISE = re.compile(r"https?://\S+|@\w+|/\w+")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that mark a language and are rare in the others of this list (folded: lower case, no accents).
_MARKERS: dict[str, frozenset[str]] = {
    "en": _words("""i im i'm can could go going get the is are it its with my we what how when where does did
        from for of about still there visit travel need anyone and or if be now safe open allowed which should would
        you your this that right has have someone any reopen reopened tourists dangerous possible legally americans
        american brits british citizens citizen passport holders hold needed do to visa"""),
    "de": _words("""ich kann konnen darf durfen nach mit als ist sind ein eine einen einem der das und oder nicht
        noch wieder wie wann wo gibt fur reisen einreisen sicher geoffnet offen jetzt mein meinem meinen deutscher
        deutsche reisepass brauche brauchen visum mich wir bin schon zur zum gefahrlich uber aus bei mir auch
        man's wetter welche welcher stufe anreise von bester beste besten aktuell auswartiges auswartige amt
        reisewarnung frauen erlaubt buchen"""),
    "fr": _words("""je peux puis peut est c'est avec pour les des du une et ou au aux aller voyager sur dangereux
        ouvert ouverte quand comment mon nous vous encore toujours maintenant passeport faut il sans entrer rouvert
        francais francaise qu'on ce cette faire etre y-a-t-il suis j'ai quel quelle dois arrivee meilleur
        niveau en combien coute vol vols billet"""),
    "es": _words("""puedo puede pueden se es esta estan con los las el del una y ir peligroso abierto abierta
        cuando que mi todavia ahora pasaporte necesito hay sin turismo mexicano espanol hacia alli ya aun pero
        tambien desde soy tengo viajar visitar seguro segura ciudadano ciudadanos visado llegada siendo alerta
        vuelos baratos permiso ingreso iraqui espanoles nivel para en salimos necesita necesitan hostales cual cuanto
        cuantos ustedes tramitar cobran donde barato vieja dolares"""),
    "pt": _words("""posso pode podem e com os as o do da dos das um uma ou perigoso aberto aberta quando meu minha
        nos ainda agora passaporte preciso tem ha sem nao voce brasileiro portugues pra pro la vou ja tambem mas eu
        gente sozinho sozinha mulher tibete coreia irao viajar visitar seguro segura estou sou visto homens
        mulheres brasileiros brasileiras precisa cambio barato hoje para chegar saindo quero vem custa em dois
        portugueses comboio possivel voces vendem"""),
    "ru": _words("""что как это можно ли или меня мне нужно надо сейчас туда когда где сколько безопасно граждан
        гражданину гражданам гражданин россиян россиянам пускают открыт открыта в на с и для я мы есть ещё еще
        опасно поехать съездить виза визу какой какая какие уровень по у mozhno nuzhna nuzhno dlya rossiyanam
        grazhdanam рф гражданка"""),
    "uk": _words("""чи як що це можна або та мене мені треба зараз туди коли де скільки безпечно громадян
        громадянину громадянам громадянин українців пускають відкрита відкрито у з і для я ми є ще небезпечно
        поїхати віза візу chy mozhna ukraintsyam якщо яка який яке які громадянка звідти"""),
    # Languages Borderline does not write: their evidence keeps an Italian or Dutch question from being read as
    # Spanish or German, and the answer falls back to the traveler's Telegram language (or English).
    "it": _words("""gli il per sono possono posso andare cittadini italiani italiana italiano voli economici della
        dei degli di carta identita permesso speciale svizzero sicuro"""),
    "nl": _words("""voor hoe kom ik het een mijn wij naar kan belgen nederlanders reizen veilig"""),
    "pl": _words("""dla czy obywateli moge mozna jest polski polakow polacy"""),
    "sr": _words("""da li srbi mogu u za drzavljane srbije"""),
    "tr": _words("""vatandaslari gidebilir girebilir vizesiz vize ile icin turkler"""),
}
_NOT_OURS = frozenset(("it", "nl", "pl", "sr", "tr"))
# Words another language shares with the one they mark (English "visa", "im"): half a point there, so
# "Nigeria visa" stays English but "Corea visa para uruguayos" is Spanish.
_WEAK_MARKERS: dict[str, tuple[str, ...]] = {"visa": ("fr", "es"), "im": ("de",)}
# "as a(n) ..." is English ("cuba as a canadian"); Portuguese "as" before the article "a" does not occur
_AS_A = re.compile(r"\bas an? \w")
_MARKER_LANGS: dict[str, tuple[str, ...]] = {}  # word -> the languages it marks, for one lookup a word
for _lang, _markers in _MARKERS.items():
    for _word in _markers:
        _MARKER_LANGS[_word] = (*_MARKER_LANGS.get(_word, ()), _lang)
_OWN_LETTERS = {"uk": frozenset("іїєґ"), "ru": frozenset("ыэъё"), "tr": frozenset("ğış"), "pl": frozenset("łąęśźżń"),
                "sr": frozenset("ђјљњћџđ")}
_ACCENT_HINTS = {"es": frozenset("ñ¿¡"), "pt": frozenset("ãõâ"), "de": frozenset("ßäöü"),
                 "fr": frozenset("èêàùâîôûœëç")}


def _fold(word: str) -> str:
    if re.search(r"[\u0400-\u04ff]", word):
        return word.casefold().replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def detect(text: str) -> str | None:
    """'ru', 'zh', 'de'...; None when the text is too bare to tell (one word, names, codes, transliteration)."""
    text = _NOISE.sub(" ", text or "")[:500]
    if _KANA_HANGUL.search(text):
        return None  # Japanese or Korean: not a language Borderline writes
    if _HAN.search(text):
        return "zh" if any(ch in _HAN_FUNCTION for ch in text) or any(w in text for w in _HAN_WORDS) else None
    words = _WORD.findall(text)
    if len(words) < 2:
        return None
    scores = dict.fromkeys(_MARKERS, 0.0)
    lowered = text.casefold()
    for word in words:
        lower = word.casefold()
        langs = _MARKER_LANGS.get(lower)
        if langs is None and not lower.isascii():
            langs = _MARKER_LANGS.get(_fold(word))
        for lang in langs or ():
            scores[lang] += 1
        for lang in _WEAK_MARKERS.get(lower, ()):
            scores[lang] += 0.5
    if _AS_A.search(lowered):
        scores["en"] += 1.5  # "iran as a brit": the Portuguese article "as" is no evidence there
    for lang, letters in _OWN_LETTERS.items():
        if not letters.isdisjoint(lowered):
            scores[lang] += 1.5
    for lang, letters in _ACCENT_HINTS.items():
        if not letters.isdisjoint(lowered):
            scores[lang] += 0.5
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 1 or top == second or best in _NOT_OURS:
        return None
    return best
