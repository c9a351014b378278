"""Question understanding, scored against the labelled set in tests/data/questions.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.budget import chat_before
from bot.understanding.matcher import CONFIDENCE_THRESHOLD

LABELLED = Path(__file__).parent / "data" / "questions.yaml"


def load_labelled() -> list[dict]:
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))


def score(engine, items: list[dict]) -> dict[str, object]:
    dest_ok = pass_ok = topic_ok = 0
    misses: dict[str, list[str]] = {"destinations": [], "passports": [], "topics": [], "false_answers": []}
    for item in items:
        u = engine.matcher.understand(item["q"])
        expected = item.get("destinations") or []
        ambiguous = item.get("ambiguous") or []
        if ambiguous:
            got_dest = sorted(u.ambiguous or u.suggestions) == sorted(ambiguous) and not u.sure
        elif expected:
            got_dest = u.sure and u.destinations[:1] == expected[:1]
        else:
            got_dest = not u.sure
            if u.sure:
                misses["false_answers"].append(f"{item['q']!r} -> {u.destinations}")
        dest_ok += got_dest
        if not got_dest:
            misses["destinations"].append(f"{item['q']!r}: want {expected or ambiguous} got {u.destinations} "
                                          f"amb={u.ambiguous} c={u.confidence}")
        if sorted(u.passports) == sorted(item.get("passports") or []):
            pass_ok += 1
        else:
            misses["passports"].append(f"{item['q']!r}: want {item.get('passports')} got {u.passports}")
        if sorted(u.topics) == sorted(item.get("topics") or []):
            topic_ok += 1
        else:
            misses["topics"].append(f"{item['q']!r}: want {item.get('topics')} got {u.topics}")
    n = len(items)
    return {"n": n, "destinations": dest_ok / n, "passports": pass_ok / n, "topics": topic_ok / n, "misses": misses}


def test_labelled_set_is_big_and_varied() -> None:
    items = load_labelled()
    assert len(items) >= 200
    assert sum(1 for i in items if not i.get("destinations") and not i.get("ambiguous")) >= 20
    assert sum(1 for i in items if len(i.get("passports") or []) >= 2) >= 5
    assert sum(1 for i in items if i.get("ambiguous")) >= 4


def test_accuracy_on_labelled_questions(engine) -> None:
    result = score(engine, load_labelled())
    misses = result["misses"]
    report = (
        f"n={result['n']} destinations={result['destinations']:.3f} passports={result['passports']:.3f} "
        f"topics={result['topics']:.3f}\n" + "\n".join(f"{k}: {v}" for k, vs in misses.items() for v in vs[:40])
    )
    print(report)
    assert not misses["false_answers"], report
    assert result["destinations"] >= 0.95, report
    assert result["passports"] >= 0.95, report
    assert result["topics"] >= 0.90, report


def test_accuracy_on_held_out_questions(engine) -> None:
    """Questions never used for tuning (tests/data/heldout.yaml): guards against overfitting the labelled set."""
    items = yaml.safe_load((LABELLED.parent / "heldout.yaml").read_text(encoding="utf-8"))
    result = score(engine, items)
    misses = result["misses"]
    report = f"n={result['n']} destinations={result['destinations']:.3f} passports={result['passports']:.3f} " \
             f"topics={result['topics']:.3f} {dict(misses)}"
    assert len(items) >= 40
    assert not misses["false_answers"], report
    assert result["destinations"] >= 0.9 and result["passports"] >= 0.9 and result["topics"] >= 0.8, report


@pytest.mark.parametrize(
    ("question", "codes"),
    [
        ("nortth korea", ["KP"]),
        ("turkmenstan visa", ["TM"]),
        ("is venezuala safe", ["VE"]),
        ("Можно ли поехать в Северную Корею?", ["KP"]),
        ("DPRK", ["KP"]),
        ("KP", ["KP"]),
        ("Lhasa permit", ["CN-XZ"]),
        ("Darvaza gas crater", ["TM"]),
        ("niger", ["NE"]),
        ("Guinea", ["GN"]),
        ("我可以去朝鲜吗", ["KP"]),
        ("Is Guinea-Bissau safe?", ["GW"]),
        ("Côte d'Ivoire visa", ["CI"]),
        ("Как добраться на Кубу?", ["CU"]),
        ("Чи безпечно на Кубі?", ["CU"]),  # Ukrainian letters are folded before case endings are read
        ("Kuzey Kore'ye gidebilir miyim?", ["KP"]),
        ("south sudann visa", ["SS"]),
        ("Are Iranian visas on arrival available?", ["IR"]),
        ("Дамаск безопасно?", ["SY"]),
        ("德黑兰签证", ["IR"]),
        ("flying from London to Tehran next week", ["IR"]),
        ("traveling from russia to abkhazia", ["GE-AB"]),
        # where the traveler works, studies or lives, and "de X vers Y", are origins
        ("I work in Dubai and I'm thinking about a weekend in Lebanon", ["LB"]),
        ("student here, studying in Seoul. Is a trip to Kaliningrad possible?", ["RU-KGD"]),
        ("je vis à Paris, puis-je visiter le Sahara occidental ?", ["EH"]),
        ("partir de Kigali vers Goma", ["CD"]),
        ("desde Bogotá a Caracas", ["VE"]),
        ("Indian workers in Qatar visiting Iran", ["IR"]),
        ("Moving from Canada to work in Iran", ["IR"]),
        ("I want to live in Iran, I'm currently in Turkey", ["IR"]),
        ("mozhno li rossiyanam v severnuyu koreyu", ["KP"]),
        ("Ya z Ukrainy, paspot ukrainskyi, chy pustiat v Gruziiu", ["GE"]),  # Ukrainian in Latin letters
        ("afganistan turist viza uzbekam", ["AF"]),
        ("turkey viza for russians", ["TR"]),  # a weak name stays as typed when the question is read back
        ("nuzhna li viza v Gruziyu dlya grazhdan Rossii", ["GE"]),
        ("moy drug iz Kazakhstana khochet v Abkhaziyu", ["GE-AB"]),
        ("на Самоа", ["WS"]),
        ("a French man visiting Iran", ["IR"]),
        ("Isle of Man visa", ["IM"]),
        ("rock churches in... no wait that's ethiopia. I mean eritrea. possible?", ["ER"]),
        ("Kazakhstan, Uzbekistan and finally Turkmenistan. Turkmenistan is the tricky one right?", ["TM"]),
        ("Нужна ли виза в Туркменистан гражданину Казахстана", ["TM"]),
        # Ukrainian names only CLDR has, in other cases too; short ones that are ordinary words after a preposition
        ("Чи потрібна віза до Еритреї?", ["ER"]),
        ("чи безпечно в Ємені", ["YE"]),
        ("М'янма безпечна?", ["MM"]),
        ("чи безпечно в Малі", ["ML"]),
        ("Виза в Того для россиян", ["TG"]),
        # adjectives of two-word names in any case, the noun stemmed as before
        ("Безопасно ли в Южном Судане?", ["SS"]),
        ("поїздка до Південного Судану", ["SS"]),
        ("Чи можна поїхати до Північної Кореї?", ["KP"]),
        ("поездка в Южную Осетию", ["GE-SO"]),
        ("чи пускають до Саудівської Аравії", ["SA"]),
        # a Cyrillic weak name is a pronoun before a conjunction; short alternative spellings are words ("Mann")
        ("до того, як поїхати до Грузії, чи потрібна віза?", ["GE"]),
        ("віза на Комори", ["KM"]),
        ("Mein Mann ist Syrer, können wir nach Damaskus fliegen?", ["SY"]),
        ("is Myanmar ok for an old man", ["MM"]),
        # a demonym before a word of the place's own names the place ("the Iranian border", "Russian embassy")
        ("russians at the finnish border, is it open", ["FI"]),
        ("the Iranian side", ["IR"]),
        # where the traveler was born, has a stamp from, has been or passes through is not where they go
        ("nuestro hijo nació en Estados Unidos, queremos ir a Cuba", ["CU"]),
        ("un argentino con sello de Israel puede entrar al Líbano?", ["LB"]),
        ("I visited Nagorno-Karabakh in 2019 via Armenia, will Azerbaijan let me in now?", ["AZ"]),
        ("после Крыма через Россию пустят потом в Украину?", ["UA"]),
        ("I've been to Iran, can I still get an ESTA for the US?", ["US"]),
        ("поездка в Осетию южную", ["GE-SO"]),  # the adjective of a two-word name after its noun
        ("коли відкриють кордон з Білоруссю", ["BY"]),  # the instrumental of a name ending in a soft sign
        ("граница с Беларусью открыта?", ["BY"]),
        # a route "A to B" starts at A; a place named once as where the traveler is stays so when named again
        ("train moscow to minsk as a kazakh citizen", ["BY"]),
        ("kathmandu overland to lhasa, israeli", ["CN-XZ"]),
        ("сколько стоит билет Москва–Пхеньян", ["KP"]),
        ("Filipino OFW in Riyadh, can I visit Yemen from Saudi", ["YE"]),
        ("I'm working in Seoul, can I run the Pyongyang marathon, will South Korea mind?", ["KP"]),
        ("i grew up in tehran but my passport is afghan, can i go to herat", ["AF"]),
        ("flying doha to damascus, qatar resident, indian national", ["SY"]),
        # where someone else is from is no origin of the traveler
        ("my cousin is marrying a girl from Hebron. someone said Israel might turn me back. can Canadians even go "
         "to Hebron?", ["PS-WBK"]),
        ("my grandparents are from the Kherson region, is there a legal way in through Crimea?", ["UA-65"]),
        # in a message of several sentences, the place of the last question comes first
        ("Husband wanted the Maldives, a few days in the Maldives, then maybe Diego Garcia. Is Diego Garcia even a "
         "place you can visit?", ["IO"]),
        ("I did Haiti once. A magazine wants a story from Port-au-Prince. Should I go via Santo Domingo?", ["HT"]),
        # among several places, the one the traveler wants to see; places already done are behind
        ("Istanbul then Georgia and Armenia, and we really want to see Nagorno Karabakh. is that possible?",
         ["AZ-NK"]),
        ("я хочу в Абхазию, но сначала в Грузию", ["GE-AB"]),
        ("Done Bhutan, done Turkmenistan. Next up Tristan da Cunha. How does one get there?", ["SH-TA"]),
        # the government giving the advice is not the place asked about
        ("canada travel advisory for lebanon, i'm canadian", ["LB"]),
        ("какой уровень опасности у Госдепа США для Венесуэлы", ["VE"]),
        ("qual o nível de alerta do Canadá para o Haiti", ["HT"]),
        ("美国国务院对缅甸的旅行警告是几级", ["MM"]),
        ("Iran travel advisory", ["IR"]),
        # flag emoji are their countries' codes
        ("я 🇷🇺 хочу в 🇰🇵 что нужно?", ["KP"]),
        ("🇧🇷 passaporte → 🇮🇷 precisa visto? 🙏", ["IR"]),
        # Chinese: a place after 从 (from) or before 绿卡 (green card) is not where the traveler goes
        ("我持有中国护照和美国绿卡，去古巴需要签证吗", ["CU"]),
        ("有人最近从喀什去巴基斯坦吗", ["PK"]),
    ],
)
def test_destination_examples(engine, question: str, codes: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[: len(codes)] == codes and u.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    "question",
    ["what is a woman", "Chad is my friend, can he help me pack?", "how long to roast a turkey", "Can you help us?",
     "hello", "?", "🙂🙂", "Is it safe?", "can I travel to mars", "I love Georgia peaches", "guinea pig food",
     "Is New Jersey safe?", "Turkish coffee is the best", "Jordan is my friend, can he visit me?",
     "my mother-in-law is Cuban", "my passport is German",
     # "того" (of that) and "мали" (had) are also the names of Togo and Mali
     "того я не знаю, чи потрібна віза", "ми мали їхати, але чи безпечно?",
     # a pronoun in the genitive is no country noun ("самого" is not "Самоа")
     "того самого тура нет",
     # a Ukrainian noun spelled like a weak name, in a question about nothing to do with travel
     "у комори немає вікон", "у комори немає вікон, чи безпечно там тримати паспорт?",
     # English inflections and everyday words of other languages are no typos of names
     "cómo se dice gracias en ucraniano", "my grandad used to talk about it, is it safe", "i am from lagos",
     "the country, not the US state lol"],
)
def test_no_destination_traps(engine, question: str) -> None:
    assert not engine.matcher.understand(question).sure


@pytest.mark.parametrize(
    ("question", "passports"),
    [
        ("with a US passport", ["US"]),
        ("as an American", ["US"]),
        ("I'm a Brit", ["GB"]),
        ("holding a Russian passport", ["RU"]),
        ("Mexican citizen", ["MX"]),
        ("dual US and Mexican citizen", ["US", "MX"]),
        ("I hold German and Turkish passports", ["DE", "TR"]),
        ("с паспортом США", ["US"]),
        ("British-Israeli dual national", ["GB", "IL"]),
        ("con pasaporte mexicano", ["MX"]),
        ("з українським паспортом?", ["UA"]),
        ("Russian visa for a Brit?", ["GB"]),
        ("i have a us passport", ["US"]),
        ("持美国护照", ["US"]),
        ("My passports: Polish and Australian.", ["PL", "AU"]),
        # a passport the traveler does not hold, and a region, which issues none
        ("im a swedish citizen but born in iran, never had an iranian passport. can i go to", ["SE"]),
        ("without a US passport, can I go to", []),
        ("im a swedish citizen, my uncle says iran will treat me as iranian. can i go to", ["SE"]),
        ("no visa for US passport holders in", ["US"]),
        ("my grandparents are from the Kherson region, I'm Israeli. and", ["IL"]),
        ("I have a Hong Kong SAR passport, going to", ["HK"]),
        ("я родился в Сухуми, но паспорт у меня латвийский, могу ли я поехать в", ["LV"]),
        ("i hold uk and irish passports,", ["GB", "IE"]),
        ("US/MX dual,", ["US", "MX"]),
        ("dual citizen uk/us,", ["GB", "US"]),
        ("my wife is chinese and i'm canadian,", ["CN", "CA"]),
        ("we're german,", ["DE"]),
        ("soy argentino,", ["AR"]),
        ("Je suis suisse,", ["CH"]),
        ("en tant que Français,", ["FR"]),
        ("Brauchen Deutsche ein Visum für", ["DE"]),
        ("по российскому паспорту в", ["RU"]),
        ("Я из Казахстана, можно в", ["KZ"]),
        ("brit in", ["GB"]),
        ("can amercans go to", ["US"]),
        ("туристам из России в", ["RU"]),
        ("Громадянам Німеччини потрібна віза до", ["DE"]),
        ("danish guy here,", ["DK"]),
        ("question from a Belgian couple:", ["BE"]),
        ("how does a Brit even get to", ["GB"]),
        ("New Zealander wanting to visit", ["NZ"]),
        ("my mother who is Thai wants to visit", ["TH"]),
        ("i'm 23, irish,", ["IE"]),
        ("me (Portuguese) and my wife (Angolan) want to visit", ["PT", "AO"]),
        ("¿necesita visa un peruano para ir a", ["PE"]),
        ("Dürfen US-Bürger nach Nordkorea reisen? Und", ["US"]),
        ("Brauchen Schweizer Bürger ein Visum für", ["CH"]),
        ("Bürger der USA in", ["US"]),
        ("Можно ли туристу из Киргизии в", ["KG"]),
        ("для туристів з України до", ["UA"]),
        ("american burger in", []),
        ("I'm Cuban-born but have only a US passport, can I go to", ["US"]),
        ("I am of Lebanese descent with a French passport, can I visit", ["FR"]),
        ("подорож з польським паспортом до", ["PL"]),
        ("з американським паспортом до", ["US"]),
        ("pour un Québécois,", ["CA"]),
        ("Filipino OFW going to", ["PH"]),
        ("British expats in Dubai going to", ["GB"]),
        # Russian in Latin letters
        ("mozhno li rossiyanam v", ["RU"]),
        ("viza dlya grazhdan Kazakhstana v", ["KZ"]),
        ("Kuba dlya ukraintsev i", ["UA"]),
        ("chy mozhna ukraintsyam v", ["UA"]),
        ("afganistan turist viza uzbekam i", ["UZ"]),
        ("mozhno li s US passport v", ["US"]),
        ("abhazia visa for rusian,", ["RU"]),  # after "for", a typo tie between "Rusia" and "Russian" is the people
        ("Is it safe for a Chinese-born Canadian to visit", ["CA"]),
        ("we're two Czech guys,", ["CZ"]),
        ("somos dos chilenos, podemos ir a", ["CL"]),
        ("Czech tourists in", ["CZ"]),
        ("чи пускають вірменів до", ["AM"]),
        ("Я громадянка Румунії, чи можна до", ["RO"]),
        ("como argentina puedo ir a", ["AR"]),
        ("je suis franco-marocain,", ["FR", "MA"]),
        ("dual Lebanese Canadian, is", ["LB", "CA"]),
        ("Lebanese Canadian food in", []),
        ("Türk vatandaşları gidebilir mi", ["TR"]),
        ("Czy Polacy mogą jechać do", ["PL"]),
        ("My passport is from Sri Lanka, can I visit", ["LK"]),
        ("Ukrainian woman wants to travel to", ["UA"]),
        ("куди простіше українцю,", ["UA"]),
        ("I speak Russian, what about", []),
        ("a Russian group tour to", []),
        ("a Chinese family restaurant near", []),
        ("un visa ruso para", []),
        ("Chinese travel agencies for", []),
        # "letting" is no typo of the German "Lettin" (Latvian), nor "matters" of "maltés"
        ("is pyongyang letting tourists in,", []),
        ("i'm jordanian if that matters, can I visit", ["JO"]),
        ("my mate's Pakistani, I'm British. can he come with me to", ["PK", "GB"]),
        # hyphenated and fused demonyms of compound names (Portuguese, Spanish)
        ("sou cabo-verdiano, posso ir a", ["CV"]),
        ("soy caboverdiana, puedo viajar a", ["CV"]),
        ("um centro-africano precisa de visto para", ["CF"]),
        # a Cyrillic demonym noun in any case is people: dative, instrumental, prepositional
        ("белоруске нужна виза в", ["BY"]),
        ("армянину с паспортом РА в", ["AM"]),
        ("что пишут о казахстанцах на въезде в", ["KZ"]),
        ("нужен ли россиянам и белорусам тур в", ["RU", "BY"]),
        # nationality nouns, colloquial "pra", "here" words, pronouns without a copula, Romance nouns for people
        ("tengo doble nacionalidad venezolana y española, para entrar a", ["VE", "ES"]),
        ("soy argentino con ciudadanía italiana también, quiero ir a", ["AR", "IT"]),
        ("wir sind zwei Studenten aus Leipzig mit deutschen Pässen und wollen nach", ["DE"]),
        ("являясь гражданином Узбекистана, могу ли я посетить", ["UZ"]),
        ("Crimeia ou Transnístria, qual é mais seguro pra brasileiro,", ["BR"]),
        ("Ivoirien ici, faut-il un visa pour", ["CI"]),
        ("Algérienne résidant à Lyon, est-ce que je peux visiter", ["DZ"]),
        ("а моїй дружині? вона росіянка,", ["RU"]),
        ("Wir (deutsch + kasachisch) wollen mit dem Auto nach", ["DE", "KZ"]),
        ("somos una familia peruana y queremos ir a", ["PE"]),
        ("comida peruana en", []),
        # a demonym alone in its clause, after a number, before a companion noun or in brackets with an age
        ("kathmandu overland to lhasa, israeli. and", ["IL"]),
        ("kyrenia from larnaca airport, brit,", ["GB"]),
        ("and me? jordanian. what about", ["JO"]),
        ("two of us, one japanese one south korean, going to", ["JP", "KR"]),
        ("im a turkish woman travelling with my greek boyfriend, can we both cross to", ["TR", "GR"]),
        ("Can a Moroccan husband and a French wife travel together to", ["MA", "FR"]),
        ("my grandad (British, 94) wants to visit", ["GB"]),
        ("Canadian Syrian dual national, going to", ["CA", "SY"]),
        ("Ethiopian-American, still have my ethiopian passport too.", ["ET", "US"]),
        ("my wife is eritrean by birth but only has dutch nationality now, can she visit", ["NL"]),
        ("I speak English, French.", []),
        ("Kashmir trip, I'm British Pakistani,", ["GB"]),
        ("mecca as a non-muslim german, allowed? and", ["DE"]),
        ("tunisian to libya land border open? and", ["TN"]),
        ("russian to english translation for", []),
        # other people's nationalities are not the asker's; a passport word with its own nationality takes no other
        ("мне сказали что все ходят с российскими паспортами, я молдаванин, меня пустят в", ["MD"]),
        ("the locals said Afghans cross easily, but I'm Turkish, can I go to", ["TR"]),
        ("що легше з українським паспортом: Вірменія чи", ["UA"]),
        ("My passports: Polish and Australian.", ["PL", "AU"]),
        ("я 🇷🇺 хочу в", ["RU"]),
        ("🇧🇷 passaporte →", ["BR"]),
        ("我是马来西亚华人，去", ["MY"]),
        ("我是美籍华人，去", ["US"]),
        # a Cyrillic plural is people, also before a visa word ("Russian visa" stays the visa of the place)
        ("для естонців віза до", ["EE"]),
        ("чи потрібна естонців віза в", ["EE"]),
    ],
)
def test_passport_examples(engine, question: str, passports: list[str]) -> None:
    assert sorted(engine.matcher.understand(question + " north korea").passports) == sorted(passports)


def test_saved_passport_is_used_when_none_named(engine) -> None:
    u = engine.matcher.understand("Can I go to Cuba?", ["GB"])
    assert u.passports == ["GB"]
    assert engine.matcher.understand("Can I go to Cuba as an American?", ["GB"]).passports == ["US"]


TUNING_3 = LABELLED.parent / "questions_tuning_3.yaml"
TUNING_4 = LABELLED.parent / "questions_tuning_4.yaml"
TUNING_5 = LABELLED.parent / "questions_tuning_5.yaml"
TUNING_6 = LABELLED.parent / "questions_tuning_6.yaml"
TUNING_7 = LABELLED.parent / "questions_tuning_7.yaml"
TUNING_8 = LABELLED.parent / "questions_tuning_8.yaml"


def _verdict_passports(answer) -> set[str]:
    got: set[str] = set()
    for row in answer.entry:
        got.add(row.passport)
        got.update(row.passports or [])
    for row in answer.comparison:
        got.update(row.verdicts)
    return got


# Sets 5 and 6 were at 226/240 (94%) and 230/240 with 3 named passports without a verdict at the end of round 3;
# round 5 brought them to 235/240 each with every verdict there.
# Sets 7 (languages) and 8 (itineraries, couples, green cards, dual nationals), written blind for round 5: as
# received, set 7 at 183/240 with 33/167 named passports lacking a verdict, set 8 at 188/240 with 24/209; both pass
# now.


@pytest.mark.parametrize(
    ("path", "size"),
    [(TUNING_3, 150), (TUNING_4, 200), (TUNING_5, 200), (TUNING_6, 200), (TUNING_7, 240), (TUNING_8, 240)],
    ids=["tuning3", "tuning4", "tuning5", "tuning6", "tuning7", "tuning8"],
)
def test_tuning_sets_destinations_passports_and_verdicts(engine, path: Path, size: int) -> None:
    """Issue 12: travelers' own phrasing (tests/data/questions_tuning_3.yaml to questions_tuning_6.yaml),
    follow-ups asked in one chat (a chain of `after`s played in order). Destination and passports must both be
    right, and every passport named gets a verdict (unless the place is ambiguous: then the answer asks which one)."""
    from bot.answering.conversation import Conversation

    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(items) >= size
    by_question = {item["q"]: item for item in items}
    dual_labelled = any("dual" in item for item in items)
    right, misses, no_verdict, verdict_total = 0, [], [], 0
    for item in items:
        conversation = None
        # the whole chat: an `after` that is itself a follow-up in the set is played after its own `after`
        chat = chat_before(item, by_question)
        if chat:
            conversation = Conversation()
            for question in chat:
                engine.ask(question, conversation=conversation)
        answer = engine.ask(item["q"], conversation=conversation)
        u = answer.understanding
        expected, ambiguous = item.get("destinations") or [], item.get("ambiguous") or []
        if ambiguous:
            dest_ok = sorted(u.ambiguous or u.suggestions) == sorted(ambiguous) and not u.sure
        elif expected and item.get("intent") == "compare":
            dest_ok = u.sure and set(expected) <= set(u.destinations)
        elif expected:
            dest_ok = u.sure and u.destinations[:1] == expected[:1]
        else:
            dest_ok = not u.sure
        ok = (dest_ok and sorted(u.passports) == sorted(item.get("passports") or [])
              and item.get("intent") in (None, u.intent))
        # a set that labels dual nationals (`dual: true`, one traveler with several passports) is checked against
        # what the matcher decides: several passports without the mark are several people's
        dual_ok = not dual_labelled or len(item.get("passports") or []) < 2 or u.dual == bool(item.get("dual"))
        ok = ok and dual_ok
        right += ok
        if not ok:
            misses.append(f"{item['q']!r}: want {expected or ambiguous} {item.get('passports')} {item.get('intent')}"
                          f"{' dual' if item.get('dual') else ''} got {u.destinations} {u.passports} {u.intent}"
                          f"{' dual' if u.dual else ''}")
        if expected and not ambiguous and item.get("passports") and u.intent != "off-topic":
            verdict_total += 1
            if not set(item["passports"]) <= _verdict_passports(answer):
                no_verdict.append(item["q"])
    report = f"right {right}/{len(items)}; verdicts missing {len(no_verdict)}/{verdict_total}\n" + "\n".join(
        misses + no_verdict)
    print(report)
    assert right / len(items) >= 0.95, report
    assert not no_verdict, report


TUNING_9 = LABELLED.parent / "questions_tuning_9.yaml"


def _play_measuring_set(engine, path: Path) -> tuple[list[dict], dict[int, dict], list[dict]]:
    """A set in the measuring format (ids, `followup_of` chains) played as `measure` plays it: each follow-up asked
    in one Conversation after the questions it follows; scored with the measuring script's own rules."""
    from bot.answering.conversation import Conversation
    from bot.devtools.measure import _chains
    from bot.devtools.measure import score as measure_score

    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers: dict[int, dict] = {}
    for chain in _chains(items):
        conversation = Conversation() if len(chain) > 1 else None
        for item in chain:
            answer = engine.ask(" ".join(str(item["q"]).split()), conversation=conversation)
        answers[chain[-1]["id"]] = answer.to_json()
    return items, answers, [measure_score(item, answers[item["id"]]) for item in items]


TUNING_10 = LABELLED.parent / "questions_tuning_10.yaml"
TUNING_11 = LABELLED.parent / "questions_tuning_11.yaml"
TUNING_12 = LABELLED.parent / "questions_tuning_12.yaml"
TUNING_13 = LABELLED.parent / "questions_tuning_13.yaml"
TUNING_14 = LABELLED.parent / "questions_tuning_14.yaml"
TUNING_15 = LABELLED.parent / "questions_tuning_15.yaml"
TUNING_16 = LABELLED.parent / "questions_tuning_16.yaml"
TUNING_17 = LABELLED.parent / "questions_tuning_17.yaml"
TUNING_18 = LABELLED.parent / "questions_tuning_18.yaml"
TUNING_19 = LABELLED.parent / "questions_tuning_19.yaml"
TUNING_20 = LABELLED.parent / "questions_tuning_20.yaml"
TUNING_21 = LABELLED.parent / "questions_tuning_21.yaml"
STUDY_1 = LABELLED.parent / "questions_study_1.yaml"
STUDY_2 = LABELLED.parent / "questions_study_2.yaml"
STUDY_3 = LABELLED.parent / "questions_study_3.yaml"


# Set 9 (measuring format, written blind for round 6): as received, destination and passports right in 201/231
# (87%), a verdict missing for 8 of 131 named passports; round 6 brought it to 230/231 with every verdict there.
# Sets 10 and 11 (same format, written blind for round 7): as received, set 10 at 188/220 (85%) with a verdict missing
# for 5 of 145 named passports, set 11 at 186/220 (85%) with 10 of 143 missing; round 7 brought them to 214/220 and
# 213/220 with every verdict there. What is left is mostly a choice the older sets made the other way: "Georgia visa"
# and "Guinée" are read as the country (sets 5 and after), where the writers of 10 and 11 asked which one.
# Set 12 (same format, written blind for round 8): as received, 191/220 (87%) with a verdict missing for 10 of 150
# named passports; round 8 brought it to 212/220 with every verdict there (one label changed, see the file). What is
# left is again mostly Guinea and Georgia asked as which one.
# Sets 13 and 14 (same format, written blind for round 9) and study set 1 (120 sensitive passport/destination
# pairs): as received, set 13 at 198/220 (90%) with a verdict missing for 3 of 144 named passports, set 14 at
# 195/220 (89%) with 5 of 149 missing, study 1 at 96/120 (80%) with 9 of 113 missing. Round 9 brought set 14 to
# 212/220 with every verdict there (one label fixed: YAML read Norway's NO as false), set 13 to 209/220 (95%) and
# study 1 to 117/120 (97.5%), which still fail on verdicts for passports only implied: "when will the us lift the
# north korea passport ban" (US), "маю ще й польський паспорт ... виїхати з України" (UA, said only by "ще й" and
# leaving Ukraine), "мені 20, хлопець, чи можу я виїхати з України" (UA, from leaving Ukraine).
# Study set 2 (120 questions on closed borders, exit rules, travel history, own-government bans and special permits,
# written blind for round 10): as received, 89/120 (74%) with a verdict missing for 8 of 120 items (measure: 92/96
# when the bot knows the passport). Round 10 brought it to 117/120 (97.5%); it still fails on one verdict: "Soy
# colombiano, ¿está abierta la frontera por Cúcuta para pasar a San Cristóbal?" (VE; San Cristóbal is also the
# Galápagos island and a Dominican province, so no name). The other two left: "Flying Delhi-Shanghai-Tokyo with a
# layover in Pudong" (CN, the layover) and "visitarme en Valencia" (ES, Valencia is also Venezuela's).
# Sets 15 and 16 (same format, written blind for round 11; a third of set 16 long messages about whole trips with
# several places and people): as received, set 15 at 196/220 (89%) destination and passports with a verdict present for
# 141 of 152 items with a passport known, set 16 at 167/220 (76%) with 137 of 152. Round 11 brought set 15 to 217/220
# and set 16 to 209/220 (95%), every verdict there. What set 16 still misses is mostly which of several places a writer
# put first ("the border between Armenia and Azerbaijan", an itinerary's first stop, the first of two questions), bare
# names its writer asked as which one (Kashmir, Kurdistan: documented choices of the knowledge base) and a Russian
# husband of a Ukrainian going to Russia (kept: someone else's citizenship of the destination can matter, as an
# Iranian father's does).
# Round 11 (sets 15 and 16) left set 13 at 210/220 and study 1 at 118/120, with the same verdicts missing.
_NOT_YET_13 = pytest.mark.xfail(strict=True, reason="set 13: 210/220 (95%), 2 of 144 verdicts missing")
_NOT_YET_STUDY_1 = pytest.mark.xfail(strict=True, reason="study 1: 118/120 (98%), 1 of 113 verdicts missing")
_NOT_YET_STUDY_2 = pytest.mark.xfail(strict=True, reason="study 2: 117/120 (97.5%), 1 verdict missing")
# Study set 3 (120 questions on nationality by descent or birth, dual nationals, rules changed in 2025-2026, region
# permits and travellers who are not ordinary passport holders, written blind for round 12): as received, destination
# 92/120, passports 93/120, both 73/120 (61%), a verdict present for 93 of 101 items with a passport known. Round 12
# brought it to destination 111/120, passports 107/120, both 100/120 (83%), a verdict for 102 of 104. Left: Chinese
# questions about going home (回国) with a lapsed or a child's passport, "go home" as the destination, the first of
# several places (an itinerary's stop, two questions in one), "Belgian by birth" (read as heritage), passports only
# implied by the language or the adviser ("Lo Manthang mit dem Jeep", "aussie, what does smartraveller say"), and
# follow-ups that keep the first traveller's passport beside a spouse's.
# Round 15 brought it to destination 111/120, passports 113/120, both 105/120 (87.5%), a verdict for 106 of 108 (a
# nationality opening the message before a comma or "on a ... visa", "US catholic guy", the visa asked for).
_NOT_YET_STUDY_3 = pytest.mark.xfail(strict=True, reason="study 3: 105/120 (87.5%), 2 of 108 verdicts missing")
# Sets 17 (chat-style typing: fragments, several questions in one message, nicknames, a passport named late, cities
# and regions for countries) and 18 (mostly not English: native demonyms, place names in their own language and
# script, mixed-language messages and follow-ups), written blind for round 13: as received, set 17 at destination
# 205/220, passports 215/220, both 200/220 (91%), a verdict present for 147 of 153 items with a passport known (149 of
# 150 whose passport the bot knows); set 18 at destination 202/220, passports 213/220, both 197/220 (90%), a verdict
# for 155 of 161 (157 of 158). Round 13 brought set 17 to 213/220 and set 18 to 215/220, every verdict there. Left:
# "georgia" labelled [GE, US-GA] (the bot offers GE and US; set 16 labels it so), Kurdistan and "guinea?" asked as
# which one (documented choices), an itinerary's first stop against a region named after it ("до Грузії, а звідти в
# Абхазію", "до Туреччини, а потім у Північний Кіпр"), Spiti and Greek Macedonia (no such places in the knowledge
# base), "the Russian border" in a follow-up about Luhansk, and "in den Süden" (the south of Cyprus).
# Sets 19 (a week of traffic: long messages about whole trips, terse ones, services) and 20 (how travelers name who
# travels and where), written blind for round 14: as received, set 19 at 171/220 (78%) destination and passports and
# set 20 at 194/220 (88%). Round 14 brought set 19 to 202/220 (92%) and set 20 to 212/220 (96%, 4 verdicts missing).
# Left: passports only implied (Russian "загран", "I live in Dnipro", the US-only "special validation passport"),
# follow-ups whose label keeps the first traveler's passport beside a new one ("and for americans?", "my british
# husband", "my french one instead", "unser Sohn hat nur den deutschen Pass"), companions the label leaves out
# (friends going too, a woman barred from Athos), an itinerary's first or main stop where the writer chose another
# (Portugal before Athos, China before North Korea, Pakistan before Hunza, Chile before Antarctica, Mauritania before
# Western Sahara), Rason named as opened once, Sinai, Taba and Belém (no such names in the knowledge base), and the
# occupied territories of Ukraine asked as one.
_NOT_YET_19 = pytest.mark.xfail(strict=True, reason="set 19: 202/220 (92%), 4 verdicts missing")
_NOT_YET_20 = pytest.mark.xfail(strict=True, reason="set 20: 212/220 (96%), 4 verdicts missing")
# Set 21 (written blind for round 15: services, sights, agents asking for clients, Cyrillic and Chinese shorthand):
# as received, 199/220 (90%) destination and passports, a verdict present for 120 of 123 items with a passport known.
# Round 15 brought it to 213/220 (97%), every verdict there (one label changed: the Karakoram Highway "from Kashgar
# down to Hunza" goes to Pakistan, as the item's own expected answer says, so PK-GB first). Left: "georgia" answered
# as the country where the writer wants the bot to ask, Dagestan (Russia, named first) before Chechnya, and sights
# and towns the knowledge base has no name for (Rio de Janeiro, Machu Picchu, Meteora, the Chornobyl zone, 珠峰大本营
# by the 中尼公路).


@pytest.mark.parametrize(("path", "size"), [(TUNING_9, 200), (TUNING_10, 220), (TUNING_11, 220), (TUNING_12, 220),
                                            pytest.param(TUNING_13, 220, marks=_NOT_YET_13),
                                            (TUNING_14, 220),
                                            (TUNING_15, 220),
                                            (TUNING_16, 220),
                                            (TUNING_17, 220),
                                            (TUNING_18, 220),
                                            pytest.param(TUNING_19, 220, marks=_NOT_YET_19),
                                            pytest.param(TUNING_20, 220, marks=_NOT_YET_20),
                                            (TUNING_21, 220),
                                            pytest.param(STUDY_1, 120, marks=_NOT_YET_STUDY_1),
                                            pytest.param(STUDY_2, 120, marks=_NOT_YET_STUDY_2),
                                            pytest.param(STUDY_3, 120, marks=_NOT_YET_STUDY_3)],
                         ids=["tuning9", "tuning10", "tuning11", "tuning12", "tuning13", "tuning14", "tuning15",
                              "tuning16", "tuning17", "tuning18", "tuning19", "tuning20", "tuning21", "study1",
                              "study2", "study3"])
def test_tuning_sets_in_the_measuring_format(engine, path: Path, size: int) -> None:
    """Issue 12: tests/data/questions_tuning_9.yaml to _12.yaml, in the blind measuring sets' format, played and
    scored as `python -m bot.devtools.measure` does: destination and passports both right in 95%, and a verdict for
    every passport named (unless the place is ambiguous)."""
    items, answers, scores = _play_measuring_set(engine, path)
    assert len(items) >= size
    by_id = {item["id"]: item for item in items}
    both = [s for s in scores if s["dest_ok"] and s["passports_ok"]]
    missing = [s for s in scores if s["verdict_present"] is False]
    lines = [f"#{s['id']} {by_id[s['id']]['q']!r}: want {by_id[s['id']].get('destinations')} "
             f"{by_id[s['id']].get('passports')} {by_id[s['id']].get('intent')}; got "
             f"{answers[s['id']]['destinations']} {answers[s['id']]['passports']}"
             f"{' off-topic' if answers[s['id']].get('off_topic') else ''}"
             f"{' no verdict' if s['verdict_present'] is False else ''}"
             for s in scores if not (s["dest_ok"] and s["passports_ok"]) or s["verdict_present"] is False]
    report = f"right {len(both)}/{len(items)}; verdicts missing {len(missing)}\n" + "\n".join(lines)
    print(report)
    assert len(both) / len(items) >= 0.95, report
    assert not missing, report


@pytest.mark.parametrize("question", ["iran or syria for americans", "north korea vs turkmenistan",
                                      "Иран или Сирия для россиян", "Abchasien oder Südossetien"])
def test_two_places_as_alternatives_are_compared(engine, question: str) -> None:
    assert engine.matcher.understand(question).intent == "compare"


def test_lexicon_words_are_folded() -> None:
    """Questions are compared as folded single tokens (lower case, no accents, Ukrainian letters on Russian ones,
    hyphenated words split), so a lexicon word in any other form never matches ("візи" is seen as "визи")."""
    import re

    from bot.knowledge.reference import fold
    from bot.understanding import lexicon

    # codes, phrases, punctuation compared with the raw token
    not_tokens = {"CODE_LIKE_WORDS", "NAME_TRAPS", "WEAK_PERSON_NEXT", "CONJUNCTIONS", "ROUTE_MARKS",
                  "UPPERCASE_ONLY_NAMES"}
    cjk = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # matched as substrings, unfolded
    unfolded = []
    for name, value in vars(lexicon).items():
        if name in not_tokens or not name.isupper():
            continue
        for group in value.values() if isinstance(value, dict) else [value]:
            if isinstance(group, frozenset):
                unfolded += [f"{name}: {w}" for w in group if not cjk.search(w) and fold(w) != w]
    assert not unfolded, unfolded


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # services Borderline does not offer, and greetings
        ("which SIM card works in Erbil", "off-topic"),
        # hostels, SIM cards and hire cars in Russian, Ukrainian and German (tuning set 18)
        ("посоветуйте недорогой хостел в Бишкеке", "off-topic"), ("де купити сім-карту в Батумі?", "off-topic"),
        ("Was kostet ein Mietwagen in Eriwan pro Tag?", "off-topic"),
        ("is there uber in beirut? dutch woman here", "off-topic"),
        ("can you do my iran visa application for me? british passport, will pay", "off-topic"),
        ("whats the time difference between sydney and kabul", "off-topic"),
        ("можете оформить мне приглашение в КНДР за деньги?", "off-topic"),
        ("hello", "off-topic"),
        ("你好", "off-topic"),
        ("Is Iran safe?", "question"),
        # a date is asked for; "when" as a conjunction asks for none
        ("when did flights from europe to caracas resume", "when"),
        ("did rason reopen in 2025 or did they shut it again", "when"),
        ("what year did the pyongyang marathon let amateur foreigners back in", "when"),
        ("до якого числа закрите Придністров'я?", "when"),
        ("can an Uzbek run the Pyongyang marathon, and will Korea give me trouble when I come back?", "question"),
        # the advisory level is asked for
        ("is kashmir do not travel for americans", "level"),
        ("Est-ce que Haïti est classé rouge par le Quai d'Orsay ?", "level"),
        ("英国外交部对伊朗的建议是什么", "level"),
        ("iran vs japan football score?", "off-topic"),
        ("cheap flights to Paris", "off-topic"),
        ("booked a cheap flight to tehran, can I go on my swedish passport?", "question"),
    ],
)
def test_intents(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


def test_level_or_date_question_without_a_place_is_a_follow_up(engine) -> None:
    assert engine.matcher.understand("what level is it at").followup
    assert engine.matcher.understand("since when has it been closed to tourists?").followup
    assert not engine.matcher.understand("what level is Mali at").followup
    assert engine.matcher.understand("the country, not the US state lol").followup  # a correction


def test_sports_teams_are_no_destinations(engine) -> None:
    assert not engine.matcher.understand("iran vs japan football score?").destinations
    assert engine.matcher.understand("can I travel to Qatar for the football world cup?").destinations == ["QA"]


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        ("visa for Sochi", ["RU"], []),
        ("Lagos visa for Americans", ["NG"], ["US"]),
        ("when did the enguri crossing reopen", ["GE-AB"], []),
        ("when was rafah last open", ["PS-GZA"], []),
        ("is Khunjerab open in winter", ["PK-GB"], []),
        ("Лонгйир из Тромсё, паспорт РФ, пустят?", ["SJ"], ["RU"]),
        ("Czy Polak może pojechać do Abchazji?", ["GE-AB"], ["PL"]),
    ],
)
def test_cities_and_crossings_name_their_place(engine, question: str, destinations: list[str],
                                               passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations[: len(destinations)], u.passports) == (destinations, passports)


@pytest.mark.parametrize(
    ("question", "destinations"),
    [("Lagos, Portugal visa for Americans", ["PT"]), ("is Lagos, Portugal safe", ["PT"]),
     ("visa for Lagos, Nigeria", ["NG"]), ("Chad, Niger or Mali, which is least bad", ["TD", "NE", "ML"]),
     ("Georgia, Russia or Armenia: which is easier", ["GE", "RU", "AM"])],
)
def test_a_weak_name_before_a_country_is_a_town_of_that_country(engine, question: str,
                                                                 destinations: list[str]) -> None:
    """"Lagos, Portugal" is the Algarve town, not Nigeria; a weak name in a list of places is one of them."""
    assert engine.matcher.understand(question).destinations == destinations


@pytest.mark.parametrize("question", ["viajar a los lagos del sur", "los lagos de Chile son bonitos",
                                      "hotels in Lagos Portugal"])
def test_lakes_and_the_algarve_are_not_nigeria(engine, question: str) -> None:
    assert "NG" not in engine.matcher.understand(question).destinations


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        ("J&K permit for foreigners?", ["IN-JK"], []),
        ("Can I travel to the CAR?", ["CF"], []),
        ("Can I travel to the CAR by road?", ["CF"], []),
        ("state dept level for chad and CAR?", ["TD", "CF"], []),
        ("smartraveller rating for PNG", ["PG"], []),
        ("KRG visa on arrival for indians", ["IQ-KR"], ["IN"]),
        ("visa pour la RDC", ["CD"], []),
        ("ПМР въезд гражданам РБ", ["MD-SN"], ["BY"]),
        ("ЦАР виза", ["CF"], []),
    ],
)
def test_abbreviations(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations, u.passports) == (destinations, passports)


@pytest.mark.parametrize(("question", "not_there"), [("car hire in Tbilisi", "CF"), ("rent a CAR in Georgia", "CF"),
                                                     ("is png safe", "PG"), ("цар в Грузії", "CF"),
                                                     ("can I send a PNG of my passport for the Iran visa", "PG"),
                                                     ("Iran e-visa photo as JPG or PNG?", "PG"),
                                                     ("рб в Грузию", "BY")])
def test_abbreviations_count_only_as_typed(engine, question: str, not_there: str) -> None:
    assert not_there not in engine.matcher.understand(question).destinations


@pytest.mark.parametrize(
    ("question", "destinations", "ambiguous"),
    [
        ("刚果金 中国人 需要签证吗", ["CD"], []),
        ("刚果（金）签证", ["CD"], []),
        ("刚果布 签证", ["CG"], []),
        ("刚果(布)签证", ["CG"], []),
        ("刚果 签证", [], ["CD", "CG"]),
    ],
)
def test_chinese_names_of_the_two_congos(engine, question: str, destinations: list[str], ambiguous: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations, sorted(u.ambiguous)) == (destinations, ambiguous)
    assert u.sure == bool(destinations)


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        ("I have a Hong Kong SAR passport and a BN(O) passport, going to Tibet, which one", ["CN-XZ"], ["HK", "GB"]),
        ("BNO passport to North Korea", ["KP"], ["GB"]),
        ("Brunei visa for BN (O) holders", ["BN"], ["GB"]),
        ("BN visa", ["BN"], []),
    ],
)
def test_british_national_overseas_is_a_british_passport(engine, question: str, destinations: list[str],
                                                         passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations, sorted(u.passports)) == (destinations, sorted(passports))


@pytest.mark.parametrize(
    ("question", "destination"),
    [
        ("visa for Kurdistan for Indians", "IQ-KR"),
        ("виза в Курдистан", "IQ-KR"),
        ("库尔德斯坦签证", "IQ-KR"),
        ("去伊拉克库尔德还是去黎巴嫩", "IQ-KR"),
        ("is Syrian Kurdistan safe", "SY"),
        ("Rojava visa", "SY"),
        ("Iranian Kurdistan trekking", "IR"),
        ("Turkish Kurdistan road trip", "TR"),
    ],
)
def test_kurdistan_alone_is_the_kurdistan_region_of_iraq(engine, question: str, destination: str) -> None:
    """Plain "Kurdistan" is the region with its own government and visa; the Kurdish areas of Syria, Iran and
    Turkey are named with their country, and the longer name wins."""
    assert engine.matcher.understand(question).destinations[:1] == [destination]


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        ("Ich bin Syrerin, darf ich in den Libanon?", ["LB"], ["SY"]),
        ("сирийцам нужна виза в Ливан?", ["LB"], ["SY"]),
        ("soy sirio, puedo ir a Líbano", ["LB"], ["SY"]),
        ("visa para Siria para mexicanos", ["SY"], ["MX"]),
        ("RDC visa para congoleños de Brazzaville", ["CD"], ["CG"]),
        ("passeport congolais (Brazzaville) pour aller à Kinshasa, il faut un visa ?", ["CD"], ["CG"]),
        ("je suis congolais de Kinshasa, visa pour Brazzaville ?", ["CG"], ["CD"]),
    ],
)
def test_syrian_and_congolese_people(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations, u.passports) == (destinations, passports)


@pytest.mark.parametrize(("question", "destinations"), [("how do i get there from sochi", []),
                                                        ("как туда добраться из Сочи", []),
                                                        ("flights from Moscow", ["RU"]),
                                                        ("is there a ferry from Sochi", ["RU"])])
def test_a_place_set_off_from_is_not_the_one_pointed_back_to(engine, question: str, destinations: list[str]) -> None:
    """"there" points back to the chat's last place: the city after "from" is where the traveler sets off."""
    assert engine.matcher.understand(question).destinations == destinations


@pytest.mark.parametrize(
    ("question", "dual"),
    [
        ("I have US and Mexican passports, can I run the Pyongyang marathon?", True),
        ("I'm dual US/Iranian, which passport for Iran", True),
        ("Russian citizen who also got Argentine citizenship, can I enter Ukraine?", True),
        ("我有中国和加拿大双重国籍 去朝鲜用哪个护照", True),
        ("My fiancé is Nigerian and I'm American, can we go to Ghana?", False),
        ("me (Chinese) and my girlfriend (Japanese) want to see Tibet", False),
        ("couple, she's Brazilian and he's Portuguese, going to Venezuela", False),
        ("I'm Georgian and my husband is Armenian, can we both go to Abkhazia", False),
        ("Spanish and Moroccan couple wants to visit Western Sahara", False),
        ("Can Americans go to Cuba?", False),
    ],
)
def test_dual_nationality_is_one_traveler_with_several_passports(engine, question: str, dual: bool) -> None:
    """Several passports are a dual national's only when one traveler holds them; "my fiancé is Nigerian and I'm
    American" is two people, each with one passport."""
    assert engine.matcher.understand(question).dual is dual


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        # a question typed on the Latin layout of a Russian keyboard ("виза в иран")
        ("dbpf d bhfy", ["IR"], []),
        # Chinese: a homophone typed for a name's character, 国人 (compatriots), passports only heard of
        ("朝鲜签证 中果人 怎么办", ["KP"], ["CN"]),
        ("叙利压签证", ["SY"], []),
        ("国人去叙利亚落地签还有吗", ["SY"], ["CN"]),
        ("元山葛麻 听说俄罗斯游客可以去 那中国人呢", ["KP-WK"], ["CN"]),
        # pinyin, Polish, Italian, Serbian, Dutch, Turkish names and nationalities
        ("zhongguo huzhao qu chaoxian yao qianzheng ma", ["KP"], ["CN"]),
        ("wiza do Białorusi dla Polaków", ["BY"], ["PL"]),
        ("gli italiani possono andare in Corea del Nord?", ["KP"], ["IT"]),
        ("da li Srbi mogu u Severnu Koreju", ["KP"], ["RS"]),
        ("ik heb een Nederlands en Marokkaans paspoort, kan ik naar de Westelijke Sahara", ["EH"], ["NL", "MA"]),
        ("gurcistan vize turkler", ["GE"], ["TR"]),
        # people who host are not the ones who travel
        ("my mother-in-law is Syrian and lives in Damascus, can she visit us in Dubai? we're British", ["AE"], ["SY"]),
        # where the traveler is from gives way to a passport named
        ("Я з Харкова, маю польський паспорт. Чи безпечно їхати до Білорусі?", ["BY"], ["PL"]),
        # money named before a demonym is the country's
        ("taux de change du rial iranien aujourd'hui", ["IR"], []),
    ],
)
def test_round_five_phrasings(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations[: len(destinations)], sorted(u.passports)) == (destinations, sorted(passports))


@pytest.mark.parametrize("question", ["I'm American, my name is Jordan", "I'm British and my son is called Jordan"])
def test_a_weak_name_that_names_a_person_is_no_destination(engine, question: str) -> None:
    assert not engine.matcher.understand(question).destinations


@pytest.mark.parametrize(
    ("question", "passports", "dual"),
    [
        # the first person said by the verb alone is the asker, the partner another traveler
        ("soy mexicana y mi novio es cubano, podemos ir a Cuba?", ["CU", "MX"], False),
        ("Rússia: sou brasileira, meu namorado é russo", ["BR", "RU"], False),
        # the partner's passport is the destination's own: still a passport, not the place
        ("eu sou brasileira e meu namorado é russo, podemos ir à Rússia?", ["BR", "RU"], False),
        # a message opening on a nationality "with" a companion: the asker and the companion
        ("Brazilian with a Russian boyfriend, visa for Russia?", ["BR", "RU"], False),
        ("brasileira com namorado russo, visto para Rússia?", ["BR", "RU"], False),
        ("I have US and Mexican passports, can I go to Cuba?", ["MX", "US"], True),
        ("soy mexicana y cubana, puedo ir a Cuba?", ["CU", "MX"], True),
    ],
)
def test_partners_and_the_asker_by_the_verb(engine, question: str, passports: list[str], dual: bool) -> None:
    u = engine.matcher.understand(question)
    assert sorted(u.passports) == passports and u.dual == dual, (u.passports, u.dual)


@pytest.mark.parametrize(
    ("question", "passports"),
    [
        ("что говорят у британцев про поездку в Иран?", []),
        ("у британцев есть предупреждение по Ирану?", []),
        ("у британців є попередження щодо Ірану?", []),
        ("у британцев есть безвиз в Иран?", ["GB"]),  # what the British passport gets
    ],
)
def test_the_people_of_a_country_advising(engine, question: str, passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == ["IR"] and u.passports == passports


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Plan is Istanbul > Tbilisi > Yerevan > Stepanakert > Baku, is Nagorno-Karabakh reachable?", "AZ-NK"),
        ("overland Cairo to Cape Town via Sudan, Ethiopia, Kenya, Tanzania, Malawi — what about South Sudan?", "SS"),
        ("Erbil -> Mosul -> Baghdad -> Basra, then Kuwait, safety in Mosul?", "IQ"),
        ("Is it safe to go to Iran, Iraq, Syria?", "IR"),  # a list, no clause of its own
    ],
)
def test_an_itinerary_and_its_question_in_one_sentence(engine, question: str, first: str) -> None:
    assert engine.matcher.understand(question).destinations[:1] == [first]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("any travel insurance that actually covers ukraine?", "off-topic"),
        ("what plug sockets do they use in cuba", "off-topic"),
        ("je cherche un bon resto à Tiraspol", "off-topic"),
        ("vous pouvez m'aider à réserver un vol pour Kinshasa ?", "off-topic"),
        ("do I need travel insurance to enter Cuba?", "question"),  # a rule of entry
        ("wonsan kalma resort - do they let russians in", "question"),  # who is let in is a rule
    ],
)
def test_services_beside_a_place_are_off_topic(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        ("north cyprus with only a turkish id card?", ["CY-NC"], ["TR"]),
        ("north cyprus with a turkish ID?", ["CY-NC"], ["TR"]),
        ("I'd like to go to Turkey", ["TR"], []),
        ("meu passaporte é brasileiro, posso ir ao Irã?", ["IR"], ["BR"]),
        ("Mi pasaporte es español y el de mi esposa dominicano. Queremos ir al Tíbet en abril, qué necesitamos",
         ["CN-XZ"], ["DO", "ES"]),  # "abril" is no Erbil; two people
        ("dolpo trek solo, spanish? no sorry I'm Mexican lol. permit needed?", ["NP-DP"], ["MX"]),
        ("Iran visa, I'm German, oh wait no, I'm Austrian", ["IR"], ["AT"]),
        ("I'm German, no visa for Iran? my wife is Thai", ["IR"], ["DE", "TH"]),
    ],
)
def test_id_cards_passports_said_with_a_copula_and_corrections(engine, question: str, destinations: list[str],
                                                               passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations and sorted(u.passports) == passports, (u.destinations, u.passports)
    assert not u.dual


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("visa for nepal on arrival for bangladeshis? going to mustang", "NP-UM"),  # a region of the place asked
        ("можно ли потом в Грузию с российским паспортом если был в абхазии", "GE"),  # where the traveler was
        ("когда откроют КПП с Южной Осетией со стороны Грузии", "GE-SO"),  # the side crossed from
        ("A fronteira terrestre entre a Rússia e a Geórgia está aberta? Quero ir de Vladikavkaz a Tbilisi", "GE"),
        ("Is the border between Russia and Georgia open? I want to go from Moscow to Tbilisi", "GE"),
        ("Socotra is fine but the rest of Yemen?", "YE-SU"),  # the rest of a country is set against the place
        ("Чечня или Дагестан, куда безопаснее туристу", "RU-CE"),
        ("我和我老公都是马来西亚人，想去沙特旅游（不是朝觐）", "SA"),
        ("окупований Херсонський край — чи може іноземець туди потрапити з Росії", "UA-65"),
    ],
)
def test_places_left_behind_sides_and_names_set_9_lacked(engine, question: str, first: str) -> None:
    assert engine.matcher.understand(question).destinations[:1] == [first]


def test_compared_places_keep_a_region_and_its_country(engine) -> None:
    assert engine.matcher.understand("Spitzbergen oder Lofoten im Winter – was lohnt sich mehr").destinations == [
        "SJ", "NO"]
    assert engine.matcher.understand("Чечня или Дагестан, куда безопаснее туристу").destinations == ["RU-CE", "RU"]


def test_a_national_id_card_names_its_country_when_nothing_else_does(engine) -> None:
    assert engine.matcher.understand("Georgien Einreise mit Personalausweis?").passports == ["DE"]
    assert engine.matcher.understand("mit österreichischem Personalausweis nach Georgien?").passports == ["AT"]
    assert engine.matcher.understand("Georgien Einreise mit Personalausweis?", ["AT"]).passports == ["AT"]


def test_follow_ups_that_point_back_say_dual_or_set_the_rest_of_a_country_aside(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("iran for US citizens do I need a guide the whole time", conversation=chat)
    u = engine.ask("what if i use my iranian passport instead, i'm dual", conversation=chat).understanding
    assert sorted(u.passports) == ["IR", "US"] and u.dual
    chat = Conversation()
    engine.ask("can we carry on overland to juba after", conversation=chat)
    assert engine.ask("honestly is that a dumb idea", conversation=chat).understanding.destinations == ["SS"]
    chat = Conversation()
    engine.ask("socotra how do u even get there", conversation=chat)
    u = engine.ask("is it safe tho, rest of yemen is a warzone", conversation=chat).understanding
    assert u.destinations == ["YE-SU"]


@pytest.mark.parametrize(("question", "passports", "dual"), [
    ("Mexican and American, can I go to Cuba", ["MX", "US"], True),
    ("German and Turkish, is Northern Cyprus ok for me?", ["DE", "TR"], True),
    ("Mexican, can I go to Cuba", ["MX"], False),
    ("Syrian and Lebanese food in Paris", [], False),
])
def test_two_nationalities_opening_the_question_are_the_askers(engine, question: str, passports: list[str],
                                                               dual: bool) -> None:
    """"Mexican and American, ...": two nationalities joined by "and" that are their clause by themselves say
    who asks, as one does ("Mexican, can I go to Cuba"); followed by anything else ("... food") they are not."""
    u = engine.matcher.understand(question)
    assert sorted(u.passports) == passports and u.dual is dual


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    ("mi esposa es china, puede ir a cuba?", ["CU"], ["CN"]),  # the Spanish feminine, spelled as the country
    ("soy china y quiero ir a corea del norte", ["KP"], ["CN"]),
    ("visa para china", ["CN"], []),
    ("мой муж русский, можно ему в абхазию?", ["GE-AB"], ["RU"]),  # Russian drops the copula
    ("муж у меня русский а я украинка, можем поехать в абхазию", ["GE-AB"], ["RU", "UA"]),
    ("мій чоловік росіянин, чи можна йому до криму", ["UA-43"], ["RU"]),
    ("я говорю на русском, в абхазии поймут?", ["GE-AB"], []),  # the language, not a passport
])
def test_a_nationality_after_a_person_is_theirs(engine, question: str, destinations: list[str],
                                                passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations == destinations and sorted(u.passports) == passports, (u.destinations, u.passports)


def test_for_a_country_in_a_place_names_whose_level_is_asked(engine) -> None:
    """"what level is it for canada in mali": Canada's advice about Mali, not a question about Canada."""
    u = engine.matcher.understand("what level is it for canada in mali")
    assert u.destinations == ["ML"] and u.intent == "level"
    assert engine.matcher.understand("visa for canada").destinations == ["CA"]


# Round 7 (sets 10 and 11, written blind): classes of misses.
@pytest.mark.parametrize(("question", "destinations", "passports", "intent"), [
    # "über" is the German "via", not an Uber ride
    ("Ich bin Deutsch-Türke mit beiden Pässen, nach Nordzypern über Ercan, welchen Pass nehme ich?", ["CY-NC"],
     ["DE", "TR"], "question"),
    ("uber from the airport in havana", ["CU"], [], "off-topic"),
    # roots are heritage, not a passport
    ("Bergkarabach besuchen – geht das jetzt über Aserbaidschan? Bin Deutscher mit armenischen Wurzeln", ["AZ-NK"],
     ["DE"], "question"),
    # nationality words after a dash, a travel passport's own word, "y yo", a bare demonym before "quer"
    ("Маю подвійне громадянство — Україна і Угорщина. Чи можна мені в Росію?", ["RU"], ["HU", "UA"], "question"),
    ("US passport - Iran visa?", ["IR"], ["US"], "question"),  # the passport word is the US one
    ("i have dual citizenship - us and iran, can i go to israel", ["IL"], ["IR", "US"], "question"),
    ("Пустят ли меня теперь в Грузию с российским загранпаспортом?", ["GE"], ["RU"], "question"),
    ("Mi novio es cubano y yo española, ¿podemos viajar juntos a Rusia?", ["RU"], ["CU", "ES"], "question"),
    ("Moçambicano quer ir ao Tibete, é possível?", ["CN-XZ"], ["MZ"], "question"),
    # money, hostels, food in the other languages; a currency names its country
    ("usd to iranian rial black market rate today", ["IR"], [], "off-topic"),
    ("hostales baratos en La Habana", ["CU"], [], "off-topic"),
    ("bester Döner in Erbil?", ["IQ-KR"], [], "off-topic"),
    ("拉萨有什么好吃的", ["CN-XZ"], [], "off-topic"),
])
def test_round_7_words_of_travel_people_and_services(engine, question: str, destinations: list[str],
                                                     passports: list[str], intent: str) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations[:1] and sorted(u.passports) == passports and u.intent == intent, (
        u.destinations, u.passports, u.intent)


@pytest.mark.parametrize(("question", "destination", "passports"), [
    ("Quel niveau d'alerte pour le Liban selon les Américains ?", "LB", []),  # who advises, not who travels
    ("Який рівень небезпеки Держдеп США дає Україні?", "UA", []),
    ("what level does the US give Mali according to the Brits", "ML", []),
    ("les Américains peuvent-ils aller au Liban ?", "LB", ["US"]),
])
def test_whose_advice_is_asked_is_no_passport_or_place(engine, question: str, destination: str,
                                                       passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == [destination] and u.passports == passports, (u.destinations, u.passports)


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    ("anyone been to Transnistria lately? hows the border on the ukraine side", ["MD-SN"], []),  # asks for reports
    ("i've been to iran, can i still go to israel", ["IL"], []),  # the traveler's own past visit
    ("are there still flights paris - niamey? i'm french", ["NE"], ["FR"]),  # a dash between places is a route
    ("Combien coûte un vol Paris-Téhéran ?", ["IR"], []),
    ("Gilgit-Baltistan trekking permit for a brit", ["PK-GB"], ["GB"]),  # one name, hyphenated: no route
    ("Erbil -> Mosul -> Baghdad -> Basra, then Kuwait, safety in Mosul?", ["IQ"], []),
    ("Ist die Grenze zwischen Polen und Belarus offen?", ["BY"], []),  # between: the curated side
    ("Est-ce que la frontière entre l'Arménie et le Haut-Karabakh est ouverte ?", ["AZ-NK"], []),
    ("do i need a visa for iarn", ["IR"], []),  # two letters swapped in a short name after a preposition
    ("do i need the mustang permit if i'm nepali", ["NP-UM"], ["NP"]),  # a weak name before its permit
    ("british citizen saudi e visa how long does it take", ["SA"], ["GB"]),  # the citizen is British
    ("chypre du nord passeport algerien", ["CY-NC"], ["DZ"]),
    ("I'm an Israeli citizen (born in Ukraine though). Is there any way to visit Donetsk?", ["UA-14"], ["IL"]),
    ("i have both passports (south korea + us), north korea?", ["KP"], ["KR", "US"]),
    ("somos dos argentinos, salimos de Ushuaia a la Antártida", ["AQ"], ["AR"]),  # "salimos" is no typo of a name
    ("持香港特区护照去巴基斯坦吉尔吉特-巴尔蒂斯坦，要什么签证", ["PK-GB"], ["HK"]),
    ("我德国朋友能一起去新疆吗？", ["CN-XJ"], ["DE"]),
])
def test_round_7_routes_sides_typos_and_holders(engine, question: str, destinations: list[str],
                                                passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations and sorted(u.passports) == passports, (u.destinations, u.passports)


@pytest.mark.parametrize(("question", "lang"), [
    ("Combien coûte un vol Paris-Téhéran ?", "fr"), ("¿La Antártida necesita visa?", "es"),
    ("bester Döner in Erbil?", "de"),
    ("Reisewarnung Auswärtiges Amt Libanon aktuell?", "de"), ("Hotel in Pjöngjang buchen", "de"),
    ("Como chegar a Pitcairn saindo do Brasil?", "pt"), ("É seguro ir para a Somalilândia?", "pt"),
    ("¿cuánto cobran ustedes por tramitar la visa saudí?", "es"), ("Шпицберген без шенгена реально? паспорт РФ", "ru"),
    ("visa Georgia para venezolanos", "es"), ("can I go to iran", "en"),
])
def test_round_7_languages(question: str, lang: str) -> None:
    from bot.understanding.language import detect

    assert detect(question) == lang


def test_asking_the_way_there_beside_flights_is_not_off_topic(engine) -> None:
    assert engine.matcher.understand("Spitzbergen Flüge ab Oslo – wie komme ich da überhaupt hin?").intent == "question"
    assert engine.matcher.understand("cheap flights to paris").intent == "off-topic"


@pytest.mark.parametrize(("question", "destinations", "ambiguous", "passports"), [
    ("NK", ["KP"], [], []), ("nk ban on us passports extended again? till when", ["KP"], [], ["US"]),
    ("ossetia visa?", [], ["GE-SO", "RU"], []),  # South (Georgia) or North (Russia)
    ("do i need a passport for the virgin islands, us citizen", [], ["VG", "VI"], ["US"]),
    ("british virgin islands visa", ["VG"], [], []),
    ("crossing to the turkish side of nicosia with a uk passport, any hassle", ["CY-NC"], [], ["GB"]),
    ("коли відкриють аеропорт Бориспіль?", ["UA"], [], []),
    ("когда откроют Верхний Ларс", ["GE"], [], []),
    ("campamentos saharauis en Tinduf: ¿cómo llegar desde España con pasaporte español?", ["DZ"], [], ["ES"]),
    ("is it ok to drive near the yemen border, jazan and najran?", ["SA"], [], []),
    ("I'm a Greek Cypriot, can I cross to the north?", [], [], ["CY"]),
])
def test_round_7_names_the_knowledge_lacked(engine, question: str, destinations: list[str], ambiguous: list[str],
                                            passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations[:1] and sorted(u.ambiguous) == ambiguous and sorted(
        u.passports) == passports, (u.destinations, u.ambiguous, u.passports)


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    ("eta israel for brits going to the west bank", ["PS-WBK"], ["GB"]),  # where they are going
    ("how far in advance do i book the diamonitirion for athos, romanian orthodox guy", ["GR-69"], ["RO"]),
    ("Мы с мужем граждане Узбекистана, хотим в Иран на машине через Туркмению. Дадут ли нам транзитную визу?",
     ["TM"], ["UZ"]),  # a transit visa is the visa of the place passed through
    ("flying to iran via dubai, visa?", ["IR"], []),
    # the route asked ("can i go ... through turkey?"): the transit visa is only the way there
    ("hello, i am nigerian. can i go to northern cyprus through turkey? do i need a turkish transit visa?", ["CY-NC"],
     ["NG"]),
    # a leg of the trip named by its country's adjective, in the question asked
    ("fly into Almaty, overland through Kyrgyzstan and Tajikistan, then cross into Afghanistan at Ishkashim, then "
     "head to Hunza. I'm Czech. Is the Afghan part doable?", ["AF"], ["CZ"]),
])
def test_round_7_where_the_traveler_goes(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations and sorted(u.passports) == passports, (u.destinations, u.passports)


def test_the_season_for_sights_is_off_topic(engine) -> None:
    assert engine.matcher.understand("meilleure période pour voir les aurores au Svalbard ?").intent == "off-topic"


@pytest.mark.parametrize(("question", "intent"), [
    ("What's the Australian advice for North Korea?", "level"),
    ("maldives flights vs sri lanka which is cheaper in jan", "off-topic"),
    ("who won the world cup", "off-topic"),
    ("world cup in qatar, do brits need a visa", "question"),
    ("де поміняти гривні на ларі в Тбілісі", "off-topic"),
])
def test_round_7_intents(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


@pytest.mark.parametrize(("question", "passports", "dual"), [
    # a person and their nationality with the verb left out, a clause of their own
    ("me irish, wife indian, ladakh in june - do we need permits??", ["IE", "IN"], False),
    ("Wir wollen nach Nordkorea, ich bin Schweizer, meine Frau Deutsche. Geht das?", ["CH", "DE"], False),
    # "He's" is "he is", not a possessive
    ("He's Dutch and I'm Brazilian, can we go to Iran?", ["NL", "BR"], False),
    ("She's Thai, can she go to Iran?", ["TH"], False),
    # a plural passport word: one subject's passports
    ("tenho passaportes irlandês e indiano, posso ir a Ladakh?", ["IE", "IN"], True),
    ("tengo pasaportes irlandés e indio, ¿puedo ir a Ladakh?", ["IE", "IN"], True),
    ("j'ai les passeports irlandais et indien, puis-je aller au Ladakh ?", ["IE", "IN"], True),
    ("у меня паспорта Ирландии и Индии, можно в Ладакх?", ["IE", "IN"], True),
    ("Ich habe irische und indische Pässe, kann ich nach Ladakh?", ["IE", "IN"], True),
    ("Ich habe einen irischen Pass, Ladakh?", ["IE"], False),
    ("I hold both an Irish and an Indian passport, Ladakh?", ["IE", "IN"], True),
    ("My fiancé is Nigerian and I'm American, do we need passports for Cuba?", ["NG", "US"], False),
    # Central American and Caribbean demonyms in Spanish and French
    ("¿Los nicaragüenses necesitan visa para Ucrania?", ["NI"], False),
    ("soy hondureño, puedo ir a Cuba?", ["HN"], False),
])
def test_round_8_people_and_passports(engine, question: str, passports: list[str], dual: bool) -> None:
    u = engine.matcher.understand(question)
    assert u.passports == passports and u.dual is dual, (u.passports, u.dual)


@pytest.mark.parametrize(("question", "destination"), [
    # an adviser by its own name is no destination, and asks for the level
    ("Quel est le niveau de France Diplomatie pour le Mali ?", "ML"),
    ("Que dit France Diplomatie sur le Niger ?", "NE"),
    ("Was sagt das Auswärtige Amt zu Syrien?", "SY"),
    ("Что МИД Франции говорит о Сирии?", "SY"),
    ("Quai d'Orsay Mali niveau", "ML"),
])
def test_round_8_advisers_by_name(engine, question: str, destination: str) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations == [destination] and u.intent == "level", (u.destinations, u.intent)


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    # where someone is from is no passport beside a passport named with its noun ("US citizen")
    ("Haiti is it totally dangerous? my mom is from port au prince, i'm a US citizen", ["HT"], ["US"]),
    # a church named by a nationality is the traveler's faith when a passport is named too
    ("im greek orthodox from limassol (cypriot passport) how do i get the athos diamonitirion", ["GR-69"], ["CY"]),
    ("I'm Greek Orthodox, can I visit Mount Athos?", ["GR-69"], ["GR"]),
    # Mexican states the US advisory names, with the adviser before them
    ("nivel de alerta de EE.UU. para Sinaloa", ["MX"], []),
])
def test_round_8_origins_faiths_and_states(engine, question: str, destinations: list[str],
                                           passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations and u.passports == passports, (u.destinations, u.passports)


@pytest.mark.parametrize("question", [
    "посоветуйте визовое агентство для Ирана, чтобы быстро сделали",
    "Wann ist auf Spitzbergen Polarnacht und sieht man da Nordlichter?",
    "onde comprar chip de celular em Teerã?",
])
def test_round_8_services_and_sights_are_off_topic(engine, question: str) -> None:
    assert engine.matcher.understand(question).intent == "off-topic"


@pytest.mark.parametrize(("question", "destinations", "ambiguous", "passports", "intent"), [
    # an off-topic word inside a place's name says nothing of what is asked
    ("russians to north korea - wonsan kalma resort, how?", ["KP-WK"], [], ["RU"], "question"),
    ("is there a beach resort in Abkhazia", ["GE-AB"], [], [], "off-topic"),
    # everyday Russian words are no typos of names
    ("кто недавно был в Приднестровье, как там на границе, долго досматривают?", ["MD-SN"], [], [], "question"),
    # a comma between places lists them; the clause after the last one does not single it out
    ("Mali, Niger, Burkina - can a french citizen even get in these days?", ["ML", "NE", "BF"], [], ["FR"],
     "question"),
    # the Virgin Islands and Saint-Martin in other languages: which one
    ("Jungferninseln Einreise mit deutschem Pass", [], ["VG", "VI"], ["DE"], "question"),
    ("Je veux aller à Saint-Martin avec mon passeport haïtien", [], ["MF", "SX"], ["HT"], "question"),
    ("Sint Maarten visa for Haitians", ["SX"], [], ["HT"], "question"),
    # a Spanish identity card names the passport
    ("¿Se puede ir a Rusia solo con DNI español?", ["RU"], [], ["ES"], "question"),
    # a resident of a Chinese SAR, and two passports counted
    ("香港居民可以去西藏吗", ["CN-XZ"], [], [], "question"),  # a resident holds no passport said (round 9)
    ("我是香港居民，拿特区护照", [], [], ["HK"], "question"),
    ("我有爱尔兰和印度两本护照，能去拉达克吗", ["IN-LA"], [], ["IE", "IN"], "question"),
])
def test_round_8_names_lists_and_cards(engine, question: str, destinations: list[str], ambiguous: list[str],
                                       passports: list[str], intent: str) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations[: len(destinations)] if destinations else u.destinations) == destinations, u.destinations
    assert sorted(u.ambiguous) == ambiguous and u.passports == passports and u.intent == intent, (
        u.ambiguous, u.passports, u.intent)


@pytest.mark.parametrize(("question", "passports", "dual"), [
    ("I'm from Mexico, US citizen too, can I go to Cuba?", ["MX", "US"], True),
    ("I'm from Mexico but also a US citizen, cuba?", ["MX", "US"], True),
    ("I'm from Mexico, US citizen, can I go to Cuba?", ["US"], False),  # where they are from yields to the passport
])
def test_a_passport_said_to_be_a_second_one_keeps_the_first(engine, question: str, passports: list[str],
                                                             dual: bool) -> None:
    u = engine.matcher.understand(question)
    assert sorted(u.passports) == passports and u.dual is dual


@pytest.mark.parametrize(("question", "destinations", "passports", "intent"), [
    # money, cards, taxis, cold and airlines are services Borderline does not offer
    ("what currency do they use in abkhazia and will my mastercard work", ["GE-AB"], [], "off-topic"),
    ("¿dónde cambiar dólares en La Habana?", ["CU"], [], "off-topic"),
    ("Сколько стоит автобус из Минска до Вильнюса?", None, [], "off-topic"),
    ("how cold is it in Pyongyang in february", ["KP"], [], "off-topic"),
    ("推荐一个北京的酒店", ["CN"], [], "off-topic"),
    # ... but a named nationality asking whether they may go asks about rules
    ("I'm british, can i go to iran just for the food and bazaars", ["IR"], ["GB"], "question"),
    # a stamp, a residence card or a kind of visa names the document's country, not the traveler's passport
    ("my german passport has a sello israelí, can I enter Lebanon?", ["LB"], ["DE"], "question"),
    ("soy cubano con permiso de residencia español, ¿puedo ir a Rusia?", ["RU"], ["CU"], "question"),
    ("can I visit Crimea on a russian tourist visa? I'm Dutch", ["UA-43"], ["NL"], "question"),
    ("für Schweizer Visum Nordkorea?", ["KP"], ["CH"], "question"),
    # a country left, where a passport was issued, a place flown into or been to, home: not the destination
    ("ukrainian woman, can i leave ukraine for a week in turkey", ["TR"], ["UA"], "question"),
    ("my passport was issued in Sevastopol, can I get a french visa with it? russian", ["FR"], ["RU"], "question"),
    ("estuve en Venezuela, ¿puedo pedir el ESTA para ir a Miami? soy chileno", ["US"], ["CL"], "question"),
    ("flew into Erbil from Dubai, can I take the bus to Baghdad after? swedish passport", ["IQ"], ["SE"], "question"),
    # the consulate's city is where the visa is applied for
    ("iranian visa - dubai or istanbul consulate? canadian", ["IR"], ["CA"], "question"),
    # mainland China, and a Macau or Hong Kong resident, who holds no passport said
    ("香港居民去深圳要带什么", ["CN"], [], "question"),
    ("我是大陆人，能去香港吗", ["HK"], ["CN"], "question"),
    # a terse place and nationality; nationalities said around other words
    ("iraq kuwaiti", ["IQ"], ["KW"], "question"),
    ("american of armenian descent going to azerbaijan", ["AZ"], ["US"], "question"),
    ("mi esposa es venezolana, ¿puede ir a Colombia?", ["CO"], ["VE"], "question"),
    ("is xinjiang safe for a tibetan american", ["CN-XJ"], ["US"], "question"),
    ("i'm korean (north), can i go to russia", ["RU"], ["KP"], "question"),
    ("North Korean here, can I visit the South freely?", ["KR"], ["KP"], "question"),
    # "Süden" and "лівий берег" are no Sudan and no Libya
    ("kann ich nach Georgien und danach in den Süden nach Armenien?", ["GE"], [], "question"),
])
def test_round_9_classes(engine, question: str, destinations: list[str] | None, passports: list[str],
                         intent: str) -> None:
    u = engine.matcher.understand(question)
    if destinations is not None:
        assert u.destinations[: len(destinations)] == destinations, u.destinations
    assert sorted(u.passports) == sorted(passports) and u.intent == intent, (u.passports, u.intent)


def test_a_follow_up_saying_both_passports_keeps_them(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("can an armenian go to azerbaijan", conversation=chat)
    answer = engine.ask("what if I go through georgia on my russian passport instead, I have both", conversation=chat)
    assert sorted(answer.to_json()["passports"]) == ["AM", "RU"]


def test_a_follow_up_from_the_chats_place_to_another_goes_there(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("can a russian go to abkhazia", conversation=chat)
    answer = engine.ask("а потом из Абхазии в Тбилиси можно?", conversation=chat)
    assert answer.to_json()["destinations"][:1] == ["GE"]


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    # the US as a destination like any other: "the us" (never the pronoun after "the"), LA and DC
    ("can iranians visit the us", ["US"], ["IR"]),
    ("iranian passport, want to visit my brother in LA. can i get a tourist visa now?", ["US"], ["IR"]),
    ("can you visit us in Dubai", ["AE"], []),
    ("Laos visa", ["LA"], []),
    ("can iranians travel to us", ["US"], ["IR"]),
    ("can my mom come to us in Germany", ["DE"], []),
    # "us" before a visa word is the country, "u.s" with its dots too; "give us visas" stays the pronoun
    ("can iranians get a us visa", ["US"], ["IR"]),
    ("iranian applying for us tourist visa", ["US"], ["IR"]),
    ("can an iranian enter the u.s", ["US"], ["IR"]),
    ("will they give us visas at the border for iran", ["IR"], []),
    ("i.e. Egypt", ["EG"], []),
    # ESTA, the US's own travel authorisation, names the US (the Spanish "esta" is "this")
    ("I had a Cuban stamp, can I get ESTA? spanish", ["US"], ["ES"]),
    ("travelled to North Korea in 2018, can I do the ESTA? australian", ["US"], ["AU"]),
    ("¿esta abierta la frontera con Venezuela?", ["VE"], []),
    ("Will going to Cuba affect my ESTA? british", ["CU", "US"], ["GB"]),
    # a weak name after "into", crossing said
    ("can i cross from Armenia into Turkey by land", ["TR"], []),
    # cities and border towns travelers name: Tel Aviv, Al-Aqsa, Gyumri, Oran, Alger, Myawaddy, the Andamans, Tawang
    ("pakistani passport, company wants me at a meeting in tel aviv next month. can i go?", ["IL"], ["PK"]),
    ("Malaysian here. Is it possible to visit Masjid Al-Aqsa?", ["IL"], ["MY"]),
    ("bus to gyumri from tbilisi, uk passport", ["AM"], ["GB"]),
    ("Je suis marocain, je veux aller voir ma famille à Oran en voiture", ["DZ"], ["MA"]),
    ("un vol casa-alger ça existe ?", ["DZ"], []),
    ("myawaddy visa run still a thing?", ["MM"], []),
    ("chinese passport - can i visit havelock island in the andamans?", ["IN"], ["CN"]),
    ("中国公民能去达旺旅游吗", ["IN-AR"], ["CN"]),
    ("Мій чоловік канадієць. Друзі кличуть його в Ялту", ["UA-43"], ["CA"]),
    ("is wonsan open for tourists", ["KP-WK"], []),
    ("Is there a deployment ban for OFWs to Lebanon", ["LB"], ["PH"]),  # overseas Filipino workers
    ("是否可以从丹东去新义州", ["KP"], []),
    ("Dandong Sinuiju half day tour - running again?", ["KP"], []),  # Dandong is only where such tours set off
    ("Blagoveshchensk to Heihe ferry, russian", ["CN"], ["RU"]),
    # ordinary words are no names: "male" (Malé), "studies" (no Saudis), German "Ärger" (no Alger)
    ("Egyptian, 26 male, postponed for studies. Got a job offer in Istanbul, can I just leave?", ["TR"], ["EG"]),
    ("solo male traveller to iran", ["IR"], []),
    ("Male, 26, Egyptian, can I go to Turkey?", ["TR"], ["EG"]),
    ("Male traveller, can I visit Iran alone?", ["IR"], []),
    ("Is Male safe?", ["MV"], []),
    ("flying to Male next week, visa on arrival?", ["MV"], []),
    ("a male from Dubai going to iran", ["IR"], []),  # round 15: a town one is from is no passport (most are expats)
    ("Jetzt will ich nach Kyjiw. Gibt das Ärger an der ukrainischen Grenze?", ["UA"], []),
])
def test_round_10_names_and_words(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[: len(destinations)] == destinations and len(u.destinations) >= len(destinations), (
        u.destinations)
    assert sorted(u.passports) == sorted(passports), u.passports


@pytest.mark.parametrize(("question", "destinations"), [
    # arrows go on past stops that are no destination: the last place is where the route leads
    ("Planning Bishkek -> Naryn -> Torugart -> Kashgar in June. French passport. Can I just turn up?", ["CN-XJ"]),
    ("mae sot -> myawaddy visa run still a thing in 2026?", ["MM"]),
    ("Erbil -> Mosul, safe?", ["IQ"]),
    # "fly to A and drive to B": the way on to the next place
    ("We thought fly to Tbilisi and drive to Baku, is possible?", ["AZ"]),
    ("go to Georgia and take the train to Armenia", ["AM"]),
    # "into" leads on like "to"
    ("Can foreigners cross Nathu La into Tibet?", ["CN-XZ"]),
    # where the traveler was, lived or worked before, even with a year or the way between, is not asked about
    ("I was born in Havana, came to Miami as a kid. Can I just fly to Havana with my US passport?", ["CU"]),
    ("J'ai bossé à Erbil au Kurdistan irakien en 2019, est-ce que je peux encore faire un ESTA pour New York ?",
     ["US"]),
    ("War 2019 über Russland auf der Krim (Jalta). Jetzt will ich nach Kyjiw. Gibt das Ärger?", ["UA"]),
    ("ich war 2019 in Syrien, kann ich in die USA?", ["US"]),
    ("is there war in Sudan", ["SD"]),
    ("kann ich über Russland auf die Krim?", ["UA-43"]),
    ("after visiting Nagorno-Karabakh can I go to Azerbaijan? french", ["AZ"]),
    ("j'ai visité la Crimée en 2018, puis-je aller en Ukraine ?", ["UA"]),
    ("Je visite la Crimée, c'est sûr ?", ["UA-43"]),
    ("Peut-on quitter l'Algérie pour la Tunisie en voiture ? algérien", ["TN"]),
    ("我去过台湾，能去中国吗", ["CN"]),
])
def test_round_10_routes_and_travel_history(engine, question: str, destinations: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[: len(destinations)] == destinations, u.destinations


@pytest.mark.parametrize(("question", "passports"), [
    # a parent's nationality, without a passport word, is the family's when the asker travels alone on their own
    ("Я гражданин Узбекистана, но фамилия у меня армянская (отец армянин). Пустят ли меня в Баку?", ["UZ"]),
    ("my father is Iranian and I'm American, can I go to Iran?", ["US"]),
    ("my father is Iranian and I'm American, can we go to Iran?", ["IR", "US"]),
    ("I'm American, my father has an Iranian passport. can I go to Iran?", ["IR", "US"]),
    # a nationality by origin ("за походженням", "по происхождению") is no passport
    ("Я громадянка Канади, українка за походженням. Хочу з Кишинева з'їздити в Тирасполь.", ["CA"]),
    ("армянин по происхождению, гражданин России, в Баку можно?", ["RU"]),
    ("Haïti est-ce dangereux en ce moment pour une Française d'origine haïtienne", ["FR"]),
    # what the traveler is, then the nationality, in French and Spanish word order
    ("Journaliste française, je dois partir à Ouagadougou pour un reportage.", ["FR"]),
    ("estudiante mexicano, ¿necesito visa para Rusia?", ["MX"]),
    # a French demonym spelled like a German country name ("algérien", "tunisien"), alone in its clause; the German
    # noun, capitalised, stays the country
    ("Peut-on quitter l'Algérie pour la Tunisie en voiture ? algérien", ["DZ"]),
    ("visa pour la Tunisie, tunisien", ["TN"]),
    ("Nächstes Ziel? Algerien", []),
    # the Korea said after the passport
    ("korean passport holder (south). I'm a photographer and want to go to Kabul. Legal for me?", ["KR"]),
    ("korean guy (south) to iran", ["KR"]),
])
def test_round_10_passports(engine, question: str, passports: list[str]) -> None:
    assert sorted(engine.matcher.understand(question).passports) == sorted(passports)


@pytest.mark.parametrize(("question", "destinations", "intent"), [
    # a place set aside is not the one asked about
    ("ok forget azerbaijan, what about armenia through nordooz, do i need visa", ["AM"], "question"),
    ("never mind Iran, can I go to Iraq", ["IQ"], "question"),
    ("go to Turkey instead of Iran", ["TR"], "question"),
    # a weak name joined by "+" to a place is a place of the list
    ("south korean guy, 27. want to backpack georgia + armenia for 4 months", ["GE", "AM"], "question"),
    # Spanish "barco" (boat) is no Burco
    ("¿y mi novia? aunque sea en el barco que rodea la península", [], "question"),
    # crossing for shopping asks whether one may cross
    ("Turkish passport, I study in Famagusta (KKTC). Can I cross to south Nicosia for shopping?", ["CY"], "question"),
    ("shopping in Nicosia", ["CY"], "off-topic"),
])
def test_round_10_places_set_aside_lists_and_crossing(engine, question: str, destinations: list[str],
                                                      intent: str) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations[: len(destinations)] if destinations else u.destinations) == destinations, u.destinations
    assert u.intent == intent


def test_a_follow_up_naming_only_where_someone_was_born_or_has_been_keeps_the_chats_place(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("Went to Tehran for a conference in 2022. Dutch passport. Flying to NYC in March, can I do ESTA?",
               conversation=chat)
    answer = engine.ask("and my wife? she's dutch-iranian (born in shiraz) but hasn't been to iran since 2008",
                        conversation=chat)
    assert answer.to_json()["destinations"][:1] == ["US"]
    assert engine.matcher.understand("I was born in Tehran, can I visit?").destinations == ["IR"]


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    # people of a long story named by what they do, with a copula, a relative clause or no verb
    ("we are a group of 6 hikers from Czech Republic and Slovakia, Upper Mustang trek in October?", ["NP-UM"],
     ["CZ", "SK"]),
    ("I'm Japanese, my friend is Malaysian and the third guy is Turkish. Iran visa?", ["IR"], ["JP", "MY", "TR"]),
    ("ich (Deutscher) und mein Kumpel aus der Türkei wollen nach Russland. Was braucht er?", ["RU"], ["DE", "TR"]),
    ("Moro em Lisboa e quero ir à Venezuela com minha esposa, que é brasileira. Ela precisa de visto?", ["VE"],
     ["BR"]),
    ("Somos una pareja, yo peruano y ella chilena. ¿Visa para Irán?", ["IR"], ["PE", "CL"]),
    ("Vou à Tailândia com uma amiga argentina, e depois Mianmar? sou brasileiro", ["TH"], ["AR", "BR"]),
    ("me (Brazilian) and my wife (Argentine) want to go to China", ["CN"], ["BR", "AR"]),
    ("Ми з чоловіком маємо українські паспорти, а донька ще й канадський. Плануємо Кубу", ["CU"], ["UA", "CA"]),
    ("Собираюсь с другом-немцем в Грозный, я сам россиянин", ["RU-CE"], ["DE", "RU"]),
    ("we're three Koreans (South Korean passports) planning Lhasa", ["CN-XZ"], ["KR"]),
    ("r indians visa free in nepal?", ["NP"], ["IN"]),
    ("I'm a British citizen but I also have a Palestinian ID. Can I visit Gaza?", ["PS-GZA"], ["GB", "PS"]),
    # "SA" after a South African is their country, not Saudi Arabia
    ("can a south african get into iraq? me and my cousin (also SA passports) want to do Baghdad", ["IQ"], ["ZA"]),
    # nationalities the traveler does not hold: set against theirs, or still to get
    ("Uzbek group to Pyongyang: do Uzbek citizens need anything, or is that only for Russians?", ["KP"], ["UZ"]),
    ("Я гражданин Беларуси, упрощённый транзитный документ только для россиян? Калининград", ["RU-KGD"], ["BY"]),
    ("My mom says Cuba will make me get a Cuban passport. Can I go on my Canadian passport?", ["CU"], ["CA"]),
    ("Canadian with Cuban parents, can I visit Cuba on my Canadian passport with the tourist card?", ["CU"], ["CA"]),
    # ... but a second passport held is still one
    ("I'm Canadian and I have a Cuban passport too, can I visit Cuba?", ["CU"], ["CA", "CU"]),
    ("we're texans, is it safe to drive to Chihuahua in Mexico?", ["MX"], ["US"]),
])
def test_round_11_who_travels_in_a_long_story(engine, question: str, destinations: list[str],
                                              passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations, u.destinations
    assert sorted(u.passports) == sorted(passports), u.passports


@pytest.mark.parametrize(("question", "destinations"), [
    # German puts the verb after the place: "in X war" is where the traveler has been
    ("und wenn ich als Schweizer schon mal in Bergkarabach war, komme ich dann nach Baku rein?", ["AZ"]),
    # the other side of a border the traveler is at is no destination
    ("Ist Kurdistan im Irak sicher? Wie ist die Lage an der Grenze zum Iran und zur Türkei?", ["IQ-KR"]),
    ("Erbil for a week, how is it at the border with Iran?", ["IQ-KR"]),
    # a detour is the leg in doubt
    ("We're two Kiwis cycling the Pamir Highway, thinking of a little detour into the Afghan Wakhan. Madness?", ["AF"]),
    # a region someone else comes from is still a place ("My mum is from Gaza ... visit family")
    ("My mum is from Gaza, I'm British. Can I visit family, through Egypt or through Israel?", ["PS-GZA"]),
    # names: the Indian side of the Wagah crossing, Kathmandu in Chinese
    ("I'm British, trying to go Lahore to Amritsar on foot", ["IN"]),
    ("从拉萨去加德满都，吉隆口岸对外国人开放了吗", ["NP"]),
    # German "durch" and Portuguese or Spanish verbs are no typos of names
    ("mit dem Mietwagen durch Erbil und Dohuk, sicher?", ["IQ-KR"]),
    ("¿Hace falta un permiso, o alcanza con el DNI para ir a la Antártida?", ["AQ"]),
])
def test_round_11_which_place_in_a_long_story(engine, question: str, destinations: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations, u.destinations


def test_round_11_ossetia_in_russian_asks_which(engine) -> None:
    u = engine.matcher.understand("Осетия – нужен пропуск?")
    assert not u.sure and sorted(u.ambiguous or u.suggestions) == ["GE-SO", "RU"]


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    # people who are not the traveler: "russians only" after the question, as "only for Russians" before
    ("wonsan kalma resort, can a czech go or is it russians only", ["KP-WK"], ["CZ"]),
    # the message opens on who asks, then "but" and what else they hold
    ("israeli but also have a german passport - can i go to iran on the german one", ["IR"], ["IL", "DE"]),
    ("Я громадянка Молдови та України, чи можна поїхати в Придністров'я?", ["MD-SN"], ["MD", "UA"]),
    ("Для граждан Кыргызстана: въезд в Афганистан, как оформить визу?", ["AF"], ["KG"]),
    ("Ist Mali für eine freie Journalistin aus Deutschland gerade zu gefährlich?", ["ML"], ["DE"]),
    ("Eu e minha esposa (ela é russa, eu sou brasileiro) queremos visitar a Crimeia", ["UA-43"], ["BR", "RU"]),
    ("und mit meinem zweiten Pass aus den USA nach Nordkorea?", ["KP"], ["US"]),
    # "the north of cyprus" is Northern Cyprus; "the south of France" stays France
    ("is it legal to cross to the north of cyprus from the larnaca side with an indian passport", ["CY-NC"], ["IN"]),
    ("uzbek citizen, business trip to mazar through termez, how", ["AF"], ["UZ"]),
    ("亚美尼亚人去阿塞拜疆纳卡地区可以吗", ["AZ-NK"], ["AM"]),
    ("Welche Reisewarnung gibt das Auswärtige Amt dafür raus?", [], []),
])
def test_round_11_set_15_classes(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == destinations, u.destinations
    assert sorted(u.passports) == sorted(passports), u.passports


@pytest.mark.parametrize(("question", "intent"), [
    ("can u get me a russian visa, how much do u charge", "off-topic"),
    ("what time is it in pyongyang", "off-topic"),
    ("how do i renew my indian passport from dubai", "off-topic"),
    ("best vpn for china that actually works?", "off-topic"),
    ("Quel est le meilleur quartier pour loger à Beyrouth ?", "off-topic"),
    ("qual a melhor época pra ir ao Butão", "off-topic"),
    ("我是越南人，你们能帮我代办俄罗斯签证吗？收费多少", "off-topic"),
    ("black market rate for iranian rial this week", "off-topic"),
    ("whats the capital of australia", "off-topic"),
    ("travel insurance that actually covers iraq?", "off-topic"),
    # whether insurance is required is a rule of entry
    ("preciso de seguro de viagem?", "question"),
    ("do I need travel insurance for Cuba", "question"),
])
def test_round_11_services_and_rules(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


def test_round_11_follow_ups_keep_the_chats_place(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("Sou português e quero ir à Transnístria, é seguro?", conversation=chat)
    assert engine.ask("e como chego lá a partir de Chisinau?", conversation=chat).to_json()["destinations"][:1] == [
        "MD-SN"]
    chat = Conversation()
    engine.ask("Tristan da Cunha for a New Zealander, how do I get there?", conversation=chat)
    assert engine.ask("how long is the boat ride", conversation=chat).to_json()["destinations"][:1] == ["SH-TA"]
    chat = Conversation()
    engine.ask("Sou português, posso ir a Cuba?", conversation=chat)
    assert engine.ask("preciso de seguro de viagem?", conversation=chat).to_json()["destinations"][:1] == ["CU"]


def test_round_11_georgia_unsure_offers_the_us_state(engine) -> None:
    answer = engine.ask("georgia").to_json()
    assert not answer["answered"] and answer["suggestions"][:2] == ["GE", "US"]


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    # two halves of a place, the noun said once
    ("north or south cyprus for a beach holiday, whats the difference entry wise for brits", ["CY-NC", "CY"], ["GB"]),
    ("что проще для россиянина: Северный Кипр или Южный?", ["CY-NC", "CY"], ["RU"]),
    ("Северная или Южная Корея?", ["KP", "KR"], []),
    ("is sudan safer than south sudan", ["SD", "SS"], []),
    # Ukrainian "крім" (except) is no Crimea; "加拿大籍" is a Canadian
    ("Безпечно зараз у Львові? Я громадянин Литви. Чи потрібні мені якісь документи, крім паспорта?", ["UA"], ["LT"]),
    ("我和太太是香港居民（特区护照），儿子是加拿大籍。寒假想去斯瓦尔巴", ["SJ"], ["HK", "CA"]),
    # flown out of at the end, passed through, or entered before: not where the question goes
    ("me and my cousin (SA passports) want to do Baghdad, Babylon and Karbala, then fly out of Erbil", ["IQ"], ["SA"]),
    ("Addis Ababa then bus to Jijiga, over the border to Hargeisa and Berbera, fly out of Berbera to Dubai. somaliland "
     "visa for a Kenyan?", ["SO-SL"], ["KE"]),
    ("Можно ли гражданам Казахстана в Абхазию? Мы с подругой из Алматы будем летом в Сочи и хотим съездить в Гагру "
     "через Псоу. Грузия потом не закроет нам въезд?", ["GE-AB"], ["KZ"]),
    ("Мій друг німець у 2023 році заїхав в Абхазію з Росії через Псоу. Тепер хоче полетіти в Тбілісі.", ["GE"], ["DE"]),
    ("Кто недавно ездил в Калининград через Литву? Я гражданин Беларуси", ["RU-KGD"], ["BY"]),
    # someone who lives where the traveler goes is visited, not a traveler; elsewhere they may travel along
    ("Моя мама громадянка України, вона живе в Мелітополі. Чи можу я як громадянка Німеччини до неї поїхати?",
     ["UA-23"], ["DE"]),
    ("My wife is Thai, she lives in Bangkok with me. Can we go to Laos? I'm British", ["LA"], ["TH", "GB"]),
    # Boa Vista: Roraima's capital, or the island of Cape Verde when the country is said
    ("Sou de Boa Vista, posso ir à Venezuela?", ["VE"], ["BR"]),
    ("Boa Vista, Cabo Verde: visto para brasileiros?", ["CV"], ["BR"]),
    # a visa already held asks nothing about visas
    ("cheapest flights from lagos to dubai? I already have my UAE visa sorted, I'm Ghanaian", ["AE"], ["GH"]),
])
def test_round_11_halves_hosts_and_the_way_out(engine, question: str, destinations: list[str],
                                               passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert u.destinations[: len(destinations)] == destinations, u.destinations
    assert sorted(u.passports) == sorted(passports), u.passports


@pytest.mark.parametrize(("question", "ambiguous"), [
    # a name that is part of another named place's name, that place named by its town: ask which
    ("samoa visa - I'm also stopping in pago pago on the way", ["AS", "WS"]),
    ("what about guinea, i'll be in port moresby the week before", ["GN", "PG"]),
    ("macedonia entry for turkish citizens", ["GR", "MK"]),
])
def test_round_11_namesakes_ask_which(engine, question: str, ambiguous: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert not u.sure and sorted(u.ambiguous) == ambiguous
    assert engine.matcher.understand("samoa and american samoa visa").destinations == ["WS", "AS"]


def test_round_11_follow_ups_of_advice_and_a_second_passport(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("can a kiwi get into iran", conversation=chat)
    answer = engine.ask("and what does the NZ govt say about going there rn", conversation=chat).to_json()
    assert answer["destinations"][:1] == ["IR"] and answer["passports"] == ["NZ"]
    chat = Conversation()
    engine.ask("Ich bin Deutscher, kann ich nach Nordkorea?", conversation=chat)
    answer = engine.ask("und mit meinem zweiten Pass aus den USA?", conversation=chat).to_json()
    assert answer["destinations"][:1] == ["KP"] and sorted(answer["passports"]) == ["DE", "US"]


@pytest.mark.parametrize(("question", "passports", "dual"), [
    # one traveler: "both ... passports" (a tour group after it is no group of travelers), an adjective after a
    # passport word that ends like an English plural
    ("Im a US citizen with a Korean mom, so I actually have both American and South Korean passports. Can I join "
     "one of those Pyongyang marathon tour groups?", ["US", "KR"], True),
    ("tenho passaporte português e brasileiro, vou pra Cuba", ["PT", "BR"], True),
    ("israeli but also have a german passport - can i go to iran on the german one", ["IL", "DE"], True),
    # several: "they're", "two friends from"
    ("I'm flying Istanbul to Tehran with friends. I'm Lebanese, they're Syrian and Iraqi. Visa on arrival?",
     ["LB", "SY", "IQ"], False),
    ("anyone been to transnistria recently? me (polish) and two friends from lithuania want to take the train",
     ["PL", "LT"], False),
])
def test_round_11_one_traveler_or_several(engine, question: str, passports: list[str], dual: bool) -> None:
    u = engine.matcher.understand(question)
    assert sorted(u.passports) == sorted(passports), u.passports
    assert u.dual == dual


@pytest.mark.parametrize("question", ["is it safe under the taliban", "taliban visa for japanese",
                                      "hamas rules for visitors", "is isis still active there"])
def test_an_armed_groups_name_is_never_corrected_into_a_country(engine, question) -> None:
    """"taliban" is two letters from "taiwan": corrected, a question about Afghanistan got Taiwan's "no visa needed,
    Level 1". Names of armed groups are known words, so the typo corrector leaves them alone."""
    u = engine.matcher.understand(question)
    assert "TW" not in u.destinations and not (u.destinations and u.destinations[0] in ("IL", "IS", "IE")), u


@pytest.mark.parametrize("question", ["Des retours récents de voyageurs au Soudan du Sud ?",
                                      "хтось був нещодавно в Ірані? як там з інтернетом",
                                      "war schon jemand in Transnistrien?", "alguien ha estado en Corea del Norte?",
                                      "кто-нибудь был в Абхазии этим летом?", "有人去过朝鲜吗"])
def test_asking_for_other_travellers_experience_is_a_reports_question_in_every_language(engine, question) -> None:
    """"has anyone been" was a reports question only in English: the French, German, Spanish, Russian, Ukrainian and
    Chinese ways of asking for travellers' accounts now ask for reports too (and get "none yet" when there are
    none)."""
    assert "reports" in engine.matcher.understand(question).topics


@pytest.mark.parametrize(("question", "first"), [
    ("Vou pra Londres em março com passaporte brasileiro", "GB"),
    ("Je suis sénégalais avec un titre de séjour français. Je peux aller à Londres sans visa ?", "GB"),
    ("Можу поїхати до Лондона на тиждень без візи?", "GB"),
    ("ethiopian-born US citizen, going to addis for timket", "ET"),
    ("bali in january, australian passport", "ID"),
    ("indian passport with a US green card, cancun trip in march", "MX"),
    ("green card holder in seattle. driving up to vancouver for a weekend", "CA"),
    ("tenho autorização de residência em Portugal. Posso ficar 4 meses em Barcelona?", "ES"),
    ("我是中国护照，在德国读书有居留卡，能不能直接去伦敦玩几天？", "GB"),
    ("indian family of 4, KL and langkawi in nov 2026", "MY"),
    ("vou pra Lisboa e Madri por 3 meses", "PT"),
])
def test_main_cities_in_the_languages_travellers_write(engine, question: str, first: str) -> None:
    """Study 3: "Londres", "Addis", "Bali", "Cancún", "KL" named no place, so the place the traveller lives in or holds
    a residence card of ("US green card", "residência em Portugal") became the destination."""
    u = engine.matcher.understand(question)
    assert u.destinations[:1] == [first], u.destinations


def test_kl_counts_only_in_capitals(engine) -> None:
    assert "MY" not in engine.matcher.understand("is 5 kl of water enough for iran").destinations


@pytest.mark.parametrize(("question", "first"), [
    ("i have refugee status in norway (originally from eritrea) and a norwegian travel document. can i fly to asmara?",
     "ER"),
    ("syrian refugee in germany, can i visit turkey?", "TR"),
    ("беженец с видом на жительство в Германии, можно ли в Грузию?", "GE"),
    ("Я українка з тимчасовим захистом у Польщі. Можу поїхати до Лондона?", "GB"),
    ("US passport holder in Dubai, can I go to Iran?", "IR"),
])
def test_where_a_refugee_or_resident_lives_is_no_destination(engine, question: str, first: str) -> None:
    """Study 3: refuge, protection, a residence card or a green card held in a place is where the traveller lives."""
    assert engine.matcher.understand(question).destinations[:1] == [first]


@pytest.mark.parametrize(("question", "passports"), [
    ("i have refugee status in norway and a norwegian travel document. can i fly to asmara?", []),
    ("im stateless, living in the netherlands with a dutch travel document for stateless persons. can i go to "
     "thailand visa free like my dutch friends?", []),
    ("Soy argentina, voy a Sikkim. ¿Puedo subir a Nathu La como los turistas indios?", ["AR"]),
    ("I'm kenyan with a German residence permit, can I go to London?", ["KE"]),
])
def test_a_travel_document_or_people_compared_to_name_no_passport(engine, question: str,
                                                                  passports: list[str]) -> None:
    """Study 3: a refugee's or stateless person's travel document or a residence permit a country issues is not its
    passport, and people the traveller compares themself to ("like my dutch friends") are not the traveller."""
    assert sorted(engine.matcher.understand(question).passports) == passports


@pytest.mark.parametrize(("question", "passports"), [
    ("my dad is iranian but i was born in toronto and only ever had a canadian passport. can i go to shiraz?", ["CA"]),
    ("im dutch, my father is turkish, im 27. going antalya in august. will they grab me at the airport", ["NL"]),
    ("Meine Mutter ist Iranerin, mein Vater Deutscher, ich hab nur den deutschen Pass. Muss ich für den Iran einen "
     "iranischen Pass beantragen?", ["DE"]),
    ("Je suis franco-vietnamien par ma mère mais je n'ai que le passeport français. Il me faut un visa pour le "
     "Vietnam ?", ["FR"]),
    ("Я гражданин России, армянин по отцу. Пустят ли меня в Баку?", ["RU"]),
    ("british citizen since 2023. never surrendered my old indian passport. can i go to delhi on my uk passport?",
     ["GB"]),
    ("ahora soy ciudadano español. ¿Necesito sacar pasaporte cubano para ir a La Habana?", ["ES"]),
    # kept: two passports held, and someone else's
    ("I have US and Mexican passports, going to cuba", ["MX", "US"]),
    ("i only have a US passport but my wife is mexican. going to cuba", ["MX", "US"]),
    ("my dad and I are turkish and dutch, will they let us into iran", ["NL", "TR"]),
    ("I have dual Israeli and French citizenship. If I travel only on my French passport can I go to Lebanon?",
     ["FR", "IL"]),
])
def test_a_parents_or_former_nationality_is_no_passport_held(engine, question: str, passports: list[str]) -> None:
    """Study 3: a parent's nationality, one by descent ("par ma mère", "по отцу"), an old passport or one still to get
    is not a passport the traveller holds when they say which one they have."""
    assert sorted(engine.matcher.understand(question).passports) == passports


@pytest.mark.parametrize("question", ["alguien sabe si necesito visa? soy mexicano",
                                      "alguien sabe algo de la frontera con siria?"])
def test_spanish_someone_is_no_algeria(engine, question: str) -> None:
    """Study 3: "alguien" (someone) is two letters from "Algerien" and was corrected into Algeria."""
    assert "DZ" not in engine.matcher.understand(question).destinations


@pytest.mark.parametrize(("question", "passports"), [
    ("hes american born in ohio, going to cuba", ["US"]),
    ("Cuban-born, US citizen, going to cuba", ["US"]),
    ("us-iranian dual, havent been back since 2017. is it safe for me to go to tehran now?", ["IR", "US"]),
    ("let us know, iranian here, going to japan", ["IR"]),
])
def test_a_nationality_with_a_birthplace_or_joined_to_us(engine, question: str, passports: list[str]) -> None:
    """Study 3: "american born in ohio" is an American ("Cuban-born" stays a birthplace), and a lower-case "us"
    joined to a nationality by a hyphen is the US ("us-iranian dual")."""
    assert sorted(engine.matcher.understand(question).passports) == passports


@pytest.mark.parametrize(("question", "first"), [
    ("Soy argentino, viajo con mi hija a Punta del Este. ¿Qué necesito para salir?", "UY"),
    ("Як отримати діамонітіріон для паломника з України?", "GR-69"),
    ("Everest côté tibétain, passeport suisse", "CN-XZ"),
])
def test_places_named_by_a_resort_a_permit_or_a_side(engine, question: str, first: str) -> None:
    """Study 3: Punta del Este (Uruguay), the diamonitirion (Mount Athos's permit), the Tibetan side of Everest."""
    assert engine.matcher.understand(question).destinations[:1] == [first]


@pytest.mark.parametrize(("question", "passports"), [
    ("Brasileiro paga quanto pra entrar em Galápagos? Vi que aumentou", ["BR"]),
    ("Як отримати діамонітіріон для паломника з України?", ["UA"]),
    ("для паломника из России нужна виза на Афон?", ["RU"]),
])
def test_a_nationality_that_pays_and_pilgrims_from_a_country(engine, question: str, passports: list[str]) -> None:
    """Study 3: "Brasileiro paga" (a Brazilian pays) opens on who asks, and a pilgrim from a country is its traveller
    as tourists from it are."""
    assert engine.matcher.understand(question).passports == passports


@pytest.mark.parametrize(("question", "destinations"), [
    ("esta price now?? uk passport, it used to be 21 dollars", ["US"]),
    ("my esta expired, can I fly to new york", ["US"]),
    ("esta frontera está abierta? soy mexicano", []),
])
def test_an_esta_named_by_its_price_or_expiry(engine, question: str, destinations: list[str]) -> None:
    """Study 3: "esta price" is the US's ESTA; Spanish "esta" (this) names nothing."""
    assert engine.matcher.understand(question).destinations[:1] == destinations


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    ("Bután para ticos, ¿visa?", ["BT"], ["CR"]),
    ("¿Es seguro para un dominicano ir a Puerto Príncipe?", ["HT"], ["DO"]),
    ("visto pra Cartum, sou brasileiro", ["SD"], ["BR"]),
    ("kyrenia or limassol for a turkish passport holder, which side is easier", ["CY-NC", "CY"], ["TR"]),
    ("staying in paphos, can i do a day trip to kyrenia? uk passport", ["CY-NC", "CY"], ["GB"]),
])
def test_round_13_nicknames_and_capitals_in_the_travelers_language(engine, question: str, destinations: list[str],
                                                                     passports: list[str]) -> None:
    """Set 17/18: "ticos" (Costa Ricans), Spanish and Portuguese capitals ("Puerto Príncipe", "Cartum") and the
    Republic of Cyprus's towns, which travelers to the north name beside Kyrenia."""
    u = engine.matcher.understand(question)
    assert (u.destinations, u.passports) == (destinations, passports)


@pytest.mark.parametrize(("question", "passports"), [
    ("syria after assad – can a jordanian just drive in?", ["JO"]),
    ("pour un marocain visa russie ?", ["MA"]),
    ("Somaliland oder Irakisch-Kurdistan – was ist für zwei Deutsche sicherer?", ["DE"]),
    ("¿qué necesitan dos chilenos para ir a Bolivia?", ["CL"]),
    ("can i sail my yacht into chagos or diego garcia? french sailor", ["FR"]),
    ("Гоа понятно, а в Ладакх русским нужно какое-то особое разрешение?", ["RU"]),
    ("zwei deutsche Autos nach Iran verschiffen", []),
    ("un visa marocain pour la Russie", []),
])
def test_round_13_a_nationality_that_is_the_traveler(engine, question: str, passports: list[str]) -> None:
    """Set 17/18: a demonym after "a" and an adverb ("a jordanian just"), after a Romance article though "visa"
    follows ("un marocain visa"), after a number in German or Romance ("zwei Deutsche", "dos chilenos"; not the
    lower-case adjective "zwei deutsche Autos"), before what the trip makes of someone ("french sailor"), and a
    Cyrillic dative before "нужно"/"можна" ("русским нужно") is the traveler; a ruler's name is no typo of a place
    ("assad" is not Assab, Eritrea)."""
    u = engine.matcher.understand(question)
    assert u.passports == passports
    assert "ER" not in u.destinations + u.suggestions


@pytest.mark.parametrize(("question", "destinations"), [
    ("Le Canada, il met Haïti à quel niveau ?", ["HT"]),
    ("¿qué nivel de alerta tiene Sudán del Sur para EE.UU.?", ["SS"]),
    ("what level is haiti for the us", ["HT"]),
    ("what level does the UK give Iran", ["IR"]),
    ("what does the uk govt say", []),
])
def test_round_13_the_government_whose_level_is_asked(engine, question: str, destinations: list[str]) -> None:
    """Set 18: of two places in a level question, a government that rates places (US, UK, Canada, Australia) named
    after "for"/"para", opening the question before a comma or before "give"/"met" is whose level is asked; asked
    what a government says, with no other place, the chat's place is meant."""
    assert engine.matcher.understand(question).destinations == destinations


@pytest.mark.parametrize(("question", "intent"), [
    ("passagem barata lisboa luanda", "off-topic"),
    ("cual es la mejor app para cambiar pesos a dolares en caracas", "off-topic"),
    ("y cuanto sale mas o menos el viaje a la antartida", "off-topic"),
    ("Galápagos con pasaporte argentino, ¿tengo que tramitar algo antes?", "question"),
    ("¿cuánto cobran ustedes por tramitar la visa saudí?", "off-topic"),
    ("recomiéndame una agencia para tramitar la visa china en Madrid", "off-topic"),
])
def test_round_13_services_in_other_languages(engine, question: str, intent: str) -> None:
    """Set 17/18: cheap tickets, changing money and the trip's price in Portuguese and Spanish are off-topic; "tengo
    que tramitar algo" (must I arrange anything) asks about the rules, while someone else doing the paperwork ("por
    tramitar", "agencia para tramitar") is a service."""
    assert engine.matcher.understand(question).intent == intent


def test_round_13_a_countrys_residence_permit_is_no_destination(engine) -> None:
    """Set 17: "a uk residence permit" is a document the traveler holds, not the place asked about."""
    u = engine.matcher.understand("my brother has a nigerian passport and a uk residence permit, can he fly to "
                                  "northern cyprus or does the uk residence count for anything")
    assert (u.destinations[:1], u.passports) == (["CY-NC"], ["NG"])


@pytest.mark.parametrize(("question", "first", "passports"), [
    ("Ми з дружиною: у мене ізраїльський паспорт, у неї український. Хочемо в Дубай, а звідти на Сокотру", "YE-SU",
     ["IL", "UA"]),
    ("хотим в Дубай, а оттуда на Сокотру", "YE-SU", []),
    ("we want to fly to dubai and from there to socotra", "YE-SU", []),
    ("queremos ir a Dubai y de ahí a Socotra", "YE-SU", []),
    ("Я гражданин Узбекистана, но фамилия у меня армянская. Пустят ли меня в Баку?", "AZ", ["UZ"]),
])
def test_round_13_from_there_and_a_passport_left_unsaid(engine, question: str, first: str,
                                                         passports: list[str]) -> None:
    """Set 18: the place before "and from there" ("а звідти", "y de ahí") is a stop on the way to the one after it;
    "у неї український" (she has a Ukrainian one) opening its clause names her passport, a surname does not."""
    u = engine.matcher.understand(question)
    assert (u.destinations[:1], u.passports) == ([first], passports)


@pytest.mark.parametrize(("question", "destinations", "passports"), [
    ("我是美国华裔，拿美国护照，想去北塞浦路斯玩几天", ["CY-NC"], ["US"]),
    ("加拿大护照去锡金和阿鲁纳恰尔邦（藏南）要什么许可", ["IN-SK", "IN-AR"], ["CA"]),
    ("e ela corre risco na fronteira com a Rússia?", ["RU"], []),
])
def test_round_13_chinese_americans_a_bracketed_name_and_a_verb_no_korea(engine, question: str,
                                                                         destinations: list[str],
                                                                         passports: list[str]) -> None:
    """Set 18: "美国华裔" (a Chinese American) is the US passport, not the destination; a place's other name in
    brackets ("阿鲁纳恰尔邦（藏南）") counts once, so the place named first stays first; Portuguese "corre" (runs a
    risk) is no typo of "Corée"."""
    u = engine.matcher.understand(question)
    assert (u.destinations, u.passports, u.ambiguous) == (destinations, passports, [])


@pytest.mark.parametrize(("question", "destinations", "ambiguous", "passports"), [
    ("going to yerevan in may, want to drive on to stepanakert like ppl used to. possible?", ["AZ-NK", "AM"], [], []),
    ("fly to istanbul and then on to tehran, uk passport ok?", ["IR", "TR"], [], ["GB"]),
    ("las Guineas con pasaporte peruano, ¿qué necesito?", [], ["GN", "GQ", "GW"], ["PE"]),
    ("kannst du mir ein gutes Restaurant in Tiflis empfehlen? georgisch, nicht zu touristisch", ["GE"], [], []),
    ("i have a french passport, and my grandma was armenian. could that be a problem going in via baku?", ["AZ"], [],
     ["FR"]),
])
def test_round_13_onward_the_guineas_a_cuisine_and_a_grandmother(engine, question: str, destinations: list[str],
                                                                  ambiguous: list[str], passports: list[str]) -> None:
    """Set 18: the places before "on to" are stops on the way; "las Guineas" asks which of the three; a German
    adjective alone ("georgisch") after a restaurant is the cuisine, not a passport; a grandmother's nationality is
    hers, not a place."""
    u = engine.matcher.understand(question)
    assert (u.destinations, sorted(u.ambiguous or u.suggestions if not u.destinations else []), u.passports) == (
        destinations, ambiguous, passports)


@pytest.mark.parametrize("question", [
    "Samoa Visum als Deutscher? Amerikanisch-Samoa oder das unabhängige, weiß grad nicht wo der Flug hingeht lol",
    "我想去萨摩亚，不知道跟美属萨摩亚是不是一个地方，中国护照要签证吗",
])
def test_round_13_namesakes_the_traveler_cannot_tell_apart(engine, question: str) -> None:
    """Set 17/18: both namesakes named and the traveler saying they do not know which: the bot asks; "samoa or
    american samoa, which is easier" still compares."""
    u = engine.matcher.understand(question)
    assert (u.destinations, sorted(u.suggestions)) == ([], ["AS", "WS"])
    assert engine.matcher.understand("samoa or american samoa, which is easier for a german?").intent == "compare"


def _assert_understood(engine, question: str, destinations: list[str], passports: list[str], *,
                       ordered: bool = False) -> None:
    """The places a question is understood to ask about come first, and its passports are these (in this order when
    `ordered`)."""
    u = engine.matcher.understand(question)
    got, want = (u.passports, passports) if ordered else (sorted(u.passports), sorted(passports))
    assert u.destinations[: len(destinations)] == destinations and got == want, (u.destinations, u.passports)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # services and sights of round 14 (tuning sets 19 and 20): cash machines and the card brand, selling trips,
        # doing the paperwork, mobile operators, paying, carriers and flights in Russian and Ukrainian, train tickets
        ("ATMs in Tiraspol?", "off-topic"), ("Gibt es in Abchasien Geldautomaten für Visa-Karten?", "off-topic"),
        ("Можно ли в Абхазии платить картой Visa?", "off-topic"), ("do you sell tours to north korea", "off-topic"),
        ("Vocês vendem pacote pra Coreia do Norte?", "off-topic"), ("do you do visa processing for iran", "off-topic"),
        ("can u just get me the permit for tibet, i pay you", "off-topic"),
        ("which mobile operator works in abkhazia", "off-topic"),
        ("Kann man in Nordzypern mit Euro zahlen?", "off-topic"),
        ("Порадьте перевізника Київ–Варшава", "off-topic"), ("дешевые билеты в Ереван", "off-topic"),
        ("а из Хабаровска в Пхеньян есть рейсы?", "off-topic"), ("能帮我订去拉萨的火车票吗？", "off-topic"),
        # ... but a rules question beside them is asked
        ("we want 5 days in Longyearbyen for the polar night, do the kids need anything on their british passports?",
         "question"),
        ("do I need a visa for Abkhazia or is a Visa card enough to pay at the border?", "question"),
    ],
)
def test_round_14_services(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # a nationality closing a terse message, or a passport said "pp"
        ("UK pp transnistria", "MD-SN", ["GB"]), ("US pp syria", "SY", ["US"]), ("iran evisa irish", "IR", ["IE"]),
        ("saudi e-visa british", "SA", ["GB"]), ("Tibet Genehmigung deutsche", "CN-XZ", ["DE"]),
        ("Kashmir trip, I'm British Pakistani", "IN-JK", ["GB"]),
        # the whole group said ("we're all", "beide", "todos")
        ("going to Ladakh with two friends (we're all Singaporean), permits?", "IN-LA", ["SG"]),
        ("wir sind alle Österreicher, Iran Visum?", "IR", ["AT"]),
        ("somos todos chilenos, ¿necesitamos visa para Bolivia?", "BO", ["CL"]),
        # Russian and Ukrainian adjectives the knowledge base lacks
        ("Приднестровье для гражданки Молдовы с румынским паспортом — какие проблемы?", "MD-SN", ["MD", "RO"]),
        ("с болгарским паспортом в Приднестровье можно?", "MD-SN", ["BG"]),
        ("з угорським паспортом до Придністров'я пустять?", "MD-SN", ["HU"]),
    ],
)
def test_round_14_terse_and_group_passports(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        # everyday words one letter from a name, the German pronoun "man", a word only of a Dutch name
        ("sou brasileira casada, preciso de visto pra Angola?", ["AO"], ["BR"]),
        ("e o meu irmão, como faz?", [], []), ("Welches Hotel in Longyearbyen ist gut?", ["SJ"], []),
        ("im portugese, do i need a visa for angola", ["AO"], ["PT"]),
        # "from X or Y" sets off from either
        ("Kann man von Polen oder Litauen mit dem Auto nach Kaliningrad?", ["RU-KGD", "PL", "LT"], []),
        # where the traveler wants to go, though they stay in the same place
        ("Taking my daughters to Greece, we're Americans. My son-in-law wants to go to Athos while we stay in "
         "Ouranoupoli. He is Serbian.", ["GR-69", "GR"], ["US", "RS"]),
        ("Маю подвійне громадянство України та Польщі (так, знаю, що Україна не визнає). Хочу поїхати на Північний "
         "Кіпр через Туреччину. Якими паспортами користуватися, якщо виїжджаю з Польщі?", ["CY-NC"], ["UA", "PL"]),
        # a place left behind is still the one a question asks a visa for
        ("Somos cinco amigos, todos argentinos. Queremos hacer Turquía y después Irán por tierra, y terminar en "
         "Armenia. ¿Necesitamos visado para Irán?", ["IR"], ["AR"]),
    ],
)
def test_round_14_words_and_wishes(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    _assert_understood(engine, question, destinations, passports)


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # where the traveler is now is left behind
        ("I am a Ukrainian citizen, currently in Warsaw. Can I visit Crimea?", "UA-43", ["UA"]),
        ("I am Ukrainian citizen, now in Poland. My sister lives in occupied Melitopol. Can I go see her?", "UA-23",
         ["UA"]),
        ("we're in Tbilisi now, can we go to Abkhazia as Brits?", "GE-AB", ["GB"]),
        ("мы сейчас в Ереване, можно ли в Карабах с российским паспортом?", "AZ-NK", ["RU"]),
        ("Ми з чоловіком громадяни України, зараз у Батумі. Хочемо з'їздити в Абхазію.", "GE-AB", ["UA"]),
        ("Nous sommes à Erevan, on est français, on peut aller au Karabakh ?", "AZ-NK", ["FR"]),
        ("uk passport holder, in Yerevan now, can i go to Stepanakert", "AZ-NK", ["GB"]),
        # a home town in brackets after the nationality
        ("Je suis canadien (Montréal), la Corée du Nord est-elle ouverte ?", "KP", ["CA"]),
        # a Quebec girlfriend, and a group counted out by nationality
        ("Ma blonde est américaine, moi je suis français, on peut aller en Iran?", "IR", ["US", "FR"]),
        ("Study trip to Cuba: most are American, two are Chinese international students and one is Mexican.", "CU",
         ["US", "CN", "MX"]),
    ],
)
def test_round_14_where_the_traveler_is_and_who_comes(engine, question: str, first: str,
                                                      passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # passports set side by side as alternatives, or said with "my" and "one"
        ("UK vs US passport for North Korea", "KP", ["GB", "US"]), ("British or Irish passport for Iran?", "IR",
                                                                     ["GB", "IE"]),
        ("which passport is better for iran, my british or my irish", "IR", ["GB", "IE"]),
        ("what if i also have a mexican one, can i go to cuba", "CU", ["MX"]),
    ],
)
def test_round_14_passports_as_alternatives(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "passports"),
    [
        # passports never held, or one to get, in French, Portuguese, Spanish and English
        ("je suis français, je n'ai jamais eu de passeport iranien, je peux aller à Tabriz ?", ["FR"]),
        ("je suis français, est-ce qu'ils vont m'obliger à avoir un passeport iranien en Iran ?", ["FR"]),
        ("sou brasileira, preciso de passaporte iraniano pra entrar no Irã?", ["BR"]),
        ("I'm British, do I need an Iranian passport to enter Iran if my dad is Iranian?", ["GB"]),
        ("soy español, nunca tuve pasaporte cubano, ¿puedo entrar a Cuba?", ["ES"]),
    ],
)
def test_round_14_passports_never_held_or_to_get(engine, question: str, passports: list[str]) -> None:
    assert sorted(engine.matcher.understand(question).passports) == sorted(passports)


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # the language the message is written in, apologised for, is no passport
        ("je suis française, north cyprus from the south by foot is okay? (sorry mon anglais)", "CY-NC", ["FR"]),
        ("excuse my bad english, i am turkish, can i go to armenia", "AM", ["TR"]),
        ("my english is not good, i am from Iran, visa for Georgia?", "GE", ["IR"]),
    ],
)
def test_round_14_the_language_apologised_for(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports, ordered=True)


@pytest.mark.parametrize(
    ("question", "destinations"),
    [
        # the rating government said before "for" or after "у", or before 对, in a level question
        ("Какой уровень угрозы у США для России сейчас?", ["RU"]), ("Який рівень небезпеки США для Білорусі?", ["BY"]),
        ("美国对布基纳法索和中非的旅行警告是几级？", ["BF", "CF"]), ("what level does the US give Iraq", ["IQ"]),
        # ... but the US asked about stays so ("美国对中国人免签吗")
        ("美国对中国人免签吗", ["US"]),
    ],
)
def test_round_14_whose_level(engine, question: str, destinations: list[str]) -> None:
    assert engine.matcher.understand(question).destinations == destinations


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # a country's code before the people it names, and a government's travel ban on a place for its citizens
        ("Can a US journalist go to Nicaragua?", "NI", ["US"]), ("can US tourists go to cuba", "CU", ["US"]),
        ("a UK student in Russia, is it safe", "RU", ["GB"]), ("US tourist visa for nigerians", "US", ["NG"]),
        ("When does the US travel ban on North Korea expire?", "KP", ["US"]),
        ("nk ban on us passports extended again? till when", "KP", ["US"]),
        # the visa of the region's country is the region's own
        ("I want to go trekking in Ladakh with friends from London. Should I use my British passport for the Indian "
         "e-visa?", "IN-LA", ["GB"]),
    ],
)
def test_round_14_codes_before_people_and_bans(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports, ordered=True)


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        # a region included in its country, asked about
        ("travel advisory level for iraq incl kurdistan for americans", ["IQ", "IQ-KR"], ["US"]),
        ("Georgien inklusive Abchasien sicher?", ["GE", "GE-AB"], []),
        # what Chinese travelers are, and where they study or work
        ("我们是三个中国大学生，暑假在俄罗斯交换。可以从克拉斯诺达尔坐车过克里米亚大桥去雅尔塔吗？", ["UA-43"], ["CN"]),
        # dual citizenship, then the two countries after a comma
        ("У меня двойное гражданство, Россия и Израиль. Хочу в Абхазию.", ["GE-AB"], ["RU", "IL"]),
        ("dual citizenship, US and Iran. can i visit iran?", ["IR"], ["US", "IR"]),
        ("UK and Canadian dual national, Venezuela ok?", ["VE"], ["GB", "CA"]),
        # the other half of a country divided, said alone
        ("un Belge peut-il passer de Chypre du Nord à la partie sud ?", ["CY", "CY-NC"], ["BE"]),
        ("Хочу поїхати на Північний Кіпр через Туреччину, а потім на південь.", ["CY-NC", "CY"], []),
        ("north cyprus from the south by foot is okay?", ["CY-NC"], []),
    ],
)
def test_round_14_regions_and_halves(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    _assert_understood(engine, question, destinations, passports)


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # people of a region, whose passport is their country's
        ("Somos dos catalanes, queremos ver la fortaleza de Bender y Tiraspol, ¿visado?", "MD-SN", ["ES"]),
        ("two Bavarians, Iran visa?", "IR", ["DE"]), ("je suis flamand, l'Abkhazie c'est possible ?", "GE-AB", ["BE"]),
        # "eu", "yo", "ich" and a nationality, the verb left out
        ("Eu e minha namorada (ela é angolana, eu brasileiro) vamos para Portugal em julho", "PT", ["AO", "BR"]),
        ("ich Deutscher, meine Frau Russin, Georgien?", "GE", ["DE", "RU"]),
    ],
)
def test_round_14_regional_people_and_telegraphic_selves(engine, question: str, first: str,
                                                         passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "destinations"),
    [
        # someone joining a trip already asked about follows the chat
        ("Mount Athos w my dad, we're both greek-australian dual, orthodox", ["GR-69"]),
        # of the two sides of "the border of X with Y", the curated one (as of "between X and Y")
        ("A fronteira do Brasil com a Venezuela em Pacaraima está aberta?", ["VE", "BR"]),
        # the instrumental of a Cyrillic name in -ия
        ("граница с Турцией открыта?", ["TR"]), ("кордон з Грузією відкритий?", ["GE"]),
    ],
)
def test_round_14_borders_and_cases(engine, question: str, destinations: list[str]) -> None:
    assert engine.matcher.understand(question).destinations == destinations


@pytest.mark.parametrize("question", ["my sister wants to come with us lol", "can my mum join us?",
                                      "mi hermana quiere venir con nosotros", "meine Schwester will mitkommen"])
def test_round_14_someone_joining_is_a_follow_up(engine, question: str) -> None:
    assert engine.matcher.understand(question).followup


@pytest.mark.parametrize(("question", "first"), [
    ("2 kiwis & an aussie doing the Pamir hwy, do we need a GBAO permit", "TJ"), ("gbao permit how long", "TJ")])
def test_round_14_gbao_and_highway_abbreviated(engine, question: str, first: str) -> None:
    assert engine.matcher.understand(question).destinations[:1] == [first]


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        # dishes and drinks one letter from a nationality or a name (round 15, tuning set 21: "ramen" is no Romanian)
        ("any good ramen places in Osaka?", [], []), ("where to get samosas in Nairobi", ["KE"], []),
        ("a latte in Reykjavik costs how much", ["IS"], []),
        # the town a traveler comes from is where they live, not their passport, and is left behind
        ("is Lviv safe for a tourist from Kyiv?", ["UA"], []),
        ("Безопасно ли в Сочи туристу из Петербурга?", ["RU"], []),
        ("Чи безпечно у Львові для туристів з Харкова?", ["UA"], []),
        ("для туристов из Казани виза в Узбекистан нужна?", ["UZ"], []),
        # ... but people from a country hold its passport
        ("туристы из России в Грузию, нужна виза?", ["GE"], ["RU"]),
        ("can tourists from Brazil go to Cuba?", ["CU"], ["BR"]),
    ],
)
def test_round_15_dishes_and_home_towns(engine, question: str, destinations: list[str], passports: list[str]) -> None:
    _assert_understood(engine, question, destinations, passports)


@pytest.mark.parametrize("question", ["Is Machu Picchu open in February?", "Wann hat Machu Picchu geöffnet?"])
def test_round_15_a_name_the_bot_does_not_know_is_not_corrected(engine, question: str) -> None:
    """A capitalised word beside another the bot does not know is one name with it: "Machu" is no typo of Macau."""
    assert engine.matcher.understand(question).destinations == []


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # the French "ressortissant(e)" and the German holder of a passport in the genitive, adjectives with umlauts
        # and those of demonyms in -i ("israelisch", "pakistanisch")
        ("Ressortissante belge, puis-je aller en Abkhazie ?", "GE-AB", ["BE"]),
        ("ressortissant suisse, visa pour la Russie ?", "RU", ["CH"]),
        ("Brauchen Inhaber eines türkischen Passes ein Visum für Armenien?", "AM", ["TR"]),
        ("Ich habe einen ägyptischen Reisepass, Visum für Georgien?", "GE", ["EG"]),
        ("Als Inhaberin eines pakistanischen Passes nach Indien?", "IN", ["PK"]),
        ("Darf man mit einem kuwaitischen Reisepass nach Israel?", "IL", ["KW"]),
    ],
)
def test_round_15_nationals_and_holders(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # Cyrillic abbreviations of country names, and China's border with a country named by one character
        ("чи потрібна віза в ОАЕ для громадян України?", "AE", ["UA"]), ("гражданину КНР нужна виза в Казахстан?", "KZ",
                                                                        ["CN"]),
        ("Чи потрібна віза до ПАР?", "ZA", []), ("中俄边境现在能过吗？", "RU", []), ("中越口岸开放了吗", "VN", []),
        # the instrumental of names in -а and -я ("над Україною", "з Молдовою", "с Польшей")
        ("кордон з Молдовою зараз відкритий?", "MD", []), ("що там із Польщею на кордоні, черги?", "PL", []),
        ("Літаки над Україною досі не літають?", "UA", []),
    ],
)
def test_round_15_abbreviations_pairs_and_cases(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)
    assert engine.matcher.understand("пар идет из чайника").destinations == []  # "пар" is steam, in lower case


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # asking Borderline to sell or book, though the traveler says it is needed
        ("Do I need travel insurance for Iran? Can you sell me one?", "off-topic"),
        ("could you book me a hotel in Tbilisi, I need it for the visa", "off-topic"),
        # whether trips run at all is a question of the place's state
        ("are the Pyongyang marathon tours still running this year?", "question"),
        ("are the beach trips to Wonsan operating for Europeans?", "question"),
        ("do i need travel insurance for cuba?", "question"),
    ],
)
def test_round_15_sales_and_trips_running(engine, question: str, intent: str) -> None:
    assert engine.matcher.understand(question).intent == intent


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # a travel authorisation names its country, as a visa does
        ("do I need the Canadian eTA flying out of Boston?", "CA", []),
        ("I'm in Dubai, can I get the British ETA online?", "GB", []),
        # a region with its own rules crossed between two countries
        ("можно ли проехать через Калининград из Литвы в Польшу с немецким паспортом?", "RU-KGD", ["DE"]),
        # fetching someone from a place is going there, whatever country the way passes
        ("I must pick up my grandmother from Donetsk, can I travel via Russia as a Ukrainian?", "UA-14", ["UA"]),
        ("хочу забрать сестру из Мелитополя через Россию, пустят ли?", "UA-23", []),
    ],
)
def test_round_15_authorisations_crossings_and_fetching(engine, question: str, first: str,
                                                         passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "destinations", "passports"),
    [
        # everyday words of German, French, Spanish and Portuguese one letter from a name or a nationality
        ("Meine Schwester will nach Iran, braucht sie ein Visum?", ["IR"], []),
        ("Wir wollen die Berge in Georgien sehen, ist das sicher?", ["GE"], []),
        ("Ich würde gerne nach Nordkorea reisen", ["KP"], []),
        ("mi madre quiere ir a Cuba, ¿necesita visa?", ["CU"], []), ("quero ir de carro para o Uruguai", ["UY"], []),
        ("je suis française aussi, visa pour l'Iran ?", ["IR"], ["FR"]),
    ],
)
def test_round_15_everyday_words_of_other_languages(engine, question: str, destinations: list[str],
                                                    passports: list[str]) -> None:
    u = engine.matcher.understand(question)
    assert (u.destinations, sorted(u.passports)) == (destinations, sorted(passports))


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # a nationality opening a message before a comma, or "on a"/"with a" document, is the writer's; a code before
        # a faith or another word of who travels, then the person
        ("Kiwi, visa for Samoa?", "WS", ["NZ"]),
        ("nigerian on a british residence permit, can I visit Ireland?", "IE", ["NG"]),
        ("canadian with a US green card, cuba ok?", "CU", ["CA"]),
        ("UK jewish woman travelling alone to Morocco, safe?", "MA", ["GB"]),
        ("CA muslim couple, is Uzbekistan fine in Ramadan?", "UZ", ["CA"]),
    ],
)
def test_round_15_who_opens_the_message(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # of the places on the way, the one whose visa, named by the country's adjective, a question asks for; a place
        # only passed through still yields to where the trip goes
        ("Going Seoul then Beijing for a week, do I need a Chinese visa? US passport", "CN"),
        ("Wir fliegen nach Bangkok und dann nach Hanoi. Brauchen wir ein vietnamesisches Visum?", "VN"),
        ("from Almaty to Bishkek, then Tashkent. Do I need an Uzbek visa?", "UZ"),
        ("flying to Tbilisi via Istanbul, do I need a Turkish visa?", "GE"),
        ("With my Chinese visa can I enter Hong Kong?", "HK"),
    ],
)
def test_round_15_the_visa_asked_for(engine, question: str, first: str) -> None:
    assert engine.matcher.understand(question).destinations[:1] == [first]


@pytest.mark.parametrize(
    ("question", "first", "passports"),
    [
        # a home town says where the asker lives, never which passport they hold; a country still does
        ("we are from Boston, can we visit Abkhazia?", "GE-AB", []),
        ("I'm from Lahore, can I go to India", "IN", []),
        ("я з Білорусі, чи можна мені в Литву?", "LT", ["BY"]),
        ("I'm from Mexico, can I go to Cuba?", "CU", ["MX"]),
        # a stop on the way is passed, not visited
        ("transit in Seoul then Pyongyang?", "KP", []),
        ("пересадка в Стамбуле, летим в Тегеран, нужна виза?", "IR", []),
        ("transit in Moscow to Pyongyang with a german passport", "KP", ["DE"]),
        ("layover in Beijing, do I need a visa?", "CN", []),
        # a list of demonyms before one visa word is the list of visas, not of passports
        ("do I need an Iranian, Syrian or Iraqi visa for my trip, I'm british", "IR", ["GB"]),
    ],
)
def test_round_16_home_towns_and_stops_on_the_way(engine, question: str, first: str, passports: list[str]) -> None:
    _assert_understood(engine, question, [first], passports)
