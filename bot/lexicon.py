"""Word lists for understanding questions: topics, passport phrases and ordinary words.

Kept apart from the matcher so the vocabulary can grow without touching the logic. All
entries are in folded form (lower case, no accents), see `reference.fold`.
"""

from __future__ import annotations

import re

# Words that name a passport or nationality when next to a country name or demonym.
PASSPORT_WORDS = frozenset(
    ["passport", "passports", "passport-holder", "holder", "holders", "citizen", "citizens", "citizenship", "national", "nationals", "nationality", "pass", "reisepass", "pasaporte", "pasaportes", "passeport", "passeports", "passaporte", "paszport", "paszportem", "pasaport", "pasaportu", "paspoort", "паспорт", "паспорта", "паспортом", "паспорте", "паспортами", "гражданин", "гражданка", "граждане", "гражданство", "гражданина", "ciudadano", "ciudadana", "ciudadanos", "citoyen", "citoyenne", "citoyens", "staatsburger", "staatsangehorigkeit", "cittadino", "护照", "여권", "パスポート"]
)
# Prepositions allowed between a passport word and the country that follows it.
PASSPORT_LINKS = frozenset(["of", "from", "de", "del", "da", "do", "du", "von", "aus", "из", "the", "a", "an"])
# Words before a demonym that make it a statement about the asker ("as an American").
DEMONYM_TRIGGERS = frozenset(["as", "im", "am", "are", "being", "dual", "both", "hold", "holding", "als", "como", "comme", "как", "я", "мы"])
COUNTRY_TRIGGERS = frozenset(["dual", "both"])
ARTICLES = frozenset(["a", "an", "the", "un", "una", "uno", "une", "ein", "eine", "einen", "einem", "der", "die", "das"])
CONJUNCTIONS = frozenset(["and", "or", "&", "y", "e", "et", "und", "и", "или", "oder", "ou"])

# Topic keywords: single folded tokens and multi-word phrases (regex over the folded text).
TOPIC_WORDS: dict[str, frozenset[str]] = {
    "entry": frozenset(
        ["visa", "visas", "visum", "visado", "vize", "wiza", "viza", "виза", "визы", "визу", "визой", "permit", "permits", "permission", "allowed", "allow", "legal", "illegal", "legally", "lawful", "law", "laws", "entry", "enter", "entering", "requirements", "requirement", "required", "requires", "esta", "eta", "admitted", "admission", "admit", "banned", "ban", "invalid", "validation", "valid", "validity", "document", "documents", "erlaubt", "einreise", "legal", "legale", "legalmente", "разрешено", "въезд", "пустят", "ビザ", "비자", "签证", "入境", "入国", "입국"]
    ),
    "status": frozenset(
        ["open", "opened", "opening", "reopen", "reopened", "reopens", "reopening", "closed", "close", "closes", "closing", "closure", "shut", "lockdown", "timeline", "covid", "pandemic", "still", "anymore", "currently", "reopen", "again", "back", "history", "offen", "geschlossen", "ouvert", "ouverte", "ferme", "fermee", "abierto", "abierta", "cerrado", "cerrada", "aperto", "chiuso", "aberto", "fechado", "открыт", "открыта", "открыто", "закрыт", "закрыта", "закрыто", "открылась", "开放", "关闭", "開放", "閉鎖", "개방"]
    ),
    "safety": frozenset(
        ["safe", "safely", "safety", "unsafe", "dangerous", "danger", "dangers", "risk", "risks", "risky", "advisory", "advisories", "warning", "warnings", "arrest", "arrested", "arrests", "detained", "detain", "detention", "jail", "prison", "crime", "crimes", "war", "wars", "conflict", "fighting", "violence", "terrorism", "terrorist", "terrorists", "kidnap", "kidnapped", "kidnapping", "kidnappings", "security", "secure", "threat", "threats", "protest", "protests", "unrest", "militia", "sicher", "sicherheit", "gefahrlich", "gefahr", "sur", "sure", "surs", "dangereux", "dangereuse", "securite", "seguro", "segura", "peligroso", "peligrosa", "sicuro", "pericoloso", "perigoso", "bezpieczne", "guvenli", "безопасно", "безопасна", "опасно", "опасна", "безопасность", "安全", "危险", "危険", "안전", "위험"]
    ),
    "reports": frozenset(
        ["anyone", "anybody", "someone", "experience", "experiences", "story", "stories", "report", "reports", "marathon", "marathons", "blog", "blogs", "vlog", "youtuber", "influencer", "influencers", "runner", "runners", "firsthand", "review", "reviews", "erfahrung", "erfahrungen", "experiencia", "experiencias", "отзывы", "опыт", "кто-нибудь"]
    ),
    "howto": frozenset(
        ["tour", "tours", "operator", "operators", "agency", "agencies", "book", "booking", "flight", "flights", "fly", "flying", "train", "trains", "route", "routes", "cost", "costs", "price", "prices", "cheap", "expensive", "budget", "guide", "guides", "guided", "bus", "overland", "ferry", "itinerary", "reise", "tur", "тур", "туры", "туроператор", "рейс", "билет", "旅行团", "ツアー", "투어"]
    ),
}
TOPIC_PHRASES: dict[str, tuple[re.Pattern[str], ...]] = {
    "entry": tuple(
        re.compile(p)
        for p in (
            r"\b(can|could|may|do|does|are|is)( i| we| you| americans?| brits?| people| foreigners| tourists| one)?"
            r"( still)? (go|travel|visit|enter|fly|get in|get into)\b",
            r"\ballowed (to|in)\b",
            r"\b(can|could|may)\b[^?.!]*\b(go|travel|visit|enter|fly)\b",
            r"\bneed (a|an|to)\b",
            r"\btourist card\b",
            r"\bkann ich nach\b",
            r"\b(puis je|peut on|puedo|se puede|posso|pode|mozna|можно ли|могу ли) ",
            r"\bmozhno\b",
            r"可以去|能去|行けますか|行ける|갈 수|가능",
        )
    ),
    "status": (
        re.compile(r"\bwhen (did|does|will|can|is|was)\b"),
        re.compile(r"\b(back|again) open\b|\bopen (again|back up)\b|\btourists? (allowed )?back\b"),
        re.compile(r"\bborders? (open|closed)\b"),
    ),
    "safety": (re.compile(r"\blevel [1-4]\b|\bdo not travel\b"),),
    "reports": (
        re.compile(r"\b(has|have|did) (anyone|anybody|someone|somebody|people)\b"),
        re.compile(r"\bwho (has|have) (been|gone|visited|done|run|travelled|traveled)\b"),
        re.compile(r"\bfirst hand\b|\btraveller?s?'? (reports?|stories|experiences)\b|\bbeen there\b"),
    ),
    "howto": (
        re.compile(r"\bhow (do|can|would|should) (i|we|you|one) get\b|\bhow to (get|go|reach|travel|visit)\b"),
        re.compile(r"\bget there\b|\bhow much\b|\bget to\b"),
    ),
}

# Words around a weak name ("turkey", "chad") that show the question is about travel.
TRAVEL_WORDS = frozenset(
    ["visa", "visas", "travel", "travelling", "traveling", "trip", "trips", "visit", "visiting", "go", "going", "fly", "flight", "flights", "border", "borders", "tourist", "tourists", "tourism", "holiday", "vacation", "passport", "passports", "safe", "safety", "dangerous", "open", "closed", "entry", "enter", "country", "embassy", "advisory", "permit", "tour", "tours"]
) | TOPIC_WORDS["entry"] | TOPIC_WORDS["safety"]
NOT_TRAVEL_HINTS = frozenset(["recipe", "roast", "roasted", "sandwich", "sandwiches", "peaches", "atlanta", "savannah", "state", "bacon", "stuffing"])

# Ordinary words that fuzzy matching must never "correct" into a country name, beyond the
# English dictionary stored in the knowledge base.
EXTRA_COMMON_WORDS = frozenset(
    ["indie", "selfie", "online", "emoji", "hello", "thanks", "okay", "please", "gonna", "wanna", "travel", "traveling", "travelling", "tourists", "visas", "covid", "blogger", "vlogger", "youtube", "airbnb"]
)

# Two- and three-letter tokens that are ordinary words even in capitals ("IN", "TO", "IS").
CODE_LIKE_WORDS = frozenset(
    ["AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "HI", "ID", "IF", "IN", "IS", "IT", "ME", "MY", "NO", "OF", "OK", "ON", "OR", "SO", "TO", "UP", "WE", "AI", "PM", "TV", "DJ", "CAR", "CAN", "THE", "AND", "FOR", "ARE", "BUT", "NOT", "YOU", "ALL", "ANY", "OUR", "OUT", "WHO", "WHY", "HOW"]
)
