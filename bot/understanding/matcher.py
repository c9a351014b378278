"""Turns a free-text question into destinations, passports, topics and a confidence.

Precision first: a name only counts when it is a whole token sequence of a known name,
an uppercase code, a close typo of a name that is not itself an ordinary word, or a weak
name ("turkey", "chad") with travel words around it. Ambiguous names are never guessed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.knowledge.reference import fold
from bot.storage.kb import KnowledgeBase
from bot.understanding.lexicon import (
    ADVISER_AFTER,
    ADVISER_BEFORE,
    AGE_WORDS,
    ALTERNATIVE_WORDS,
    ARTICLES,
    BARE_PERSON_NEXT,
    BARE_PERSON_VERBS,
    BIRTH_WORDS,
    BRACKETED_PERSONS,
    CAR_WORDS,
    CITY_ABBREVIATIONS,
    CJK_ADVISER_AFTER,
    CJK_COMPANION_WORDS,
    CJK_COMPARE_WORDS,
    CJK_DUAL_WORDS,
    CJK_FOLLOWUP_STARTS,
    CJK_GREETINGS,
    CJK_LEVEL_WORDS,
    CJK_OFF_TOPIC_WORDS,
    CJK_PAIR_BORDER_WORDS,
    CJK_PAIR_COUNTRIES,
    CJK_RECOMMEND_WORDS,
    CJK_SERVICE_WORDS,
    CJK_TOPIC_WORDS,
    CJK_WHEN_WORDS,
    CLAUSE_TAIL,
    CODE_LIKE_WORDS,
    COMBINING_NATIONALITIES,
    COMPARE_PHRASES,
    CONJUNCTIONS,
    CONSULATE_WORDS,
    COPULAS,
    CORRECTION_WORDS,
    COUNTRY_TRIGGERS,
    CURRENCY_WORDS,
    CYRILLIC_ABBREVIATIONS,
    CYRILLIC_ADJECTIVE_STEMS,
    CYRILLIC_ADVICE_WORDS,
    CYRILLIC_PERSON_NOUNS,
    CYRILLIC_TRAVEL_WORDS,
    CYRILLIC_UPPERCASE_ABBREVIATIONS,
    DEMONYM_TRIGGERS,
    DIRECTION_PREPOSITIONS,
    DUAL_WORDS,
    EXTRA_COMMON_WORDS,
    FOLLOWUP_STARTS,
    FROM_AFTER,
    FROM_DE,
    FROM_WORDS,
    GREETINGS,
    GROUP_WORDS,
    HERITAGE_WORDS,
    IDENTITY_TRIGGERS,
    INTENT_BEFORE_VERB,
    ISSUED_WORDS,
    LANGUAGE_CUES,
    LEAVE_WORDS,
    LEVEL_PHRASES,
    LOWERCASE_CODES,
    LOWERCASE_PASSPORT_CODES,
    MODALS,
    NAME_TRAPS,
    NATIONAL_ID_CARDS,
    NEGATIONS,
    NOT_PASSPORT_NOUNS,
    NOT_PLACE_WORDS,
    NOT_TRAVEL_HINTS,
    NOUN_NUMBERS,
    NOUN_NUMBERS_CAPITALISED,
    NUMBER_WORDS,
    OBTAIN_WORDS,
    OFF_TOPIC_PHRASES,
    OFF_TOPIC_SOFT_PHRASES,
    OFF_TOPIC_WORDS,
    ONLY_WORDS,
    ORIGIN_WORDS,
    OTHER_HOLDERS,
    PARENT_WORDS,
    PASSPORT_FILLERS,
    PASSPORT_LINKS,
    PASSPORT_VERBS,
    PASSPORT_WORDS,
    PAST_VISIT_VERBS,
    PAST_VISIT_WORDS,
    PEOPLE_NOUNS,
    PERSON_NEXT,
    PERSON_OBJECT_CUES,
    PERSON_SUBJECTS,
    PLACE_NOUNS,
    PLURAL_PASSPORT_WORDS,
    PNG_WORDS,
    POSSESSIVE_NEXT,
    REGIONAL_DEMONYMS,
    REQUIRED_DOCUMENT_PHRASES,
    RESIDENCE_DOCUMENT_WORDS,
    RESIDENCE_PREPOSITIONS,
    RESIDENCE_VERBS,
    RESIDENT_AFTER,
    ROMANCE_ARTICLES,
    ROMANCE_PERSON_NOUNS,
    ROUTE_FILLERS,
    ROUTE_LINKS,
    ROUTE_MARKS,
    RUNNING_PHRASES,
    SELF_HOLDERS,
    SELL_ME_RE,
    SPORTS_WORDS,
    STAMP_WORDS,
    THEME_WORDS,
    THERE_WORDS,
    THIRD_PARTY_WORDS,
    TOPIC_PHRASES,
    TOPIC_WORDS,
    TOWARDS,
    TRANSIT_VISA_WORDS,
    TRANSIT_WORDS,
    TRANSLIT_MARKERS,
    TRAVEL_WORDS,
    TRAVELER_ADJECTIVES,
    UPPERCASE_ONLY_NAMES,
    VISA_KIND_WORDS,
    VISA_WORDS,
    WAY_THERE_PHRASES,
    WEAK_NAME_BEFORE,
    WEAK_NOUN_BEFORE,
    WEAK_OTHER_PLACES,
    WEAK_PERSON_NEXT,
    WEAK_PRONOUN_NEXT,
    WHEN_PHRASES,
    WISH_VERBS,
    WISH_WORDS,
)

PRIMARY_KINDS = frozenset({"common", "official", "capital", "alias", "curated"})
# Nouns of the traveler themself, in any case ("a tourist", "для туриста", "backpackers", "мандрівника")
_TRAVELER_NOUN_STEMS = ("tourist", "travel", "backpacker", "visitor", "турист", "путешествен", "мандрівн", "мандривн",
                        "touriste", "turista", "reisende")
_COUNTRY_NAME_KINDS = frozenset({"translation", "native", "official", "common", "display", "alt"})
TOPICS = ("entry", "status", "safety", "reports", "howto")
CONFIDENCE_THRESHOLD = 0.6
MAX_QUESTION_CHARS = 1000
MAX_NGRAM = 7  # "Everest base camp on the north side"
_DOTTED_RE = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b[A-Za-z]\.[A-Za-z]\b")  # "U.S.A.", "the u.s"
_DOTTED_CODES = frozenset(["us", "usa", "uk", "uae"])  # "u.s." written with dots is no pronoun
_ELISION_RE = re.compile(r"^(l|d|j|n|s|c|m|t|qu|dell|dall|all|nell|sull)['’](\w.*)$", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]", re.UNICODE)
# A flag emoji is two regional indicator letters: the country's code ("🇰🇵" is KP).
_FLAG_RE = re.compile(r"([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_CJK_PAIR_RE = re.compile(f"中([{''.join(CJK_PAIR_COUNTRIES)}])(?={'|'.join(CJK_PAIR_BORDER_WORDS)})")
_CYRILLIC_RE = re.compile(r"^[\u0400-\u04ff-]+$")
# A suffix after an apostrophe on a capitalised word: Turkish case endings ("Kore'ye",
# "Suriye'ye") and the English possessive ("Iran's"). English contractions are left alone.
_SUFFIX_RE = re.compile(r"^([A-ZÀ-ÖØ-ÞÇĞİÖŞÜ][^\W_]+)['’]([a-zçğıöşü]{1,4})$")
_IN_LAW_RE = re.compile(r"-in-laws?$", re.IGNORECASE)  # "mother-in-law" is not about the law
_CONTRACTIONS = frozenset(["t", "re", "ve", "ll", "d", "m"])
# Capitalised words whose "'s" is "is" or "has", kept on them ("He's Dutch" is "hes", as written in lower case).
_CONTRACTED_PRONOUNS = frozenset(["he", "she", "it", "that", "what", "who", "there", "here", "where", "let"])
# Upper-case codes that are also words, and the words beside them that make them so.
# ("JPG or PNG": two words either side for a file).
_CODES_AS_WORDS = {"CAR": (CAR_WORDS, 1), "PNG": (PNG_WORDS, 2)}
# Abbreviations whose punctuation would split them into letters: "J&K" (Jammu and Kashmir), "BN(O)" (British
# National (Overseas), a British passport, not Brunei's code BN) and "刚果（金）" whose brackets would split the CJK
# run, read as the names they stand for.
_SPELLED_OUT = ((re.compile(r"\bJ\s?&\s?K\b"), "Jammu and Kashmir"),
                (re.compile(r"\b(hwy|hiway)\b", re.IGNORECASE), "highway"),  # "the Pamir hwy"
                (re.compile(r"\bBN\s?\(\s?O\s?\)|\bBNO\b"), "British National Overseas"),
                (re.compile(r"刚果\s?[（(]\s?([金布])\s?[)）]"), r"刚果\1"),  # "刚果（金）" is "刚果金" (DR Congo)
                # "香港特区护照": a Hong Kong passport, the special administrative region said
                (re.compile("(香港|澳门|澳門)(特别行政区|特別行政區|特区)"), r"\1"),
                # "中非" said short for the Central African Republic (中非共和国), not China-Africa ("中非合作")
                (re.compile("中非(?!共和国|合作|关系|论坛|贸易|峰会|友好|航线|之间)"), "中非共和国"),
                # "congolais (Brazzaville)": the people of one Congo, as "congolais de Brazzaville"
                (re.compile(r"\b(congol\w+)\s?\(\s?(Brazzaville|Kinshasa|RDC)\s?\)", re.IGNORECASE), r"\1 de \2"),
                # "i'm korean (south)", "korean, north", "korean passport holder (south)": the Korea said after the
                # people or their passport
                (re.compile(r"\bkoreans?((?: (?:passport|citizen|national|holder|guy|girl|man|woman))*)\s?[(,]\s?"
                            r"(south|north)\b(?!\s*korea)\s?\)?", re.IGNORECASE), r"\2 Korean\1"))
# "the north of cyprus", "the south of the country": a part said as the region's name would say it
_PART_OF_RE = re.compile(r"\bthe (north|south|east|west)(?:ern)? (?:part )?of (?:the )?([A-Za-z]+)", re.IGNORECASE)
# A Korean of one half naming the other as "the North" or "the South"
_KOREAN_HALVES = ((re.compile(r"\bsouth korean", re.IGNORECASE), re.compile(r"\bthe North\b"), "North Korea"),
                  (re.compile(r"\bnorth korean", re.IGNORECASE), re.compile(r"\bthe South\b"), "South Korea"))
# The left bank said short beside Kherson ("я з Херсона ... на лівий берег"): the occupied left bank of the Dnipro
_KHERSON_RE = re.compile(r"херсон|kherson|cherson", re.IGNORECASE)
# A stop on the way ("layover in Dubai", "пересадка в Стамбуле", "escala en Madrid", "Umstieg in Frankfurt")
_STOPOVER_WORDS = frozenset(["transit", "layover", "stopover", "connection", "transfer", "пересадка", "пересадкой",
                             "пересадку", "пересадки", "транзит", "транзитом", "escala", "umstieg", "umsteigen",
                             "zwischenstopp", "zwischenlandung", "correspondance", "conexao", "conexion"])
_STOP_AT = frozenset(["in", "at", "в", "у", "en", "em", "no", "na", "a", "au", "im"])
_LEFT_BANK_RE = re.compile(r"\b(лівий берег|лівобережжя|левый берег|левобережье|left bank)\b"
                           r"(?! (of )?(Дніпра|Днепра|the Dnipro|the Dnieper))", re.IGNORECASE)
# Case endings of Cyrillic names ending in -а/-я ("на Кубу" -> "куба"); longer words use stems. Tokens are
# folded first, so the Ukrainian "на Кубі" arrives as "куби".
_CYRILLIC_ENDINGS = (("у", "а"), ("е", "а"), ("ы", "а"), ("и", "а"), ("ой", "а"), ("ю", "я"), ("и", "я"))
_CJK_PASSPORT_WORDS = ("护照", "護照", "パスポート", "여권", "公民", "国籍", "籍", "人", "游客", "旅客", "华人",
                       "双重国籍", "双国籍", "同胞",  # "台湾同胞": compatriots
                       # people of that nationality: "我德国朋友能一起去吗", "我英国老公"
                       "朋友", "男朋友", "女朋友", "男友", "女友", "丈夫", "妻子", "老公", "老婆", "太太", "同事",
                       "同学",
                       # what the travelers are ("我们是三个中国大学生", "中国记者")
                       "大学生", "学生", "留学生", "研究生", "博士生", "记者", "老师", "教师", "商人", "护士",
                       # several passports counted ("爱尔兰和印度两本护照")
                       "两本护照", "两个护照", "两本")
_CJK_AND = ("和", "与", "跟", "、", "及")  # "中国和加拿大双重国籍": both names are the passports
# Characters typed for their sound in place of the one in a name ("中果人" for 中国人, "叙利压" for 叙利亚), after the
# character that comes before it in the names, read as the name's own ("刚果" is Congo, "如果" is "if").
_CJK_HOMOPHONES = ((re.compile("(?<=[中美英泰韩法德])果"), "国"), (re.compile("(?<=[利尼西比])[压鸭]"), "亚"))
# "国人去叙利亚": "compatriots", the asker's own people, said by Chinese for Chinese (not "美国人", "泰国人").
_CJK_COMPATRIOTS_RE = re.compile("(?<![\u4e00-\u9fff])国人")
# "听说俄罗斯游客可以去 那中国人呢": passports heard of, in the clause after 听说, are others'.
_INSTRUMENTAL_ADJ = tuple(fold(e) for e in ("ским", "цким", "ським", "цьким"))
# Words after "с литовским" that show no noun follows it: the passport is left unsaid ("а мне с литовским куда").
_AFTER_ONE = frozenset(fold(w) for w in ("куда", "как", "где", "что", "можно", "нужно", "ли", "пустят", "реально",
                                         "куди", "як", "де", "чи", "можна", "треба", "пустять", "тоже", "теж"))
_VISITS_US_RE = re.compile(r"\b(visit|see|join|meet|stay with|come (to|and see)) (us|me)\b")
_CJK_HEARSAY = "听说"
# Verbs after which "us" before a visa is the pronoun ("will they give us visas", "can they issue us a visa")
_GIVING_US = frozenset(["give", "gives", "gave", "giving", "get", "got", "grant", "granted", "issue", "issued", "send",
                        "help", "helped", "let", "allow", "offer", "sell", "sold", "deny", "denied", "refuse",
                        "refused", "charge", "charged"])
# Going somewhere, before "to us": the country ("travel to us", "visa to us"), where "come to us" is the pronoun
_GOING_TO_US = frozenset(["travel", "travelling", "traveling", "go", "going", "fly", "flying", "move", "moving",
                          "immigrate", "emigrate", "relocate", "trip", "visa", "flight", "flights"])
# A place the asker sets aside: "forget azerbaijan", "never mind Iran", "scrap Syria"
_DISMISSED_BEFORE = frozenset(["forget", "nevermind", "mind", "scrap", "skip", "vergiss", "oublie", "olvida",
                               "забудь", "забудьте"])
# After "by", "за", "по": the nationality is the family's ("by descent", "українка за походженням", "армянин по
# происхождению"; but "Française d'origine haïtienne" is French, of Haitian origin)
_HERITAGE_AFTER = frozenset(["birth", "blood", "descent", "походженням", "происхождению", "крови", "кровью"])
# Words that say more than the asker travels ("can we go", "take me", "with him"): a parent's nationality may then be
# a traveler's passport
_SEVERAL_TRAVELERS = frozenset(["we", "us", "our", "both", "together", "he", "she", "him", "her", "they", "them",
                                "мы", "нас", "ми", "он", "она", "вин", "вона", "его", "ее", "його", "ии", "nous", "on",
                                "wir", "uns", "nosotros", "vamos", "nos", "ele", "ela", "il", "elle", "er", "sie",
                                "take", "bring", "with"])
_FRENCH_ON_VERBS = frozenset(["peut", "pourrait", "va", "veut", "voudrait", "doit", "a", "est", "part", "voyage",
                              "sera", "ira", "fait", "reste", "aimerait", "compte", "prevoit", "se", "y", "n", "ne"])
# Words that fold onto a name but are spelled otherwise: Ukrainian "крім" (except) folds as "Крим" (Crimea) does
_FOLDED_WORDS = frozenset(["крім"])
# German verbs and question words before "man" (one, the pronoun): "kann man von Polen rüber" is no man from Poland,
# nor the Isle of Man
_GERMAN_MAN_BEFORE = frozenset(["kann", "darf", "muss", "soll", "sollte", "konnte", "braucht", "geht", "kommt",
                                "sieht", "wird", "hat", "ist", "wie", "wo", "was", "ob", "dass", "wenn", "als",
                                "bekommt", "fahrt", "reist", "kriegt", "findet", "macht", "nimmt", "mochte", "will",
                                "wurde"])
_FOLDED_KEYS = frozenset(fold(w) for w in _FOLDED_WORDS)
_CLAUSE_BREAK_RE = re.compile(r"[\s，。,.？?！!；;]")
# The Russian keyboard's letters on the keys of the Latin layout (QWERTY to ЙЦУКЕН).
_LAYOUT = str.maketrans(dict(zip("qwertyuiop[]asdfghjkl;'zxcvbnm,.`", "йцукенгшщзхъфывапролджэячсмитьбюё",
                                 strict=True)))
_WORD_RE = re.compile(r"\w+")
# A CJK name after "from" or before a residence card is where the traveler comes from or lives ("从喀什",
# "美国绿卡").
_CJK_ORIGIN_BEFORE = ("从", "由", "自")
_CJK_CONTINENTS = ("洲", "南极", "北极", "新")
_CJK_STAY_AFTER = ("留学", "读书", "工作", "生活", "居住", "上学", "交换", "交流", "实习", "打工", "出差", "定居",
                   "旅居")
# "美籍华人", "英籍": one character for the country before 籍 (nationality) names the passport.
_CJK_NATIONALITY_RE = re.compile("([美英中日韩法德俄加澳])籍")
_CJK_NATIONALITY = {"美": "US", "英": "GB", "中": "CN", "日": "JP", "韩": "KR", "法": "FR", "德": "DE", "俄": "RU",
                    "加": "CA", "澳": "AU"}
_CJK_BEEN_TO = ("去过", "到过", "来过", "去過", "到過", "來過")  # "我去过台湾，能去中国吗": been there before
_CJK_ORIGIN_AFTER = ("绿卡", "永久居留", "居留")
_CJK_PASSPORT_GLUE = "的の "
# "my old indian passport", "my expired Russian passport": a passport the asker no longer uses
_FORMER_WORDS = frozenset(["old", "former", "expired", "previous", "ex", "antiguo", "antigo", "ancien", "alten",
                           "alter", "старый", "старыи", "старии", "просроченный"])
# "sacar pasaporte cubano", "get a Cuban passport": a passport still to be got
_GET_VERBS = frozenset(["get", "obtain", "apply", "sacar", "tirar", "obtener", "tramitar", "obtenir", "demander",
                        "получить", "оформить", "отримати", "оформити"])
# "only ever had a canadian passport", "nur den deutschen Pass", "solo tengo pasaporte español"
_ONLY_WORDS = frozenset(["only", "nur", "solo", "solamente", "somente", "apenas", "только", "лише", "тильки"])
# Documents a country issues to refugees, stateless people and residents who are not its citizens, after its
# demonym ("a norwegian travel document", "a dutch travel document for stateless persons", "a German residence permit")
_FOREIGNERS_DOCUMENTS = (["travel", "document"], ["travel", "documents"], ["refugee", "travel"],
                         ["refugee", "passport"], ["residence", "permit"], ["residence", "card"],
                         ["residency", "card"], ["green", "card"], ["stateless", "travel"], ["alien", "passport"],
                         ["non", "citizen"], ["noncitizen", "passport"])
# "like my dutch friends", "como los turistas indios": people compared to, not the traveler
_LIKE_WORDS = frozenset(["like", "como", "comme", "wie"])  # not "как"/"як", "as" too ("как россиянину")
_COMPARED_FILLERS = frozenset(["my", "other", "the", "los", "las", "les", "mes", "mis", "meine", "die", "os", "as",
                               "meus", "otros", "outros", "autres", "andere", "anderen", "turistas", "touristes",
                               "tourists"])
# An apology for the language written ("sorry mon anglais", "excuse my bad english", "perdón por mi inglés")
_APOLOGY_WORDS = frozenset(["sorry", "excuse", "pardon", "apologies", "desculpa", "desculpe", "perdon", "perdao",
                            "disculpa", "disculpe", "disculpen", "desole", "desolee", "entschuldigung", "entschuldige",
                            "sorri", "извините", "простите", "вибачте", "пробачте"])
_POOR_WORDS = frozenset(["bad", "poor", "broken", "terrible", "mauvais", "malo", "mal", "ruim", "schlechtes",
                         "schlecht", "not", "good", "great", "perfect"])
# "do I need an Iranian passport", "preciso de passaporte iraniano", "brauche ich einen iranischen Pass": one to get
_NEED_WORDS = frozenset(["need", "needs", "require", "requires", "preciso", "precisa", "precisamos", "necesito",
                         "necesita", "necesitamos", "brauche", "braucht", "brauchen", "besoin", "нужен", "нужно",
                         "потрибен", "потрибно", "треба"])
_HAVE_INFINITIVES = frozenset(["have", "avoir", "tener", "ter", "haben", "hold"])
# Verbs of holding or using a passport before "a mexican one"
_HOLD_OR_USE = frozenset(["have", "has", "had", "hold", "holds", "got", "use", "using", "used", "take", "travel"])
# Verbs of holding beside "only" ("only ever had a canadian passport"), not of travelling on one
_HOLD_VERBS = frozenset(["have", "had", "has", "hold", "holding", "got", "ever", "hab", "habe", "tengo", "tenho",
                         "tiene", "tem", "есть", "маю", "имею", "possede", "besitze"])
# Who "they" is in "will they let me in" when one parent is named: the border, not a second traveler
_AUTHORITIES = frozenset(["they", "them"])
_PLURAL_PARENTS = frozenset(["parents", "eltern", "padres", "pais", "родители", "батьки"])
MAX_TYPO_CHOICES = 3
# Spanish and Portuguese verbs of "we" ("salimos", "vamos", "queremos") are no typos of a name ("Salamis").
_ROMANCE_VERB_ENDINGS = ("amos", "emos", "imos")
# Who is asked whether they have been somewhere ("anyone been to Transnistria lately?"): a question for reports,
# not the traveler's own past visit.
_ASKED_SUBJECTS = frozenset(["anyone", "anybody", "someone", "somebody", "you", "u", "ya", "people", "folks", "yall",
                             "кто", "хто", "хтось", "ктото", "кто-нибудь", "alguien", "alguem", "quelqu"])
# Words opening a follow-up before a bare nationality ("and chinese?", "what about japanese?").
_FOLLOWUP_LEADS = frozenset(["and", "what", "how", "about", "et", "und", "y", "e", "и", "а", "і", "та", "ok", "so"])
# "the border between Poland and Belarus": of two places, the one the knowledge base curates is asked about.
# Words between "I'm" and a nationality that leave it the traveler's ("i'm also iranian by my dad").
_IDENTITY_ADVERBS = frozenset(["also", "actually", "technically", "legally", "officially",
                               # the whole group ("we're all Singaporean", "Wir sind beide Deutsche", "somos todos
                               # argentinos", "nous sommes tous français")
                               "all", "beide", "alle", "todos", "todas", "tous", "toutes", "ambos", "ambas", "оба",
                               "обе", "обидва", "обидви", "усі", "вси"])
# Where the traveler is now ("now in Poland", "зараз у Батумі", "estamos en Lima", "wir sind gerade in Tiflis")
_NOW_WORDS = frozenset(["now", "currently", "presently", "зараз", "сеичас", "ahora", "agora", "actualmente",
                        "atualmente", "maintenant", "actuellement", "jetzt", "gerade", "momentan", "derzeit"])
_NOW_AT = frozenset(["in", "at", "в", "у", "en", "em", "na", "no", "a", "au", "im", "auf"])
_WE_ARE = frozenset(["are", "were", "мы", "ми", "estamos", "sommes", "sind"])
_INCLUDING = frozenset(["incl", "including", "includes", "inklusive", "inkl", "einschliesslich",
                        "incluido", "incluida", "incluyendo", "incluindo", "inclus", "inclusive", "compris",
                        "включая", "включно", "включаючи"])
# A half of a country said alone, and the English half word of the other one ("la partie sud" after "Chypre du
# Nord", "на південь", "in den Süden"), and the words for its part
_BARE_HALVES = {"south": "north", "sud": "north", "sur": "north", "sul": "north", "suden": "north",
                "sueden": "north", "юг": "north", "пивдень": "north", "north": "south", "nord": "south",
                "norte": "south", "norden": "south", "север": "south", "пивнич": "south"}
_PART_WORDS = frozenset(["part", "partie", "parte", "teil", "side", "cote", "lado", "half", "moitie", "часть",
                         "частину", "сторону", "бик"])
# Romance verbs of setting off before "de" ("saindo de Punta Arenas", "saliendo de Ushuaia", "en partant d'Erevan")
_LEAVING_FROM = frozenset(["partir", "saindo", "saliendo", "partiendo", "partindo", "partant", "sortant", "salimos",
                           "saimos", "salgo", "saio", "sale", "sai", "part", "partimos", "partons"])
_LEG_WORDS = frozenset(["part", "leg", "section", "stretch", "portion", "bit"])
_CJK_THERE = ("过去", "那里", "那边", "那儿")
_DETOUR_WORDS = frozenset(["detour", "excursion", "abstecher", "desvio", "crochet", "вылазка"])
_HEADING_VERBS = frozenset(["going", "heading", "headed", "travelling", "traveling"])
# "an der Grenze zum Iran", "at the border with Afghanistan", "на границе с Ираном", "à la frontière avec l'Algérie"
_BORDER_WITH = frozenset(["with", "to", "zum", "zur", "zu", "mit", "avec", "con", "com", "с", "з", "со"])
_BORDER_NOUNS = frozenset(["border", "borders", "grenze", "frontiere", "frontera", "fronteira", "границе", "кордоні",
                           "кордони", "граница", "границы", "кордон"])
_AT_WORDS = frozenset(["at", "on", "near", "an", "am", "bei", "на", "a", "en", "na", "no", "pres"])
_OF_WORDS = frozenset(["of", "do", "da", "de", "du", "des", "del", "von", "der"])
_BETWEEN_WORDS = frozenset(["between", "zwischen", "entre", "между", "миж"])
_BETWEEN_ARTICLES = frozenset(["l", "le", "la", "les", "el", "los", "las", "o", "os", "as", "dem", "den"])
# Words that make the clause closing a message a question of its own, not one more stop of a list.
_LET_IN_RE = re.compile(r"\b(let|lets|letting) (\w+ ){0,2}(in|into|enter)\b")
_CLAUSE_QUESTION_CUES = frozenset(["what", "about", "how", "is", "are", "can", "could", "do", "does", "need", "safe",
                                   "safety", "visa", "visas", "permit", "permits", "open", "reachable", "possible",
                                   "allowed", "можно", "как", "нужна", "нужен", "виза", "безопасно", "что", "qué",
                                   "que", "et", "e", "y", "und", "was", "wie"])
_CLAUSE_MARKS = frozenset([*",.?!;():", "–", "—", "-"])
_ALSO_WORDS = frozenset(["too", "also", "тоже", "также", "теж", "також", "auch", "aussi", "tambien", "tambem", "ще",
                         "еще"])  # "я з Ізраїлю але маю ще український паспорт": a second one
# "а донька ще й канадський", "а дочь тоже канадка": "also" between a person and their nationality
_CYRILLIC_ALSO = frozenset(["ще", "еще", "тоже", "также", "теж", "також", "и"])
# Churches named by a nationality ("Greek Orthodox", "Armenian Apostolic"): the traveler's faith, not a passport,
# when a passport is named too.
_CHURCH_WORDS = frozenset(["orthodox", "catholic", "apostolic", "coptic", "православныи", "православная", "ortodoxo",
                           "ortodoxa", "orthodoxe", "orthodoxer"])
# Persons a bare nationality straight after may describe when the two are a clause of their own ("me irish, wife
# indian, ladakh?", "(ela é angolana, eu brasileiro)"), and possessives before them.
_TELEGRAPHIC_PERSONS = (PERSON_SUBJECTS | frozenset(["me", "moi", "mich", "ella", "ela", "elle", "ele",
                                                      "eu", "yo", "ich"])) - frozenset(
    ["i", "who", "we", "they"])
_POSSESSIVES = frozenset(["my", "our", "his", "her", "mein", "meine", "ma", "mon", "mi", "mis", "minha", "meu"])
# Words of a half of a place ("north or south cyprus", "Северный Кипр или Южный"), and their Cyrillic stems
_HALF_WORDS = frozenset(["north", "south", "northern", "southern", "east", "west", "eastern", "western"])
_HALF_STEMS = tuple(fold(w) for w in ("северн", "южн", "півн", "півден", "восточн", "западн", "східн", "західн"))


_INSURANCE_HINTS = ("insur", "seguro", "versicher", "assurance", "страх")


def _required_document(folded_text: str) -> bool:
    """"preciso de seguro de viagem?", "do I need travel insurance": whether a document is required."""
    return any(h in folded_text for h in _INSURANCE_HINTS) and bool(REQUIRED_DOCUMENT_PHRASES.search(folded_text))


def _half_word(word: str) -> bool:
    return word in _HALF_WORDS or (len(word) > 4 and word.startswith(_HALF_STEMS))


# Someone else living somewhere ("she lives in", "вона живе", "vive en", "wohnt in")
_LIVES_WORDS = frozenset(["lives", "living", "живе", "живет", "проживает", "проживае", "vive", "mora", "wohnt", "vit",
                          "habite", "reside", "resides"])
# A visa the traveler already holds ("I already have my UAE visa sorted", "got my visa approved")
_VISA_IN_HAND_RE = re.compile(r"\balready (have|got|hold) (my|a|the|our) (\w+ ){0,2}(visa|visas|evisa)\b"
                              r"|\b(visa|visas|evisa) (is |are )?(already )?(sorted|approved|in hand)\b")
# The card brand, not the document ("Geldautomaten für Visa-Karten", "does my visa card work", "carte Visa")
_VISA_CARD_RE = re.compile(r"\bvisa (card|cards|karte|karten|kreditkarte|debit|carte|cartes|tarjeta|tarjetas|cartao|"
                           r"cartoes|карта|карты|карту|картои|картка|картки|карткою)\b|"
                           r"\b(carte|tarjeta|cartao|karte|карта|картои|картка|карткою) visa\b")
_BUT_WORDS = frozenset(["but", "aber", "mais", "pero", "mas", "но", "але"])
_AND_WORDS = frozenset(["and", "&", "y", "e", "et", "und", "и", "і", "та"])  # two nationalities of one clause
# ... and before a passport word the nationality follows ("je n'ai jamais eu de passeport iranien", "nunca tuve
# pasaporte iraní", "никогда не было паспорта")
_BEFORE_NEGATED_PASSPORT = frozenset(["a", "an", "the", "my", "had", "have", "has", "hold", "any", "ever", "de", "d",
                                      "eu", "tenido", "tuve", "tido", "tive", "gehabt", "hatte", "un", "una", "um",
                                      "uma", "einen", "ein", "eine", "den", "el", "le", "o", "было", "мав", "мала",
                                      "имел", "имела"])
_BEFORE_NEGATED = frozenset(["a", "an", "the", "my", "his", "her", "their", "our", "had", "have", "has", "hold", "any",
                             "ever"])
# Endings of English verb forms: a word with one is corrected only into a name that ends the same way ("Beijing").
_ENGLISH_ENDINGS = ("ing", "ed")
PASSPORT_JOINS = frozenset({"/", "+", "&"})  # "US/Iranian", "US+MX passports" (a comma would join "Americans, Iran")
# Languages whose names typo correction aims at; a Spanish "turismo" must not become Slovak "Tunisko".
CORRECTION_LANGS = frozenset({"eng", "und", "rus", "deu", "fra", "spa", "por", "ita", "pol", "tur"})
# Translations this short in other languages collide with ordinary words of those languages and are not indexed.
MAX_FOREIGN_SHORT = 4
# Languages whose display names (CLDR, for answers) are also matched: for Ukrainian they are the only source.
DISPLAY_NAME_LANGS = frozenset({"uk"})


_TRANSLIT_DIGRAPHS = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("ya", "я"),
                      ("yu", "ю"), ("yo", "ё"), ("ye", "е"), ("iu", "ю"), ("ia", "я"))
_TRANSLIT_LETTERS = dict(zip("abvgdezijklmnoprstufhcwxq", "абвгдезийклмнопрстуфхцвхк", strict=True))


def _translit(word: str) -> str:
    """A Russian word typed in Latin letters, back in Cyrillic and folded ("severnuyu" -> "северную")."""
    out: list[str] = []
    i = 0
    while i < len(word):
        for latin, cyrillic in _TRANSLIT_DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            ch = word[i]
            if ch == "y":  # "moy" -> "мой", "ty" -> "ты"
                out.append("й" if out and out[-1] in "аеёиоуыэюя" else "ы")
            else:
                out.append(_TRANSLIT_LETTERS.get(ch, ch))
            i += 1
    return fold("".join(out))


def _is_cjk(text: str) -> bool:
    return bool(_CJK_RE.fullmatch(text.replace(" ", "")))


# Adjective endings of Russian and Ukrainian, folded as tokens are (й is и, і is и), longest first.
_CYRILLIC_ADJ_ENDINGS = tuple(sorted(
    {fold(e) for e in ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                       "ом", "ем", "ую", "юю", "ей", "ых", "их", "ыми", "ими", "ою", "ею", "а", "е", "и")},
    key=len, reverse=True))
# Endings only adjectives and pronouns take: a single word with one is no country noun ("самого" is not "Самоа").
_ADJECTIVE_ONLY_ENDINGS = ("ого", "его", "ому", "ему")
# Case endings that Cyrillic names ending in a consonant take ("Кыргызстана", "Узбекистану", "Таджикистаном").
# Verbs of fetching someone from a place, which is then where the traveler goes, folded ("забрати маму з
# Маріуполя", "вывезти родителей из Херсона", "pick up my mother from Mariupol", "recoger a mi madre de Caracas")
_FETCH_STEMS = tuple(fold(w) for w in ("забрат", "забрать", "забери", "вывез", "вывоз", "вивез", "вивоз", "эвакуир",
                                       "евакую", "pick", "fetch", "collect", "evacuat", "rescue", "recoger", "buscar",
                                       "chercher"))
# Words asking whether a document is needed ("do I need a Chinese visa?", "chinese visa needed?"), folded
_NEED_WORDS = frozenset(["need", "needed", "needs", "require", "required", "requires", "нужна", "нужен", "нужно",
                         "потрибна", "потрибен", "brauche", "brauchen", "braucht", "necesito", "necesitamos",
                         "necesita", "preciso", "precisa", "precisamos", "besoin", "faut"])
# Electronic travel authorisations, which name their country as a visa does ("the Canadian eTA", "British ETA")
_AUTHORISATION_WORDS = frozenset(["eta", "etas", "etias"])
_VOWEL_NAME_INSTRUMENTALS = tuple(fold(e) for e in ("ою", "ею", "ой", "ей"))  # the instrumental of names in -а, -я
_CONSONANT_NAME_CASES = tuple(fold(e) for e in ("ом", "ем", "а", "у", "е"))
_PEOPLE_PLURAL_ENDINGS = ("ов", "ев", "ив")  # folded "-ів" too
_CYRILLIC_ADJ_SUFFIXES = tuple(fold(e) for e in ("ский", "цкий", "ський", "цький"))


_CYRILLIC_VOWELS = tuple("аеиоуыэюяь")


def _adjective_stems_of_noun(noun: str) -> tuple[str, ...]:
    """Stems of the Russian and Ukrainian adjectives of a folded demonym noun (й folded to и): "серб" -> "сербск",
    "бразилец" -> "бразильск", "кореец" -> "кореиск", "болгарин" -> "болгарск"; each with the Ukrainian "-ськ"."""
    if noun.endswith(("ец", "ець")):
        base = noun[: -2 if noun.endswith("ец") else -3]
        stems = [base + ("иск" if base.endswith(_CYRILLIC_VOWELS) else "ьск" if base.endswith("л") else "ск")]
    elif noun.endswith("ин") and len(noun) >= 6:
        stems = [noun[:-2] + "ск", noun + "ск"]
    else:
        stems = [noun + "ск"]
    return tuple(stems + [s[:-2] + "ськ" for s in stems])


def _adj_stem(token: str, keep: int = 4) -> str:
    """Stem of an inflected Cyrillic adjective ("российскому", "российский" -> "российск"), at least `keep`
    letters long."""
    for ending in _CYRILLIC_ADJ_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= keep:
            return token[: -len(ending)]
    return token


def _name_adj_stem(words: list[str]) -> str:
    """Stem of a Cyrillic name whose first words are adjectives, their endings cut whatever the case
    ("Южном Судане", "Південного Судану", "Північної Кореї", "Южную Осетию" meet "Южный Судан",
    "Північна Корея", "Южная Осетия"); the last word, a noun, is stemmed as usual. "" for one word."""
    if len(words) < 2:
        return ""
    return " ".join([*(_name_adj_word(w) for w in words[:-1]), _stem(words[-1])])


def _name_adj_word(word: str) -> str:
    """An adjective in a place name, stemmed a little deeper ("Южном" -> "южн")."""
    return _adj_stem(word, keep=3)


def _stem(token: str) -> str:
    """Crude stem for inflected Cyrillic names ("Северную Корею" -> "северн коре")."""
    if len(token) <= 4:
        return token
    return token[: max(4, len(token) - 2)]


# Plural and dative endings of Cyrillic demonyms ("американцам", "британцев", "американцу"): people, so passports.
_CYRILLIC_PLURALS = ("ам", "ям", "ев", "ов", "ян", "цы", "ане", "яне", "ки", "ці", "ців", "цам", "цу", "ину", "нину",
                     "ци", "цив", "цю")  # "-цю": the Ukrainian dative ("куди простіше українцю")


# Case endings of Cyrillic nouns, folded, longest first: a demonym in any case meets its other forms at the base
# ("белоруске", "белоруска"; "россиянами", "россияне"; "казахстанцах", "казахстанец").
_CYRILLIC_NOUN_ENDINGS = tuple(sorted({fold(e) for e in ("ами", "ями", "ах", "ях", "ам", "ям", "ов", "ев", "ів", "ой",
                                                         "ей", "ою", "ею", "ом", "ем", "у", "ю", "е", "ы", "и", "а",
                                                         "я")}, key=len, reverse=True))


def _demonym_base(word: str) -> str:
    """The base of a Cyrillic demonym noun in any case: the case ending cut, then the singular suffix
    ("армянину" -> "армян" as "армяне"), and the fleeting vowel ("эстонец" -> "эстонц" as "эстонцы")."""
    for ending in _CYRILLIC_NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if word.endswith("ин") and len(word) >= 7:
        return word[:-2]
    if word.endswith(("ец", "ець")):
        return word[: -2 if word.endswith("ец") else -3] + "ц"
    return word


# Endings of Cyrillic adjectives, folded: "русский", "российская", "российским" describe; "немца", "россиянин",
# "американка" (nouns) are people.
_CYRILLIC_ADJ_ONLY = tuple(fold(e) for e in ("ий", "ый", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому", "ему",
                                            "ым", "им", "ых", "их", "ую", "юю", "ой", "ей", "ою", "ею"))


def _plural_demonym(key: str) -> bool:
    """"Americans", "американцам", "британцев": people of that nationality, so their passport."""
    return key.endswith("s") or (bool(_CYRILLIC_RE.match(key)) and key.endswith(_CYRILLIC_PLURALS))


_GERMAN_NOUN_ENDINGS = ("ier", "aner", "er", "e")  # Bosnier, Amerikaner, Syrer, Kasache
_GERMAN_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


def _german_adjectives(form: str) -> tuple[str, ...]:
    """The inflected German adjectives of a German demonym noun ("Bosnier" -> "bosnisch", "bosnischen"; "Kasache"
    -> "kasachisch"), so "mit einem bosnischen Pass" and "deutsch + kasachisch" name passports; what it derives
    for irregular nouns ("Schweizer" -> "schweizisch") is simply never typed."""
    if not (form[:1].isupper() and form.isalpha() and fold(form).isascii()) \
            or form.endswith(("in", "en", "innen", "ern")):
        return ()
    key = fold(form)  # "Türke" -> "turkisch", as "türkischen" is folded
    for ending in _GERMAN_NOUN_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[: -len(ending)]
            return tuple(f"{stem}isch{e}" for e in _GERMAN_ADJ_ENDINGS)
    if key.endswith("i") and len(key) >= 6:  # "Israeli", "Pakistani", "Kuwaiti": "israelisch", "pakistanisch"
        return tuple(f"{key[:-1]}isch{e}" for e in _GERMAN_ADJ_ENDINGS)
    return ()


def _german_noun(raw: str) -> bool:
    return raw[:1].isupper() and not raw.isupper() and raw.casefold().endswith(("er", "erin", "ern", "erinnen"))


def _typed_for(token: str, words: frozenset[str]) -> bool:
    """A word of six letters or more one edit from one of `words` ("presisa" for "precisa")."""
    return len(token) >= 6 and token.isalpha() and any(
        abs(len(w) - len(token)) <= 1 and DamerauLevenshtein.distance(token, w) <= 1 for w in words if len(w) >= 6)


def _passport_typo(token: str) -> bool:
    """"passprot", "pasport" are typed for "passport": one edit, from seven letters."""
    return len(token) >= 7 and token.startswith("pas") and token.isascii() and (
        DamerauLevenshtein.distance(token, "passport") <= 1 or DamerauLevenshtein.distance(token, "passports") <= 1)


_PRONOUN_HOLDERS = frozenset(["he", "she", "hes", "shes", "him", "her", "his", "он", "она", "вин", "вона", "ele", "ela",
                              "il", "elle", "el", "ella", "er", "sie"])


def _id_card(raw_tokens: list[str], i: int) -> bool:
    """"a turkish id card", "with a Turkish ID?": an identity card, which some borders take as a passport ("I'd" is
    no ID)."""
    if raw_tokens[i].casefold() not in ("id", "ids"):
        return False
    nxt = raw_tokens[i + 1].casefold() if i + 1 < len(raw_tokens) else ""
    return nxt in ("card", "cards", "") or nxt in _CLAUSE_MARKS


def _holder(span: Span, tokens: list[str]) -> str:
    """Who holds the passport `span` names: "self" for the asker (and those with them: "we're British"), the
    person word nearest before it ("my wife is Thai": "wife"), the people noun after it ("Chinese teacher"), or ""
    when the question does not say."""
    if span.end < len(tokens) and tokens[span.end] in PEOPLE_NOUNS:
        return tokens[span.end]  # "South Korean students and one Chinese teacher"
    if span.end < len(tokens) and tokens[span.end] in OTHER_HOLDERS and tokens[span.end] not in _PRONOUN_HOLDERS:
        return tokens[span.end]  # "with a Russian boyfriend", "com namorado russo" looks back to the noun
    j = span.start - 1
    while j >= 0 and span.start - j <= 10:
        if tokens[j] in SELF_HOLDERS or tokens[j] in ("we", "were", "our"):
            return "self"
        if tokens[j] in OTHER_HOLDERS:
            return tokens[j].removesuffix("s") if tokens[j] in ("hes", "shes") else tokens[j]
        j -= 1
    return "self" if span.start == 0 else ""  # "Brazilian with a Russian boyfriend": who asks opens the message


def _seen_as(tokens: list[str], i: int) -> bool:
    """"iran will treat me as iranian": tokens[i] is "as" in how others see the traveler, not a passport held."""
    return tokens[i] == "as" and i > 1 and tokens[i - 1] in ("me", "us", "him", "her", "them") and tokens[i - 2] in (
        "treat", "treats", "consider", "considers", "see", "sees", "regard", "regards")


def _describes_traveler(tokens: list[str], i: int, raw_tokens: list[str] | None = None) -> bool:
    """tokens[i] makes the nationality after it the traveler's: "as", "I'm", "soy", "en tant que", a
    copula after a person ("my wife is", "mi esposa es") or one contracted onto it ("my mate's")."""
    word = tokens[i]
    if _seen_as(tokens, i):
        return False
    if word in IDENTITY_TRIGGERS:
        return True
    if raw_tokens is not None and raw_tokens[i].casefold().endswith(("'s", "’s")) and word[:-1] in PERSON_SUBJECTS:
        return True
    if word == "que":
        return i > 0 and tokens[i - 1] == "tant"
    if word in CYRILLIC_PERSON_NOUNS:
        return True
    if word in ("меня", "мене") and i > 1 and tokens[i - 1] == "у" and tokens[i - 2] in CYRILLIC_PERSON_NOUNS:
        return True  # "муж у меня русский"
    if word in COPULAS and i > 1 and tokens[i - 1] in ("que", "qui"):
        k = i - 2 if tokens[i - 2] else i - 3  # "minha esposa, que é portuguesa", "mon mari, qui est algérien"
        return k >= 0 and (tokens[k] in PERSON_SUBJECTS or tokens[k] in OTHER_HOLDERS
                           or tokens[k] in ROMANCE_PERSON_NOUNS)
    return word in COPULAS and i > 0 and (tokens[i - 1] in PERSON_SUBJECTS or tokens[i - 1] in _GROUP_COUNTS
                                          or tokens[i - 1].isdigit())  # "most are American, one is Mexican"


# Parts of a group said before a copula and a nationality ("Most are American, two are Chinese and one is Mexican")
_GROUP_COUNTS = NUMBER_WORDS | frozenset(["most", "some", "others", "rest", "few", "many", "half", "majority",
                                         "several"])


def _most_specific(codes: set[str], parents: dict[str, str]) -> str | None:
    """The one region among `codes` whose other codes are all its parent (None if there is no such region)."""
    regions = [c for c in codes if c in parents and codes - {c} <= {parents[c]}]
    return regions[0] if len(regions) == 1 else None


def _regions_first(codes: list[str], kb: KnowledgeBase, behind: frozenset[str] = frozenset()) -> list[str]:
    """A region named beside its country ("Crimea, Ukraine", "Abkhazia from Russia") is the destination, unless
    it is one the traveler leaves behind ("after Crimea ... to Ukraine")."""
    out = list(codes)
    for code in codes:
        place = kb.places.get(code)
        if place and code not in behind and place.parent in out and out.index(place.parent) < out.index(code):
            out.remove(code)
            out.insert(out.index(place.parent), code)
    return out


# Governments whose advisory levels the knowledge base holds, and the words for "for" before one asked about.
_RATING_GOVERNMENTS = frozenset(["US", "GB", "CA", "AU"])
_FOR_WORDS = frozenset(["for", "para", "pour", "fur", "fuer", "для"])
# What a government says or thinks, asked about without naming the place: the chat's place
_SAY_WORDS = frozenset(["say", "says", "saying", "think", "thinks", "sagt", "sagen", "dit", "disent", "dice", "dicen",
                        "diz", "dizem", "говорит", "говорят", "каже", "кажуть"])
# The traveler saying they do not know which place it is ("weiß grad nicht wo der Flug hingeht", "not sure which")
_UNSURE_RE = re.compile(r"\b(not sure|dont know|no idea|weiss (grad |gerade |noch )?nicht|keine ahnung|no se|"
                        r"je ne sais pas|sais pas|nao sei|не знаю|не уверен|не впевнен\w*)\b")
_CJK_UNSURE = ("不知道", "不确定", "搞不清")
_ONWARD = frozenset(["on", "onward", "onwards", "weiter", "дальше", "далее"])
_ONWARD_TO = frozenset(["to", "into", "nach", "в", "на", "до"])
# Words that may open "and the rest of X?", "what about the rest of X", "y el resto de X"
_ASKING_ABOUT = frozenset(["and", "what", "about", "how", "the", "y", "et", "e", "el", "le", "o", "и", "а", "le", "du",
                           "ok", "so", "but"])
# Who has something in "у неё украинский", "у мужа российский" (folded)
_HOLDER_AFTER_U = frozenset(["меня", "мене", "нее", "неи", "него", "нього", "них", "нас", "жены", "мужа", "дружини",
                             "чоловика", "сына", "сина", "дочери", "доньки", "мамы", "мами", "папы", "тата"])
# "... and from there to X" ("а звідти на", "а оттуда в", "y de ahí a", "und von dort nach", "e dali para")
_THENCE = frozenset(["звидти", "оттуда", "dali", "dai", "thence"])
_THENCE_PAIRS = [["from", "there"], ["de", "ahi"], ["de", "alli"], ["desde", "ahi"], ["desde", "alli"], ["von", "dort"],
                 ["dort", "aus"], ["de", "lá"], ["от", "туда"]]
_THEN_WORDS = frozenset(["а", "then", "luego", "dann", "потом", "потим", "depois", "puis", "ensuite", "on", "onwards"])
_TOWARDS_STOP = frozenset(["to", "into", "на", "в", "у", "до", "a", "al", "nach", "para", "pra", "vers", "en", "em",
                           "fly", "go", "head", "drive", "take", "get", "ferry", "boat", "flight"])
_RATES_VERBS = frozenset(["give", "gives", "put", "puts", "rate", "rates", "rank", "ranks", "met", "donne", "da",
                          "pone", "gibt", "stuft"])  # "what level does the UK give Iran"


@dataclass
class Span:
    start: int
    end: int
    codes: tuple[str, ...]
    how: str  # name | code | fuzzy | stem | cjk | weak | ambiguous | demonym
    score: float
    text: str
    plural: bool = False
    passport: bool = False  # CJK name directly followed by a passport word ("美国护照")
    adviser: bool = False  # CJK name directly followed by a ministry ("美国国务院")
    origin: bool = False  # CJK name after "from" or before a residence card ("从喀什", "美国绿卡")
    choices: bool = False  # CJK name of several places ("刚果"): the bot asks which, as for an ambiguous name


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
    intent: str = "question"  # question | when | level | compare | off-topic
    followup: bool = False  # reads like a follow-up in a chat ("and with a UK passport?")
    # Several passports held by one traveler ("I have US and Mexican passports"), not by several people ("my fiancé
    # is Nigerian and I'm American"): only then does a dual-nationality warning apply.
    dual: bool = False
    context_used: bool = False

    @property
    def sure(self) -> bool:
        return bool(self.destinations) and self.confidence >= CONFIDENCE_THRESHOLD


class Matcher:
    """Indexes every name in the knowledge base once; `understand` then works on the index in memory,
    asking the knowledge base only whether an unknown word is ordinary English (cached per word)."""

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
        cjk_choices: dict[str, set[str]] = defaultdict(set)
        display: dict[str, str] = {}
        display_names: list[tuple[str, str]] = []
        adj_name_stems: dict[str, set[str]] = defaultdict(set)
        alias_keys: set[str] = set()
        correctable: set[str] = set()
        # Names of a country itself in some language, and the other names (towns, regions, sights): "a tourist from
        # Moscow" says where someone lives, not the passport they hold
        country_keys = {fold(name) for _, name, _, kind in self.kb.names if kind in _COUNTRY_NAME_KINDS}
        town_keys = {fold(name) for code, name, _, kind in self.kb.names if kind in ("alias", "capital", "curated")
                     and not name.isupper() and fold(name) not in country_keys}
        for code, name, _lang, kind in self.kb.names:
            raw = name.strip()
            key = fold(raw)
            if not key:
                continue
            if kind == "ambiguous":
                ambiguous[key].add(code)
                if _is_cjk(raw):
                    cjk_choices[raw.replace(" ", "")].add(code)
                continue
            if kind == "translation" and _lang not in CORRECTION_LANGS and len(key) <= MAX_FOREIGN_SHORT \
                    and key.isascii():
                continue  # Breton "Suis" (Switzerland) is the French "suis"; nobody writes to the bot in Breton
            if kind == "alt" and 3 < len(key) <= MAX_FOREIGN_SHORT and key.isascii() and not raw.isupper():
                continue  # short alternative spellings are words too: "Mann" (Isle of Man) is the German "man"
            if kind == "weak":
                weak[key] = code
                continue
            if kind == "display":  # names for answers in other languages, mostly repeating translations
                if _lang in DISPLAY_NAME_LANGS:  # "Мʼянма (Бірма)": each name alone, the apostrophe as typed
                    raw = raw.replace("\u02bc", "'")
                    both = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
                    for part in both.groups() if both else (raw,):
                        if fold(part):
                            display_names.append((code, fold(part)))
                continue
            if (re.fullmatch(r"[A-Z][A-Z.]{1,4}", raw) and len(key.replace(" ", "")) <= 3) \
                    or raw in UPPERCASE_ONLY_NAMES:
                codes[raw.replace(".", "")].add(code)
                continue
            exact[key].add(code)
            if _lang in CORRECTION_LANGS:
                correctable.add(key)
            if kind == "alias":
                alias_keys.add(key)
            if kind in PRIMARY_KINDS and _lang in ("eng", "und"):
                primary[key].add(code)
            display.setdefault(key, raw)
            if _is_cjk(raw):
                cjk[raw.replace(" ", "")].add(code)
            tokens = key.split()
            if all(_CYRILLIC_RE.match(t) for t in tokens):
                stems[" ".join(_stem(t) for t in tokens)].add(code)
                if len(tokens) > 1:
                    adj_name_stems[_name_adj_stem(tokens)].add(code)
        # Ukrainian names only CLDR has ("Еритрея", "Ємен", "Німеччина"): matched exactly (and in other cases
        # through stems) but never as typos, and only where no other name already uses the key. Names that are
        # ordinary words ("Того" is "of that", "Малі" folds to "мали", "had") are weak names in aliases.yaml.
        taken_stems = set(stems)
        for code, key in display_names:
            if key in exact or key in ambiguous or key in weak:
                continue
            exact[key].add(code)
            tokens = key.split()
            if all(_CYRILLIC_RE.match(t) for t in tokens):
                stem_key = " ".join(_stem(t) for t in tokens)
                if stem_key not in taken_stems:
                    stems[stem_key].add(code)
                if len(tokens) > 1:
                    adj_name_stems[_name_adj_stem(tokens)].add(code)
        for place in self.kb.places.values():
            codes[place.code].add(place.code)
        # A name shared by several places is ambiguous, unless it is the English or curated
        # name of exactly one of them (reference translations have a few errors).
        parents = {p.code: p.parent for p in self.kb.places.values() if p.parent}
        for key, codes_for_key in list(exact.items()):
            if len(codes_for_key) > 1 and len(primary.get(key, ())) == 1:
                exact[key] = set(primary[key])
            elif len(codes_for_key) > 1:
                region = _most_specific(codes_for_key, parents)
                if region:  # "Erbil" names Iraq and Iraqi Kurdistan: the region's name wins over its parent
                    exact[key] = {region}
        self.exact = {k: frozenset(v) for k, v in exact.items() if len(v) == 1 and k not in ambiguous}
        for k, v in exact.items():
            if len(v) > 1 and k not in ambiguous:
                ambiguous[k] |= v
        self.ambiguous = {k: tuple(sorted(v)) for k, v in ambiguous.items()}
        self.weak = weak
        self.codes = {k: tuple(sorted(v)) for k, v in codes.items()}
        self.stems = {k: tuple(sorted(v)) for k, v in stems.items() if len(v) == 1}
        self.adj_name_stems = {k: tuple(sorted(v)) for k, v in adj_name_stems.items() if len(v) == 1}
        # Nouns of two-word names, which may come before their adjective ("Кіпр північний", "Осетию южную")
        self.adj_name_nouns = frozenset(k.split()[1] for k in self.adj_name_stems if len(k.split()) == 2)
        self.cjk = {k: tuple(sorted(v)) for k, v in cjk.items() if len(v) == 1}
        self.cjk_choices = {k: tuple(sorted(v)) for k, v in cjk_choices.items()}
        self.cjk.update(self.cjk_choices)  # "刚果" alone is either Congo; "刚果金" (longer) is still one
        self.cjk_lengths = sorted({len(k) for k in self.cjk}, reverse=True)
        demonyms: dict[str, set[str]] = defaultdict(set)
        ours: dict[str, set[str]] = defaultdict(set)
        german: dict[str, set[str]] = defaultdict(set)
        for code, form, lang in self.kb.demonyms:
            key = fold(form)
            for variant in (key, key + "s") if key.isascii() and not key.endswith("s") else (key,):
                if variant:
                    demonyms[variant].add(code)
                    if lang == "und":
                        ours[variant].add(code)
            for adjective in _german_adjectives(form):
                german[adjective].add(code)
        for key, found in german.items():
            if key not in demonyms and len(found) == 1:
                demonyms[key] = found
        for key, found in ours.items():
            if len(found) == 1:
                demonyms[key] = found  # our alias list settles "American" (US, not UM)
        self.demonyms = {k: tuple(sorted(v)) for k, v in demonyms.items() if len(v) == 1}
        demonym_stems: dict[str, set[str]] = defaultdict(set)
        adj_stems: dict[str, set[str]] = defaultdict(set)
        for key, found in self.demonyms.items():
            if _CYRILLIC_RE.match(key) and len(key) >= 6:
                demonym_stems[_stem(key)].update(found)
                if key.endswith(_CYRILLIC_ADJ_SUFFIXES):
                    adj_stems[_adj_stem(key)].update(found)
        bases: dict[str, set[str]] = defaultdict(set)
        for key, found in self.demonyms.items():
            if _CYRILLIC_RE.match(key) and not key.endswith(_CYRILLIC_ADJ_SUFFIXES) and len(_demonym_base(key)) >= 5:
                bases[_demonym_base(key)].update(found)
        self.demonym_bases = {k: tuple(sorted(v)) for k, v in bases.items() if len(v) == 1}
        # Adjectives the knowledge base lacks, made from the nouns ("румын" -> "румынский", "бразилец" ->
        # "бразильский", "болгарин" -> "болгарский"; Ukrainian "-ський" too): "с румынским паспортом"
        derived: dict[str, set[str]] = defaultdict(set)
        for key, found in self.demonyms.items():
            if _CYRILLIC_RE.match(key) and len(key) >= 4 and not key.endswith(_CYRILLIC_VOWELS):
                for stem in _adjective_stems_of_noun(key):
                    derived[stem].update(found)
        for stem, found in derived.items():
            if stem not in adj_stems and len(stem) >= 5:
                adj_stems[stem] = found
        for stem, code in CYRILLIC_ADJECTIVE_STEMS.items():
            adj_stems.setdefault(stem, {code})
        # Any case of an adjective ("по российскому паспорту", "с казахстанским паспортом").
        self.demonym_adj_stems = {k: tuple(sorted(v)) for k, v in adj_stems.items() if len(v) == 1}
        self.demonym_adj_heads = frozenset(k[:4] for k in self.demonym_adj_stems)  # most words skip the stemming
        # Inflected adjectives: "українським паспортом", "с российским паспортом".
        self.demonym_stems = {k: tuple(sorted(v)) for k, v in demonym_stems.items() if len(v) == 1}
        vocab: dict[str, list[str]] = defaultdict(list)
        known: set[str] = set()
        for key in list(self.exact) + list(self.weak):
            for token in key.split():
                if len(token) >= 4 and token.isalpha() and not _is_cjk(token):
                    known.add(token)
                    if key in correctable or key in self.weak:  # typos are corrected towards names people type
                        vocab[token[0]].append(token)
        for key in self.demonyms:  # ... and towards nationality words ("amercans", "brittish", "canadains")
            if len(key) >= 5 and key.isascii() and key.isalpha():
                known.add(key)
                vocab[key[0]].append(key)
        self.vocab = {k: sorted(set(v)) for k, v in vocab.items()}
        for key, code in REGIONAL_DEMONYMS.items():  # read as typed, never a typo's correction ("galicia")
            if key not in self.demonyms and key not in self.exact and key not in self.ambiguous:
                self.demonyms[key] = (code,)
                known.add(key)
        self.vocab_set = known | NOT_PLACE_WORDS  # known words are never corrected into a name
        self.max_ngram = min(MAX_NGRAM, max((len(k.split()) for k in self.exact), default=1))
        # Longest name starting with each word, so most words are looked up alone (speed only).
        # Stem keys are indexed by their first stem, looked up with the stem of the word.
        longest: dict[str, int] = {}
        for key in itertools.chain(self.exact, self.ambiguous, self.weak, self.demonyms, self.stems,
                                   self.adj_name_stems):
            words = key.split()
            if len(words) > 1:
                longest[words[0]] = max(longest.get(words[0], 1), len(words))
        self.longest_from = longest
        self.display = display
        self.alias_keys = frozenset(alias_keys)
        country_stems = {" ".join(_stem(t) for t in k.split()) for k in country_keys}
        # ... but a country's name in another case ("з Білорусі", Білорусь) is still the country
        self.town_keys = frozenset(k for k in town_keys if k in self.exact
                                   and " ".join(_stem(t) for t in k.split()) not in country_stems)
        self.town_stems = frozenset(stem for k in self.town_keys if _CYRILLIC_RE.match(k)
                                    and (stem := " ".join(_stem(t) for t in k.split())) not in country_stems)
        self.primary_names = frozenset(primary)
        self._fuzzy_cache: dict[str, tuple[str, ...]] = {}

    # -- helpers ---------------------------------------------------------------------
    def _people(self, key: str) -> bool:
        """A demonym that names people, not the adjective: a plural in English or Russian ("Americans",
        "американцам"), in Italian, Serbian, Polish, Turkish or Dutch ("italiani", "Srbi", "Polacy", "türkler",
        "Belgen"), or any Cyrillic noun ("немца пустят?", "россиянину")."""
        if _plural_demonym(key):
            return True
        if _CYRILLIC_RE.match(key):
            return not key.endswith(_CYRILLIC_ADJ_ONLY)
        if len(key) < 4 or not key.isalpha() or key in self.exact:
            return False  # "Algerien", "Polen": German names of countries
        if key.endswith(("ler", "lar", "cy", "owie")) and len(key) > 5:
            return True
        if key.endswith("i") and (any(key[:-1] + e in self.demonyms for e in ("o", "e"))
                                  or (len(key) <= 5 and key[:-1] + "in" in self.demonyms)):
            return True  # "italiani", "cinesi", "Srbi" (not "Israeli", though German has "Israelin")
        return key.endswith("en") and any(key[:-2] + e in self.demonyms for e in ("", "er", "ee", "aan", "ees"))

    def _spelled_as_demonym(self, span: Span, tokens: list[str]) -> bool:
        """A name that is also a nationality in another language and not an English name ("algérien" is German
        "Algerien", "Tunisien" Swedish Tunisia)."""
        key = " ".join(tokens[span.start : span.end])
        return span.how == "name" and key in self.demonyms and key not in self.primary_names

    def _is_common_word(self, token: str) -> bool:
        return token in EXTRA_COMMON_WORDS or self.kb.is_common_word(token) or self._is_inflected_word(token)

    def _is_inflected_word(self, token: str) -> bool:
        """An English plural or possessive of an ordinary word ("matters", "mates", "mate's"), which the word
        list only holds in its base form, and only from five letters: a base too short to look up counts as
        ordinary, since names and nationalities are rarely mistyped that short."""
        if not token.isascii() or not token.endswith("s") or token.endswith(("ss", "us", "is")):
            return False
        base = token[:-1]
        if token.endswith("es") and token[:-2] in self.exact:
            return False  # "japanes" is a typo of "Japanese", not the plural of "japan" (lacquer)
        return len(base) < 5 or self.kb.is_common_word(base) or (token.endswith("es") and self.kb.is_common_word(
            token[:-2])) or (token.endswith("ies") and self.kb.is_common_word(token[:-3] + "y"))  # "studies"

    def _correct(self, token: str) -> tuple[str, ...]:
        """The name tokens a typo most likely meant (ties kept, so "south sudann" can still
        become "south sudan" when "sudaan" is equally close), or () when none is close."""
        if token in self._fuzzy_cache:
            return self._fuzzy_cache[token]
        result: tuple[str, ...] = ()
        if len(token) >= 5 and token.isalpha() and not _is_cjk(token) and not self._is_common_word(token) \
                and not (len(token) >= 6 and token.endswith(_ROMANCE_VERB_ENDINGS)):
            candidates = self.vocab.get(token[0], [])
            max_edits = 1 if len(token) <= 6 else 2
            hits = process.extract(
                token,
                candidates,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=max_edits,
                limit=2 * MAX_TYPO_CHOICES,
            )
            hits = [h for h in hits if abs(len(h[0]) - len(token)) <= max_edits]
            for ending in _ENGLISH_ENDINGS:  # "letting" is no typo of "Lettin" (a Latvian woman, in German)
                if token.endswith(ending):
                    hits = [h for h in hits if h[0].endswith(ending)]
            if hits:
                best = min(h[1] for h in hits)
                result = tuple(h[0] for h in hits if h[1] == best)[:MAX_TYPO_CHOICES]
        if len(self._fuzzy_cache) < 50_000:
            self._fuzzy_cache[token] = result
        return result

    # -- understanding -----------------------------------------------------------------
    def understand(self, question: str, saved_passports: list[str] | None = None) -> Understanding:
        result = self._understand(question, saved_passports)
        if not result.destinations and not result.ambiguous and not result.passports and question.isascii():
            # "dbpf d bhfy" is "виза в иран" typed with the keyboard on the Latin layout: read again in Cyrillic
            # when no word is English or a name
            words = [w for w in _WORD_RE.findall(question.casefold()) if w.isalpha()]
            if words and not any(self._is_common_word(w) or w in self.vocab_set or w in self.exact for w in words):
                switched = self._understand(question.casefold().translate(_LAYOUT), saved_passports)
                if switched.destinations:
                    switched.question = question
                    return switched
        return result

    def _understand(self, question: str, saved_passports: list[str] | None = None) -> Understanding:
        text = unicodedata.normalize("NFC", question or "")[:MAX_QUESTION_CHARS].replace("\u02bc", "'")  # "Мʼянма"
        for pattern, name in _SPELLED_OUT:
            text = pattern.sub(name, text)
        if _KHERSON_RE.search(text):
            text = _LEFT_BANK_RE.sub("Kherson left bank", text)
        if " of " in text and "th" in text:  # "the north of cyprus" is "north cyprus", where that names a region
            text = _PART_OF_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}" if fold(f"{m.group(1)} {m.group(2)}")
                                   in self.exact else m.group(0), text)
        for people, half, other in _KOREAN_HALVES:
            if people.search(text):  # "south korean here, am I allowed to go to the North": the other Korea
                text = half.sub(other, text)
        shouting = text.isupper() and len(text) > 3
        if max(text, default="") >= "\U0001f1e6":  # flag emoji ("🇰🇵"), read as the country's code
            text = _FLAG_RE.sub(lambda m: " " + "".join(chr(ord(c) - 0x1F1E6 + 65) for c in m.groups()) + " ", text)
        result = Understanding(question=question or "")
        raw_tokens, joins = self._tokenize(text)
        tokens = [fold(t).replace(" ", "") for t in raw_tokens]
        for i, raw in enumerate(raw_tokens):
            if tokens[i].startswith("burger") and "ü" in raw.casefold():
                tokens[i] = "bue" + tokens[i][2:]  # "US-Bürger" (citizens) is not the English "burger"
            elif tokens[i] == "uber" and raw.casefold() == "über":
                tokens[i] = "ueber"  # "nach Nordzypern über Ercan" (via) is no Uber ride
        if set(tokens) & TRANSLIT_MARKERS and all(t.isascii() for t in tokens):
            # Russian in Latin letters; names and passport words as they are ("Turkmenistan", "US passport"), and
            # words for "for" or "as" of other languages with the nationality after them, even mistyped ("erbil
            # kurdistan viza for frnech")
            kept = [len(t) > 2 and t in DEMONYM_TRIGGERS and t != "pro" for t in tokens]
            tokens = [t if not t.isalpha() or t in self.exact or t in self.demonyms or t in self.weak
                      or t in PASSPORT_WORDS or kept[i]
                      or (i > 0 and kept[i - 1] and any(w in self.demonyms for w in self._correct(t)))
                      else _translit(t) for i, t in enumerate(tokens)]
        folded_text = " ".join(t for t in tokens if t)
        spans = self._find_spans(raw_tokens, tokens, shouting)
        starts = {s.start: s for s in spans}
        for i in joins:  # "franco-marocain": a combining form before a hyphen and a demonym is a nationality too
            if i in starts and (starts[i].how == "demonym" or self._spelled_as_demonym(starts[i], tokens)) \
                    and tokens[i - 1] in COMBINING_NATIONALITIES \
                    and i - 1 not in starts:
                spans.append(Span(i - 1, i, (COMBINING_NATIONALITIES[tokens[i - 1]],), "demonym", 0.9,
                                  raw_tokens[i - 1]))
        if set(tokens) & _HALF_WORDS or any(not t.isascii() and t.startswith(_HALF_STEMS) for t in tokens):
            spans += self._elided_halves(spans, tokens)
        if spans and not _BARE_HALVES.keys().isdisjoint(tokens):
            spans += self._other_half(spans, tokens)
        spans.sort(key=lambda s: s.start)
        spans = [s for s in spans if not self._is_trap(s, tokens)
                 and not (s.how == "demonym" and s.end < len(tokens)
                          and not self._born_somewhere(s, tokens, joins) and (
                     tokens[s.end] in HERITAGE_WORDS or (tokens[s.end] in ("by", "за", "по")
                                                         and s.end + 1 < len(tokens)
                                                         and tokens[s.end + 1] in _HERITAGE_AFTER)))]
        cjk_spans = self._cjk_spans(text, len(tokens))
        if cjk_spans and not text.isascii():  # "（藏南）" alone: read once, in its CJK run
            spans = [s for s in spans if not _is_cjk(s.text)]
        spans += cjk_spans
        token_set = set(tokens)
        travel_context = bool(token_set & TRAVEL_WORDS) and not (token_set & NOT_TRAVEL_HINTS)
        passports, places = self._split_passports(spans, tokens, raw_tokens, joins)
        # "is it safe tho, rest of yemen is a warzone": the rest of a country is set against the place asked about
        # (the chat's, when the message names no other)
        # ... but "and the rest of somalia?", opening the message, asks about it
        rest = [s for s in places if s.how != "cjk" and s.start > 1 and tokens[s.start - 1] in ("of", "de", "du")
                and tokens[s.start - 2] in ("rest", "resto", "reste")
                and not all(t in _ASKING_ABOUT for t in tokens[: s.start - 2])]
        if rest:
            places = [s for s in places if s not in rest]
            result.followup = result.followup or not places
        named_for = bool(passports)  # "Georgia in January for a Ukrainian": asked for someone of a nationality
        # Weak names count only when the question is about travel, or when joined to a place that counts ("chad
        # and CAR", "Niger or Chad"): a list of places.
        strong = {s.start: s for s in places if s.how not in ("weak", "ambiguous", "cjk")}
        strong_ends = {s.end: s for s in strong.values()}
        kept: list[Span] = []
        for span in places:
            partner = None
            # ... "georgia + armenia" too
            if span.how == "weak" and span.end + 1 < len(tokens) and (tokens[span.end] in CONJUNCTIONS
                                                                      or raw_tokens[span.end] in ("+", "&")):
                partner = strong.get(span.end + 1)
            if span.how == "weak" and partner is None and span.start >= 2 and (
                    tokens[span.start - 1] in CONJUNCTIONS or raw_tokens[span.start - 1] in ("+", "&")):
                partner = strong_ends.get(span.start - 1)
            before = tokens[span.start - 1] if span.start > 0 else ""
            if partner is not None and not (before in WEAK_NOUN_BEFORE and raw_tokens[span.start].islower()) \
                    and before not in self.demonyms:  # not "a cold turkey and Iran", "a French man and Iran"
                span.score = max(0.85, partner.score)
            elif span.how == "weak":
                k = span.end + (span.end < len(tokens) and raw_tokens[span.end] == ",")
                town_of = strong.get(k)
                listed = town_of is not None and town_of.end < len(tokens) and (
                    raw_tokens[town_of.end] == "," or tokens[town_of.end] in CONJUNCTIONS
                    or tokens[town_of.end] in ALTERNATIVE_WORDS)
                if town_of is not None and town_of.how in ("name", "code") and span.codes[0] not in town_of.codes:
                    if not listed:
                        continue  # "Lagos, Portugal", "Lagos Portugal": a town of the country named after it
                    span.score = max(0.85, town_of.score)  # "Chad, Niger or Mali": a list of places
                    kept.append(span)
                    continue
                if " ".join(tokens[span.end : span.end + 2]) in WEAK_PERSON_NEXT or (
                    span.end < len(tokens) and tokens[span.end] in WEAK_PERSON_NEXT
                ):
                    continue  # "Jordan is my friend", "Petra said": a person, not a place
                if span.start > 0 and tokens[span.start - 1] in self.demonyms:
                    continue  # "a French man visiting Iran": a noun after a nationality
                if tokens[span.start] == "man" and span.start > 0 and tokens[span.start - 1] in _GERMAN_MAN_BEFORE:
                    continue  # "kann man mit dem Auto rüber": the German pronoun
                prev = tokens[span.start - 1] if span.start > 0 else ""
                preceded = prev in WEAK_NAME_BEFORE
                if not preceded and tokens[span.start] in TRAVELER_ADJECTIVES and (
                        raw_tokens[span.start].islower() or span.start == 0 or (tokens[span.end : span.end + 1]
                        and (tokens[span.end] in PEOPLE_NOUNS or tokens[span.end] in CLAUSE_TAIL))):
                    continue  # "26 male", "solo male traveller", "Male, 26, Egyptian": what the traveler is, not Malé
                if prev in WEAK_NOUN_BEFORE and raw_tokens[span.start].islower() \
                        and not self._followed_by_visa(tokens, span.end) \
                        and tokens[span.end : span.end + 1] not in (["permit"], ["permits"]):
                    continue  # "an old man", "my jersey": a common noun; but "the mustang permit" is the place's
                if _CYRILLIC_RE.match(tokens[span.start]):
                    # "того я не знаю, чи потрібна віза": a Cyrillic weak name is a pronoun, a verb or a noun unless
                    # a preposition of place comes before it ("до Того", "в Мали") or it opens a short question
                    # ("Малі безпечно?"), and the question is about travel ("у комори немає вікон" is not)
                    rest = [t for t in tokens[span.end :] if t.isalnum()]
                    nxt = rest[0] if rest else ""
                    if nxt in WEAK_PRONOUN_NEXT or (prev == "у" and nxt in POSSESSIVE_NEXT):
                        continue  # "до того, як поїхати", "у комори немає вікон"
                    about_travel = travel_context or bool(token_set & CYRILLIC_TRAVEL_WORDS) or len(rest) <= 1
                    if (preceded or (span.start == 0 and len(rest) <= 1)) and about_travel:
                        span.score = 0.85
                    else:
                        continue
                elif prev in ("named", "called") or tokens[span.start - 2 : span.start] == ["name", "is"]:
                    continue  # "my son is called Jordan", "my name is Jordan": a person
                elif travel_context or preceded or (named_for and span.start == 0):
                    span.score = 0.85
                elif len(tokens) <= 2:
                    span.score = 0.5
                else:
                    continue
            kept.append(span)
        # Demonyms that are not passports can still name the destination ("North Korean visa").
        demonym_places = [s for s in kept if s.how == "demonym"]
        places = [s for s in kept if s.how != "demonym"]
        if token_set & SPORTS_WORDS and not travel_context:
            places = []  # "iran vs japan football score": teams
        advisers = {id(s) for s in places if self._is_adviser(s, tokens)}
        if not advisers and len(places) >= 2 and (any(p.search(folded_text) for p in LEVEL_PHRASES)
                                                  or any(w in text for w in CJK_LEVEL_WORDS)):
            # "¿qué nivel de alerta tiene Sudán del Sur para EE.UU.?", "Le Canada, il met Haïti à quel niveau ?": of
            # two places in a level question, the one of the governments that rate places, named after "for" or
            # opening the question before a comma, is whose level is asked (the other is not such a government)
            issuing = [s for s in places if s.how != "cjk" and set(s.codes) <= _RATING_GOVERNMENTS and (
                (s.start > 0 and tokens[s.start - 1 - (s.start > 1 and tokens[s.start - 1] in ARTICLES)] in _FOR_WORDS)
                or (s.start <= 1 and s.end < len(tokens) and raw_tokens[s.end] == ",")
                or (s.end < len(tokens) and tokens[s.end] in _RATES_VERBS)
                # "уровень угрозы у США для России", "рівень небезпеки США для Білорусі": the rater, then "for"
                or (s.end < len(tokens) and tokens[s.end] in _FOR_WORDS)
                or (s.start > 0 and tokens[s.start - 1] in ("у", "by", "от", "вид")))]
            # "美国对布基纳法索的旅行警告是几级": the government, then 对 (towards) the places it rates
            issuing += [s for s in places if s.how == "cjk" and set(s.codes) <= _RATING_GOVERNMENTS
                        and s.text + "对" in text]
            if len(issuing) == 1 and not any(set(s.codes) <= _RATING_GOVERNMENTS for s in places
                                             if s is not issuing[0]):
                advisers = {id(issuing[0])}
        if advisers and len(advisers) < len(places):  # "canada travel advisory for lebanon": Lebanon is asked about
            places = [s for s in places if id(s) not in advisers]
        elif advisers and (self._points_back(tokens) or token_set & _SAY_WORDS):
            places = []  # "and what does the NZ govt say about going there": the chat's place, advised on
            result.followup = True  # ... and "what does the uk govt say about going right now"
        # ... but only in a travel question, or before a word of the place's own ("the Dominican side"): "I speak a
        # little Spanish" names no destination.
        if not places and demonym_places and (travel_context or named_for or any(
                self._followed_by_visa(tokens, s.end) or (s.start > 0 and tokens[s.start - 1] in CURRENCY_WORDS)
                or (s.end < len(tokens) and tokens[s.end] in CURRENCY_WORDS)  # "usd to iranian rial"
                for s in demonym_places)):
            for s in demonym_places:
                s.score = 0.75
            places = demonym_places
        # "is the afghan border open from tajikistan", "visa agency in moscow that does turkmen visas": the place of
        # the visa or border asked about, when the places named are only where the traveler is or sets off
        settled: set[int] = set()
        visa_places = [s for s in demonym_places if self._followed_by_visa(tokens, s.end)] if places else []
        # ... or where its consulate is ("afghan visa - islamabad or peshawar consulate?")
        consulates = {s.start for s in places if s.how != "cjk" and s.end < len(tokens)
                      and tokens[s.end] in CONSULATE_WORDS}
        consulates |= {s.start for s in places if s.how != "cjk" and s.end + 1 < len(tokens)
                       and tokens[s.end] in CONJUNCTIONS and s.end + 1 in consulates}
        # ... but the visa of the country of a region named is the region's own ("trekking in Ladakh ... the Indian
        # e-visa")
        visa_codes = {c for s in visa_places for c in s.codes}
        own_visa = any(getattr(self.kb.places.get(c), "parent", None) in visa_codes for s in places for c in s.codes)
        if visa_places and not own_visa and all(s.how != "cjk" and (s.start in consulates or (
                s.start > 0 and tokens[s.start - 1] in ORIGIN_WORDS | {"in", "at"})
                or tokens[s.start - 2 : s.start] == ["out", "of"]) for s in places):  # "a cruise out of Seattle"
            settled = {id(s) for s in places}
            for s in visa_places:
                s.score = 0.75
            places = visa_places + places
        # "... cross into Afghanistan at Ishkashim ... Is the Afghan part doable?": a leg of the trip named by its
        # country's adjective is a place of the question it is in
        legs = [s for s in demonym_places if places and s.end < len(tokens) and tokens[s.end] in _LEG_WORDS
                and any(set(s.codes) == set(p.codes) for p in places)]
        for s in legs:
            s.score = 0.75
        places = places + legs
        result.topics = self._topics(tokens, folded_text, text)
        # an off-topic word inside a place's name ("Kalma beach resort") says nothing of what is asked
        in_names = {tokens[j] for s in places if s.how != "cjk" and s.end - s.start > 1 for j in range(s.start, s.end)}
        # "dubai or istanbul consulate", "via Santo Domingo or Miami" compare no destinations
        asked_about = [s for s in places if id(s) not in settled and not (
            s.how != "cjk" and s.start > 0 and self._is_origin(s, tokens)
            and tokens[s.start - 1] in TRANSIT_WORDS | CONJUNCTIONS | ALTERNATIVE_WORDS)]
        result.intent = self._intent(tokens, folded_text, text, len(asked_about),
                                     self._alternatives(asked_about, tokens), in_names, named_for)
        result.followup = result.followup or any(p.search(folded_text) for p in FOLLOWUP_STARTS) or (
            text.lstrip().startswith(CJK_FOLLOWUP_STARTS)) or (len(tokens) <= 4 and not places) or (
            result.intent in ("level", "when") and not places)  # "what level is it at"
        starts = {s.start for s in places}
        stops = {id(s) for s in places if self._route_start(s, tokens, raw_tokens, starts, joins, places)}
        # "going to yerevan in may, want to drive on to stepanakert": the places before "on to" are stops on the way
        onward = [s.start for s in places if s.how != "cjk" and s.start > 1 and tokens[s.start - 1] in _ONWARD_TO
                  and tokens[s.start - 2] in _ONWARD]
        if onward:
            stops |= {id(s) for s in places if s.how != "cjk" and s.start < min(onward)}
        set_off = {id(s) for s in places if self._is_origin(s, tokens) or self._from_de(s, tokens, starts)}
        # "для туриста из Москвы", "a backpacker from Seattle": the town a traveler comes from is left behind
        set_off |= {id(s) for s in places if s.how in ("name", "stem", "fuzzy") and s.start > 1
                    and tokens[s.start - 1] in FROM_WORDS and tokens[s.start - 2].startswith(_TRAVELER_NOUN_STEMS)
                    and self._names_town(s, tokens)}
        # "Je suis canadien (Montréal)", "British (London), ...": a town in brackets after who the traveler is, home
        nationality_ends = {p.end for p in passports if p.how != "cjk"}
        set_off |= {id(s) for s in places if s.how != "cjk" and s.start > 1 and raw_tokens[s.start - 1] == "("
                    and s.start - 1 in nationality_ends and raw_tokens[s.end : s.end + 1] == [")"]}
        origins = set_off | stops | settled
        # where the traveler sets off "from" is left behind though a route starts there ("from Vladikavkaz to
        # Tbilisi"); a stop without it is only passed on the way
        # ... but a place only passed through ("через Псоу", the crossing into Abkhazia) leaves nothing behind
        # ... nor does one the trip flies out of at its end ("fly out of Berbera to Dubai")
        passed = {id(s) for s in places if s.how != "cjk" and s.start > 0 and (
            tokens[s.start - 1] in TRANSIT_WORDS or tokens[s.start - 2 : s.start] == ["out", "of"])}
        left = {c for s in places if (id(s) in origins - stops or id(s) in set_off) and id(s) not in passed
                for c in s.codes}
        stopped = {c for s in places if id(s) in stops for c in s.codes}
        asked = self._in_questions(places, raw_tokens)
        # "in Riyadh ... from Saudi", "in Seoul ... Korea"; but "Leh > Srinagar ... permits for ladakh?" asks about a
        # place only passed on the way
        # ... nor the place the question asks something for ("... y después Irán ... ¿Necesitamos visado para Irán?"),
        # nor one the traveler wants to go to ("wants to go to Athos while we stay in Ouranoupoli")
        wanted = {id(s) for s in places if self._wished(s, tokens, strict=True)} if len(places) > 1 else set()
        again = {id(s) for s in places if (set(s.codes) <= left and id(s) not in wanted and not (
                    id(s) in asked and s.how != "cjk" and s.start > 0 and tokens[s.start - 1] in _FOR_WORDS))
                 or (set(s.codes) <= stopped and id(s) not in asked)}
        if len(origins | again) < len(places):  # but "a story from Port-au-Prince" leaves Haiti the destination
            origins |= again
        # "how do i get there from Sochi": only where the traveler sets off is named, the place is the chat's last one
        # ... and "从莫斯科飞过去可以吗" (from Moscow, fly over there)
        cjk_there = any(w in text for w in _CJK_THERE)
        only_origins = bool(origins) and len(origins) == len(places) and (self._points_back(tokens) or cjk_there) \
            and all((s.how == "cjk" and s.origin and cjk_there)
                    or (s.how != "cjk" and s.start > 0 and tokens[s.start - 1] in ORIGIN_WORDS) for s in places)
        # "and my wife? she's dutch-iranian (born in shiraz) but hasn't been to iran since 2008": a follow-up naming
        # only where someone was born or has been asks about the chat's place
        only_origins = only_origins or (result.followup and bool(places) and len(set_off) == len(places)
                                        and all(self._born_or_been(s, tokens) for s in places))
        if len(origins) == len(places) and not only_origins:
            origins = set()  # "flights from Moscow": the only place named is the one asked about
        # A place the asker corrects to ("... that's ethiopia. I mean eritrea") or names twice ("Kazakhstan,
        # Uzbekistan and finally Turkmenistan. ... Turkmenistan is the tricky one") is the one asked about.
        # Among the places of the question asked, a place named twice before counts once ("Srinagar ... ladakh and
        # kashmir").
        mentions: dict[tuple[str, ...], int] = defaultdict(int)
        for span in places:
            if not asked or id(span) in asked:
                mentions[span.codes] += 1
        corrected = {id(s) for s in places if s.start > 1 and tokens[s.start - 1] in ("mean", "meant")
                     and tokens[s.start - 2] == "i"}
        wished = {id(s) for s in places if self._wished(s, tokens)} if len(places) > 1 else set()
        beside = self._beside_curated(places, tokens)
        # "хотим в Иран ... через Туркмению. Дадут ли нам транзитную визу?": a transit visa is the visa of the place
        # passed through, when the route is told, not asked ("can i go to northern cyprus through turkey? do i need
        # a turkish transit visa?" asks about Northern Cyprus)
        transited = {id(s) for s in places if s.how != "cjk" and s.start > 0 and tokens[s.start - 1] in TRANSIT_WORDS
                     and next((r for r in raw_tokens[s.end :] if r in (".", "!", "?")), "") != "?"
                     } if token_set & TRANSIT_VISA_WORDS and token_set & VISA_WORDS and len(places) > 1 else set()
        # "drive through Kaliningrad from Lithuania into Poland": a region with rules of its own, crossed between
        # countries, is what a question about the way asks about
        regions = {id(s) for s in places if s.how != "cjk" and s.start > 0 and tokens[s.start - 1] in TRANSIT_WORDS
                   and all(getattr(self.kb.places.get(c), "parent", None) for c in s.codes)}
        if len(regions) == 1 and len(places) >= 3:
            crossed = next(s for s in places if id(s) in regions)
            parents = {self.kb.places[c].parent for c in crossed.codes}
            if all(id(s) in regions or not (set(s.codes) & parents or any(
                    getattr(self.kb.places.get(c), "parent", None) for c in s.codes)) for s in places):
                transited |= regions
        origins -= transited
        # "Going Seoul then Beijing for a week, do I need a Chinese visa?": of the places on the way, the one whose
        # visa a question asks for
        visa_asked = self._visa_asked(demonym_places, places, tokens, raw_tokens) if len(places) > 1 else set()
        origins -= visa_asked - set_off - passed  # ... a stop on the way too ("LAX - shanghai - seoul")
        for span in sorted(places, key=lambda s: (id(s) in origins, id(s) not in transited, id(s) not in visa_asked,
                                                  id(s) in beside,
                                                  id(s) not in corrected,
                                                  id(s) not in asked,
                                                  id(s) not in wished, -min(mentions[s.codes], 2), -s.score,
                                                  s.start)):
            if span.how == "ambiguous" or span.choices:
                result.ambiguous = list(span.codes)
                continue
            if only_origins:
                continue
            for code in span.codes:
                if code not in result.destinations:
                    result.destinations.append(code)
        behind = frozenset(c for s in places if id(s) in origins for c in s.codes) - frozenset(
            c for s in places if id(s) not in origins for c in s.codes)
        # "iraq incl kurdistan", "Georgien inklusive Abchasien": a region included in its country asked about
        included = frozenset(c for s in places if s.how != "cjk" and s.start > 0 and tokens[s.start - 1] in _INCLUDING
                             for c in s.codes)
        result.destinations = _regions_first(result.destinations, self.kb, behind | included)
        if len(passports) > 1 and _VISITS_US_RE.search(folded_text):
            # "my mother-in-law is Syrian ..., can she visit us in Dubai? we're British": she travels, not the hosts
            holders = [_holder(s, tokens) if s.how != "cjk" else "" for s in passports]
            if "self" in holders and any(h and h != "self" for h in holders):
                passports = [s for s, h in zip(passports, holders, strict=True) if h != "self"]
        if len(passports) > 1 and result.destinations and token_set & _LIVES_WORDS:
            # "Моя мама громадянка України, вона живе ... в Мелітополі. Чи можу я ... до неї поїхати?": someone who
            # lives where the traveler goes is the one visited, not a traveler
            hosts = self._hosts(passports, places, tokens, raw_tokens, result.destinations[0])
            if hosts and len(hosts) < len(passports):
                passports = [s for s in passports if id(s) not in hosts]
        if len(passports) > 1:
            passports = self._passports_not_held(passports, tokens)
        several = token_set & _SEVERAL_TRAVELERS - {"with", "on"}
        if several <= _AUTHORITIES and token_set & PARENT_WORDS and not token_set & _PLURAL_PARENTS:
            several = set()  # "my father is turkish ... will they grab me at the airport": they are the border
        if len(passports) > 1 and not (several or self._with_someone(tokens)):
            # "Я гражданин Узбекистана (отец армянин). Пустят ли меня в Баку?": a parent's nationality, no passport
            # word with it, is where the asker's family comes from when the asker travels alone on their own
            holders = [_holder(s, tokens) if s.how != "cjk" else "" for s in passports]
            parents = [s for s, h in zip(passports, holders, strict=True) if (h in PARENT_WORDS or (
                s.start > 0 and s.how != "cjk" and tokens[s.start - 1] in PARENT_WORDS))
                       and not (s.end < len(tokens) and tokens[s.end] in PASSPORT_WORDS)
                       and not (s.start > 0 and tokens[s.start - 1] in PASSPORT_WORDS)]
            if parents and "self" in holders and len(parents) < len(passports):
                passports = [s for s in passports if s not in parents]
        if len(passports) > 1:
            passports = self._corrected_passports(passports, tokens, raw_tokens)
            # "a south african ... (also SA passports)": a code spelled by the initials of a nationality named is it
            initials = {"".join(w[0] for w in s.text.split()).upper(): s for s in passports
                        if s.how in ("demonym", "name") and len(s.text.split()) > 1}
            passports = [s for s in passports if not (s.how == "code" and s.text.upper() in initials)]
        for span in passports:
            for code in span.codes:
                if code not in result.passports:
                    result.passports.append(code)
        if len(result.passports) > 1:
            result.dual = self._one_holder(passports, tokens, text)
        if not result.passports and saved_passports:
            result.passports = [p for p in saved_passports if p]
            result.dual = len(result.passports) > 1  # one user's saved passports
        if not result.passports and set(tokens) & NATIONAL_ID_CARDS.keys():
            # "Georgien Einreise mit Personalausweis?": the card only one country issues by that name
            result.passports = sorted({NATIONAL_ID_CARDS[t] for t in set(tokens) & NATIONAL_ID_CARDS.keys()})
        namesake = self._namesake(result.destinations, places, bool(_UNSURE_RE.search(folded_text)) or any(
            w in text for w in _CJK_UNSURE)) if len(result.destinations) > 1 else None
        if namesake and not result.ambiguous:
            # "samoa visa - I'm also stopping in pago pago": American Samoa is named too, by its town; ask which
            result.ambiguous, result.destinations = namesake, []
        scores = [s.score for s in places if s.how != "ambiguous" and not s.choices]
        if result.ambiguous and not result.destinations:
            result.confidence = 0.3
            result.suggestions = list(result.ambiguous)
        elif scores:
            result.confidence = round(max(scores), 2)
        if result.destinations and not result.sure:
            # "georgia" alone: the bot asks, and the US state is one of the answers
            for span in places:
                for code in WEAK_OTHER_PLACES.get(tokens[span.start], ()) if span.how == "weak" else ():
                    if code not in result.destinations:
                        result.destinations.append(code)
        if result.destinations and result.ambiguous:
            # "korea" next to "north korea" is no longer ambiguous
            result.ambiguous = [c for c in result.ambiguous if c not in result.destinations]
            if result.ambiguous and not set(result.ambiguous) & set(result.destinations):
                result.suggestions = list(result.ambiguous)
                result.ambiguous = []
        # Report ranking also uses the place as named when it is a city or landmark ("Pyongyang marathon").
        named = {t for s in places if fold(s.text) in self.alias_keys for t in fold(s.text).split()}
        theme = [t for t in tokens if t in TOPIC_WORDS["reports"] or t in THEME_WORDS or t in named]
        result.theme = " ".join(dict.fromkeys(theme))
        if not result.destinations and not result.ambiguous:
            result.suggestions = self.did_you_mean(tokens)
            for span in spans:  # "... explore Georgia properly": the country or the US state
                if span.how == "weak" and span.codes[0] in result.suggestions:
                    result.suggestions += [c for c in WEAK_OTHER_PLACES.get(tokens[span.start], ())
                                           if c not in result.suggestions]
        return result

    def _namesake(self, destinations: list[str], places: list[Span], unsure: bool = False) -> list[str] | None:
        """The place asked about by a name that is part of another named place's own name, that place named only by
        a town ("samoa ... pago pago" is Samoa or American Samoa, "guinea ... port moresby" Guinea or Papua New
        Guinea), or by its own name when the traveler says they do not know which ("Amerikanisch-Samoa oder das
        unabhängige, weiß grad nicht", "不知道跟美属萨摩亚是不是一个地方"): both."""
        first = destinations[0]
        said = {fold(s.text) for s in places if s.how == "name" and s.codes == (first,)}
        if unsure:
            cjk_said = [s.text for s in places if s.how == "cjk" and s.codes == (first,)]
            for code in destinations[1:]:
                texts = [s.text for s in places if s.how == "cjk" and code in s.codes]
                if any(a in b and a != b for a in cjk_said for b in texts):
                    return [first, code]  # "萨摩亚" inside "美属萨摩亚"
        for code in destinations[1:]:
            other = self.kb.places.get(code)
            if other is None or other.parent == first or self.kb.places.get(first, other).parent == code:
                continue
            name = f" {fold(other.name)} "
            texts = [fold(s.text) for s in places if code in s.codes]
            for word in said:
                if f" {word} " in name and name.strip() != word and (unsure or not any(word in t for t in texts)):
                    return [first, code]
        return None

    def _elided_halves(self, spans: list[Span], tokens: list[str]) -> list[Span]:
        """"north or south cyprus", "Северный Кипр или Южный": two halves of a place, the noun said once. The half
        left short is the name it makes with the noun, or, when it names none, the country the other half is part
        of ("South Cyprus" is Cyprus)."""
        out: list[Span] = []
        starts = {s.start: s for s in spans}
        covered = {j for s in spans for j in range(s.start, s.end)}
        for span in spans:
            if span.how not in ("name", "stem"):
                continue
            words = tokens[span.start : span.end]
            # before: "north or south cyprus" (the span may be "south cyprus" or only "cyprus")
            head = span.start if _half_word(words[0]) else span.start - 1
            if head >= 2 and _half_word(tokens[head]) and tokens[head - 1] in ALTERNATIVE_WORDS | CONJUNCTIONS \
                    and _half_word(tokens[head - 2]) and head - 2 not in covered:
                noun = tokens[head + 1 : span.end]
                key = " ".join([tokens[head - 2], *noun])
                found = tuple(self.exact[key]) if key in self.exact else (
                    getattr(self._lookup_stem(key.split(), 0), "codes", ()) if len(noun) == 1 else ())
                if found and set(found) != set(span.codes):
                    out.append(Span(head - 2, head - 1, found, "name", span.score, key))
            # after: "Северный Кипр или Южный"
            k = span.end
            if len(words) == 2 and _half_word(words[0]) and k + 1 < len(tokens) \
                    and tokens[k] in ALTERNATIVE_WORDS | CONJUNCTIONS and _half_word(tokens[k + 1]) \
                    and k + 1 not in starts and (k + 2 >= len(tokens) or not tokens[k + 2].isalpha()):
                other = self._lookup_stem([tokens[k + 1], words[1]], k + 1)
                codes = other.codes if other else ()
                if not codes and len(span.codes) == 1 and span.codes[0] in self.kb.places:
                    parent = self.kb.places[span.codes[0]].parent
                    codes = (parent,) if parent else ()
                if codes and set(codes) != set(span.codes):
                    out.append(Span(k + 1, k + 2, tuple(codes), "name", span.score, tokens[k + 1]))
        return out

    def _other_half(self, spans: list[Span], tokens: list[str]) -> list[Span]:
        """"passer de Chypre du Nord à la partie sud", "на Північний Кіпр ..., а потім на південь", "in Ercan landen und
        dann in den Süden": the bare other half, after a region named as a half of its country, is that country."""
        covered = {j for s in spans if s.how != "cjk" for j in range(s.start, s.end)}
        halves = [s for s in spans if s.how in ("name", "stem", "fuzzy") and len(s.codes) == 1
                  and s.codes[0] in self.kb.places and self.kb.places[s.codes[0]].parent
                  and set(fold(self.kb.places[s.codes[0]].name).split()) & _HALF_WORDS]
        out: list[Span] = []
        for i, token in enumerate(tokens):
            if token not in _BARE_HALVES or i in covered:
                continue
            region = next((s for s in reversed(halves) if s.end <= i), None)
            if region is None or _BARE_HALVES[token] in fold(self.kb.places[region.codes[0]].name).split():
                continue  # the same half again
            start = i
            while start - 1 > region.end and (tokens[start - 1] in _PART_WORDS or tokens[start - 1] in ARTICLES
                                              or tokens[start - 1] in _BETWEEN_ARTICLES):
                start -= 1
            if not (set(tokens[max(region.end, start - 2) : start]) & _TOWARDS_STOP or tokens[start - 1 : start] == [
                    "in"]) or (i + 1 < len(tokens) and i + 1 in covered):
                continue  # "nach Süden nach Nikosia" names the place itself
            out.append(Span(start, i + 1, (self.kb.places[region.codes[0]].parent,), "name", 0.85, token))
        return out

    def _tokenize(self, text: str) -> tuple[list[str], set[int]]:
        """Words, with abbreviation dots dropped ("N. Korea"), elisions split ("l'Iran"),
        suffixes dropped ("Kore'ye", "Iran's") and hyphenated words split ("Guinea-Bissau",
        "visa-free"), since folded names have spaces where hyphens were. Also returns the
        indexes of tokens that were hyphen-joined to the previous one ("US-Israeli")."""
        out: list[str] = []
        joins: set[int] = set()
        text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", "").upper() if m.group(0).replace(".", "").casefold()
                              in _DOTTED_CODES else m.group(0).replace(".", ""), text)  # U.S.A. -> USA
        for token in _TOKEN_RE.findall(text):
            if token == "." and out and len(out[-1]) <= 2 and out[-1].isalpha() and out[-1].casefold() != "id":
                continue  # "N. Korea"; but "a Palestinian ID." ends its sentence
            elided = _ELISION_RE.match(token)
            if elided:
                joined = fold(token).replace(" ", "")
                if joined not in self.exact and joined not in self.vocab_set and fold(token) not in self.exact:
                    out += [elided.group(1), elided.group(2)]
                    continue
            suffixed = _SUFFIX_RE.match(token)
            if suffixed and suffixed.group(2) not in _CONTRACTIONS and fold(token) not in self.exact \
                    and fold(suffixed.group(1)) not in _CONTRACTED_PRONOUNS:
                token = suffixed.group(1)
            if token.casefold() in ("pässe", "paesse"):
                token = "Pässen"  # "irische und indische Pässe": folded, "passe" would be the French verb
            if token == "-":  # "paris - niamey": a dash alone is a mark (of a route, a list), kept
                out.append(token)
                continue
            parts = token.split("-") if "-" in token and not _IN_LAW_RE.search(token) else [token]
            for k, part in enumerate(parts):
                if part:
                    if k:
                        joins.add(len(out))
                    out.append(part)
        return out, joins

    def _find_spans(self, raw_tokens: list[str], tokens: list[str], shouting: bool) -> list[Span]:
        spans: list[Span] = []
        n = len(tokens)
        i = 0
        corrected: dict[int, tuple[str, ...]] = {}
        while i < n:
            found = None
            limit = self.longest_from.get(tokens[i], 1)
            if _CYRILLIC_RE.match(tokens[i]):
                limit = max(limit, self.longest_from.get(_stem(tokens[i]), 1),
                            self.longest_from.get(_name_adj_word(tokens[i]), 1),
                            2 if _stem(tokens[i]) in self.adj_name_nouns else 1)
            for size in range(min(self.max_ngram, limit, n - i), 0, -1):
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
                if span is None and size == 1:
                    span = self._lookup_minor(words[0], tokens, i, raw_tokens)
                if span is not None:
                    found = span
                    break
            if found is None:
                # Try correcting typos, then look again with the corrected words.
                fixed = self._fuzzy_span(tokens, i, corrected)
                if fixed is not None and not self._in_unknown_name(fixed, raw_tokens, tokens):
                    found = fixed
            words, reach = _CODES_AS_WORDS.get(raw_tokens[i], ((), 0)) if found and found.how == "code" else ((), 0)
            if reach and set(tokens[max(0, i - reach) : i] + tokens[i + 1 : i + 1 + reach]) & words:
                found = None  # "rent a CAR", "CAR hire", "a PNG of my passport": a car or a file, not a country
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
        if key in self.demonyms and key not in self.primary_names and self._people(key):
            # "los mexicanos": people of a country, even where a translation of its name is spelled alike
            return Span(start, end, self.demonyms[key], "demonym", 0.9, text, plural=True)
        if key in self.exact and not (key in _FOLDED_KEYS and raw[0].casefold() in _FOLDED_WORDS):
            return Span(start, end, tuple(self.exact[key]), "name", 0.95, text)
        if key in self.demonyms:
            return Span(start, end, self.demonyms[key], "demonym", 0.9, text, plural=self._people(key))
        if end - start == 1:
            token = raw[0].replace(".", "")
            if token in CITY_ABBREVIATIONS and not shouting:
                return Span(start, end, (CITY_ABBREVIATIONS[token],), "code", 0.8 if token == "ESTA" else 0.9, text)
            if token in self.codes and token.isupper() and not shouting and token not in CODE_LIKE_WORDS:
                return Span(start, end, self.codes[token], "code", 0.9, text)
            if key in CYRILLIC_ABBREVIATIONS or (token in CYRILLIC_UPPERCASE_ABBREVIATIONS and not shouting):
                code = CYRILLIC_ABBREVIATIONS.get(key) or CYRILLIC_UPPERCASE_ABBREVIATIONS[token]
                return Span(start, end, (code,), "name", 0.9, text)  # "хоче в ОАЕ", "гражданин КНР"
        return None

    def _lookup_stem(self, words: list[str], start: int) -> Span | None:
        if not all(_CYRILLIC_RE.match(w) for w in words):
            return None
        if len(words) == 1 and words[0].endswith("ю"):
            name = self._soft_sign_name(words[0])  # "з Білоруссю", "с Беларусью"
            if name:
                return Span(start, start + 1, tuple(self.exact[name]), "stem", 0.85, words[0])
        if len(words) == 1 and words[0].endswith(("иеи", "иею")) and words[0][:-3] + "ия" in self.exact:
            # the instrumental of a name in -ия: "с Грузией", "з Туреччиною" aside, "з Грузією"
            return Span(start, start + 1, tuple(self.exact[words[0][:-3] + "ия"]), "stem", 0.85, words[0])
        if len(words) == 1 and len(words[0]) >= 7 and words[0].endswith(_VOWEL_NAME_INSTRUMENTALS):
            for nominative in ("а", "я"):  # "над Україною", "з Молдовою", "за Польщею", "с Кубой": names in -а, -я
                base = words[0][:-2] + nominative
                if base in self.exact and base not in self.demonyms:
                    return Span(start, start + 1, tuple(self.exact[base]), "stem", 0.85, words[0])
        if len(words) == 1 and len(words[0]) >= 6:
            for ending in _CONSONANT_NAME_CASES:  # "Кыргызстана", "Таджикистаном": a case ending after the name
                base = words[0][: -len(ending)]
                if words[0].endswith(ending) and base in self.exact and _CYRILLIC_RE.match(base):
                    return Span(start, start + 1, tuple(self.exact[base]), "stem", 0.85, words[0])
        key = " ".join(_stem(w) for w in words)
        if key in self.stems and len(words) == 1 and words[0].endswith(_PEOPLE_PLURAL_ENDINGS):
            # no country name ends so in any case: the genitive plural of its people ("вірменів", "румунів")
            return Span(start, start + 1, self.stems[key], "demonym", 0.85, words[0], plural=True)
        if key in self.stems and not (len(words) == 1 and words[0].endswith(_ADJECTIVE_ONLY_ENDINGS)):
            return Span(start, start + len(words), self.stems[key], "stem", 0.85, " ".join(words))
        found = self.adj_name_stems.get(_name_adj_stem(words)) if len(words) > 1 else None
        if not found and len(words) == 2:  # the adjective after the noun: "Кіпр північний"
            found = self.adj_name_stems.get(_name_adj_stem([words[1], words[0]]))
        if found:
            return Span(start, start + len(words), found, "stem", 0.85, " ".join(words))
        if len(words) == 1 and _demonym_base(words[0]) in self.demonym_bases:
            # "белоруске нужна виза", "армянину с паспортом", "о казахстанцах": a noun in a case is people
            return Span(start, start + 1, self.demonym_bases[_demonym_base(words[0])], "demonym", 0.85, words[0],
                        plural=True)
        if len(words) == 1 and key in self.demonym_stems:  # "с другом-немцем": a noun's instrumental is people
            return Span(start, start + 1, self.demonym_stems[key], "demonym", 0.85, words[0],
                        plural=_plural_demonym(words[0]) or words[0].endswith(("цем", "цом", "ином")))
        if len(words) == 1 and words[0][:4] in self.demonym_adj_heads:
            found = self.demonym_adj_stems.get(_adj_stem(words[0]))
            if found:
                return Span(start, start + 1, found, "demonym", 0.85, words[0])
        return None

    def _soft_sign_name(self, word: str) -> str | None:
        """The name behind the instrumental of a Cyrillic name ending in a soft sign: "Беларусью", Ukrainian
        "Білоруссю" (the consonant doubled) -> "Беларусь", "Білорусь"."""
        if word.endswith("ью") and word[:-2] + "ь" in self.exact:
            return word[:-2] + "ь"
        if len(word) > 4 and word.endswith("ю") and word[-2] == word[-3] and word[:-2] + "ь" in self.exact:
            return word[:-2] + "ь"
        return None

    def _lookup_minor(self, word: str, tokens: list[str], i: int, raw_tokens: list[str]) -> Span | None:
        """Short forms the main lookup misses: a lower-case "us"/"uk" right before a passport
        word ("i have a us passport"), and 4-letter Cyrillic names in another case ("Кубу")."""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] if i > 0 else ""
        if i > 1 and raw_tokens[i - 1] in ("-", "–", "—", ":"):
            prev = tokens[i - 2]  # "dual citizenship - us and iran"
        raw = raw_tokens[i]
        if word in LOWERCASE_CODES:
            return Span(i, i + 1, (LOWERCASE_CODES[word],), "code", 0.9, raw)
        if word == "us" and prev == "the" and i > 0 and raw_tokens[i - 1].casefold() == "the":
            return Span(i, i + 1, ("US",), "name", 0.9, raw)  # "can iranians visit the us": no pronoun after "the"
        if word == "esta" and (prev in ("an", "the", "my", "get", "need", "use", "got", "apply") or nxt in (
                "application", "form", "waiver", "approval", "approved", "denied", "refused", "rejected", "eligible",
                "eligibility", "price", "fee", "fees", "cost", "costs", "expired", "expires", "renewal", "valid")):
            return Span(i, i + 1, ("US",), "code", 0.8, raw)  # "can I still get an esta", "esta price now??": English
        if word == "us" and nxt in VISA_WORDS | VISA_KIND_WORDS | {"embassy", "border", "esta"} and (
                prev not in _GIVING_US and not (prev in VISA_WORDS and i > 1 and tokens[i - 2] in _GIVING_US)):
            return Span(i, i + 1, ("US",), "name", 0.9, raw)  # "can iranians get a us visa" (not "give us visas")
        if word == "us" and prev == "to" and i > 1 and tokens[i - 2] in _GOING_TO_US:
            return Span(i, i + 1, ("US",), "name", 0.9, raw)  # "can iranians travel to us" (but "come to us")
        if word in LOWERCASE_PASSPORT_CODES and (nxt in PASSPORT_WORDS or prev in ("dual", "both")
                                                 or (prev in PASSPORT_WORDS and prev not in NOT_PASSPORT_NOUNS)
                                                 or self._joined_to_nationality(tokens, raw_tokens, i)):
            return Span(i, i + 1, (LOWERCASE_PASSPORT_CODES[word],), "code", 0.9, raw)
        if len(word) == 4 and _CYRILLIC_RE.match(word) and prev in DIRECTION_PREPOSITIONS:
            for k in range(3):  # "виза в Иарн": two letters swapped in a short name after "в", "на", "до"
                swapped = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
                if swapped != word and swapped in self.exact:
                    return Span(i, i + 1, tuple(self.exact[swapped]), "fuzzy", 0.8, raw)
        if len(word) == 4 and word.isascii() and word.isalpha() and prev in ("for", "to", "in", "into", "visit") \
                and word not in self.vocab_set and not self._is_common_word(word):
            for k in range(3):  # "visa for iarn": two letters swapped in a short English name after a preposition
                swapped = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
                if swapped != word and swapped in self.exact and swapped in self.primary_names:
                    return Span(i, i + 1, tuple(self.exact[swapped]), "fuzzy", 0.8, raw)
        if len(word) == 4 and _CYRILLIC_RE.match(word):
            for ending, nominative in _CYRILLIC_ENDINGS:
                if word.endswith(ending):
                    key = word[: -len(ending)] + nominative
                    if key in self.exact:
                        return Span(i, i + 1, tuple(self.exact[key]), "stem", 0.85, raw)
        return None

    def _visa_asked(self, demonyms: list[Span], places: list[Span], tokens: list[str],
                    raw_tokens: list[str]) -> set[int]:
        """The places whose visa, named by the country's adjective, a question asks whether it is needed."""
        codes: set[str] = set()
        for d in demonyms:
            if d.how == "cjk" or not self._followed_by_visa(tokens, d.end):
                continue
            start = max((i + 1 for i in range(d.start) if raw_tokens[i] in (".", "!", "?")), default=0)
            end = next((i for i in range(d.end, len(raw_tokens)) if raw_tokens[i] in (".", "!", "?")), len(raw_tokens))
            if end < len(raw_tokens) and raw_tokens[end] == "?" and set(tokens[start:end]) & _NEED_WORDS:
                codes.update(d.codes)
        return {id(s) for s in places if s.how != "demonym" and set(s.codes) & codes}

    def _in_unknown_name(self, span: Span, raw_tokens: list[str], tokens: list[str]) -> bool:
        """A word corrected alone beside a capitalised word that is neither English nor a name: both are one name the
        bot does not know ("Machu Picchu" is no Macau, "Angkor Wat" no Angola)."""
        if span.how != "fuzzy" or span.end - span.start != 1 or not raw_tokens[span.start][:1].isupper():
            return False
        for j in (span.start - 1, span.end):
            if 0 <= j < len(tokens) and raw_tokens[j][:1].isupper() and raw_tokens[j].isalpha() \
                    and not raw_tokens[j].isupper() and tokens[j] not in self.vocab_set \
                    and tokens[j] not in self.exact and tokens[j] not in self.demonyms \
                    and not self._is_common_word(tokens[j]) and not self._correct(tokens[j]):
                return True
        return False

    def _names_town(self, span: Span, tokens: list[str]) -> bool:
        """The span is a town, a region or a sight, not a country ("из Москвы", "from Seattle", "from Crimea")."""
        if span.how not in ("name", "stem", "fuzzy"):
            return False
        key = " ".join(tokens[span.start : span.end])
        if key in self.town_keys:
            return True
        if span.how == "fuzzy":  # "з Харкова", read as a typo of "Харків"
            return span.end - span.start == 1 and any(w in self.town_keys for w in self._correct(key))
        if span.how != "stem":
            return False
        if " ".join(_stem(t) for t in tokens[span.start : span.end]) in self.town_stems:
            return True
        # a case of the name: "из Петербурга" (Петербург), "з Харкова", "из Казани" (Казань)
        return span.end - span.start == 1 and any(
            key[:-cut] + nominative in self.town_keys for cut in (1, 2) for nominative in ("", "а", "я", "ь"))

    def _is_nationality(self, token: str) -> bool:
        return token in self.demonyms or token in LOWERCASE_CODES or token in LOWERCASE_PASSPORT_CODES or (
            token.upper() in self.codes and len(token) == 2)

    def _joined_to_nationality(self, tokens: list[str], raw_tokens: list[str], i: int) -> bool:
        """"uk/us", "us/mx dual", "us and mexican passports": a lower-case code beside another nationality."""
        nxt = tokens[i + 1] or raw_tokens[i + 1] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1] or raw_tokens[i - 1] if i > 0 else ""
        after = tokens[i + 2] if i + 2 < len(tokens) else ""
        before = tokens[i - 2] if i > 1 else ""
        named_before = prev in PASSPORT_JOINS and i > 2 and (
            before in self.exact or " ".join(tokens[i - 3 : i - 1]) in self.exact) and ")" in raw_tokens[i + 1 : i + 2]
        return ((nxt in PASSPORT_JOINS or nxt in CONJUNCTIONS) and self._is_nationality(after)) or (
            prev in PASSPORT_JOINS and self._is_nationality(before)) or named_before  # "(south korea + us)"

    def _is_trap(self, span: Span, tokens: list[str]) -> bool:
        """A name inside a phrase that means something else ("guinea pig", "fine china")."""
        key = " ".join(tokens[span.start : span.end])
        before = tokens[span.start - 1] if span.start > 0 else ""
        after = tokens[span.end] if span.end < len(tokens) else ""
        return f"{key} {after}" in NAME_TRAPS or f"{before} {key}" in NAME_TRAPS

    def _fuzzy_span(self, tokens: list[str], i: int, corrected: dict[int, tuple[str, ...]]) -> Span | None:
        def fixed(j: int) -> tuple[str, ...]:
            if j not in corrected:
                tok = tokens[j]
                corrected[j] = (tok,) if tok in self.vocab_set else (self._correct(tok) or (tok,))
                if tok in self.vocab_set and len(tok) >= 7 and tok.isascii() and tok not in self.exact \
                        and tok not in self.demonyms and tok not in self.weak:
                    # a word only of a longer name in a language typos are not corrected towards ("portugese", of
                    # the Dutch "Portugese Republiek"), alone: a typo of a nationality ("im portugese")
                    corrected[j] = tuple(w for w in self._correct(tok) if w in self.demonyms) or (tok,)
                if j > 0 and tokens[j - 1] in DEMONYM_TRIGGERS and len(corrected[j]) > 1:
                    # "visa for rusian": after "for", a tie between "Rusia" and "Russian" is the nationality
                    corrected[j] = tuple(sorted(corrected[j], key=lambda w: w not in self.demonyms))
            return corrected[j]

        if fixed(i) == (tokens[i],) and tokens[i] not in self.vocab_set:
            return None
        n = len(tokens)
        for size in range(min(self.max_ngram, n - i), 0, -1):
            original = tokens[i : i + size]
            for combo in itertools.product(*(fixed(j) for j in range(i, i + size))):
                words = list(combo)
                if words == original:
                    continue
                key = " ".join(words)
                if key in self.exact:
                    orig = " ".join(original)
                    similarity = fuzz.ratio(orig, key) / 100
                    score = round(0.45 + 0.5 * similarity, 2)
                    return Span(i, i + size, tuple(self.exact[key]), "fuzzy", score, orig)
                if key in self.ambiguous:
                    return Span(i, i + size, self.ambiguous[key], "ambiguous", 0.3, key)
                if key in self.demonyms:
                    orig = " ".join(original)
                    return Span(i, i + size, self.demonyms[key], "demonym", 0.85, orig, plural=self._people(key))
        return None

    def _cjk_spans(self, text: str, offset: int) -> list[Span]:
        """Names inside CJK runs; one followed by a passport word ("美国护照", "한국 여권") is marked, and so is one
        after "from" or before a ministry; "美籍" (US nationality) is a passport."""
        spans = [Span(offset, offset, (_CJK_NATIONALITY[m.group(1)],), "cjk", 0.9, m.group(0), passport=True)
                 for m in _CJK_NATIONALITY_RE.finditer(text)]
        spans += [Span(offset, offset, ("CN",), "cjk", 0.9, m.group(0), passport=True)
                  for m in _CJK_COMPATRIOTS_RE.finditer(text)]
        if text.isascii():
            return spans
        for pattern, character in _CJK_HOMOPHONES:
            text = pattern.sub(character, text)
        # "中朝口岸", "中俄边境": the crossing between China and the other country leads there
        spans += [Span(offset, offset, (CJK_PAIR_COUNTRIES[m.group(1)],), "cjk", 0.9, m.group(0))
                  for m in _CJK_PAIR_RE.finditer(text)]
        placed: list[tuple[int, int, Span]] = []  # where each name is in the text
        for match in _CJK_RE.finditer(text):
            run = match.group(0)
            pos = 0
            while pos < len(run):
                hit = None
                for size in self.cjk_lengths:
                    piece = run[pos : pos + size]
                    if len(piece) == size and piece in self.cjk:
                        hit = piece
                        break
                if hit and hit.startswith("大陆") and run[max(pos - 2, 0) : pos].endswith(_CJK_CONTINENTS):
                    hit = None  # "欧洲大陆", "美洲大陆": a continent, not mainland China
                if hit:
                    following = text[match.start() + pos + len(hit) :].lstrip(_CJK_PASSPORT_GLUE)
                    if hit in self.cjk_choices:
                        spans.append(Span(offset, offset, self.cjk[hit], "cjk", 0.3, hit, choices=True))
                        pos += len(hit)
                        continue
                    # "香港居民", "澳门居民": a resident of a SAR holds no passport said (many are Chinese citizens)
                    passport = following.startswith(_CJK_PASSPORT_WORDS) or following.startswith(("华裔", "華裔"))
                    # ("美国华裔": a Chinese American, the country's citizen)
                    origin = run[pos - 1 : pos] in _CJK_ORIGIN_BEFORE or following.startswith(_CJK_ORIGIN_AFTER) \
                        or following.startswith("居民") or run[max(pos - 2, 0) : pos] in _CJK_BEEN_TO \
                        or (run[pos - 1 : pos] == "在" and following.startswith(_CJK_STAY_AFTER))
                    # "澳门居民去北京", "在中国留学的巴基斯坦人": where the asker lives or studies, not where they go
                    spans.append(Span(offset, offset, self.cjk[hit], "cjk", 0.9, hit, passport=passport,
                                      adviser=following.startswith(CJK_ADVISER_AFTER), origin=origin))
                    at = match.start() + pos
                    placed.append((at, at + len(hit), spans[-1]))
                    pos += len(hit)
                else:
                    pos += 1
        for (_, end, a), (start, _, b) in reversed(list(itertools.pairwise(placed))):
            if b.passport and not a.passport and text[end:start] in _CJK_AND:
                a.passport = True  # "中国和加拿大双重国籍", "中国和美国护照"
            if a.codes == b.codes and text[end:start] in ("（", "(") and b in spans:
                spans.remove(b)  # "阿鲁纳恰尔邦（藏南）": the same place's other name in brackets is named once
        if "特区护照" in text or "特區護照" in text:  # "我是香港居民，拿特区护照": the SAR named holds the passport
            for _, _, span in placed:
                if set(span.codes) <= {"HK", "MO"}:
                    span.passport = True
        heard = text.find(_CJK_HEARSAY)
        if heard >= 0:
            hearsay = {id(s) for at, _, s in placed if s.passport and at > heard and not _CLAUSE_BREAK_RE.search(
                text, heard, at)}
            if hearsay and any(s.passport and id(s) not in hearsay for s in spans):
                spans = [s for s in spans if id(s) not in hearsay]
        return spans

    def _split_passports(
        self, spans: list[Span], tokens: list[str], raw_tokens: list[str], joins: set[int]
    ) -> tuple[list[Span], list[Span]]:
        """Decide which names are the asker's passports and which are destinations."""
        is_passport = [False] * len(spans)
        n = len(tokens)
        span_ends = {s.end for s in spans}
        starts = {s.start for s in spans}
        covered = {j for s in spans if s.how != "cjk" for j in range(s.start, s.end)}
        place_starts = {s.start for s in spans if s.how != "demonym"}
        place_ends = {s.end for s in spans if s.how not in ("demonym", "cjk")}
        ends = {s.end: s for s in spans if s.how == "demonym"}
        language = bool(set(tokens) & LANGUAGE_CUES)  # "I speak English, French."
        has_passport_word = bool(set(tokens) & PASSPORT_WORDS)
        named_passports: set[int] = set()  # right before a passport word ("польський паспорт")
        demonym_starts = {s.start for s in spans if s.how == "demonym"}  # "Georgian, Armenian and Azeri food": a list
        from_passports: set[int] = set()  # where the traveler says they are from ("я з Харкова")

        def skip_back(j: int, allowed: frozenset[str], dashes: bool = False) -> int:
            while j >= 0 and (tokens[j] in allowed or raw_tokens[j] == ":" or (dashes and raw_tokens[j] in "—–-")):
                j -= 1
            return j

        for idx, span in enumerate(spans):
            if span.how == "cjk":
                is_passport[idx] = span.passport
                continue
            if span.how == "ambiguous":
                continue
            after = span.end
            while after < n and tokens[after] in PASSPORT_FILLERS:
                after += 1
            # "US passport", "Mexican citizen", "German and Turkish passports", "US-Israeli dual citizen"
            headed = span.start > 0 and tokens[span.start - 1] in DIRECTION_PREPOSITIONS and span.how != "demonym"
            if after < n and not headed and (tokens[after] in PASSPORT_WORDS or _passport_typo(tokens[after])
                                             or raw_tokens[after].startswith(_CJK_PASSPORT_WORDS)
                                             or _id_card(raw_tokens, after)):
                is_passport[idx] = True  # "한국 여권으로": Korean particles stick to the word
                named_passports.add(idx)
            if after > span.end:
                is_passport[idx] = True  # "US/MX dual, going to Cuba": "dual" alone names a dual national
            if tokens[span.end - 1] in PASSPORT_WORDS:
                is_passport[idx] = True  # the demonym "US citizen" names a passport itself
                named_passports.add(idx)
            # "два паспорта — российский", "подвійне громадянство — Україна і Угорщина"; but the passport word of
            # "US passport - Iran visa?" is the US one
            before = skip_back(span.start - 1, PASSPORT_LINKS, True)
            if span.how != "demonym" and before in span_ends and any(
                    raw_tokens[j] in "—–-" for j in range(before + 1, span.start)):
                before = skip_back(span.start - 1, PASSPORT_LINKS)
            linked_back = before < span.start - 1 or not tokens[before].isascii()
            # "dual citizen uk/us", but not "British-Israeli dual national, North Korea?"
            dual_before = before > 0 and tokens[before - 1] in COUNTRY_TRIGGERS and before - 1 not in span_ends
            if before >= 0 and tokens[before] in PASSPORT_WORDS and (linked_back or dual_before) \
                    and before not in ends:  # "з українським паспортом: Вірменія чи ..." has its nationality
                is_passport[idx] = True  # "passport from Mexico", "паспортом США", "passports: Polish"
            if span.start >= 3 and raw_tokens[span.start - 1] in (",", ":") \
                    and tokens[span.start - 2] in PASSPORT_WORDS and span.start - 3 not in span_ends \
                    and (tokens[span.start - 3] in DUAL_WORDS or tokens[span.start - 3] in COUNTRY_TRIGGERS):
                is_passport[idx] = True  # "двойное гражданство, Россия и Израиль", "dual citizenship, US and Iran"
                # (not "UK and Canadian dual national, Venezuela ok?")
            if linked_back and before > 0 and tokens[before] in PASSPORT_VERBS and tokens[before - 1] in PASSPORT_WORDS:
                is_passport[idx] = True  # "My passport is from Sri Lanka"
            if span.how == "demonym" and self._demonym_is_person(span, tokens):
                is_passport[idx] = True
            if span.how == "demonym" and span.start > 0 and tokens[span.start - 1] in ("с", "з", "со", "зи") \
                    and tokens[span.start].endswith(_INSTRUMENTAL_ADJ) \
                    and (span.end >= n or not _CYRILLIC_RE.match(tokens[span.end]) or tokens[span.end] in _AFTER_ONE):
                is_passport[idx] = True  # "а мне с литовским куда": with a Lithuanian one
            if span.how == "demonym" and span.start > 1 and tokens[span.start - 2] == "у" and has_passport_word \
                    and tokens[span.start - 1] in _HOLDER_AFTER_U and _CYRILLIC_RE.match(tokens[span.start]) \
                    and (span.start < 3 or not tokens[span.start - 3] or tokens[span.start - 3] in ("а", "и", "і")):
                # (opening its clause: "фамилия у меня армянская" is a surname)
                is_passport[idx] = True  # "у мене ізраїльський паспорт, у неї український": hers, the noun left out
            prev = tokens[span.start - 1] if span.start > 0 else ""
            if span.how == "name" and prev in PASSPORT_WORDS and prev not in NOT_PASSPORT_NOUNS \
                    and span.start - 1 not in ends \
                    and " ".join(tokens[span.start : span.end]) in self.demonyms:
                is_passport[idx] = True  # "passeport algérien": the French adjective is spelled as German "Algerien"
            if span.how == "code" and raw_tokens[span.start] in LOWERCASE_PASSPORT_CODES \
                    and raw_tokens[span.start] not in LOWERCASE_CODES:
                is_passport[idx] = True  # "passeport fr", "mit dt. Pass": only read beside a passport word
            if span.how == "name" and prev in ("a", "an") and span.end < n and tokens[span.end] in PERSON_NEXT \
                    and raw_tokens[span.start].islower() and " ".join(tokens[span.start : span.end]) in self.demonyms:
                is_passport[idx] = True  # "can a czech go": the name "Czech" is the person here
            if span.how == "name" and prev in ROMANCE_ARTICLES and self._spelled_as_demonym(span, tokens):
                is_passport[idx] = True  # "pour un Tunisien": a person, though Swedish spells Tunisia so
            if span.how == "name" and prev in ROMANCE_PERSON_NOUNS and span.start - 1 not in covered \
                    and raw_tokens[span.start].islower() and " ".join(tokens[span.start : span.end]) in self.demonyms:
                is_passport[idx] = True  # "com uma amiga argentina", "mi esposa china": the noun, then its nationality
            if span.how in ("name", "demonym") and span.start > 2 and tokens[span.start - 2] in ROMANCE_ARTICLES \
                    and tokens[span.start - 3] in ("pour", "para", "pra") and span.start - 1 not in covered \
                    and (span.how == "demonym" or self._spelled_as_demonym(span, tokens)):
                is_passport[idx] = True  # "pour un humanitaire suisse", "para un estudiante peruano": the noun first
            origin_word = skip_back(span.start - 1, ARTICLES)
            if origin_word > 0 and tokens[origin_word] in FROM_WORDS and tokens[origin_word - 1] in PEOPLE_NOUNS \
                    and (origin_word - 1 not in covered or raw_tokens[origin_word - 1].islower()) \
                    and not self._names_town(span, tokens):
                # ... but "flying to Male from Dubai": the capital Malé is no male
                is_passport[idx] = True  # "tourists from Russia", "туристов из России", "my friend from the US"
            trig = skip_back(span.start - 1, ARTICLES | TRAVELER_ADJECTIVES | _IDENTITY_ADVERBS | _CYRILLIC_ALSO
                             if span.how == "demonym" else ARTICLES)
            if trig > 0 and (tokens[trig] in NUMBER_WORDS or tokens[trig].isdigit()) and span.how == "demonym" \
                    and tokens[trig - 1] in IDENTITY_TRIGGERS:
                trig -= 1  # "we're two Czech guys"
            if trig > 0 and tokens[trig] == "" and raw_tokens[trig] == "," and span.how == "demonym":
                age = trig - 1  # "i'm 23, irish": an age between "I'm" and the nationality
                while age >= 0 and (tokens[age].isdigit() or tokens[age] in AGE_WORDS):
                    age -= 1
                if age < trig - 1 and age >= 0 and tokens[age] in IDENTITY_TRIGGERS:
                    trig = age
            bracket = span.start - 1  # an age may come first: "my daughter (19, French)"
            while bracket > 0 and (tokens[bracket].isdigit() or raw_tokens[bracket] == ","):
                bracket -= 1
            if (bracket > 0 and raw_tokens[bracket] == "("
                    and (span.how == "demonym" or self._spelled_as_demonym(span, tokens))
                    and span.end < n and (raw_tokens[span.end] in (")", ",", *PASSPORT_JOINS)
                                          or tokens[span.end] in CONJUNCTIONS)
                    and (tokens[bracket - 1] in BRACKETED_PERSONS or tokens[bracket - 1] in PERSON_SUBJECTS
                         or tokens[bracket - 1] in PEOPLE_NOUNS)):
                is_passport[idx] = True  # "me (Portuguese) and my wife (Angolan)", "Wir (deutsch + kasachisch)",
                # "my grandad (British, 94)"
            opening = span.start - 1
            while opening > 0 and raw_tokens[opening] not in "()" and span.start - opening <= 6:
                opening -= 1
            if opening > 0 and raw_tokens[opening] == "(" and tokens[opening - 1] in PASSPORT_WORDS and all(
                    j in covered or raw_tokens[j] in PASSPORT_JOINS or tokens[j] in CONJUNCTIONS or raw_tokens[j] == ","
                    for j in range(opening + 1, span.start)):
                is_passport[idx] = True  # "with both passports (south korea + us)"; not "citizen (born in Ukraine"
            if span.how == "demonym" and span.start > 0 and (tokens[span.start - 1] in NUMBER_WORDS
                                                              or tokens[span.start - 1].isdigit()) and (
                    span.end >= n or not tokens[span.end] or tokens[span.end] in PEOPLE_NOUNS
                    or tokens[span.end] in CONJUNCTIONS or tokens[span.end] in NUMBER_WORDS or span.end in starts):
                is_passport[idx] = True  # "one japanese one south korean", "mostly Aussies, one Kiwi"
            if span.how == "demonym" and span.start > 0 and tokens[span.start - 1] in NOUN_NUMBERS and (
                    tokens[span.start - 1] not in NOUN_NUMBERS_CAPITALISED or raw_tokens[span.start][:1].isupper()):
                is_passport[idx] = True  # "für zwei Deutsche", "pour deux Français", "dos chilenos"
            if span.how == "demonym" and all(not t for t in tokens[span.end :]) and (
                    (span.start in place_ends and len([t for t in tokens if t]) <= 4)
                    or (len([t for t in tokens if t]) <= 5 and span.start > 0 and not language
                        and not set(tokens) & IDENTITY_TRIGGERS  # not "I'm British Pakistani"
                        and any(s is not span and s.end < span.start for s in spans))):
                is_passport[idx] = True  # "algeria israeli", "visa iran german": a terse place, then who asks
                # ("saudi e-visa british", "Tibet Genehmigung deutsche": the nationality closing a few words)
            heading = span.end + 1 < n and tokens[span.end] in ("to", "into") and span.end + 1 in place_starts
            if (span.how == "demonym" or (span.how == "name" and raw_tokens[span.start].islower()
                                          and self._spelled_as_demonym(span, tokens))) \
                    and not language and not tokens[span.start].endswith("isch") \
                    and self._alone_in_clause(span, tokens, raw_tokens, joins, ends, heading):
                is_passport[idx] = True  # "kathmandu overland to lhasa, israeli", "and me? jordanian", "... ? algérien"
                # (lower-case: the German noun "Algerien" is the country); a German adjective alone ("... empfehlen?
                # georgisch, nicht zu touristisch") is a cuisine or a style, the person being "Georgier"
            if trig >= 0:
                identity = _describes_traveler(tokens, trig, raw_tokens)
                seen_as = _seen_as(tokens, trig)
                if span.how == "demonym" and (identity or tokens[trig] in DEMONYM_TRIGGERS) and not seen_as:
                    is_passport[idx] = True
                if identity and span.how != "demonym" and " ".join(tokens[span.start : span.end]) in self.demonyms:
                    is_passport[idx] = True  # "Je suis suisse", "mi esposa es china": the name is the adjective
                if identity and span.how == "code":
                    is_passport[idx] = True  # "я 🇷🇺 хочу в 🇰🇵": a flag read as its code
                if tokens[trig] in COUNTRY_TRIGGERS:
                    is_passport[idx] = True
                if tokens[trig] in FROM_WORDS and trig > 0 and (tokens[trig - 1] in FROM_AFTER
                                                                or _describes_traveler(tokens, trig - 1)) \
                        and not self._names_town(span, tokens):
                    # ... but a home town says where one lives, not which passport ("we are from Lahore")
                    is_passport[idx] = True  # "I'm from Mexico", "я из Казахстана", "ich komme aus Polen"
                    from_passports.add(idx)
            if span.how == "demonym" and span.plural:
                is_passport[idx] = True  # "Can Americans go to Cuba?"
            if span.how == "demonym" and span.end < n and (tokens[span.end] in PEOPLE_NOUNS or (
                    tokens[span.end] in TRAVELER_ADJECTIVES and span.end + 1 < n
                    and tokens[span.end + 1] in PEOPLE_NOUNS)):
                is_passport[idx] = True  # "Chinese tourists", "Russian citizens", "romanian orthodox guy"
            if span.how == "demonym" and trig >= 0 and tokens[trig] in ("has", "have", "holds", "got") and (
                    span.end >= n or raw_tokens[span.end] in _CLAUSE_MARKS or tokens[span.end] in CONJUNCTIONS):
                is_passport[idx] = True  # "my grandma has Ukrainian and Israeli": passports, the noun left unsaid
            if span.how == "demonym" and span.end < n and tokens[span.end] in ("one", "ones") and (
                    has_passport_word or set(tokens[max(0, span.start - 4) : span.start]) & _HOLD_OR_USE):
                is_passport[idx] = True  # "my boyfriend has a Pakistani passport and I have a British one"; "what if
                # I use my french one instead", "what if i also have a mexican one"
            if span.how == "demonym" and has_passport_word and span.start > 0 \
                    and tokens[span.start - 1] in _POSSESSIVES and (
                        span.end >= n or raw_tokens[span.end] in _CLAUSE_MARKS or tokens[span.end] in CONJUNCTIONS
                        or tokens[span.end] in ALTERNATIVE_WORDS or not tokens[span.end]):
                is_passport[idx] = True  # "which passport is better for iran, my british or my irish"
            if span.how == "name" and span.end < n and (tokens[span.end] in PEOPLE_NOUNS
                                                        or tokens[span.end] in ("guy", "guys", "couple")) \
                    and " ".join(tokens[span.start : span.end]) in self.demonyms \
                    and not self._followed_by_visa(tokens, span.end + 1):
                is_passport[idx] = True  # "two Czech guys": a name spelled like the demonym, before people
                # ("Saudi tourist visa" is the visa of the place)
            after = span.end + (span.end + 1 < n and tokens[span.end] in TRAVELER_ADJECTIVES)  # "US catholic guy"
            if span.how == "code" and after < n and (tokens[after] in PEOPLE_NOUNS or (
                    after > span.end and tokens[after] in ("guy", "guys", "couple"))) \
                    and tokens[after] not in ("here", "someone") \
                    and not self._followed_by_visa(tokens, after + 1):
                is_passport[idx] = True  # "Can a US journalist go to Nicaragua?", "can UK tourists go"
            if span.how == "demonym" and span.start == 0 and span.end < n and ((
                    raw_tokens[span.end] == "," and span.end + 1 not in demonym_starts) or (
                    tokens[span.end] in ("on", "with") and span.end + 1 < n and tokens[span.end + 1] in ("a", "an"))):
                is_passport[idx] = True  # "aussie, what does smartraveller say", "indian on a french schengen visa"
            if span.how in ("code", "name") and (tokens[span.end : span.end + 2] == ["travel", "ban"]
                                                 or tokens[span.end : span.end + 1] == ["ban"]):
                k = span.end + (2 if tokens[span.end : span.end + 1] == ["travel"] else 1)
                banned = next((s for s in spans if s.start == k + 1 and s.how != "demonym"), None) if k + 1 < n \
                    and tokens[k] in ("on", "to", "for") else None
                if banned is not None and not (banned.end < n and tokens[banned.end] in PASSPORT_WORDS):
                    is_passport[idx] = True  # "the US travel ban on North Korea": on its own citizens going there
            if span.how == "demonym" and span.end - span.start == 1 and _german_noun(raw_tokens[span.start]):
                is_passport[idx] = True  # "Brauchen Österreicher ein Visum?": a capitalised -er noun is a person
            if span.how == "demonym" and span.plural and span.end < n and tokens[span.end] in ADVISER_AFTER:
                is_passport[idx] = False  # "do the brits advise against all travel": who advises, not who goes
                continue
            if span.how == "demonym" and span.plural and span.start > 0 and tokens[span.start - 1] == "у" \
                    and _CYRILLIC_RE.match(tokens[span.start]) and set(tokens) & CYRILLIC_ADVICE_WORDS:
                is_passport[idx] = False  # "что говорят у британцев про Иран": who advises, not who goes
                continue
            if span.how == "demonym" and ((span.start > 0 and tokens[span.start - 1] in CURRENCY_WORDS)
                                          or (span.end < n and tokens[span.end] in CURRENCY_WORDS)):
                is_passport[idx] = False  # "le rial iranien", "el peso cubano", "iranian rial": the country's money
                continue
            if span.how == "demonym" and span.plural and self._adviser_before(tokens, span.start):
                is_passport[idx] = False  # "selon les Américains", "according to the Brits": who advises
                continue
            if span.how == "demonym" and self._followed_by_visa(tokens, self._list_end(span, ends, tokens)) \
                    and not (span.plural and _CYRILLIC_RE.match(tokens[span.start])) \
                    and not (span.plural and tokens[span.end + 1 : span.end + 2] in (["free"], ["exempt"])) \
                    and not (_german_noun(raw_tokens[span.start]) and span.start > 0
                             and tokens[span.start - 1] in DEMONYM_TRIGGERS) \
                    and not (span.start > 0 and tokens[span.start - 1] in ROMANCE_ARTICLES
                             and tokens[span.end] not in PLACE_NOUNS):
                is_passport[idx] = False  # "Are Iranian visas available?", "a Russian visa"; but "для естонців
                # віза": a Cyrillic plural is people, never the adjective of the visa, and so is a German noun after
                # "für" ("für Österreicher Visum Iran?"; the adjective would be "österreichisches"), and a Romance
                # article makes it the noun ("pour un marocain visa russie": the visa's adjective would follow it)
            if span.how == "demonym" and idx not in named_passports and self._names_document(span, tokens):
                is_passport[idx] = False  # "un tampon israélien", "avec titre de séjour français"
            if span.how == "demonym" and idx not in named_passports and self._compared_people(span, tokens):
                is_passport[idx] = False  # "visa free like my dutch friends", "como los turistas indios"
        # Conjunctions carry the decision across a list: "dual US and Mexican citizen", and so
        # does a hyphen between two names: "British-Israeli dual national".
        for _ in range(2):
            for idx in range(len(spans) - 1):
                a, b = spans[idx], spans[idx + 1]
                if a.how == "cjk" or b.how == "cjk":
                    continue
                gap = tokens[a.end : b.start]
                raw_gap = raw_tokens[a.end : b.start]
                if len(gap) == 1 and gap[0] in ALTERNATIVE_WORDS and idx + 1 in named_passports \
                        and b.end < n and tokens[b.end] in PASSPORT_WORDS and a.how in ("code", "demonym", "name") \
                        and tokens[b.end + 1 : b.end + 2] not in (["stamp"], ["stamps"]):
                    is_passport[idx] = True  # "UK vs US passport for North Korea", "british or irish passport"
                    continue
                # an article alone links nothing: "con pasaporte español a Irán" ("a" is "to")
                linked = (gap and all(t in CONJUNCTIONS or r in PASSPORT_JOINS or t in ARTICLES
                                      for t, r in zip(gap, raw_gap, strict=True))
                          and not all(t in ARTICLES for t in gap)) or (
                    not gap and b.start in joins
                ) or (  # "dual Lebanese Canadian", "Canadian Syrian dual national": two nationalities side by side
                    # with "dual" ("I'm British Pakistani" is British)
                    not gap and a.how == b.how == "demonym" and ((a.start > 0 and tokens[a.start - 1] == "dual") or (
                        b.end < n and tokens[b.end] in PASSPORT_FILLERS))
                )
                if linked and (is_passport[idx] or is_passport[idx + 1]):
                    is_passport[idx] = is_passport[idx + 1] = True
        # Nationalities of other people ("the locals said Afghans cross easily, but I'm Turkish", "в Приднестровье
        # все ходят с российскими паспортами, я молдаванин") are not the asker's when the asker names one too.
        # Passports the traveler does not hold ("never had an iranian passport", "without a US passport") are
        # neither passport nor place; a region issues none ("my grandparents are from the Kherson region").
        denied = set()
        # ... unless the passport named says it is a second one ("I'm from Mexico, US citizen too")
        second = any(set(tokens[max(spans[i].start - 2, 0):spans[i].start] + tokens[spans[i].end:spans[i].end + 2])
                     & _ALSO_WORDS for i in named_passports - from_passports)
        if named_passports - from_passports and not second:
            # "Я з Харкова, маю польський паспорт": where the traveler is from is no passport beside one named
            for idx in from_passports - named_passports:
                is_passport[idx] = False
                if not any("-" in code for code in spans[idx].codes):
                    denied.add(idx)  # ... but a region issues none: "My mum is from Gaza" names the place
        for idx, span in enumerate(spans):
            if is_passport[idx] and span.how != "cjk":
                j = skip_back(span.start - 1, _BEFORE_NEGATED)
                if j >= 0 and tokens[j] in PASSPORT_WORDS and tokens[j] not in NOT_PASSPORT_NOUNS:
                    j = skip_back(j - 1, _BEFORE_NEGATED_PASSPORT)  # "jamais eu de passeport iranien"
                if j >= 0 and tokens[j] in NEGATIONS:
                    is_passport[idx] = False
                    denied.add(idx)
                elif any("-" in code for code in span.codes):
                    is_passport[idx] = False  # still the place asked about
        others = {idx for idx, span in enumerate(spans) if is_passport[idx] and self._of_others(span, tokens,
                                                                                                raw_tokens)}
        # "is that possible now or only for Russians?", "документ только для россиян": people set against the
        # traveler; "Cuba will make me get a Cuban passport": a passport still to get; neither is held, when the
        # traveler names one that is
        unheld = {idx for idx, span in enumerate(spans) if is_passport[idx] and span.how != "cjk"
                  and (self._contrasted(span, tokens) or self._to_obtain(span, tokens, n))}
        if unheld and any(p and idx not in unheld | others for idx, p in enumerate(is_passport)):
            for idx in unheld:
                is_passport[idx] = False
                denied.add(idx)
        if others and any(p and idx not in others for idx, p in enumerate(is_passport)):
            for idx in others:
                is_passport[idx] = False
        for idx, span in enumerate(spans):
            if span.how == "demonym" and self._language_apologised(span, tokens):
                is_passport[idx] = False  # "(sorry mon anglais)", "excuse my english": the language written
                denied.add(idx)
        church = {idx for idx, span in enumerate(spans) if is_passport[idx] and span.how == "demonym"
                  and span.end < n and tokens[span.end] in _CHURCH_WORDS}
        if church and any(p and idx not in church for idx, p in enumerate(is_passport)):
            for idx in church:  # "im greek orthodox from limassol (cypriot passport)": a church, not a passport
                is_passport[idx] = False
                denied.add(idx)
        ends_of_passports = {(s.end, s.codes) for s, p in zip(spans, is_passport, strict=True) if p}
        for idx, span in enumerate(spans):
            if span.how == "code" and (span.start, span.codes) in ends_of_passports:
                is_passport[idx] = True  # "she's russian 🇷🇺": the flag after a nationality is that nationality
        passports = [s for s, p in zip(spans, is_passport, strict=True) if p]
        # ... though the people of a place may still name it ("местные абхазы ..."), as other demonyms do
        places = [s for idx, (s, p) in enumerate(zip(spans, is_passport, strict=True))
                  if not p and idx not in denied and (idx not in others or (
                      s.how == "demonym" and not (s.end < n and tokens[s.end] in PASSPORT_WORDS)))]
        return passports, places

    @staticmethod
    def _passports_not_held(passports: list[Span], tokens: list[str]) -> list[Span]:
        """Passports the asker says they do not hold beside another: an old or expired one ("never surrendered my
        old indian passport"), one to get ("sacar pasaporte cubano", "einen iranischen Pass beantragen"), and, when
        the asker says one passport is their only one ("only ever had a canadian passport", "hab nur den deutschen
        Pass", "je n'ai que le passeport français"), the nationalities of their parents or origin beside it."""
        def passport_word(s: Span) -> int | None:  # where the passport word tied to the span is
            if s.how == "cjk":
                return None
            if s.end < len(tokens) and tokens[s.end] in PASSPORT_WORDS and (
                    tokens[s.end] not in NOT_PASSPORT_NOUNS or tokens[s.end] == "pass"):  # "den deutschen Pass"
                return s.end
            if s.start > 0 and tokens[s.start - 1] in PASSPORT_WORDS and tokens[s.start - 1] not in NOT_PASSPORT_NOUNS:
                return s.start - 1
            return None

        def not_held(s: Span) -> bool:
            w = passport_word(s)
            if w is None or _holder(s, tokens) not in ("self", ""):
                return False
            first, last = min(w, s.start), max(w, s.end - 1)
            before = tokens[max(0, first - 3) : first]
            return bool(set(tokens[max(0, first - 2) : first]) & _FORMER_WORDS or set(before) & _GET_VERBS
                        or tokens[last + 1 : last + 2] in (["beantragen"], ["holen"]))

        def by_parent(s: Span) -> bool:  # "армянин по отцу", "vietnamien par ma mère", "iranian on my dad's side"
            after = tokens[s.end : s.end + 3]
            if s.how != "demonym" or len(after) < 2:
                return False
            if after[0] == "по":
                return after[1].startswith(("отц", "матер", "мам", "пап", "батьк"))
            if after[0] in ("by", "par", "de", "por", "on"):
                parent = after[2] if after[1] in ("my", "ma", "mon", "mi") and len(after) > 2 else after[1]
                return parent.removesuffix("s") in PARENT_WORDS
            return False

        kept = [s for s in passports if not not_held(s) and not by_parent(s)]
        if kept and len(kept) < len(passports):
            passports = kept
        only = []
        for s in passports:
            w = passport_word(s)
            if w is None or _holder(s, tokens) != "self":
                continue
            first = min(w, s.start)
            before = tokens[max(0, first - 5) : first]
            # held, not only travelled on: "only ever had", "hab nur", "n'ai que"; not "travel only on my French
            # passport" of a dual national
            if (set(before) & _ONLY_WORDS and set(before) & _HOLD_VERBS) or (
                    "que" in before and {"n", "ne"} & set(before)):
                only.append(s)
        if len(only) == 1 and not set(tokens) & COUNTRY_TRIGGERS:  # "dual", "both": several held
            codes = set(only[0].codes)
            # a parent's is left to the rule for parents below, which asks whether the parent travels too
            passports = [s for s in passports if s is only[0] or set(s.codes) <= codes
                         or _holder(s, tokens) not in ("self", "")]
        return passports

    @staticmethod
    def _corrected_passports(passports: list[Span], tokens: list[str], raw_tokens: list[str]) -> list[Span]:
        """"spanish? no sorry I'm Mexican", "I'm German, oh wait, I'm Austrian": a nationality the asker takes back
        for the next one of the same holder."""
        kept: list[Span] = []
        ordered = sorted(passports, key=lambda s: s.start)
        for a, b in itertools.pairwise(ordered):
            if a.how == "cjk" or b.how == "cjk":
                kept.append(a)
                continue
            gap = tokens[a.end : b.start]
            marks = [j for j in range(a.end, b.start) if tokens[j] in CORRECTION_WORDS or (
                tokens[j] == "no" and (raw_tokens[j - 1] in _CLAUSE_MARKS or j + 1 == b.start
                                       or raw_tokens[j + 1] in _CLAUSE_MARKS or tokens[j + 1] in CORRECTION_WORDS))]
            same = _holder(a, tokens) in ("", "self") and _holder(b, tokens) in ("", "self")
            if not (marks and same and "and" not in gap and "y" not in gap):
                kept.append(a)
        kept.append(ordered[-1])
        return [s for s in passports if s in kept]

    @staticmethod
    def _one_holder(passports: list[Span], tokens: list[str], text: str) -> bool:
        """Whether the passports named are one traveler's: said so ("dual", "binational", "双重国籍"), or each has
        the same holder, the nearest person word before it ("I'm X and my wife is Y" are two people). A group ("a
        Spanish and Moroccan couple", "3 Germans, 1 Turk") is several people."""
        token_set = set(tokens)
        if token_set & DUAL_WORDS or any(w in text for w in CJK_DUAL_WORDS):
            return True
        if "both" in token_set and token_set & PLURAL_PASSPORT_WORDS and all(
                _holder(s, tokens) in ("", "self") for s in passports if s.how != "cjk"):
            return True  # "I actually have both American and South Korean passports" (though "tour groups" follow)
        if token_set & GROUP_WORDS or any(w in text for w in CJK_COMPANION_WORDS):
            return False
        holders: set[str] = set()
        if token_set & PLURAL_PASSPORT_WORDS:
            # "tenho passaportes irlandês e indiano", "у меня паспорта Ирландии и Индии": one subject's passports
            # ("irlandês" is no plural there); "my wife and I have ... passports" names two holders
            for span in passports:
                if span.how != "cjk":
                    holders.add(_holder(span, tokens) or "self")
            return holders == {"self"}
        for span in passports:
            if span.how == "cjk":
                continue
            if span.plural and span.how == "demonym" and not (
                    (span.start > 0 and tokens[span.start - 1] in PASSPORT_WORDS)
                    or (span.end < len(tokens) and tokens[span.end] in PASSPORT_WORDS)):
                return False  # "Germans", "Americans": people; but "passaporte português" is the adjective
            holder = _holder(span, tokens)
            if holder:
                holders.add(holder)
        return len(holders) <= 1

    def _hosts(self, passports: list[Span], places: list[Span], tokens: list[str], raw_tokens: list[str],
               destination: str) -> set[int]:
        """Passports of someone else (not the asker) whose sentence says they live at the destination ("my mum is
        Ukrainian, she lives in Melitopol"), when the asker's own is named."""
        if "self" not in [_holder(s, tokens) for s in passports if s.how != "cjk"]:
            return set()
        place = self.kb.places.get(destination)
        there = {destination, place.parent} if place and place.parent else {destination}
        out: set[int] = set()
        for span in passports:
            holder = _holder(span, tokens) if span.how != "cjk" else ""
            if not holder or holder == "self":
                continue
            end = next((j for j in range(span.end, len(tokens)) if raw_tokens[j] in (".", "?", "!")
                        or tokens[j] in SELF_HOLDERS), len(tokens))  # "she lives in Bangkok with me. Can we ..."
            lives = next((j for j in range(span.end, end) if tokens[j] in _LIVES_WORDS), None)
            if lives is not None and any(lives < p.start < end and set(p.codes) & there for p in places
                                         if p.how != "cjk"):
                out.add(id(span))
        return out

    @staticmethod
    def _with_someone(tokens: list[str]) -> bool:
        """"with him", "with my wife", "with a friend": someone travels along; "Canadian with Cuban parents", "with
        the tourist card" say who the traveler is or what they carry."""
        for i, token in enumerate(tokens):
            if token == "on" and tokens[i + 1 : i + 2] and tokens[i + 1] in _FRENCH_ON_VERBS:
                return True  # "on peut y aller ensemble ?": the French "we"
            if token == "with":
                j = i + 1
                while j < len(tokens) and (tokens[j] in _POSSESSIVES or tokens[j] in ARTICLES):
                    j += 1
                if j < len(tokens) and (tokens[j] in OTHER_HOLDERS or tokens[j] in _SEVERAL_TRAVELERS or (
                        tokens[j] in PEOPLE_NOUNS and tokens[j + 1 : j + 2] not in (["card"], ["cards"], ["visa"]))):
                    return True  # ... but "with the tourist card" is a document
        return False

    @staticmethod
    def _contrasted(span: Span, tokens: list[str]) -> bool:
        """"only for Russians", "только для россиян", "nur für Deutsche": a nationality the rule is said to be for,
        set against the traveler's."""
        if span.plural and tokens[span.end : span.end + 1] in (["only"], ["nur"], ["seulement"], ["solo"]):
            return True  # "or is it russians only"
        return span.start > 1 and tokens[span.start - 1] in DEMONYM_TRIGGERS and tokens[span.start - 2] in ONLY_WORDS

    @staticmethod
    def _language_apologised(span: Span, tokens: list[str]) -> bool:
        """"sorry mon anglais", "excuse my english", "desculpe meu inglês", "my english is bad": the language the
        message is written in, after "my" and an apology or before what the writer thinks of it."""
        j = span.start - 1
        while j >= 0 and tokens[j] in _POOR_WORDS:
            j -= 1
        if j < 0 or tokens[j] not in _POSSESSIVES:
            return False
        if set(tokens[max(0, j - 3) : j]) & _APOLOGY_WORDS:
            return True
        after = tokens[span.end : span.end + 3]
        return bool(after) and after[0] in COPULAS and bool(set(after[1:]) & _POOR_WORDS)

    @staticmethod
    def _to_obtain(span: Span, tokens: list[str], n: int) -> bool:
        """"make me get a Cuban passport", "apply for an Irish passport", "получить российский паспорт": a passport
        the traveler would have to get, not one they hold."""
        j = span.start - 1
        if span.start > 0 and tokens[j] in PASSPORT_WORDS and tokens[j] not in NOT_PASSPORT_NOUNS:
            j -= 1  # "preciso de passaporte iraniano", "m'obliger à avoir un passeport iranien": the noun first
        elif span.end >= n or tokens[span.end] not in PASSPORT_WORDS or tokens[span.end] in NOT_PASSPORT_NOUNS:
            return False
        while j >= 0 and (tokens[j] in ARTICLES or tokens[j] in ROMANCE_ARTICLES or tokens[j] in ("for", "de", "d")):
            j -= 1
        if j > 0 and tokens[j] in _HAVE_INFINITIVES and tokens[j - 1] in ("to", "a", "de", "d", "zu", "que"):
            return True  # "force me to have", "obliger à avoir", "tener que tener"
        return j >= 0 and (tokens[j] in OBTAIN_WORDS or tokens[j] in _NEED_WORDS)

    @staticmethod
    def _of_others(span: Span, tokens: list[str], raw_tokens: list[str]) -> bool:
        """A nationality in a clause about other people ("the locals said Afghans ...", "все ходят с российскими
        паспортами")."""
        if span.how == "cjk":
            return False
        j = span.start - 1
        while j >= 0 and raw_tokens[j] not in _CLAUSE_MARKS and span.start - j <= 6:
            if tokens[j] in THIRD_PARTY_WORDS:
                return True
            j -= 1
        return False

    @staticmethod
    def _alone_in_clause(span: Span, tokens: list[str], raw_tokens: list[str], joins: set[int],
                         ends: dict[int, Span], heading: bool = False) -> bool:
        """A demonym that is its clause by itself, or with "a" or "here" ("..., israeli", "a brit here.",
        "romanian specifically", "Ethiopian-American, still ..."), or opens it heading to a place ("tunisian to
        libya"): the traveler saying who they are."""
        start = span.start
        if start in joins and start in ends:
            start = ends[start].start  # the first of two hyphen-joined nationalities
        elif start >= 2 and tokens[start - 1] in _AND_WORDS and start - 1 in ends:
            start = ends[start - 1].start  # "Mexican and American, can I go to Cuba?": both open the clause
        j = start - 1
        while j >= 0 and tokens[j] in ("a", "an"):
            j -= 1
        if j >= 0 and tokens[j] in _TELEGRAPHIC_PERSONS and start - j == 1:
            j -= 1  # "me irish, wife indian", "meine Frau Deutsche": a person and their nationality, the verb left out
            while j >= 0 and tokens[j] in _POSSESSIVES:
                j -= 1
            if j >= 0 and tokens[j] in _AND_WORDS and j in ends:
                return True  # "yo peruano y ella chilena": one more person and nationality after the first
            if j >= 0 and raw_tokens[j] not in _CLAUSE_MARKS:
                return False
        lead = j
        while lead >= 0 and tokens[lead] in _FOLLOWUP_LEADS:
            lead -= 1
        if lead < 0:
            j = -1  # "and chinese?", "what about japanese?": the message opens on the nationality
        if j >= 0 and tokens[j] in ("but", "and") and j > 0 and raw_tokens[j - 1] not in _CLAUSE_MARKS \
                and tokens[span.end : span.end + 1] == ["now"]:
            j = -1  # "born in Grozny but Austrian now": who the traveler is now
        k = span.end
        if k + 1 < len(tokens) and tokens[k] in _AND_WORDS:
            second = next((s for s in ends.values() if s.start == k + 1), None)
            if second is not None:
                k = second.end
        while k < len(tokens) and tokens[k] in CLAUSE_TAIL:
            k += 1
        if j < 0 and k < len(tokens) and tokens[k] in ("with", "com", "con", "avec", "mit") and k == span.end:
            return True  # "Brazilian with a Russian boyfriend, visa for Russia?": the message opens on who asks
        if j < 0 and k < len(tokens) and tokens[k] in _BUT_WORDS:
            return True  # "israeli but also have a german passport": who asks, then what else they hold
        return (j < 0 or raw_tokens[j] in _CLAUSE_MARKS) and (heading or k >= len(tokens)
                                                               or raw_tokens[k] in _CLAUSE_MARKS)

    @staticmethod
    def _points_back(tokens: list[str]) -> bool:
        """"how do i get there from Sochi", "как туда добраться из Сочи": the place asked about was named before
        (a chat's last destination), so a place after "from" stays where the traveler sets off."""
        for i, token in enumerate(tokens):
            if token in THERE_WORDS:
                prev = tokens[i - 1] if i else ""
                nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
                if token != "there" or (prev not in COPULAS and nxt not in COPULAS and nxt not in ("s", "re")):
                    return True  # not "is there a bus", "there is a ferry"
        return False

    def _beside_curated(self, places: list[Span], tokens: list[str]) -> set[int]:
        """"die Grenze zwischen Polen und Belarus", "la frontière entre l'Arménie et le Haut-Karabakh": of two places
        named after "between", the one the knowledge base does not curate is only the other side."""
        out: set[int] = set()
        ordered = sorted((s for s in places if s.how != "cjk"), key=lambda s: s.start)
        for a, b in itertools.pairwise(ordered):
            j = a.start - 1
            while j >= 0 and (tokens[j] in ARTICLES or tokens[j] in _BETWEEN_ARTICLES):
                j -= 1
            gap = [t for t in tokens[a.end : b.start] if t and t not in ARTICLES and t not in _BETWEEN_ARTICLES]
            between = j >= 0 and tokens[j] in _BETWEEN_WORDS and len(gap) <= 2 and bool(set(gap) & CONJUNCTIONS)
            # "a fronteira do Brasil com a Venezuela", "the border of Poland with Belarus", "граница России с Грузией"
            k = j - 1
            while k >= 0 and (tokens[k] in ARTICLES or tokens[k] in _BETWEEN_ARTICLES):
                k -= 1
            border_with = j >= 0 and (tokens[j] in _OF_WORDS or (_CYRILLIC_RE.match(tokens[a.start]) and j == k + 1
                                                                  and tokens[j] in _BORDER_NOUNS)) and (
                (k >= 0 and tokens[k] in _BORDER_NOUNS) or tokens[j] in _BORDER_NOUNS) and len(gap) == 1 \
                and gap[0] in _BORDER_WITH
            if not (between or border_with):
                continue
            curated = [any(self.kb.places[c].curated for c in s.codes if c in self.kb.places) for s in (a, b)]
            if curated[0] != curated[1]:
                out.add(id(b) if curated[0] else id(a))
        return out

    @staticmethod
    def _wished(span: Span, tokens: list[str], strict: bool = False) -> bool:
        """A place the traveler says they want to see or go to ("we really want to see Nagorno Karabakh", "hoping
        to visit", "хочу в"), among others only mentioned; `strict`: only said with a wish, not "going to" or a
        detour."""
        if span.how == "cjk":
            return False
        j = span.start - 1
        while j >= 0 and (tokens[j] in ARTICLES or tokens[j] in ("to", "into", "in", "в", "на", "до", "nach", "a", "au",
                                                                 "en")):
            j -= 1
        if strict and j >= 0 and (tokens[j] in _HEADING_VERBS or tokens[j] in _DETOUR_WORDS):
            return False
        if j >= 0 and tokens[j] in _HEADING_VERBS and tokens[j + 1 : j + 2] in (["to"], ["into"]):
            return True  # "eta israel for brits going to the west bank": where they are going
        if j >= 0 and tokens[j] in _DETOUR_WORDS and j + 1 < span.start:
            return True  # "a little detour into the Afghan Wakhan", "ein Abstecher nach Abchasien": the leg in doubt
        if j >= 0 and tokens[j] in WISH_VERBS:
            j -= 1
            if j >= 0 and tokens[j] == "to":
                j -= 1
            return j >= 0 and (tokens[j] in WISH_WORDS or (j > 0 and tokens[j - 1] in WISH_WORDS))
        return j >= 0 and tokens[j] in WISH_WORDS and not tokens[j].isascii()  # "хочу в Абхазию"

    @staticmethod
    def _in_questions(places: list[Span], raw_tokens: list[str]) -> set[int]:
        """In a message of several sentences, the places of the last question that names one ("... a few days in
        the Maldives ... Is Diego Garcia even a place you can visit?"), or without a question mark of the last
        sentence that names one ("Oslo – Tromsø – Longyearbyen, then back to Oslo. ... do I need a separate visa for
        svalbard"); empty when that sets none apart."""
        if len(places) < 2:
            return set()
        marked = "?" in raw_tokens
        asked: set[int] = set()
        ordered = sorted((s for s in places if s.how != "cjk"), key=lambda s: s.start)
        k = 0
        for i, raw in enumerate(raw_tokens):
            if raw in (".", "!", "?") or i == len(raw_tokens) - 1:
                sentence = set()
                while k < len(ordered) and ordered[k].start <= i:
                    sentence.add(id(ordered[k]))
                    k += 1
                if sentence and (raw == "?" or not marked):
                    asked = sentence
                    if raw == "?":
                        asked = Matcher._last_clause_asked(ordered, sentence, raw_tokens, i)
        return asked if len(asked) < len(places) else set()

    @staticmethod
    def _last_clause_asked(ordered: list[Span], sentence: set[int], raw_tokens: list[str], end: int) -> set[int]:
        """An itinerary and its question in one sentence ("Erbil -> Mosul -> Baghdad -> Basra, then Kuwait, safety in
        Mosul?", "Cairo to Cape Town via Sudan, Ethiopia — what about South Sudan?"): the places of the last clause
        when it asks something of its own and two or more places come before it."""
        spans = [s for s in ordered if id(s) in sentence]
        # a comma between two places lists them ("Mali, Niger, Burkina - can a french citizen get in?")
        listing = {s.end for s in spans} & {s.start - 1 for s in spans}
        mark = max((j for j in range(spans[0].start, end) if raw_tokens[j] in (",", ";", "—", "–")
                    and not (raw_tokens[j] == "," and j in listing)), default=-1)
        if mark < 0:
            return sentence
        last = [s for s in spans if s.start > mark]
        before = {s.codes for s in spans if s.start < mark}
        cue = any(raw_tokens[j].casefold() in _CLAUSE_QUESTION_CUES for j in range(mark + 1, end))
        if last and cue and len(before) >= 2 and len(last) < len(spans):
            return {id(s) for s in last}
        return sentence

    @staticmethod
    def _is_adviser(span: Span, tokens: list[str]) -> bool:
        """A country named as the government giving advice: "canada travel advisory", "the UK advise against",
        "alerta do Canadá", "Госдепа США", "美国国务院"."""
        if span.how == "cjk":
            return span.adviser
        j = span.end + (span.end < len(tokens) and tokens[span.end] == "travel")
        if j < len(tokens) and tokens[j] in ADVISER_AFTER:
            return True
        if (span.start > 0 and tokens[span.start - 1] == "for" and j < len(tokens) and tokens[j] == "in"
                and any(p.search(" ".join(tokens)) for p in LEVEL_PHRASES)):
            return True  # "what level is it for canada in mali": Canada's advice, asked about Mali
        return Matcher._adviser_before(tokens, span.start)

    @staticmethod
    def _adviser_before(tokens: list[str], start: int) -> bool:
        """A ministry or "according to" before the name: "Госдепа США", "selon le Royaume-Uni", "laut den
        Deutschen"."""
        i = start - 1
        while i >= 0 and tokens[i] in ("de", "do", "da", "du", "des", "del", "of", "the", "у", "le", "la", "les", "los",
                                       "las", "den", "dem", "der", "to"):
            i -= 1
        return i >= 0 and tokens[i] in ADVISER_BEFORE

    @staticmethod
    def _list_end(span: Span, ends: dict[int, Span], tokens: list[str]) -> int:
        """Where a list of demonyms that starts with this one ends: "an Iranian, Syrian or Iraqi visa" is one visa
        word for the three."""
        starts = {s.start: s for s in ends.values()}
        end = span.end
        while True:
            j = end
            while j < len(tokens) and (not tokens[j] or tokens[j] in CONJUNCTIONS or tokens[j] in ALTERNATIVE_WORDS) \
                    and j - end <= 2:
                j += 1
            if j == end or j not in starts:
                return end
            end = starts[j].end

    @staticmethod
    def _followed_by_visa(tokens: list[str], end: int) -> bool:
        while end + 1 < len(tokens) and tokens[end] in VISA_KIND_WORDS:
            end += 1  # "an Italian schengen visa", "a normal pakistani tourist evisa": the visa's kind between
        nxt = tokens[end] if end < len(tokens) else ""
        if nxt == "e" and end + 1 < len(tokens):
            nxt = tokens[end + 1]  # "e-visa"
        return nxt in VISA_WORDS or nxt in PLACE_NOUNS or nxt in _AUTHORISATION_WORDS

    @staticmethod
    def _names_document(span: Span, tokens: list[str]) -> bool:
        """A demonym that says whose stamp or residence card it is ("un tampon israélien", "titre de séjour
        français", "tarjeta de residencia española"): a document of the country, not the traveler's passport."""
        j = span.start - 1
        while j >= 0 and tokens[j] in ("de", "of", "the", "a", "an"):
            j -= 1
        if tokens[span.end : span.end + 2] in _FOREIGNERS_DOCUMENTS or (
                span.end < len(tokens) and tokens[span.end] in ("reiseausweis", "fluchtlingspass")):
            return True  # "a norwegian travel document", "a German residence permit": issued to a non-citizen
        return j >= 0 and (tokens[j] in STAMP_WORDS or tokens[j] in RESIDENCE_DOCUMENT_WORDS)

    @staticmethod
    def _born_somewhere(span: Span, tokens: list[str], joins: set[int] | frozenset[int]) -> bool:
        """"hes american born in ohio": the nationality of someone born in a place, which "born" after it names only
        when joined to it ("Cuban-born", "American born", "Iranian born and raised")."""
        return tokens[span.end] == "born" and span.end not in joins and span.end + 1 < len(tokens) and tokens[
            span.end + 1] in ("in", "at") and span.end + 2 < len(tokens) and bool(tokens[span.end + 2])

    @staticmethod
    def _compared_people(span: Span, tokens: list[str]) -> bool:
        """Other people the traveler compares themself to ("like my dutch friends", "como los turistas indios",
        "comme les Français", "wie die Deutschen"): their nationality is not the traveler's."""
        j = span.start - 1
        k = 0
        while j >= 0 and k < 3 and tokens[j] in _COMPARED_FILLERS:
            j, k = j - 1, k + 1
        # "como mexicano" alone is "as a Mexican"
        return j >= 0 and tokens[j] in _LIKE_WORDS and (k > 0 or (tokens[j] == "like" and span.plural))

    @staticmethod
    def _demonym_is_person(span: Span, tokens: list[str]) -> bool:
        """A demonym that describes the asker: after a passport word ("pasaporte mexicano"),
        after "passport is" ("my passport is German"), or a noun after "a"/"an" ("can a
        Nigerian go", "for a Brit") rather than an adjective ("a Turkish tour")."""
        prev = tokens[span.start - 1] if span.start > 0 else ""
        if prev in PASSPORT_WORDS and prev not in NOT_PASSPORT_NOUNS:
            return True
        if (prev in PASSPORT_VERBS or prev in COPULAS) and span.start > 1 and tokens[span.start - 2] in PASSPORT_WORDS:
            return True  # "my passport is German", "mi pasaporte es español", "meu passaporte é brasileiro"
        if prev in ("меня", "мене", "нас") and span.start > 2 and tokens[span.start - 2] == "у" \
                and tokens[span.start - 3] in PASSPORT_WORDS:
            return True  # "паспорт у меня латвийский"
        nxt = tokens[span.end] if span.end < len(tokens) else ""
        if prev in ("a", "an"):
            return not nxt or nxt in PERSON_NEXT
        if prev in ROMANCE_ARTICLES or prev in ROMANCE_PERSON_NOUNS:
            return True  # "un peruano", "une Camerounaise", "una familia peruana": Romance adjectives follow their noun
        if prev in COPULAS and span.start > 1 and tokens[span.start - 2] in ROMANCE_PERSON_NOUNS:
            return True  # "mi pareja es ucraniana", "ma femme est russe"
        if span.end + 2 < len(tokens) and tokens[span.end] == "of" and tokens[span.end + 2] in HERITAGE_WORDS:
            return True  # "brit of pakistani origin": the nationality, then where the family comes from
        if prev in HERITAGE_WORDS:
            return True  # "a Chinese-born Canadian"
        before = tokens[span.start - 2] if span.start > 1 else ""
        if prev in LANGUAGE_CUES or before in LANGUAGE_CUES or (prev == "in" and before != "let"):
            return False  # "I speak Russian", "translate to Russian", "the menu in Chinese"
        if nxt in BARE_PERSON_NEXT or (nxt in BARE_PERSON_VERBS and prev in MODALS) \
                or _typed_for(nxt, BARE_PERSON_NEXT):
            return True  # "can Chinese go", "brit in Kaliningrad", "brasileiro precisa de visto"
        # "open to Taiwanese?", "Does Syria let in Lebanese?"
        return not nxt and (prev in PERSON_OBJECT_CUES or (prev == "in" and before == "let"))

    def _topics(self, tokens: list[str], folded_text: str, text: str) -> list[str]:
        token_set = set(tokens)
        found = []
        for topic in TOPICS:
            if (
                token_set & TOPIC_WORDS[topic]
                or any(p.search(folded_text) for p in TOPIC_PHRASES[topic])
                or any(w in text for w in CJK_TOPIC_WORDS[topic])
                or (topic == "entry" and _required_document(folded_text))
            ):
                found.append(topic)
        return found

    @staticmethod
    def _is_origin(span: Span, tokens: list[str]) -> bool:
        """A place the traveler sets off from, lives in, passes through or was in before: "from London", "I live in
        Germany", "из Москвы", "via Armenia", "born in Tehran", "an Israel stamp"."""
        if span.how == "cjk":
            return span.origin
        j = span.start - 1
        while j >= 0 and (tokens[j] in ARTICLES or tokens[j] == "l"):  # "quitter l'Algérie"
            j -= 1
        if j < 0:
            return False
        if j == 0 and tokens[0] == "in" and span.start <= 2:
            return True  # "in Mashhad the locals said ..., can I go to Herat?": where the traveler is
        if j > 0 and tokens[j] in _NOW_AT and (tokens[j - 1] in _NOW_WORDS or (
                tokens[j - 1] in _WE_ARE and tokens[j] in ("in", "в", "у", "en", "im", "a", "au"))):
            return True  # "I am Ukrainian, now in Poland", "ми зараз у Батумі", "we're in Batumi", "мы в Тбилиси"
        if tokens[j] in _WE_ARE and span.start - j == 2 and tokens[j + 1] == "a":
            return True  # "Nous sommes à Erevan": the "a" skipped as an article is the French "at"
        if tokens[j] in _NOW_AT and tokens[span.end : span.end + 1] in (["now"], ["currently"], ["atm"]) and (
                span.start - j == 1):
            return True  # "uk passport holder, in Yerevan now, can i go to Stepanakert"
        d = j - 1 if tokens[j] in ("about", "of", "than", "про") else j
        if d >= 0 and ((tokens[d] in _DISMISSED_BEFORE and (tokens[d] != "mind" or tokens[d - 1 : d] == ["never"]))
                       or (d < j and tokens[d] in ("instead", "rather"))):
            return True  # "ok forget azerbaijan, what about armenia", "instead of Iran", "rather than Syria"
        if tokens[j] in ("de", "d", "desde") and j > 0 and tokens[j - 1] in _LEAVING_FROM:
            return True  # "a partir de Chisinau", "saindo de Punta Arenas", "en partant de Tbilissi": from
        if j > 0 and tokens[j] in _STOP_AT and tokens[j - 1] in _STOPOVER_WORDS:
            return True  # "transit in Seoul then Pyongyang", "пересадка в Стамбуле": only passed on the way
        if tokens[j] == "of" and j > 0 and tokens[j - 1] == "out":
            return True  # "then fly out of Erbil": where the trip ends up leaving from
        if tokens[j] in ORIGIN_WORDS:
            if any(t.startswith(_FETCH_STEMS) for t in tokens[max(0, j - 4) : j]):
                return False  # "забрати маму з Маріуполя", "pick my parents up from Donetsk": where the trip goes
            # "a girl from Hebron", "my grandparents are from the Kherson region": someone else's origin
            k = j - 1 if j > 0 and tokens[j - 1] not in PASSPORT_VERBS else j - 2
            if k > 0 and tokens[k] == "man" and tokens[k - 1] in _GERMAN_MAN_BEFORE:
                return True  # "kann man von Polen oder Litauen rüber": the German pronoun, not a man from Poland
            if k >= 0 and tokens[k] in ("i", "we") and k < j - 1:
                return True  # "we are from Boston": where the askers set off from
            return not (k >= 0 and (tokens[k] in PEOPLE_NOUNS or tokens[k] in PERSON_SUBJECTS))
        if tokens[j] in LEAVE_WORDS or (tokens[j] in ("to", "in") and j > 0 and tokens[j - 1] == "home"
                                        and j > 1 and tokens[j - 2] in ("back", "return", "returning", "fly")):
            return True  # "can i leave ukraine for a holiday in egypt", "then back home to Sochi": left, or home
        if span.start > 1 and tokens[span.start - 1] in ("a", "al") and tokens[span.start - 2] in PAST_VISIT_VERBS:
            return True  # "fui a Cuba en 2023": the article skipped above is the Spanish "to"
        if tokens[j] in ISSUED_WORDS or (j > 0 and tokens[j] in ("in", "by", "в", "en", "em", "par", "por")
                                         and tokens[j - 1] in ISSUED_WORDS):
            return True  # "my passport was issued in Simferopol": where the passport comes from
        if tokens[j] in CONJUNCTIONS or tokens[j] in ALTERNATIVE_WORDS:
            k = j - 1  # "via Santo Domingo or Miami": the places listed after "via" are all passed through
            while k >= 0 and tokens[k] and j - k <= 4 and not (tokens[k] in TRANSIT_WORDS or tokens[k] in ORIGIN_WORDS):
                if tokens[k] in ROUTE_LINKS or tokens[k] in TOWARDS:
                    break  # "from Moscow to Minsk or Vilnius": the list is of where the route goes
                k -= 1
            if k >= 0 and (tokens[k] in TRANSIT_WORDS or tokens[k] in ORIGIN_WORDS) and j - k > 1:
                return True  # ... and so are those after "from" ("von Polen oder Litauen")
        if j > 0 and tokens[j - 1] in ("after", "since") and tokens[j] in ("visiting", "being", "going", "travelling",
                                                                       "traveling"):
            return True  # "after visiting Nagorno-Karabakh can I go to Azerbaijan?"
        if j > 0 and tokens[j] in _BETWEEN_ARTICLES and tokens[j - 1] in PAST_VISIT_WORDS:
            return True  # "j'ai visité la Crimée", "visitei o Irã"
        if tokens[j] in ("in", "im", "auf", "nach") and tokens[span.end : span.end + 1] in (["war"], ["waren"],
                                                                                         ["gewesen"], ["warst"]):
            return True  # "wenn ich schon mal in Bergkarabach war": German puts the verb after the place
        if Matcher._at_border_with(j, tokens):
            return True  # "die Lage an der Grenze zum Iran", "at the border with Afghanistan": the other side
        if tokens[j] in PAST_VISIT_WORDS or tokens[j] in TRANSIT_WORDS or (span.end < len(tokens)
                                                                           and tokens[span.end] in STAMP_WORDS):
            return True  # "I visited Nagorno-Karabakh", "после Крыма", "via Armenia", "an Israel stamp"
        if j > 0 and (tokens[j] in FROM_WORDS or tokens[j] in PASSPORT_LINKS) and tokens[j - 1] in STAMP_WORDS:
            return True  # "sello de Israel", "stamps from Israel"
        v = j - 1  # "ich war 2019 in Syrien", "war 2019 über Russland auf der Krim": a year or the way between
        if v > 1 and tokens[v - 1] in TRANSIT_WORDS:
            v -= 2
        while v > 0 and (tokens[v].isdigit() or (tokens[v] in ("in", "im", "en", "em") and tokens[v + 1].isdigit())):
            v -= 1
        if j > 0 and tokens[j] in ("to", "in", "into", "в", "на", "у", "em", "no", "na", "en", "a", "al", "nach", "auf",
                                   "au", "aux") and v >= 0 and tokens[v] in PAST_VISIT_VERBS:
            k = v - 1
            while k >= 0 and tokens[k] in ("ever", "recently", "actually", "here"):
                k -= 1
            # "I've been to Iran", "I was in Syria in 2010", "если был в абхазии"; not "anyone been to Transnistria?"
            return not (k >= 0 and tokens[k] in _ASKED_SUBJECTS)
        if j > 0 and ((tokens[j] == "стороны" and tokens[j - 1] in ("со", "с"))
                      or (tokens[j] == "боку" and tokens[j - 1] == "з")):
            return True  # "КПП с Южной Осетией со стороны Грузии": the side the traveler crosses from
        if j > 0 and tokens[j] in RESIDENCE_PREPOSITIONS and (tokens[j - 1] in BIRTH_WORDS or tokens[j - 1] == "raised"
                                                              or (tokens[j - 1] == "up" and j > 1
                                                                  and tokens[j - 2] in ("grew", "growing", "raised"))):
            return True  # "born in Tehran", "nació en Estados Unidos", "I grew up in Tehran", "born and raised in"
        if span.end < len(tokens) and tokens[span.end] in RESIDENT_AFTER:
            return True  # "qatar resident", "Dubai-based"
        k = span.start - 1  # "je vis à Paris": "a" is a preposition here, not the article
        # "to work in Iran", "can I stay in Iran": a verb after "to" or a modal is where the traveler wants to be
        return any(tokens[i] in RESIDENCE_PREPOSITIONS and i > 0 and tokens[i - 1] in RESIDENCE_VERBS
                   and not (i > 1 and (tokens[i - 2] in INTENT_BEFORE_VERB or tokens[i - 2] in MODALS))
                   for i in {j, k})

    @staticmethod
    def _at_border_with(j: int, tokens: list[str]) -> bool:
        """tokens[j] is "with"/"zum"/"с" after "at the border" ("an der Grenze zum Iran und zur Türkei", "на границе
        с Ираном"): the place after it is a neighbour of where the traveler is, not where they go."""
        if tokens[j] not in _BORDER_WITH:
            return False
        k = j - 1
        if k >= 0 and tokens[k] in CONJUNCTIONS:  # "... zum Iran und zur Türkei": the second neighbour
            k -= 1
            while k >= 0 and j - k <= 5 and tokens[k] not in _BORDER_WITH:
                k -= 1
            return k >= 0 and j - k <= 5 and Matcher._at_border_with(k, tokens)
        if k < 0 or tokens[k] not in _BORDER_NOUNS:
            return False
        k -= 1
        while k >= 0 and tokens[k] not in _AT_WORDS and (tokens[k] in ARTICLES or tokens[k] in _BETWEEN_ARTICLES):
            k -= 1  # "an" is German "at" before "der"
        return k >= 0 and tokens[k] in _AT_WORDS

    @staticmethod
    def _born_or_been(span: Span, tokens: list[str]) -> bool:
        """"born in Shiraz", "has been to Iran", "visited Iran": a place of someone's past."""
        if span.how == "cjk":
            return False
        j = span.start - 1
        while j >= 0 and tokens[j] in ARTICLES:
            j -= 1
        if j < 0:
            return False
        if tokens[j] in PAST_VISIT_WORDS and tokens[j] != "after":
            return True
        return j > 0 and (tokens[j] in RESIDENCE_PREPOSITIONS or tokens[j] in ("to", "in")) and (
            tokens[j - 1] in BIRTH_WORDS or tokens[j - 1] in PAST_VISIT_VERBS)

    @staticmethod
    def _route_start(span: Span, tokens: list[str], raw_tokens: list[str], starts: set[int],
                     joins: frozenset[int] | set[int] = frozenset(), spans: list[Span] | None = None) -> bool:
        """"moscow to minsk", "kathmandu overland to lhasa", "Москва–Пхеньян", "un vol Paris-Téhéran": a place, then a
        word towards (or a hyphen) and another place; the first is where the route starts."""
        if span.how == "cjk" or tokens[span.start] == "esta":
            return False  # "un ESTA pour New York" is the US's own
        if Matcher._on_from_there(span.end, tokens, starts):
            return True
        if span.end in joins and span.end in starts and span.how != "demonym" and not any(
                s.start == span.end and set(s.codes) & set(span.codes) for s in spans or ()):
            return True
        j = span.end
        while j < len(tokens) and tokens[j] in ROUTE_FILLERS:
            j += 1
        if j >= len(tokens) or not (tokens[j] in ROUTE_LINKS or raw_tokens[j] in ROUTE_MARKS):
            return False
        arrow = raw_tokens[j] in ("→", ">") or raw_tokens[j : j + 2] == ["-", ">"]
        j += 1
        for _hop in range(4):
            while j < len(tokens) and raw_tokens[j] in ROUTE_MARKS:
                j += 1  # "Erbil -> Mosul": an arrow typed as two marks
            while j < len(tokens) and tokens[j] in ARTICLES:
                j += 1
            if j in starts or not arrow:
                break
            # "Bishkek -> Naryn -> Torugart -> Kashgar": the arrows go on past stops that are no destination
            k = j
            while k < len(tokens) and k - j < 2 and tokens[k] and raw_tokens[k] not in ROUTE_MARKS:
                k += 1
            if k == j or k >= len(tokens) or raw_tokens[k] not in ("→", ">", "-") or k in starts:
                break
            j = k
        return j in starts

    @staticmethod
    def _on_from_there(j: int, tokens: list[str], starts: set[int]) -> bool:
        """"fly to dubai and from there to socotra", "в Дубай, а звідти на Сокотру", "a Dubai y de ahí a Socotra": the
        place before "from there" is a stop on the way to the place after it."""
        n = len(tokens)
        k = j
        while k < n and k - j < 3 and (not tokens[k] or tokens[k] in CONJUNCTIONS or tokens[k] in _THEN_WORDS):
            k += 1
        if k < n and tokens[k] in _THENCE:
            k += 1
        elif tokens[k : k + 2] in _THENCE_PAIRS:
            k += 2
        else:
            return False
        while k < n and (tokens[k] in _TOWARDS_STOP or tokens[k] in ARTICLES or tokens[k] in _THEN_WORDS):
            k += 1
        return k in starts

    @staticmethod
    def _from_de(span: Span, tokens: list[str], starts: set[int]) -> bool:
        """"de Kigali vers Goma", "desde Bogotá a Caracas": "de" X, a word towards, then another place."""
        if span.how == "cjk" or span.start == 0 or tokens[span.start - 1] not in FROM_DE:
            return False
        j = span.end
        if j < len(tokens) and tokens[j] in TOWARDS:
            j += 1
            while j < len(tokens) and tokens[j] in ARTICLES:
                j += 1
            return j in starts
        return False

    @staticmethod
    def _alternatives(places: list[Span], tokens: list[str]) -> bool:
        """Two places named as alternatives: "iran or syria", "KP vs TM", "Иран или Сирия"."""
        ordered = sorted((s for s in places if s.how != "cjk"), key=lambda s: s.start)
        for a, b in itertools.pairwise(ordered):
            gap = [t for t in tokens[a.end : b.start] if t and t not in ARTICLES and not _half_word(t)]
            if len(gap) == 1 and gap[0] in ALTERNATIVE_WORDS and set(a.codes).isdisjoint(b.codes):
                return True
        return False

    @staticmethod
    def _intent(tokens: list[str], folded_text: str, text: str, places: int, alternatives: bool = False,
                in_names: frozenset[str] | set[str] = frozenset(), named: bool = False) -> str:
        """What kind of answer is wanted: a date, a level, a comparison, or nothing Borderline does."""
        token_set = set(tokens)
        words = token_set - {""}
        if words and all(w in GREETINGS or w in CJK_GREETINGS for w in words):
            return "off-topic"  # "hello", "你好"
        # "booked a cheap flight ..., can I go on my passport?" asks about rules; "vegetarian restaurants in Tiraspol?
        # romanian passport" only says who asks; "I'm american, can i go to cuba ..., beach and cigars" asks whether
        # one of a nationality may go
        if "visa" in folded_text and (_VISA_IN_HAND_RE.search(folded_text)  # "I already have my UAE visa sorted"
                                      or _VISA_CARD_RE.search(folded_text)):  # "Geldautomaten für Visa-Karten?"
            token_set = token_set - VISA_WORDS
        asks_rules = bool(token_set & (TOPIC_WORDS["entry"] | TOPIC_WORDS["safety"] | TOPIC_WORDS["status"])
                          or ((token_set & PASSPORT_WORDS or named)
                              and any(p.search(folded_text) for p in TOPIC_PHRASES["entry"]))
                          or bool(_LET_IN_RE.search(folded_text))  # "wonsan kalma resort - do they let russians in"
                          or _required_document(folded_text)  # "preciso de seguro de viagem?"
                          or any(p.search(folded_text) for p in WAY_THERE_PHRASES)
                          or bool(RUNNING_PHRASES.search(folded_text)))
        hard = any(p.search(folded_text) for p in OFF_TOPIC_PHRASES)  # searched once, used twice
        if not asks_rules and ((token_set - in_names) & OFF_TOPIC_WORDS or hard
                               or any(p.search(folded_text) for p in OFF_TOPIC_SOFT_PHRASES)
                               or any(w in text for w in CJK_OFF_TOPIC_WORDS)
                               or (any(w in text for w in CJK_RECOMMEND_WORDS)
                                   and any(w in text for w in CJK_SERVICE_WORDS))):
            return "off-topic"
        if hard and (not _required_document(folded_text) or SELL_ME_RE.search(folded_text)):
            return "off-topic"
        if places >= 2 and (alternatives or any(p.search(folded_text) for p in COMPARE_PHRASES)
                            or any(w in text for w in CJK_COMPARE_WORDS)):
            return "compare"
        if any(p.search(folded_text) for p in WHEN_PHRASES) or any(w in text for w in CJK_WHEN_WORDS):
            return "when"
        if any(p.search(folded_text) for p in LEVEL_PHRASES) or any(w in text for w in CJK_LEVEL_WORDS):
            return "level"
        return "question"

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
