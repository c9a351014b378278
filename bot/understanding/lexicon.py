"""Word lists for understanding questions: topics, passport phrases and ordinary words.

Kept apart from the matcher so the vocabulary can grow without touching the logic. All
entries are in folded form (lower case, no accents), see `reference.fold`.
"""

from __future__ import annotations

import re

# Words that name a passport or nationality when next to a country name or demonym.
PASSPORT_WORDS = frozenset(
    ["passport", "passports", "pp", "holder", "holders", "гражданки", "citizen", "citizens", "citizenship", "national", "nationals", "nationality", "pass", "reisepass", "pasaporte", "pasaportes", "passeport", "passeports", "passaporte", "passaporto", "paszport", "paszportem", "paszportu", "pasaport", "pasaportu", "pasaportuyla", "pasaportla", "pasaportum", "pasaportumla", "paspoort", "паспорт", "паспорта", "паспортом", "паспорте", "паспортами", "гражданин", "гражданину", "гражданке", "гражданами", "гражданка", "паспорту", "паспортов", "громадянину", "громадянам", "громадянина", "громадянка", "громадянки", "громадянци", "громадянкою", "vatandas", "vatandası", "vatandasları", "vatandasıyım", "vatandasıyız", "vatandaslar", "vatandaslarına", "vatandaslarının", "vatandasi", "vatandaslari", "obywatel", "obywatele", "obywatela", "obywatelka", "obywateli", "obywatelom", "obywatelstwo", "pasport", "pasports", "passpor", "passort", "pasaport", "passeport", "passprt", "граждане", "гражданство", "гражданина", "граждан", "гражданам", "громадянин", "громадяни", "громадян", "паспорти", "ciudadano", "ciudadana", "ciudadanos", "citoyen", "citoyenne", "citoyens", "staatsburger", "staatsangehorigkeit", "buerger", "buergerin", "buergern", "buergerinnen", "staatsburgerin", "staatsburgern", "staatsburgerinnen", "cittadino", "护照", "여권", "パスポート",
     # nationality and citizenship nouns ("doble nacionalidad venezolana", "con ciudadanía italiana", "Doppelte
     # Staatsbürgerschaft deutsch-türkisch", "mit deutschen Pässen", "являясь гражданином Узбекистана")
     "nacionalidad", "nacionalidade", "nationalite", "ciudadania", "cidadania", "staatsburgerschaft", "passen",
     # the German genitive and plural ("Inhaber eines israelischen Reisepasses", "mit zwei Reisepässen"), holders in
     # German and French, and the French "national" ("ressortissant belge")
     "reisepasses", "reisepasse", "reisepassen", "inhaber", "inhaberin", "inhabern", "titulaire", "titulaires",
     "ressortissant", "ressortissante", "ressortissants", "ressortissantes",
     "гражданином", "гражданкои", "громадянином", "громадянство",
     # the passport for travel abroad ("с российским загранпаспортом")
     "загранпаспорт", "загранпаспорта", "загранпаспортом", "загранпаспорте", "загранпаспорту", "загранпаспорти",
     # identity cards, which some borders take instead ("mit deutschem Personalausweis", "carta d'identità"), and
     # citizens and passports in Italian, Polish, Serbian, Dutch and pinyin ("cittadini italiani", "sa srpskim
     # pasošem", "državljane Srbije", "zhongguo huzhao"), and the abbreviation "ppt"
     "personalausweis", "ausweis", "identita", "dni", "cittadini", "cittadina", "cittadinanza", "obywatelstwem", "pasosem",
     "pasosa", "pasosu", "пасош", "пасошем", "пасоша", "држављани", "држављане", "држављанин", "држављанка",
     "drzavljani", "drzavljane", "drzavljanin", "drzavljanka", "paspoorten", "huzhao", "ppt", "vatandasiyim"]
)
# Prepositions of direction: a name right after one is where the traveler goes, even when a passport word follows
# it ("виза в Туркменистан гражданину Казахстана", "nach Iran Reisepass"); English "to" is not one ("open to US
# citizens").
DIRECTION_PREPOSITIONS = frozenset(["в", "во", "на", "до", "у", "nach"])
# Prepositions allowed between a passport word and the country that follows it.
PASSPORT_LINKS = frozenset(["of", "from", "de", "del", "da", "do", "du", "von", "aus", "der", "des", "den", "dem", "из", "the",
                            "a", "an"])  # "mit meinem zweiten Pass aus den USA"
# Passport words that are not nouns a nationality can follow ("pass Russian customs").
NOT_PASSPORT_NOUNS = frozenset(["pass", "national", "nationals", "holder", "holders"])
# Verbs linking a passport word to a nationality after it ("my passport is German").
PASSPORT_VERBS = frozenset(["is", "are", "was", "were"])
# Visa words right after a demonym make it the destination ("Iranian visa", "a Russian visa").
VISA_WORDS = frozenset(["visa", "visas", "evisa", "visum", "visado", "visto", "wiza", "vize", "виза", "визу", "визы"])
# ... and so do words for what a place has at its edge ("the Latvian border", "на латвийской границе", "the Dominican
# side", "Iranian embassy"), folded.
PLACE_NOUNS = frozenset(["border", "borders", "side", "embassy", "consulate", "frontier", "frontera", "fronteira",
                         "frontiere", "grenze", "граница", "границе", "границу", "границы", "кордон", "кордони",
                         "кордону", "посольство", "посольстве", "консульство"])
# Words after "a/an <demonym>" that show the demonym is a person, not an adjective ("can a Nigerian go").
PERSON_NEXT = frozenset(["husband", "wife", "boyfriend", "girlfriend", "partner", "colleague", "friend", "mate",
                         "driver", "backpacker", "photographer", "journalist", "muslim", "go", "do", "does", "manage", "travel", "visit", "enter", "get", "need", "fly", "still", "be", "legally", "safely", "citizen", "tourist", "traveler", "traveller", "backpacker", "woman", "man", "guy", "girl", "student", "living", "like", "with", "and", "or", "who", "couple", "lady", "dude", "even", "also", "really", "actually", "here", "wanting", "planning", "hoping", "trying", "looking",
                         "just", "simply", "currently", "now", "ever"])  # "can a jordanian just drive in"
# Verbs after a bare demonym that make it a person ("can Chinese go", "brit in Kaliningrad", "brasileiro precisa",
# "Deutsche brauchen", "Ivoirien ici", "Algérienne résidant à Lyon"): the demonym is then the subject, not an
# adjective ("Chinese food").
BARE_PERSON_NEXT = frozenset(["heading", "headed", "ici", "aqui", "aca", "hier", "здесь", "тут", "residant", "residente", "residiendo", "vivant", "vivendo", "viviendo", "wohnhaft", "going", "goes", "traveling", "travelling", "visiting", "entering", "need", "needs", "want", "wants", "flying", "still", "living", "in", "here", "allowed", "precisa", "precisam", "precisan", "necesita", "necesitan", "puede", "pueden", "pode", "podem", "braucht", "brauchen", "darf", "durfen", "kann", "konnen", "peut", "peuvent", "doit", "doivent", "moga", "moze", "musza", "potrzebuja", "wanting", "planning", "hoping", "trying", "looking", "thinking", "who", "guy", "guys", "couple", "couples", "girls", "ladies",
                               "applying", "moving", "studying", "working", "quer", "querem", "quiere", "quieren", "veut", "veulent", "will", "wollen",
                               "consegue", "conseguem", "consigue", "consiguen",  # "Brasileiro consegue e-visa?"
                               # "Brasileiro paga quanto pra entrar em Galápagos?": pays
                               "paga", "pagam", "pagan", "paie", "paient", "zahlt", "zahlen",
                               # a Cyrillic adjective in the dative, then "need"/"may" ("а в Ладакх русским нужно
                               # разрешение?", "українським можна?"): the people, as "русским языком" is not
                               "нужно", "нужна", "нужен", "нужны", "надо", "можно", "потрибна", "потрибно",
                               "потрибен", "потрибни", "треба", "можна"])
# Verbs that are also nouns ("Chinese travel agencies"): after a bare demonym they make it a person only after a
# modal ("can Chinese travel to Tibet", "do Swiss visit").
BARE_PERSON_VERBS = frozenset(["go", "travel", "visit", "enter", "get", "fly"])
MODALS = frozenset(["can", "could", "may", "might", "do", "does", "should", "must", "will", "would", "cannot", "cant", "are"])
# Words before a demonym ending a clause that make it the people let in ("open to Taiwanese", "let in Lebanese").
PERSON_OBJECT_CUES = frozenset(["to", "let", "admit", "admits", "allow", "allows", "accept", "accepts", "welcome", "welcomes"])
# Words around a demonym that make it a language ("I speak Russian", "the menu in Chinese", "translate to Russian").
LANGUAGE_CUES = frozenset(["speak", "speaks", "speaking", "spoken", "learn", "learning", "understand", "translate", "translated", "translation", "say", "write", "written", "read", "fluent", "menu", "language", "sprechen", "spreche", "hablo", "habla", "hablar", "falo", "fala", "parle", "parler"])
# Between a name and a passport word without changing its meaning ("US-Israeli dual citizen").
PASSPORT_FILLERS = frozenset(["dual", "sar"])  # "Hong Kong SAR passport"
# Lower-case codes that are a passport when followed by a passport word ("i have a us passport"), joined to
# another nationality ("uk/us", "us and mexican passports") or after "dual"/"both"; "us" is also a pronoun.
LOWERCASE_PASSPORT_CODES = {"us": "US", "uk": "GB", "fr": "FR", "ru": "RU", "mx": "MX", "br": "BR", "cn": "CN", "nl": "NL",
                            "pl": "PL", "dt": "DE", "rf": "RU"}  # "passeport fr", "mit dt. Pass"
# Upper-case abbreviations of cities that travelers write more often than the country code they spell ("my brother
# in LA" is in Los Angeles, not Laos; "a conference in DC"), and of a country's own travel authorisation.
CITY_ABBREVIATIONS = {"LA": "US", "DC": "US",
                      "ESTA": "US",  # the US visa waiver names the US ("been to Cuba, can I still get ESTA?")
                      "GBAO": "TJ"}  # Gorno-Badakhshan, whose permit is Tajikistan's ("do we need a GBAO permit")
# Cyrillic abbreviations of country names, folded, that are no Russian or Ukrainian word in any case ("хоче в ОАЕ",
# "виза в ОАЭ", "гражданин КНР", "в ФРГ"); "ПАР" (the Ukrainian for South Africa) is also "steam", so only in capitals.
CYRILLIC_ABBREVIATIONS = {"оае": "AE", "оаэ": "AE", "кнр": "CN", "фрг": "DE", "юар": "ZA"}
CYRILLIC_UPPERCASE_ABBREVIATIONS = {"ПАР": "ZA"}
# Chinese pairs of one-character country names with China, before a word of the border between them ("中朝口岸",
# "中俄边境", "中越边界"): the other country is where the crossing leads.
CJK_PAIR_COUNTRIES = {"朝": "KP", "俄": "RU", "越": "VN", "蒙": "MN", "哈": "KZ", "吉": "KG", "缅": "MM", "老": "LA",
                      "塔": "TJ", "巴": "PK", "印": "IN", "尼": "NP"}
CJK_PAIR_BORDER_WORDS = ("口岸", "边境", "边界", "国境", "边检", "界河", "陆路口岸")
# Lower-case codes that are no word of any language travelers write in, so they always name the country.
LOWERCASE_CODES = {"gbao": "TJ", "uk": "GB", "usa": "US", "uae": "AE", "drc": "CD", "rdc": "CD", "prc": "CN", "ksa": "SA",
                   "nk": "KP", "dprk": "KP"}  # "nk ban on us passports"
# Words before a nationality that make it a statement about who travels ("as an American", "we're German",
# "soy argentino", "je suis suisse", "ich bin Deutscher", "я американец", and a Russian or Ukrainian pronoun, since
# those languages drop the copula: "она россиянка", "вона росіянка"): a country name spelled like the demonym
# ("suisse", "china") counts too.
IDENTITY_TRIGGERS = frozenset(["as", "im", "am", "are", "were", "youre", "theyre", "hes", "shes", "being", "half", "als", "como", "comme", "как", "як", "я", "мы", "ми", "soy", "somos", "siendo", "yo", "moi", "sou", "sendo", "suis", "sommes", "etant", "он", "она", "они", "вин", "вона", "вони", "bin", "sind",
                               "jako", "jestem", "jestesmy", "sono", "siamo", "kao", "ja", "ben", "ik", "wij", "zijn"])
# ... and words before a demonym (not a country name: "visa para China") that make it the traveler's.
DEMONYM_TRIGGERS = IDENTITY_TRIGGERS | frozenset(["dual", "both", "hold", "holding", "для", "for", "fur", "fuer", "pour", "para", "pra", "pro", "per", "dla", "za", "voor", "binational", "binationale", "binacional"]) | frozenset(
    # Verbs of questions that put the subject after them ("Brauchen Deutsche ein Visum?", "¿Puede un estadounidense viajar?")
    ["brauchen", "braucht", "benotigen", "durfen", "darf", "konnen", "mussen", "muss", "puede", "pueden", "necesita", "necesitan", "pode", "podem", "precisa", "precisam", "peut", "peuvent"])
# "My wife is Chinese", "mi esposa es china": a copula after a person names that person's nationality.
COPULAS = frozenset(["is", "are", "was", "es", "est", "ist", "e", "е"])  # the last one is the Ukrainian "є", folded
PERSON_SUBJECTS = frozenset(["i", "we", "he", "she", "they", "motherinlaw", "fatherinlaw", "sisterinlaw", "brotherinlaw",
                             "wife", "husband", "partner", "spouse", "girlfriend", "boyfriend", "fiance", "fiancee", "friend", "friends", "mate", "buddy", "pal", "son", "daughter", "mother", "father", "mom", "mum", "dad", "parents", "grandma", "grandmother", "grandpa",
                             "grandfather", "grandad", "grandparents", "granny", "brother", "sister", "kids", "children", "family", "cousin", "colleague", "colleagues", "esposa", "esposo", "mujer", "marido", "novia", "novio", "amigo", "amiga", "hijo", "hija", "namorada", "namorado", "femme", "mari", "copine", "copain", "ami", "amie", "frau", "mann", "freundin", "freund", "who",
                             "guy", "girl", "lad", "bloke", "boy", "kumpel",  # "the third guy is Turkish"
                             "ela", "ele", "ella", "elle", "il", "er",
                             "blonde", "chum"])  # Quebec French: "ma blonde est américaine" (my girlfriend)  # "(ela é russa, eu sou brasileiro)"
# Russian and Ukrainian drop the copula, so a nationality straight after a person is that person's ("мой муж русский",
# "муж у меня русский", "моя дружина полька").
CYRILLIC_PERSON_NOUNS = frozenset(["муж", "жена", "друг", "подруга", "парень", "девушка", "сын", "дочь", "дочка", "мама",
                                   "мать", "папа", "отец", "брат", "сестра", "бабушка", "дедушка", "коллега", "партнер",
                                   "партнерша", "невеста", "жених", "ребенок", "дети", "родители", "супруг", "супруга",
                                   "чоловик", "дружина", "хлопець", "дивчина", "син", "донька", "тато", "батько",
                                   "бабуся", "дидусь", "наречена", "наречении", "дити", "батьки"])
# "I'm from Mexico", "я из Казахстана", "soy de Perú", "ich komme aus Polen": the traveler's country.
FROM_WORDS = frozenset(["from", "из", "з", "de", "du", "aus"])  # "із" folds to "из"
FROM_AFTER = IDENTITY_TRIGGERS | frozenset(["come", "comes", "komme", "kommen", "vengo", "venimos", "venho", "viens", "родом"])
COUNTRY_TRIGGERS = frozenset(["dual", "both", "binational", "binationale", "binacional"])
# Words after a nationality that make it where the traveler's family or birth comes from, not a passport they hold
# nor a place they ask about ("Cuban-born", "of Lebanese descent", "Iranian heritage").
HERITAGE_WORDS = frozenset(["born", "descent", "heritage", "ancestry", "origin", "origins", "roots", "background", "stammig", "stammige", "stammiger",
                            "wurzeln", "raices", "racines", "raizes", "корни", "корнями", "коринням", "кориння"])
# Words that end what a demonym describes when it stands alone in its clause ("kathmandu overland to lhasa, israeli",
# "and me? jordanian", "romanian specifically"): the traveler saying who they are.
CLAUSE_TAIL = frozenset(["here", "specifically", "too", "also", "btw", "lol", "now", "abroad", "myself", "only", "ici", "aqui"])
# Words that may stand between "as a" and a demonym without changing who it describes ("as a non-muslim German").
TRAVELER_ADJECTIVES = frozenset(["non", "muslim", "christian", "jewish", "young", "old", "female", "male", "solo",
                                 "single", "retired", "black", "white", "gay", "lone", "overlanding",
                                 "backpacking", "cycling", "hitchhiking", "vegan", "orthodox", "catholic", "protestant",
                                 "buddhist", "hindu", "sikh", "uyghur", "uighur", "tibetan", "kurdish", "tamil",
                                 "arab"])  # "as a uyghur american": the ethnicity before the nationality
# Words before a passport that say the traveler does not hold it ("never had an iranian passport", "without a US
# passport", "he lost his Pakistani one").
NEGATIONS = frozenset(["never", "no", "not", "dont", "without", "lost", "нет", "без", "ohne", "sin", "sem", "sans",
                       # "je n'ai jamais eu de passeport iranien", "nunca tuve pasaporte", "nie einen iranischen Pass"
                       "jamais", "pas", "nunca", "nao", "nie", "kein", "keinen", "keine", "не", "ни", "никогда",
                       "николи"])
# "only for Russians", "только для россиян", "nur für Deutsche": before "for", a nationality set against the traveler's.
ONLY_WORDS = frozenset(["only", "just", "solely", "exclusively", "только", "лишь", "тильки", "лише", "nur", "seulement",
                        "uniquement", "solo", "solamente", "apenas", "somente", "tylko"])
# Verbs of getting a passport not yet held ("make me get a Cuban passport", "получить российский паспорт").
OBTAIN_WORDS = frozenset(["get", "obtain", "acquire", "apply", "applying", "getting", "obtaining", "получить",
                          "оформить", "получать", "отримати", "оформити", "obtenir", "obtener", "sacar", "tramitar",
                          "obter", "tirar", "beantragen", "bekommen", "besorgen"])
# Sports: names next to these are teams, not destinations ("iran vs japan football score").
SPORTS_WORDS = frozenset(["football", "soccer", "score", "scores", "match", "league", "goal", "goals"])
# Words for other people: a nationality in their clause is not the asker's ("the locals said Afghans ...").
THIRD_PARTY_WORDS = frozenset(["locals", "local", "everyone", "everybody", "все", "вси", "местные", "мисцеви"])
# Articles of Romance languages: their adjectives follow the noun, so "un/une/una/um/uma" right before a demonym
# makes it a person ("un peruano", "pour une Camerounaise", "um angolano"), never an adjective.
ROMANCE_ARTICLES = frozenset(["un", "une", "una", "um", "uma"])
# ... and so do nouns for people right before a demonym ("una familia peruana", "mi esposa rusa", "un groupe français").
ROMANCE_PERSON_NOUNS = frozenset(["familia", "famille", "esposa", "esposo", "marido", "mujer", "novia", "novio",
                                  "namorada", "namorado", "amigo", "amiga", "amigos", "amigas", "hijo", "hija", "filho",
                                  "filha", "femme", "mari", "ami", "amie", "amis", "copine", "copain", "fils", "fille",
                                  "pareja", "casal", "couple", "grupo", "groupe", "turista", "turistas", "touriste",
                                  "touristes", "viajero", "viajera", "viajeros", "voyageur", "voyageuse", "ciudadano",
                                  "ciudadana", "cidadao", "cidada",
                                  # a national of a country, in French ("ressortissant belge", "ressortissante suisse")
                                  "ressortissant", "ressortissante", "ressortissants", "ressortissantes",
                                  # what the traveler is, the nationality after it ("journaliste française")
                                  "journaliste", "journalistes", "periodista", "periodistas", "jornalista",
                                  "etudiant", "etudiante", "etudiants", "estudiante", "estudiantes", "estudante",
                                  "medecin", "medico", "medica", "photographe", "fotografo", "fotografa",
                                  "chercheur", "chercheuse", "investigador", "investigadora"])
# What an age between "I'm" and a nationality may consist of ("i'm 23, irish", "I am 30 years old, German").
AGE_WORDS = frozenset(["years", "year", "yrs", "old", "yo", "y", "o"])
# Combining forms of nationalities, hyphen-joined to another one ("franco-marocain", "italo-argentino").
COMBINING_NATIONALITIES = {"franco": "FR", "italo": "IT", "germano": "DE", "hispano": "ES", "luso": "PT", "sino": "CN", "russo": "RU", "greco": "GR", "belgo": "BE", "anglo": "GB",
                           "us": "US"}  # "us-iranian dual": lower case, but joined to a nationality
# Numbers between "we're" and a nationality ("we're two Czech guys", "somos dos chilenos", "мы двое").
NUMBER_WORDS = frozenset(["one", "two", "three", "four", "five", "six", "both", "dos", "tres", "deux", "trois", "dois", "zwei", "drei"])
# Numbers after which a nationality is a noun, people ("für zwei Deutsche", "pour deux Français", "dos chilenos",
# "três brasileiros"): German capitalises the noun (not "zwei deutsche Autos"), Romance adjectives follow their noun.
NOUN_NUMBERS = frozenset(["zwei", "drei", "vier", "funf", "deux", "trois", "quatre", "dos", "tres", "cuatro", "dois",
                          "duas", "quatro"])
NOUN_NUMBERS_CAPITALISED = frozenset(["zwei", "drei", "vier", "funf"])
# Words whose owner a nationality in brackets after them describes ("me (Portuguese) and my wife (Angolan)").
BRACKETED_PERSONS = frozenset(["me", "i", "myself", "us", "we", "wir", "nous", "nosotros", "nos", "мы", "ми"])
ARTICLES = frozenset(["a", "an", "the", "un", "una", "uno", "une", "ein", "eine", "einen", "einem", "der", "die", "das"])
CONJUNCTIONS = frozenset(["and", "or", "&", "y", "e", "et", "und", "и", "или", "oder", "ou", "та"])  # Ukrainian "та": and

# Topic keywords: single folded tokens and multi-word phrases (regex over the folded text).
TOPIC_WORDS: dict[str, frozenset[str]] = {
    "entry": frozenset(
        ["visa", "visas", "visum", "visado", "visto", "vize", "vizesi", "wiza", "wizy", "wize", "viza", "виза", "визы", "визу", "визои", "визи", "تاشيرة", "permit", "permits", "permission", "allowed", "allow", "legal", "illegal", "legally", "lawful", "law", "laws", "entry", "enter", "entering", "requirements", "requirement", "required", "requires", "eta", "admitted", "admission", "admit", "banned", "ban", "invalid", "validation", "valid", "validity", "document", "documents", "erlaubt", "einreise", "legal", "legale", "legalmente", "разрешено", "въезд", "пустят"]
    ),
    "status": frozenset(
        ["open", "opened", "opening", "reopen", "reopened", "reopens", "reopening", "closed", "close", "closes", "closing", "closure", "shut", "lockdown", "timeline", "covid", "pandemic", "resume", "resumed", "resumes", "suspended", "suspend", "anymore", "currently", "reopen", "again", "history", "offen", "geschlossen", "ouvert", "ouverte", "ferme", "fermee", "abierto", "abierta", "cerrado", "cerrada", "aperto", "chiuso", "aberto", "fechado", "otwarta", "otwarte", "otwarty", "zamknieta", "zamkniete", "acik", "kapali", "открыт", "открыта", "открыто", "закрыт", "закрыта", "закрыто", "открылась", "видкрита", "видкрито"]
    ),
    "safety": frozenset(
        ["safe", "safely", "safety", "unsafe", "dangerous", "danger", "dangers", "risk", "risks", "risky", "advisory", "advisories", "warning", "warnings", "arrest", "arrested", "arrests", "detained", "detain", "detention", "jail", "prison", "crime", "crimes", "war", "wars", "conflict", "fighting", "violence", "terrorism", "terrorist", "terrorists", "kidnap", "kidnapped", "kidnapping", "kidnappings", "security", "secure", "threat", "threats", "protest", "protests", "unrest", "militia", "sicher", "sicherheit", "gefahrlich", "gefahr", "sur", "sure", "surs", "dangereux", "dangereuse", "securite", "seguro", "segura", "peligroso", "peligrosa", "sicuro", "pericoloso", "perigoso", "bezpieczne", "bezpieczna", "niebezpieczne", "guvenli", "tehlikeli", "veilig", "onveilig", "gevaarlijk", "безопасно", "безопасна", "опасно", "опасна", "безопасность", "безпечно", "небезпечно"]
    ),
    "reports": frozenset(
        ["anyone", "anybody", "someone", "experience", "experiences", "story", "stories", "report", "reports", "marathon", "marathons", "blog", "blogs", "vlog", "youtuber", "influencer", "influencers", "runner", "runners", "firsthand", "review", "reviews", "erfahrung", "erfahrungen", "experiencia", "experiencias", "отзывы", "опыт"]
    ),
    "howto": frozenset(
        ["tour", "tours", "touren", "reach", "operator", "operators", "agency", "agencies", "book", "booking", "flight", "flights", "fly", "flying", "train", "trains", "route", "routes", "cost", "costs", "price", "prices", "cheap", "expensive", "budget", "guide", "guides", "guided", "bus", "overland", "ferry", "itinerary", "fee", "fees", "airline", "airlines", "reise", "tur", "тур", "туры", "туроператор", "реис", "билет"]
    ),
}
# Words that narrow which traveler reports fit a question, beside the report words themselves.
THEME_WORDS = frozenset(["dual", "nationality"])
TOPIC_PHRASES: dict[str, tuple[re.Pattern[str], ...]] = {
    "entry": tuple(
        re.compile(p)
        for p in (
            r"\b(can|could|may|do|does|are|is)( i| we| you| americans?| brits?| people| foreigners| tourists| one)?"
            r"( still)? (go|travel|visit|enter|trek|get in|cross)\b",
            r"\bget into\b",
            r"\bpossible to (go|travel|visit|enter)\b",
            r"\bpassports? (work|works|valid|good|accepted) (for|in)\b",
            r"\b(an|the|my|get|need|apply for) esta\b|\besta (application|form|waiver|approval)\b",
            r"\ballowed (to|in)\b",
            r"\blets? (\w+ ){1,2}in\b|\b(visiting|going|travell?ing) (\w+ ){0,3}as an? \w+",
            r"\b(can|could|may)\b[^?.!]*\b(go|travel|visit|enter)\b",
            r"\bneed (a|an|to)\b", r"\bneeds? anything\b",  # "do the kids need anything different"
            r"\btourist card\b",
            r"\bkann ich nach\b|\b(kann|darf) man\b",
            r"\b(puis je|peut on|je peux|on peut|puedo|se puede|posso|pode|mozna|можно ли|могу ли) ",
            r"\bmozhno\b|\b(чи )?можна\b|\bczy moge\b",
            r"\b(gidebilir|girebilir|gidilebilir|girilebilir)\b",
            r"يمكن",
        )
    ),
    "status": (
        re.compile(r"\bwhen (did|does|will|can|is|was)\b"),
        re.compile(r"\b(back|again) open\b|\bopen (again|back up)\b|\btourists? (allowed )?back\b"),
        re.compile(r"\bborders? (open|closed)\b"),
    ),
    "safety": (re.compile(r"\blevel [1-4]\b|\bdo not travel\b|\bsafer\b|\bsafest\b"),),
    "reports": (
        re.compile(r"\b(has|have|did) (anyone|anybody|someone|somebody|people)\b"),
        re.compile(r"\bwho (has|have) (been|gone|visited|done|run|travelled|traveled)\b"),
        re.compile(r"\bfirst hand\b|\btraveller?s?'? (reports?|stories|experiences)\b|\bbeen there\b"),
        # "Des retours de voyageurs ?", "alguien ha estado", "war schon jemand", "кто-нибудь был", "хтось був"
        re.compile(r"\bretours? (de voyageurs|d'exp[ée]rience|r[ée]cents?)\b|\bt[ée]moignages?\b|\bquelqu'un (a|est) "
                   r"(d[ée]j[àa] )?([ée]t[ée]|all[ée])\b|\balguien (ha|han) (ido|estado|viajado)\b|\brelatos?\b|"
                   r"\balgu[ée]m (j[áa] )?(foi|esteve|viajou)\b|\bdepoimentos?\b|\b(war|ist) (schon )?(mal )?jemand\b|"
                   r"\bhat (schon )?jemand\b|\breiseberichte?\b|\bкто[- ]?(нибудь|то) (был|ездил|бывал)\b|"
                   r"\bхтось (був|їздив|бував)\b|\bвідгук\w*\b|\bдосвід\b"),
    ),
    "howto": (
        re.compile(r"\bhow (do|can|would|should) (i|we|you|one) get\b|\bhow to (get|go|reach|travel|visit)\b"),
        re.compile(r"\bget there\b|\bhow much\b|\bget to\b"),
        # "how long is the boat ride", "how long does the ferry take"
        re.compile(r"\bhow long (is|does|will|would|takes?) (the |it )?(boat|ferry|ship|crossing|drive|flight|bus|train|"
                   r"journey|trip|ride|sailing|transfer)"),
        re.compile(r"\bкак (добраться|доехать|попасть)\b|\bяк (дістатися|доїхати)\b|\bcomo (chegar|llegar)\b"),
        re.compile(r"\bwie (komme ich|kommt man|kommen wir)\b|\bcomment (aller|se rendre|y aller)\b"),
    ),
}
# Whether a document is required is a rule of entry, though insurance is otherwise a service ("preciso de seguro de
# viagem?", "do I need travel insurance for Cuba", "brauche ich eine Reiseversicherung"): not off-topic.
REQUIRED_DOCUMENT_PHRASES = re.compile(
    r"\b(need|needs|required|require|requires|mandatory|compulsory|obligatory|preciso|precisa|precisam|necesito|"
    r"necesita|obligatorio|obrigatorio|hace falta|brauche|braucht|pflicht|obligatoire|faut il|нужна|нужен|нужно|"
    r"потрибна|потрибно)\b.{0,25}\b(insurance|seguro|versicherung|reiseversicherung|assurance|страховка|страховку|"
    r"страхування)\b")
# Asking the way there: a question about getting in, even beside flights ("Spitzbergen Flüge ab Oslo – wie komme ich
# da überhaupt hin?"), so not off-topic.
# Whether trips of a kind run at all, a question of the place's state ("are the Wonsan-Kalma beach tours actually
# running for foreigners?", "laufen die Touren nach Nordkorea wieder?", "туры в КНДР сейчас работают?")
RUNNING_PHRASES = re.compile(
    r"\b(are|is) (the |any |there )?(\w+ ){0,3}(tours?|trips?|excursions?|cruises?|flights?|trains?|buses|ferry|ferries|"
    r"crossings?) (\w+ ){0,2}(running|operating|happening|going ahead|running again|back on|resumed|restarted)\b"
    r"|\b(laufen|fahren|finden) (\w+ ){0,2}(touren|reisen|ausfluge|fluge|zuge) (\w+ ){0,3}(statt|wieder|noch)\b"
    r"|\b(siguen|estan) (\w+ )?(funcionando|operando|saliendo) (los |las )?(tours|viajes|excursiones|vuelos)\b"
    r"|\b(туры|рейсы|экскурсии|тури|рейси|екскурсії) (\w+ ){0,3}(работают|ходят|летают|идут|возобновили|працюють|"
    r"ходять|літають|відновили)\b")
WAY_THERE_PHRASES = (
    re.compile(r"\bhow (do|can|would|should) (i|we|you|one) (even |actually )?get (there|to|in|into)\b"
               r"|\bhow to (get|go|reach) (there|to|into)\b"),
    re.compile(r"\bwie (komme ich|kommt man|kommen wir)\b|\bcomment (aller|se rendre|y aller)\b"
               r"|\bcomo (chegar|llegar)\b|\bкак (добраться|попасть)\b|\bяк (дістатися|потрапити)\b"),
)

# Topic words in Chinese, Japanese and Korean, found as substrings of the NFC text: these scripts
# are not split into words, and folding (NFKD) breaks Hangul syllables apart.
CJK_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "entry": ("ビザ", "비자", "签证", "簽證", "入境", "入国", "입국", "许可证", "許可証", "可以去", "能去", "行けますか", "行ける", "できますか", "갈 수", "가능"),
    "status": ("开放", "关闭", "開放", "閉鎖", "개방"),
    "safety": ("安全", "危险", "危険", "안전", "위험"),
    "reports": ("经历", "体験", "후기", "游记", "有人去过"),
    "howto": ("旅行团", "ツアー", "투어", "怎么去", "行き方", "航班"),
}

# Weak names that also name a part of another country: when the bot is unsure which is meant, it offers both
# ("georgia": the country or the US state).
WEAK_OTHER_PLACES = {"georgia": ("US",)}
# Words around a weak name ("turkey", "chad") that show the question is about travel.
TRAVEL_WORDS = frozenset(
    ["visa", "visas", "travel", "travelling", "traveling", "trip", "trips", "visit", "visiting", "go", "going", "fly", "flight", "flights", "border", "borders", "tourist", "tourists", "tourism", "holiday", "vacation", "passport", "passports", "safe", "safety", "dangerous", "open", "closed", "entry", "enter", "country", "embassy", "advisory", "permit", "tour", "tours",
     "cross", "crossing", "overland"]  # "can i cross from Armenia into Turkey by land"
) | TOPIC_WORDS["entry"] | TOPIC_WORDS["safety"]
# Words before a weak name that make it a place ("flights to Turkey", "в Того", "до Малі").
WEAK_NAME_BEFORE = frozenset(["to", "in", "into", "visit", "visiting", "from", "в", "во", "до", "на", "у", "из", "з"])
# Words after a weak name that make it a person ("Jordan is my friend", "Petra said").
WEAK_PERSON_NEXT = frozenset(["is my", "was my", "and i", "and me", "said", "says", "told", "asked", "wants", "thinks"])
# Words after a Cyrillic weak name that make it the pronoun it is spelled like ("до того, як", "после того как",
# "для того щоб"), and verbs of having after "у X" ("у комори немає вікон": the storeroom has no windows).
WEAK_PRONOUN_NEXT = frozenset(["як", "как", "що", "что", "щоб", "чтобы", "чем", "ж", "же", "часу", "времени", "самого",
                               "самое", "самии", "раза", "дня"])
POSSESSIVE_NEXT = frozenset(["е", "немае", "нема", "есть", "нет", "был", "была", "було", "була", "бул"])
# Words before a weak name that make it a common noun: "an old man", "my jersey", "this turkey".
WEAK_NOUN_BEFORE = frozenset(["a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that", "old", "young",
                              "whole", "big", "little", "nice", "los", "las", "unos", "unas", "os", "dos", "das",
                              "nos", "nas", "mis", "sus", "tus"])  # "los lagos", "nos lagos": lakes, not Lagos
# Cyrillic words of travel: a Cyrillic weak name ("Того", "Малі", "Комори") names the country only in a question
# about going there, beside TRAVEL_WORDS (folded).
CYRILLIC_TRAVEL_WORDS = frozenset([
    "поехать", "поихати", "съездить", "зиздити", "поездка", "поездку", "поиздка", "поиздку", "подорож", "подорожи",
    "путешествие", "туризм", "тур", "туры", "тури", "турист", "туристы", "туристи", "лететь", "полететь", "летити",
    "полетити", "пускают", "пускають", "пустят", "пустять", "граница", "границу", "кордон", "въезд", "визд",
    "виза", "визу", "визы", "визи", "безопасно", "безпечно", "опасно", "небезпечно", "можно", "можна", "отдых",
    "видпочинок", "паспорт", "паспорта", "паспортом",
])
NOT_TRAVEL_HINTS = frozenset(["recipe", "roast", "roasted", "sandwich", "sandwiches", "peaches", "atlanta", "savannah", "state", "bacon", "stuffing"])

# Ordinary words that fuzzy matching must never "correct" into a country name, beyond the
# English dictionary stored in the knowledge base.
EXTRA_COMMON_WORDS = frozenset(
    ["indie", "selfie", "online", "emoji", "hello", "thanks", "okay", "please", "gonna", "wanna", "travel", "traveling", "travelling", "tourists", "visas", "covid", "blogger", "vlogger", "youtube", "airbnb",
     # family words and everyday words of the other languages travelers write, which typos would turn into names
     # ("grandad" is not Granada, "gracias" not Grecia, "bonjour" not Boujdour)
     "grandad", "granddad", "grandma", "grandpa", "gracias", "bonjour", "porque", "ahora", "buenas", "papai", "marido",
     "novia", "novio", "ustedes", "presisa", "precisa", "ingreso", "ingresar", "permiso", "entrada", "salida",
     "corre", "correr", "corren", "correm",  # "ela corre risco" (runs a risk) is no "Corée"
     "chego", "chegar", "chegou", "chegamos",  # Portuguese "arrive" ("como chego ao Saara" is no Czech)
     "barco", "barcos", "bateau", "bateaux", "coche", "vuelo", "vuelos",  # "barco" is no Burco
     "arger", "aerger",
     "durch",  # German "through" ("mit dem Mietwagen durch Erbil") is no "Dutch"
     "dafur",  # German "dafür" (for it: "welche Reisewarnung gibt das Auswärtige Amt dafür raus") is no Darfur
     "alguien",  # Spanish "someone" ("alguien sabe si ...") is no Algerien (Algeria, in German)
     "queria", "querias", "queriamos", "alcanza", "alcanca",  # "queria passar" is no Quénia, "alcanza" no Albania  # German "Ärger" (trouble: "gibt das Ärger an der Grenze") is no Alger
     # months of the other languages ("ir al Tíbet en abril" is no Erbil)
     "enero", "febrero", "marzo", "abril", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
     "noviembre", "diciembre", "janeiro", "fevereiro", "marco", "junho", "julho", "setembro", "outubro", "novembro",
     "dezembro", "janvier", "fevrier", "avril", "juin", "juillet", "septembre", "octobre", "novembre", "decembre",
     "januar", "februar", "oktober", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
     "settembre", "ottobre", "dicembre",
     # everyday Russian and Ukrainian adverbs, folded ("долго досматривают" is no Dolpo)
     "долго", "довго", "много", "багато", "можно", "можна", "нужно", "надо", "треба", "сколько", "скильки", "давно",
     "недавно", "сеичас", "зараз", "сегодня", "сьогодни", "завтра", "вообще", "взагали", "потом", "потим", "быстро",
     "швидко", "просто", "легко", "сложно", "складно", "опасно", "небезпечно", "безопасно", "безпечно",
     # sides and quarters ("in den Süden" is no Sudan, "на лівий берег" no Libya)
     "suden", "sueden", "norden", "westen", "osten", "левыи",
     # family and everyday words one letter from a name ("casada com iraniano" is no Canada, "meu irmão" no Irã,
     # "Welches Hotel" no Welsh, "in Ercan landen" no London)
     "landen", "landet", "landete", "casada", "casado", "casadas", "casados", "irmao", "irmaos", "irmas", "welches",
     "welcher", "welchen", "welchem",
     # dishes and drinks travelers ask about, one letter from a nationality or a name ("best ramen in tokyo" is no
     # Romanian, "samosa" no Samoa, "biryani" no Birman, "a latte" no Lette)
     "ramen", "sushi", "latte", "lattes", "biryani", "samosa", "samosas", "arepa", "arepas", "pasta", "pizza",
     "tacos", "curry", "kebab", "kebabs", "falafel", "hummus", "noodles", "dumplings", "tapas", "paella", "churros",
     "mochi", "gyoza", "kimchi", "burrito", "burritos", "crepes", "goulash", "pierogi", "shawarma", "baklava",
     # everyday German, French, Spanish and Portuguese words, folded, one letter from a name or a nationality
     # ("meine Schwester" is no Schweizer, "die Berge" no Belge, "gerne" no Girne, "mi madre" no Madrid, "de carro" no
     # Cairo, "aussi" no Aussie, "la policía" no polaca, "sería" no Serbia)
     "gerne", "heute", "viele", "schwester", "schwestern", "stadt", "berge", "bergen", "essen", "letzte", "letzten",
     "erste", "ersten", "hatte", "leute", "ferien", "ausweis", "aussi", "parfois", "aeroport", "notre", "etait",
     "conge", "chaud", "madre", "madres", "salir", "semana", "semanas", "tarde", "tardes", "iglesia", "iglesias",
     "visitar", "estan", "seria", "maleta", "maletas", "policia", "costo", "carro", "carros", "inverno", "noite",
     "noites", "estao", "estrada", "estradas", "risco"]
)

# Two- and three-letter tokens that are ordinary words even in capitals ("IN", "TO", "IS").
CODE_LIKE_WORDS = frozenset(
    ["AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "HI", "ID", "IF", "IN", "IS", "IT", "ME", "MY", "NO", "OF", "OK", "ON", "OR", "SO", "TO", "UP", "WE", "AI", "PM", "TV", "DJ", "CAN", "THE", "AND", "FOR", "ARE", "BUT", "NOT", "YOU", "ALL", "ANY", "OUR", "OUT", "WHO", "WHY", "HOW",
     "PR"]  # "I have PR": permanent residence, not Puerto Rico
)

# Words pointing back to a place named earlier in the chat ("how do i get there", "как туда добраться").
THERE_WORDS = frozenset(["there", "туда", "туди", "dorthin", "alli", "ahi"])
# Abbreviations in Cyrillic letters that count only as typed, in upper case: "гражданам РБ" (Belarus), "паспорт
# РА" (Armenia), "ЦАР" (the Central African Republic); "ра", "рб" and the Ukrainian "цар" (tsar) are not names.
UPPERCASE_ONLY_NAMES = frozenset(["РБ", "РА", "ЦАР"])
# Words beside an upper-case "CAR" that make it a car ("CAR hire", "rent a CAR"), not the Central African Republic.
CAR_WORDS = frozenset(["a", "my", "your", "our", "his", "her", "their", "rent", "rental", "rented", "hire", "hired",
                       "drive", "driving", "park", "parking", "insurance", "seat", "own", "electric",
                       "sharing", "share", "wash", "rentals", "dealer", "keys"])
# ... and beside an upper-case "PNG" that make it an image file ("a PNG of my passport", "PNG or PDF").
PNG_WORDS = frozenset(["a", "as", "file", "files", "image", "images", "photo", "photos", "picture", "scan", "scans",
                       "screenshot", "format", "jpg", "jpeg", "pdf", "upload", "uploaded", "attach", "attached", "icon",
                       "logo", "transparent", "send", "sent", "copy"])

# Two-word phrases in which a place name or demonym means something else ("guinea pig",
# "Paris Hilton"): the name inside them is dropped. Folded, name first or second.
NAME_TRAPS = frozenset(
    ["guinea pig", "guinea pigs", "guinea fowl", "fine china", "bone china", "china cabinet", "china plate", "china plates", "china set", "china doll", "french toast", "french fries", "french fry", "french press", "french kiss", "french horn", "french bulldog", "french braid", "french manicure", "french onion", "turkish coffee", "turkish delight", "turkish bath", "turkish towel", "turkish towels", "turkish van", "brazil nut", "brazil nuts", "paris hilton", "plaster of paris", "georgia aquarium", "georgia tech", "georgia state", "georgia bulldogs", "georgia peach", "georgia peaches", "georgia okeeffe", "new jersey", "jersey shore", "jersey cow", "jersey cows", "football jersey", "basketball jersey", "panama hat", "panama hats", "chile pepper", "chile peppers", "chile con", "green chile", "red chile", "michael jordan", "air jordan", "jordan shoes", "jordan peterson", "jordan river", "chad smith", "indian ocean", "indian food", "indian summer", "american football", "american dream", "american pie", "american express", "american airlines", "american cheese", "spanish flu", "spanish omelette", "english muffin", "english muffins", "english breakfast", "english channel", "german shepherd", "german shepherds", "swiss cheese", "swiss army", "swiss chard", "dutch oven", "dutch courage", "irish coffee", "danish pastry", "russian roulette", "russian doll", "russian dolls", "russian dressing", "brussels sprouts", "brussels sprout", "cuban cigar", "cuban cigars", "cuban sandwich", "mexican food", "mexican wave", "chinese food", "chinese takeout", "chinese checkers", "japanese food", "thai food", "canadian bacon", "greek yogurt", "greek salad", "egyptian cotton", "cayenne pepper", "lima beans", "lima bean", "victoria beckham", "victoria secret", "dubai chocolate", "holland tunnel", "jamaica plain", "monaco grand", "lagos algarve", "turkey sandwich", "ливии берег", "левыи берег", "new york times", "new york post", "new york yankees", "bombay sapphire", "turkey dinner", "roast turkey", "cold turkey", "jersey city", "us state", "us states"]
)

# -- what kind of question it is, beyond its topics ------------------------------------------------
def _one_pattern(parts: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Alternatives joined into one compiled pattern: one scan of the question instead of one per phrase."""
    return (re.compile("|".join(f"(?:{p})" for p in parts)),)


class _Gated:
    """Phrases searched only when one of their words is in the question (a substring test is much cheaper than a
    scan of the question by one more pattern); searched as a pattern is (`search`)."""

    __slots__ = ("keys", "pattern")

    def __init__(self, keys: tuple[str, ...], parts: tuple[str, ...]) -> None:
        self.keys, self.pattern = keys, _one_pattern(parts)[0]

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if any(k in text for k in self.keys) else None


# each topic's phrases searched as one pattern
TOPIC_PHRASES = {topic: _one_pattern(tuple(p.pattern for p in patterns)) for topic, patterns in TOPIC_PHRASES.items()}


# "When did it reopen?": the answer is a date. Folded-text patterns.
WHEN_PHRASES = _one_pattern((
    # "when" as a conjunction ("will they give me trouble when I come back") asks for no date
    r"\bwhen\b(?! (i|we|you|they|he|she|my|our)\b)", r"\bsince when\b", r"\bwhat date\b",
    r"\bhow long (has|have|was|were)\b", r"\b(what|which) year\b", r"\b(ever|again) (going to |gonna )?re ?open",
    r"\b(did|has|have) (\w+ ){1,3}re ?open(ed)?\b", r"\ba rouvert\b", r"\breabri(u|o)\b",
    r"\bwann\b", r"\bquand\b", r"\bcuando\b", r"\bquando\b", r"\bкогда\b", r"\bколи\b", r"\bс какого\b",
    r"\bдо (какого|якого) числа\b", r"\bпо какое число\b", r"\bne zaman\b", r"\bkiedy\b", r"\bwanneer\b",
    r"\bhow long (till|until|before)\b", r"\bany date\b", r"\bexpected to re ?open\b",
))
CJK_WHEN_WORDS = ("什么时候", "何时", "幾時", "いつ", "언제")
# "What level is Mali?": the answer is the advisory level.
LEVEL_PHRASES = _one_pattern((
    r"\blevel\b", r"\b(travel )?advisory\b", r"\bstate department\b", r"\bstate dept\b", r"\bfcdo\b",
    r"\bforeign office\b", r"\bsmartraveller\b", r"\brisk level\b", r"\bwarnstufe\b", r"\breisewarnung\b",
    r"\bniveau\b", r"\bnivel\b", r"\bуровень\b", r"\bривень\b", r"\bpoziom\b", r"\bostrzezen", r"\breisadvies\b",
    r"\bwelke kleur\b", r"\blivello\b", r"\buyari seviyesi\b", r"\bдерждеп", r"\bгосдеп", r"\bdo not travel\b", r"\badvis(e|es|ice) against\b",
    r"\brating\b", r"\bquai d ?orsay\b", r"\bclasse (en )?(rouge|orange)\b", r"\bzone rouge\b",
    r"\bque dit le gouvernement\b", r"\bwhat does the \w+ (government|foreign office) say\b",
    # the advisers by their own names ("France Diplomatie", "das Auswärtige Amt", "МИД Франции")
    r"\bfrance diplomatie\b", r"\bauswartige(n|s)? amt(s|es)?\b", r"\b(мид|мзс) (\w+ )?(франции|германии|великобритании|сша|"
    r"британии|франції|німеччини|великої британії)\b",
    # "What's the Australian advice for North Korea?": a government's advice, named by its adjective
    r"\b(australian|british|uk|us|american|canadian|german|french|irish|new zealand) (travel |government )?advice\b",
))
CJK_LEVEL_WORDS = ("级别", "等级", "旅行警告", "警告级别", "几级", "外交部", "国务院")
# Two places weighed against each other.
COMPARE_PHRASES = _one_pattern((
    r"\b(easier|harder|safer|riskier|better|worse|cheaper|simpler)\b", r"\bwhich (is|one|of)\b", r"\bcompare\b",
    r"\bcompared\b", r"\b(vs|versus)\b", r"\bor\b.*\?$", r"\bdifference between\b",
    r"\bleichter\b", r"\bsicherer\b", r"\bplus (facile|sur)\b", r"\bmas (facil|seguro)\b", r"\bmais (facil|seguro)\b",
    r"\bпроще\b", r"\bбезопаснее\b", r"\bлегче\b", r"\bили\b.*\?$", r"\bпростише\b", r"\bбезпечнише\b",
    r"\błatwiej", r"\bbezpieczniej", r"\bpiu (facile|sicuro|sicura)\b", r"\bdaha (kolay|guvenli)\b",
    r"\bmakkelijker\b", r"\bveiliger\b", r"\blakse\b", r"\bbezbednij",
))
# A place after these is where the traveler sets off or lives, not where they go, when another place is named
# ("flying from London to Tehran", "I live in Germany but ... Iran", "из Москвы в Сухум").
ORIGIN_WORDS = frozenset(["from", "из", "от", "з", "aus", "von", "desde", "depuis"])
RESIDENCE_VERBS = frozenset(["live", "lives", "lived", "living", "sitting", "based", "residencia", "residence", "residency", "residenza", "residente", "reside", "resides", "residing", "resident", "stay", "staying", "im", "am", "currently", "живу", "живем", "живемо", "живем", "wohne", "wohnen", "vivo", "vivimos", "moro", "habite", "habitons", "expat", "expats", "worker", "workers", "student", "students", "residents", "work", "works", "working", "study", "studies", "studying", "vis", "vit", "vivons", "travaille", "etudie", "trabajo", "estudio", "trabalho", "estudo", "arbeite", "studiere", "работаю", "учусь", "працюю", "навчаюсь",
    # where the traveler has refuge, protection or a residence card ("refugee status in Norway", "syrian refugee in
    # germany", "з тимчасовим захистом у Польщі", "беженец в Германии", "green card holder in seattle")
    "refugee", "refugees", "status", "asylum", "protection", "asilo", "refugie", "refugiee", "refugiado", "refugiada",
    "fluchtling", "беженец", "беженка", "беженцы", "беженцем", "биженець", "биженка", "биженци", "захистом", "захист",
    "защитои", "убежище", "притулок", "holder", "жительство", "проживание", "проживання", "sejour", "aufenthaltstitel",
    "aufenthaltserlaubnis"])
# Words before a residence verb that make the place a wish, not a home ("to work in Iran", "want to live in").
INTENT_BEFORE_VERB = frozenset(["to", "want", "wanna", "planning", "plan", "hope", "go", "going", "quiero", "quero", "veux", "will"])
# "de Kigali vers Goma", "desde Bogota a Caracas", "de Lisboa para Luanda": a place after "de" is where the traveler
# sets off when one of these and another place follow it ("visa de Iran" is not an origin).
FROM_DE = frozenset(["de", "da", "do", "desde"])
TOWARDS = frozenset(["vers", "a", "al", "au", "en", "para", "pour", "hacia", "ate", "to"])
RESIDENCE_PREPOSITIONS = frozenset(["in", "of", "в", "у", "en", "em", "no", "na", "a", "au"])
# Places that are the traveler's past, not where the question goes, when another place is named: where they were
# born ("born in Tehran", "nació en Estados Unidos", "родился в Сухуми"), a stamp in their passport ("sello de
# Israel", "Israel stamp"), where they have been ("I visited Nagorno-Karabakh in 2019", "после Крыма").
BIRTH_WORDS = frozenset(["born", "nacio", "naci", "nacido", "nacida", "nasceu", "nasci", "nascido", "nascida", "geboren",
                         "родился", "родилась", "родились", "народився", "народилася"])
STAMP_WORDS = frozenset(["stamp", "stamps", "stamped", "sello", "sellos", "carimbo", "carimbos", "tampon", "tampons",
                         "stempel", "штамп", "штампом", "штампы", "штампи"])
PAST_VISIT_WORDS = frozenset(["visited", "visite", "visitado", "visitei", "done", "after", "после", "писля", "despues", "depois", "apres"])
# "moscow to minsk", "london to kabul", "kathmandu overland to lhasa", "Москва–Пхеньян": a place, words of how, then
# one of these and another place: the first is where the traveler sets off.
ROUTE_LINKS = frozenset(["to", "into", "nach", "a", "para", "pour", "vers", "в", "до"])
ROUTE_MARKS = frozenset(["→", "–", "—", "-", ">"])  # punctuation, compared with the raw token
ROUTE_FILLERS = frozenset(["overland", "by", "bus", "train", "car", "road", "land", "air", "plane", "flight", "ferry",
                           "boat", "bike", "bicycle", "then", "and",
                           # "fly to Tbilisi and drive to Baku": the way on to the next place
                           "drive", "fly", "go", "take", "travel", "continue", "head", "cross", "ride", "hitchhike"])
# Words after a place that make it where the traveler lives ("qatar resident", "Dubai-based").
RESIDENT_AFTER = frozenset(["resident", "residents", "residency", "residence", "based", "expat", "expats"])
# A country named as the government that advises is not a destination when another place is named: after it
# ("canada travel advisory for lebanon", "does the UK advise against"), before it with "of" in other languages
# ("alerta do Canadá para o Haiti", "у Госдепа США для Венесуэлы"), or in Chinese before the ministry ("美国国务院").
ADVISER_AFTER = frozenset(["advisory", "advisories", "advises", "advise", "advice", "government", "govt", "gov",
                           "embassy", "foreign", "smartraveller", "diplomatie"])  # "France Diplomatie"
ADVISER_BEFORE = frozenset(["госдеп", "госдепа", "госдепартамент", "госдепартамента", "мид", "мзс", "alerta", "alerte", "governo",
                            # Ukrainian "Держдеп США"; "selon le Royaume-Uni", "según Canadá", "laut Deutschland",
                            # "according to the UK": whose advice
                            "держдеп", "держдепу", "держдепартамент", "держдепартаменту", "selon", "segun", "laut",
                            "according",
                            "gobierno", "gouvernement", "ministerio", "ministere", "regierung", "auswartige", "auswartigen"])
# "что говорят у британцев про Иран", "у британців є попередження": the people of a country after "у" in a question
# about advice are its government advising, not travelers.
CYRILLIC_ADVICE_WORDS = frozenset(["советуют", "советует", "рекомендуют", "рекомендует", "рекомендации", "рекомендация",
                                   "предупреждение", "предупреждения", "уровень", "пишут", "говорят", "считают",
                                   "радять", "рекомендують", "попередження", "пишуть", "кажуть",
                                   "advisory"])
CJK_ADVISER_AFTER = ("国务院", "外交部", "政府", "国务卿")
# "we really want to see Nagorno Karabakh", "hoping to visit Socotra", "хочу в Абхазию": among several places, the one
# the traveler wants to go to comes first.
WISH_WORDS = frozenset(["want", "wanna", "wants", "hope", "hoping", "dream", "dreaming", "plan", "planning", "wish",
                        "хочу", "хотим", "хочет", "хочемо", "хоче", "хотели", "хотили", "хотела", "хотив",
                        # "quiero ir a", "queremos visitar", "je veux aller", "wir möchten ... fahren"
                        "quiero", "queremos", "quero", "queria", "veux", "voulons", "voudrais", "voudrions", "mochte",
                        "mochten", "wollen", "mocht"])
WISH_VERBS = frozenset(["see", "visit", "go", "travel", "get", "reach", "fly", "trek", "cross",
                        # "Хочу поїхати на Північний Кіпр", "хотим съездить в Абхазию", "quiero ir a El Aaiún"
                        "поехать", "поихати", "съездить", "зиздити", "попасть", "потрапити", "полететь", "полетити",
                        "ir", "viajar", "visitar", "conocer", "conhecer", "aller", "visiter", "fahren", "reisen",
                        "besuchen", "fliegen"])
# A place passed through is not the destination when another is named ("via Armenia", "через Россию").
TRANSIT_WORDS = frozenset(["via", "through", "thru", "через", "transit", "par", "pela", "pelo", "uber", "ueber"])
# Words of a transit visa ("transit visa", "транзитную визу", "visa de tránsito", "Transitvisum"), with a visa word.
TRANSIT_VISA_WORDS = frozenset(["transit", "транзитную", "транзитная", "транзитнои", "транзитну", "транзитна",
                                "transito", "transitvisum"])
PAST_VISIT_VERBS = frozenset(["been", "went", "was", "were", "travelled", "traveled",
                              # "если был в абхазии", "я був у Криму", "estive no Irã", "ich war in Syrien"
                              "был", "была", "были", "побывал", "побывала", "бывал", "бывала", "був", "була", "були",
                              "estive", "estuve", "estuvimos", "war", "waren", "fui", "fuimos", "fue", "fomos", "flew", "landed",
                              # "came to Miami as a kid", "j'ai bossé à Erbil", "j'ai vécu au Liban"
                              "came", "moved", "emigrated", "lived", "worked", "studied", "bosse", "travaille",
                              "vecu", "ete", "etudie", "habite",
                              # "у 2023 році заїхав в Абхазію", "ездил в Абхазию", "въехал в Крым": went in, before
                              "заехал", "заехала", "заехали", "въехал", "въехала", "въехали", "ездил", "ездила",
                              "ездили", "заихав", "заихала", "заихали", "вихав", "видвидав", "видвидала", "издив",
                              "издила", "издили", "поихав", "поихала"])
# The kind of a visa, between a nationality and the visa word ("Italian schengen visa", "pakistani tourist evisa")
VISA_KIND_WORDS = frozenset(["schengen", "tourist", "transit", "business", "student", "work", "multiple", "single",
                             "entry", "touristen", "turistica", "turistico"])
# Residence documents: the nationality after them is the issuer's ("titre de séjour français", "permiso de
# residencia español"), not the traveler's passport
RESIDENCE_DOCUMENT_WORDS = frozenset(["sejour", "residencia", "residence", "residency", "aufenthaltstitel",
                                      "aufenthaltserlaubnis", "жительство", "проживання", "проживание", "residenza"])
# Where a visa is applied for ("islamabad or peshawar consulate"): not the place the visa is for
CONSULATE_WORDS = frozenset(["consulate", "consulates", "embassy", "embassies", "konsulat", "botschaft", "consulat",
                             "ambassade", "consulado", "embajada", "embaixada", "консульство", "посольство"])
# Leaving a country: it is where the traveler sets off ("can I leave Ukraine for a holiday in Egypt")
LEAVE_WORDS = frozenset(["leave", "leaving", "exit", "exiting", "покинуть", "покинути", "quitter", "verlassen"])
# A passport issued in a place comes from it ("issued in Simferopol", "выдан в Симферополе")
ISSUED_WORDS = frozenset(["issued", "негражданина", "негромадянина", "неграждан", "выдан", "выдали", "выдала", "выдал", "выданныи", "видании", "видали", "видала", "видав", "ausgestellt", "emitido",
                          "expedido", "delivre"])
# Two places with only one of these between them are alternatives ("iran or syria for americans", "Иран или Сирия").
ALTERNATIVE_WORDS = frozenset(["or", "vs", "versus", "oder", "ou", "o", "или", "або", "чи", "ili", "czy", "veya", "yoksa"])
CJK_COMPARE_WORDS = ("哪个", "还是", "比较", "更容易", "更安全")
# Words that carry on the previous question of a chat ("and with a UK passport?", "what about Syria?").
FOLLOWUP_STARTS = (*_one_pattern((
    r"^(and|also|but|what about|how about|and what about|what if|same for|and for|and with|and as)\b",
    r"^(und|et|y|e|и|а|і|та)\b", r"^(was ist mit|et pour|et avec|y con|y para|e com|e para|а для|и для|а как)\b",
    r"^(is it|is that|are they|does it|can i still|is it safe|how safe)\b",
    r"^(no,? |nope,? |sorry,? )?(i mean |i meant )?(the country|the other one|not the)\b",  # "the country, not the US state"
    r"^(so |ok |okay )?which (one|passport)\b",  # "which one should I use" after naming two passports
)),
    # someone joining the trip already asked about ("my sister wants to come with us lol", "can my mum join us?",
    # "mi hermana quiere venir con nosotros", "meine Schwester will mitkommen")
    _Gated(("with us", "with me", "join us", "join me", "joining us", "along", "venir con", "vir com", "venir avec",
            "mitkommen", " с нами", " с мно"), (
        r"\b(come|coming|join|joining|tag|tagging) (along )?(with )?(us|me)\b|\bcome along\b|\btag along\b",
        r"\bvenir con (nosotros|nosotras|migo)\b|\bvir com (a gente|nos|igo)\b|\bvenir avec (nous|moi)\b|"
        r"\bmitkommen\b",
        r"\b(поехать|поихати|поедет|поиде) с (нами|мною|мнои)\b")),
)
CJK_FOLLOWUP_STARTS = ("那", "还有", "如果")
# Asking Borderline itself to sell or book something, off-topic even beside a document the traveler says they need
# ("I need travel insurance for Ukraine - can you sell me a policy?", "can you book me the visa appointment")
SELL_ME_RE = re.compile(r"\b(can|could|will|would|do) (you|u|ya) (sell|book|buy|issue) (me|us)\b|\bsell (me|us) (a|an|the)\b")
# Travel services Borderline does not offer; with none of the topics it answers, the question is off-topic.
OFF_TOPIC_WORDS = frozenset([
    "weather", "forecast", "temperature", "rain", "hotel", "hotels", "hostel", "hostels", "resort", "resorts",
    "restaurant", "restaurants", "food", "eat", "eating", "cuisine", "currency", "exchange", "nightlife", "beach",
    "beaches", "shopping", "wetter", "meteo", "clima", "tiempo", "tempo", "погода", "погоду", "отель", "отели",
    "гостиница", "ресторан", "рестораны", "валюта", "валюту", "курс", "hotel", "hoteles", "restaurante",
    "restaurantes", "moneda", "hotels", "devise", "devises", "sim", "esim", "uber", "taxi", "taxis", "beer", "lens",
    "camera", "rental", "football", "soccer", "score", "joke", "jokes", "анекдот", "анекдоты", "шутку",
    # money changing, hotels, tickets and flights in the other languages travelers write
    "обменять", "поменять", "обмен", "обменник", "доллары", "готель", "готели", "готелю", "готелях", "квиток",
    "квитки", "fluge", "flug", "voli", "cambio", "wechselkurs", "albergo", "alberghi", "otel", "oteller", "hotelu",
    "hotele", "vegetarian", "vegan", "restoran", "restoranlar",
    # insurance, plugs and sockets, restaurants said short ("travel insurance that covers ukraine", "what plug sockets
    # do they use in cuba", "un bon resto à Tiraspol")
    "insurance", "insurer", "поминяти", "обминяти", "обмин", "обминник", "hostal", "hostales", "cotacao", "cotizacion", "usd", "doner", "kebab", "kebap", "plug", "plugs", "socket", "sockets", "adapter", "adaptor", "voltage", "resto", "restos",
    "versicherung", "reiseversicherung", "assurance", "страховка", "страховку", "страховки", "розетки", "розетка",
    # sights of nature and the sky ("sieht man da Nordlichter?", "Polarnacht")
    "polarnacht", "nordlichter", "polarlichter", "aurores", "aurora", "auroras",
    # money and cards, taxis ("what money do they use", "does my revolut card work", "qual a moeda", "такси")
    "revolut", "moeda", "monnaie", "wahrung", "такси", "валюта", "валюти", "рубли", "mastercard",
    "vpn", "vpns", "hebergement", "logement",
    # hostels, SIM cards and hire cars in the other languages ("недорогой хостел", "сім-карту", "Mietwagen")
    "хостел", "хостелы", "хостела", "хостелов", "хостели", "хостелу", "симку", "симкарту",
    "mietwagen", "mietauto", "leihwagen", "autovermietung",
    # cash machines ("Gibt es in Abchasien Geldautomaten?", "ATMs in Tiraspol", "банкоматы в Сухуме")
    "atm", "atms", "geldautomat", "geldautomaten", "bankautomat", "bankautomaten", "банкомат", "банкоматы",
    "банкомата", "банкоматов", "банкомати", "банкоматив", "cajero", "cajeros",
])
# A message that is only a greeting asks nothing Borderline answers ("hello", "你好").
GREETINGS = frozenset(["hello", "hi", "hey", "hallo", "hola", "ola", "oi", "bonjour", "salut", "ciao", "privet", "привет",
                       "здравствуите", "привит", "витаю", "добрыи", "день", "there", "good", "morning", "evening"])
CJK_GREETINGS = ("你好", "您好", "こんにちは", "안녕하세요", "안녕")
OFF_TOPIC_PHRASES = (*_one_pattern((
    r"\bexchange rate\b", r"\bwhere (to|can i|should i) (eat|stay)\b",
    r"\b(apply|get|fill|submit) (for )?(my|me a|the form for my) visa for me\b", r"\bvisa (agency|agent|service)s?\b",
    r"\bcan (you|u) (just |please |pls )?(apply|book|get me|buy)\b", r"\bbilliger? fl(u|ü)ge?\b", r"\bvuelos? baratos?\b",
    r"\bvols? pas chers?\b", r"\bcombien (coute|coutent) (un |le |les )?(vol|vols|billet|billets|hotel)\b",
    r"\bcuanto (cuesta|cuestan) (un |el |los )?(vuelo|vuelos|billete|pasaje|hotel)\b",
    r"\bquanto (custa|custam) (um |a |o |as )?(voo|voos|passagem|passagens|hotel)\b", r"\breserver (un |une |des |mon |ma |le )?(vol|vols|billet|billets|hotel|chambre)\b",
    r"\breservar (un |el |los |mi )?(vuelo|vuelos|billete|boleto|hotel|passagem)\b", r"\bseguro (de )?viage?m?\b",
    r"\bseguro de viaje\b", r"\bbuchen sie\b", r"\bдешевые билеты\b", r"\bbest time to visit\b",
    # the season for sights: "meilleure période pour voir les aurores", "mejor época para", "beste Reisezeit"
    r"\bmeilleure? (periode|moment|saison|epoque) pour\b", r"\bmejor (epoca|momento|temporada) para\b",
    r"\bmelhor (epoca|momento|altura) (para|pra)\b", r"\bbeste reisezeit\b",
    # services: doing the traveler's paperwork, booking, prices, time, translation
    r"\b(do|handle|process|file|fill) (out )?(my|our) (\w+ )?visa (application|form)\b", r"\bvisa application for me\b",
    r"\bbook me\b", r"\bwill pay\b", r"\b(me|nos|les) (\w+ )?tramitar\b", r"\bpor tramitar\b", r"\bagencias? (\w+ )?(para|que) tramit", r"\bcuanto cobran\b", r"\bза деньги\b", r"\bоформить мне\b",
    r"\bсколько стоит (билет|перелет|авиабилет)", r"\bhow much (is|are|does|do) (a |the )?(beer|taxi|hotel|meal)",
    r"\btime (difference|zone)\b", r"\bcar rental\b|\brent a car\b", r"\bhow do (you|i) say\b", r"\bcomo se dice\b",
    r"\bcomment dit on\b", r"\bкак сказать\b", r"\btranslate\b", r"\btaux de change\b", r"\bhava (durumu|nas[ıi]l)\b",
    r"\bскильки коштуе (квиток|перелит|авиаквиток)", r"\b(can|could|will) (you|your agency|your company) (do|handle|"
    r"process|arrange|get me)\b",
    # a phone line ("chip de celular em Teerã"), a visa agency ("визовое агентство для Ирана"), the northern lights
    r"\bchip (de )?(celular|telefone|telefono|movil)\b", r"\bвизов\w* (агентств|агенств|фирм)", r"\bвизов\w* агенци",
    r"\b(сим|сім)\W?карт",
    # doing the traveler's visa for a fee, renewing a passport, the time and trivia, black-market rates, where to
    # sleep ("can u get me a russian visa, how much do u charge", "how do i renew my indian passport from dubai",
    # "what time is it in pyongyang", "whats the capital of australia", "le meilleur quartier pour loger")
    r"\b(can|could|will|would) (you|u|ya) (get|apply for|obtain|arrange|sort out|sort) (me|us) (a|an|the|my|our)\b",
    r"\bhow much (do|would|will) (you|u|ya) charge\b", r"\brenew(ing)? (my|a|the|our|his|her) (\w+ )?passports?\b",
    r"\bpassport renewal\b", r"\bwhat time is it\b", r"\bwhat ?(s|is) the capital( city)? of\b",
    r"\bblack market (rate|exchange|dollar)", r"\b(ou|pour) (loger|dormir)\b", r"\bmeilleur quartier\b",
)),
    # selling trips or doing the paperwork for a fee ("Vocês vendem pacote pra Coreia do Norte?", "do you do visa
    # processing for iran", "... and I pay you")
    _Gated(("you sell", "u sell", "ya sell", "you do ", "u do ", "ya do ", "you process", "u process", "you handle",
            "u handle", "visa processing", "pay you", "pay u", "vende", "verkaufen", "продаете"), (
        r"\b(do|can|could) (you|u|ya) (sell|do visas?|do (the |my |our )?visa|process|handle visas?)\b",
        r"\bvisa processing\b", r"\bi (will |ll |can )?pay (you|u)\b", r"\bvoces? vendem?\b",
        r"\bvendez vous\b", r"\bvenden (paquetes|tours|viajes|boletos|pasajes)\b", r"\bverkaufen sie\b",
        r"\bпродаете\b")),
)
# Services that yield to a question about rules: "flights from Rome to Tehran" is off-topic, "when did flights from
# Europe to Caracas resume" is not.
OFF_TOPIC_SOFT_PHRASES = (*_one_pattern((
    r"\b(cheap|cheapest|best|book|booking|booked|deals?) (flights?|tickets?|airfare|hotels?)\b",
    r"\bflights? (deals?|prices?|from \w+ to)\b", r"\bhow much (is|are) (the )?(flights?|tickets?)\b",
    # "maldives flights vs sri lanka which is cheaper in jan", "who won the world cup"
    r"\b(flights?|tickets?|hotels?)\b.*\b(cheaper|cheapest)\b", r"\bwho won\b", r"\bworld cup\b",
    # the money used and its changing, cards, cold and heat, what a ride costs, who flies there ("what money do I
    # need to show at the border" asks about entry)
    r"\bwhat (money|currency|cash) do (they|people|locals) use\b", r"\b(cards?|mastercard) (work|works|accepted)\b",
    r"\b(ou|comment|where to|where can i|donde|onde|wo kann man|wo) (changer|change|cambiar|trocar|wechseln|tauschen)\b",
    r"\bwie (kalt|warm|heiss)\b", r"\bhow (cold|hot|warm)\b", r"\bwhich airlines? (fly|flies|go|goes)\b",
    r"\b(сколько стоит|скильки коштуе) (автобус|поезд|поизд|такси|маршрутка|трансфер)",
    # cheap tickets, changing money and what the trip costs in the other languages ("passagem barata lisboa luanda",
    # "app para cambiar pesos a dolares en caracas", "y cuanto sale mas o menos el viaje")
    r"\b(passage(m|ns)|pasajes?|boletos?|billetes?|bilhetes?) (de (aviao|avion) )?(barat[ao]s?|economic[ao]s?)\b",
    r"\bbillets? (d avion )?pas chers?\b",
    r"\b(cambiar|trocar|changer|wechseln|tauschen|exchange|change|convert) (my |mis |meus |mes |de |des |meine )?"
    r"(pesos|dolares|dollars|euros|rublos|rubles|roubles|reais|bolivares|dinars|rials|yuan|dollar|euro)\b",
    r"\bcuanto (sale|salen|cuesta|cuestan) (mas o menos |aprox\w* )?(el|la|los|las|un|una) (viaje|tour|excursion|"
    r"paquete|crucero)\b", r"\bquanto (custa|custam|sai) (mais ou menos |aprox\w* )?(a|o|um|uma) (viagem|tour|"
    r"excursao|pacote|cruzeiro)\b", r"\bhow much (does|do|would|will) (the|a|this|that) (trip|tour|cruise|package)\b",
)),
    # the northern lights and the polar night, which a trip may be for ("5 days in Longyearbyen for the polar
    # night. Do the kids need anything different?")
    _Gated(("northern", "polar"), (r"\bnorthern lights\b", r"\bpolar night\b", r"\bnuit polaire\b")),
    # a mobile operator, paying in a currency or by card ("Kann man in Nordzypern mit Euro zahlen?"), a carrier
    # recommended ("Порадьте перевізника Київ–Варшава"); flights said in Russian and Ukrainian: the cheapest, or
    # whether any fly ("Які рейси з Кишинева до Стамбула найдешевші?", "а из Хабаровска есть рейсы?"); "когда
    # возобновят рейсы" asks about the state of the border
    _Gated(("mobil", "movil", "celular", "telefonico", "сотов", "мобильн"), (
        r"\b(operateur|operator|operadora|operador|anbieter|mobilfunkanbieter)s? (mobile?|mobil|movil|celular|"
        r"telefonico)\b",
        r"\bmobile (operator|network|carrier)s?\b", r"\bmobilfunk\w*", r"\b(сотов\w*|мобильн\w*) (оператор|связь)")),
    _Gated(("zahlen", "pay", "pagar"), (
        r"\b(mit|in) (euros?|dollars?|rubeln?|karte|kreditkarte|bargeld) (be)?zahlen\b",
        r"\b(pay|payer|pagar|paying) (with|in|en|con|com|par|by) (euros?|dollars?|dolares|cash|card|cards|credit "
        r"card|carte|tarjeta|cartao|especes|efectivo|dinheiro)\b")),
    _Gated(("перевиз", "перевоз"), (r"\bперев(из|оз)(ник|чик)\w*",)),
    _Gated(("платит", "плати", "розрахув"), (
        r"\b(платить|оплатить|заплатить|расплатиться|платити|оплатити|заплатити|розрахуватися) (картои|карткою|"
        r"наличными|готивкою|в (долларах|евро|рублях|доларах|гривнях))",)),
    _Gated(("дешев",), (
        r"\b(реис\w*|авиабилет\w*|билет\w*|квит\w*|авиаквит\w*)\b.*\b(наидешевш\w*|дешевш\w*|дешевл\w*|дешев\w*)",
        r"\b(наидешевш\w*|дешев\w*) (реис\w*|авиабилет\w*|билет\w*|квит\w*)")),
    _Gated(("реис",), (r"\b(есть|е|чи е) (прям\w* )?реис",)),
)
CJK_OFF_TOPIC_WORDS = ("代办", "收费", "天气", "酒店", "餐厅", "汇率", "机票", "美食", "好吃", "吃什么", "餐馆", "换钱", "兑换", "换卢布",
                       "换美元", "换欧元", "换人民币",
                       # train tickets and booking them ("能帮我订去拉萨的火车票吗？")
                       "火车票", "车票", "订票", "帮我订", "帮忙订")
# Asking to be recommended a service ("推荐一个靠谱的朝鲜旅行社"): off-topic like the services themselves
CJK_RECOMMEND_WORDS = ("推荐", "介绍一个", "介绍一家")
CJK_SERVICE_WORDS = ("旅行社", "导游", "酒店", "民宿", "餐厅")
# Words that make a demonym right before them a person ("Chinese tourists", "Russian citizens").
PEOPLE_NOUNS = frozenset([
    "tourists", "tourist", "travelers", "travellers", "traveler", "traveller", "people", "visitors", "visitor",
    "students", "student", "nationals", "holders", "touristen", "reisende", "turistas",
    "touristes", "voyageurs", "туристы", "туристам", "туристов", "here",
    "woman", "women", "man", "men", "guy", "guys", "girl", "girls", "lady", "ladies", "couple", "couples",
    "worker", "workers", "expat", "expats", "expatriate", "expatriates", "migrant", "migrants", "ofw", "ofws",
    "pilgrim", "pilgrims", "паломник", "паломника", "паломнику", "паломники", "паломников", "паломникам",
    "паломникив", "peregrino", "peregrinos", "pelerin", "pelerins", "pilger", "journalist", "journalists", "volunteer", "volunteers", "lad", "lads", "bloke", "blokes",
    "climber", "climbers", "contractor", "contractors", "trekker", "trekkers", "cyclist", "cyclists", "someone",
    "hiker", "hikers", "biker", "bikers", "rider", "riders", "overlander", "overlanders", "kumpel", "freund",
    # what the trip makes of the traveler ("can i sail into chagos? french sailor", "a canadian diver")
    "sailor", "sailors", "skipper", "skippers", "yachtsman", "yachtsmen", "yachtie", "yachties", "diver", "divers",
    "surfer", "surfers", "runner", "runners",
    "freundin",
    # German nouns of what one is ("für eine freie Journalistin aus Deutschland")
    "journalistin", "journalisten", "studentin", "studenten", "touristin", "fotografin", "fotograf", "arztin", "arzt",
    "lehrerin", "lehrer", "reisender", "reisende",
    "somebody",
    # family, companions and what travelers say they are ("my greek boyfriend", "a Moroccan husband", "a chinese
    # colleague", "malaysian muslim", "ethiopian backpacker")
    "husband", "wife", "boyfriend", "girlfriend", "partner", "fiance", "fiancee", "spouse", "colleague", "colleagues",
    "friend", "friends", "mate", "mates", "mother", "father", "son", "daughter", "grandad", "grandma", "grandfather",
    "grandmother", "grandparents", "parents", "cousin", "uncle", "aunt", "kids", "children", "driver", "backpacker", "backpackers",
    "photographer", "nurse", "teacher", "engineer", "doctor", "muslim", "muslims", "christian", "christians", "jew",
    "jews", "hindu", "hindus", "buddhist", "buddhists", "solo", "female", "male",
    # Russian and Ukrainian (folded) in other cases: "туристу из Киргизии", "для туристів з України"
    "туристу", "туриста", "туристка", "туристке", "туристки", "туристами", "туристи", "туристив",
    "путешественники", "путешественникам", "путешественников", "путешественнику", "мандривники", "мандривникам",
    "мандривникив", "мандривнику",
])

# Russian typed in Latin letters ("mozhno li rossiyanam v severnuyu koreyu"): a question of Latin words only with one
# of these is read back in Cyrillic (see matcher._translit), so Russian names, cases and passport words apply.
TRANSLIT_MARKERS = frozenset([
    "dlya", "mozhno", "nuzhna", "nuzhno", "nuzhen", "bezopasno", "opasno", "poekhat", "poyekhat", "poezdka", "poyezdka",
    "grazhdan", "grazhdanam", "grazhdanina", "grazhdaninu", "grazhdanin", "grazhdane", "rossiyanam", "rossiyane",
    "rossiyan", "pasportom", "iz", "khochu", "khochet", "mne", "pustyat", "puskayut", "vyezd", "vezd", "otkryt", "otkryta",
    "zakryt",
    # Ukrainian in Latin letters ("chy mozhna ukraintsyam v moldovu") and the visa word both languages share
    "chy", "mozhna", "potribna", "potribno", "treba", "dlia", "pustiat", "pustyat", "bezpechno", "viza", "vizu",
])

# Who holds a passport named in a question: the nearest of these before it ("my fiancé is Nigerian and I'm
# American" names two people, "I have US and Mexican passports" one). First-person words all name the asker.
SELF_HOLDERS = frozenset(["i", "im", "me", "myself", "my", "mine", "ive", "id", "ich", "je", "yo", "eu", "я", "мне",
                          "меня", "мене", "moi", "mich", "mir",
                          # the first person said by the verb alone ("soy mexicana y mi novio es cubano")
                          "soy", "sou", "suis", "somos", "sommes", "sono", "jestem", "jestesmy",
                          # "mi pasaporte es español y el de mi esposa dominicano": the asker's own
                          "mi", "meu", "minha", "mon", "ma", "mein", "meine", "мои", "моя"])
OTHER_HOLDERS = frozenset(["he", "she", "hes", "shes", "him", "her", "his", "wife", "husband", "partner", "spouse",
                           "girlfriend", "boyfriend", "fiance", "fiancee", "friend", "mate", "buddy", "pal", "son",
                           "daughter", "mother", "father", "mom", "mum", "dad", "brother", "sister", "cousin",
                           "colleague", "grandma", "grandpa", "motherinlaw", "fatherinlaw", "sisterinlaw",
                           "brotherinlaw", "parentsinlaw", "inlaws", "grandmother", "grandfather", "grandad", "uncle", "aunt",
                           "esposa", "esposo", "mujer", "marido", "novia", "novio", "namorada", "namorado", "femme",
                           "amigo", "amiga", "ami", "amie", "blonde", "chum",
                           # others of the group ("they're Syrian and Iraqi", "two friends from lithuania")
                           "they", "theyre", "them", "their", "friends", "colleagues", "cousins",
                           "mari", "copine", "copain", "frau", "mann", "freundin", "freund", "жена", "муж", "дружина",
                           "чоловик", "подруга", "друг", "он", "она", "вин", "вона",
                           "мама", "мать", "мати", "папа", "отец", "тато", "батько", "сестра", "брат", "донька", "дочь",
                           "дочка", "сын", "син", "kumpel", "ele", "ela", "il", "elle",
                           "el", "ella", "er", "sie"])
# Parents and grandparents, whose nationality is where the asker's family comes from ("отец армянин").
PARENT_WORDS = frozenset(["father", "mother", "dad", "mom", "mum", "parents", "grandfather", "grandmother", "grandad",
                          "grandma", "grandpa", "отец", "мать", "папа", "мама", "батько", "тато", "мати", "дед",
                          "бабушка", "дид", "бабуся", "pere", "mere", "padre", "madre", "pai", "mae", "vater", "mutter",
                          "eltern"])
# Words that make several passports one person's ("dual", "binational", "doble nacionalidad", "双重国籍") or
# several people's ("a Spanish and Moroccan couple", "3 Germans, 1 Turk").
DUAL_WORDS = frozenset(["dual", "binational", "binationale", "doble", "double", "doppelte", "doppelter",
                        "doppelstaatler", "двоиное", "двоиного", "двоиним", "двоине", "два"])
GROUP_WORDS = frozenset(["couple", "couples", "group", "groups", "family", "together", "pareja", "casal",
                         "groupe", "grupo", "gruppe", "пара", "группа"])
# Passport words in the plural: several passports of one subject ("passaportes", "Pässe", "паспорта") unless
# several people are named.
PLURAL_PASSPORT_WORDS = frozenset(["passports", "pasaportes", "passaportes", "passeports", "passaporti", "passen",
                                   "паспорта", "паспорти", "загранпаспорта", "paszporty", "paspoorten"])
CJK_DUAL_WORDS = ("双重国籍", "双国籍", "两本护照", "两个护照", "二重国籍")
CJK_COMPANION_WORDS = ("妻子", "老婆", "丈夫", "老公", "男朋友", "女朋友", "朋友", "父母", "妈妈", "爸爸", "孩子", "我们",
                       "太太", "先生")
# Identity cards named so by one country's law, which say the holder's nationality when no other is named
# ("Georgien Einreise mit Personalausweis?"); Austria's is rarely called so in travel questions.
NATIONAL_ID_CARDS = {"personalausweis": "DE", "personalausweises": "DE"}
# Words by which the asker takes back a nationality just said ("spanish? no sorry I'm Mexican").
CORRECTION_WORDS = frozenset(["sorry", "wait", "oops", "correction", "meant", "perdon", "pardon", "desculpa",
                              "entschuldigung", "извините", "простите", "вибачте", "ои"])
# Money named before a demonym, as Romance languages do ("le rial iranien", "el peso cubano"): the demonym is the
# country, not a passport.
CURRENCY_WORDS = frozenset(["rial", "riyal", "dollar", "dolar", "dolares", "euro", "euros", "rouble", "rublo", "rublos",
                            "peso", "pesos", "lira", "livre", "dinar", "dinars", "dirham", "real", "reais", "won",
                            "yuan", "franc", "francs", "manat", "som", "tenge", "lari", "dram", "afghani", "kyat"])
# Names of armed groups and movements that are not places: known words, so a typo corrector never turns one into a
# country ("taliban" is two letters from "taiwan", and "no visa needed, Level 1" for Afghanistan would follow).
NOT_PLACE_WORDS = frozenset(["taliban", "talibans", "talib", "hamas", "hezbollah", "hizbollah", "hizballah",
                             "houthi", "houthis", "huthi", "huthis", "isis", "isil", "daesh", "wagner", "shabaab",
                             "alshabaab", "mujahideen", "junta",
                             # ... and of the rulers travelers date a country's news by ("syria after assad" is not
                             # Assab, Eritrea's port)
                             "assad", "putin", "erdogan", "lukashenko", "maduro", "trump", "biden", "khamenei",
                             "kadyrov", "aliyev", "pashinyan", "zelensky", "zelenskyy", "netanyahu", "sisi",
                             "museveni", "bukele", "milei", "lula", "modi"])
# Russian and Ukrainian adjectives of nationality that are not made regularly from the noun (folded stems, й as и):
# "с венгерским паспортом", "з грецьким паспортом"
CYRILLIC_ADJECTIVE_STEMS = {"венгерск": "HU", "угорськ": "HU", "чешск": "CZ", "чеськ": "CZ", "словацк": "SK",
                            "словацьк": "SK", "греческ": "GR", "грецьк": "GR", "кипрск": "CY", "кипрськ": "CY",
                            "финск": "FI", "финськ": "FI", "датск": "DK", "данськ": "DK", "египетск": "EG",
                            "египетськ": "EG", "шотландск": "GB", "шотландськ": "GB", "южнокореиск": "KR",
                            "пивденнокореиськ": "KR", "северокореиск": "KP", "пивничнокореиськ": "KP"}
# People of a region whose passport is their country's, which the knowledge base's demonyms lack ("Somos dos
# catalanes", "two Bavarians", "un Flamand"); folded. Basques (Spain or France) are left out.
REGIONAL_DEMONYMS = {
    **dict.fromkeys(["catalan", "catalans", "catalanes", "catalana", "catalanas", "catala", "catalane", "katalane",
                     "katalanen", "katalanin", "andalusian", "andalusians", "andaluz", "andaluza", "andaluces",
                     "andaluzas", "galician", "galicians", "gallego", "gallega", "gallegos", "gallegas", "valencian",
                     "valencians", "valenciano", "valenciana", "valencianos", "madrileno", "madrilena", "madrilenos"],
                    "ES"),
    **dict.fromkeys(["bavarian", "bavarians", "bavarois", "bavaroise", "bayer", "bayerin"], "DE"),
    **dict.fromkeys(["flemish", "fleming", "flemings", "flamand", "flamande", "flamands", "vlaming", "vlamingen",
                     "walloon", "walloons", "wallon", "wallonne", "wallons"], "BE"),
    **dict.fromkeys(["sicilian", "sicilians", "siciliano", "siciliana", "siciliani", "sardinian", "sardinians",
                     "sardo", "sarda", "sardi"], "IT"),
    **dict.fromkeys(["corsican", "corsicans", "alsacien", "alsacienne", "alsaciens"], "FR"),
    **dict.fromkeys(["tyrolean", "tyroleans", "tiroler", "tirolerin"], "AT"),
}
