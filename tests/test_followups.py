"""Issue 12, follow-ups in a private chat: what a follow-up takes from the chat, as classes (intent, added
passport, comparison, off-topic, an answer to "which one?"), and what it must not take."""

from __future__ import annotations

import pytest

from bot.answering.conversation import Conversation


def chat(engine, *questions: str):
    conversation = Conversation()
    answers = [engine.ask(q, conversation=conversation) for q in questions]
    return answers[-1].understanding, answers[-1]


@pytest.mark.parametrize(("first", "follow_up", "code", "intent"), [
    ("what level is lebanon", "and syria?", "SY", "level"),
    ("quel est le niveau de risque pour le Mali", "et le Niger ?", "NE", "level"),
    ("when did north korea reopen for tourists", "and rason?", "KP-13", "when"),
])
def test_a_bare_follow_up_keeps_the_intent(engine, first, follow_up, code, intent) -> None:
    u, _ = chat(engine, first, follow_up)
    assert u.destinations[:1] == [code] and u.intent == intent and u.context_used


def test_a_longer_follow_up_asks_its_own_question(engine) -> None:
    u, _ = chat(engine, "what level is lebanon", "and can I get a visa on arrival in syria as a tourist?")
    assert u.destinations[:1] == ["SY"] and u.intent == "question"


@pytest.mark.parametrize(("first", "follow_up", "passports"), [
    ("can a pakistani go to afghanistan", "what if i also have a UK passport", ["PK", "GB"]),
    ("українцям можна в Білорусь?", "а якщо в мене ще й польський паспорт?", ["UA", "PL"]),
    ("iran visa for indians", "and if my wife comes too? she's nepali", ["IN", "NP"]),
    ("iran visa for indians", "and my wife is Nepali", ["IN", "NP"]),
    # another passport instead, or someone else asked about: the new passport only
    ("can americans go to north korea", "and with a UK passport?", ["GB"]),
    ("nigerian passport to chad visa?", "what about my friend, he is Ghanaian", ["GH"]),
    ("can a pakistani go to afghanistan", "what if i only have a UK passport", ["GB"]),
])
def test_an_added_passport_joins_the_carried_ones(engine, first, follow_up, passports) -> None:
    u, answer = chat(engine, first, follow_up)
    assert sorted(u.passports) == sorted(passports)
    assert set(passports) <= {row.passport for row in answer.entry}  # each gets its verdict


def test_compare_follow_ups_keep_the_places(engine) -> None:
    u, answer = chat(engine, "is South Sudan safe for a Kenyan", "compare it with Sudan")
    assert u.intent == "compare" and set(u.destinations) == {"SS", "SD"} and u.passports == ["KE"]
    assert {c.code for c in answer.comparison} == {"SS", "SD"}
    u, _ = chat(engine, "Which is easier for Americans, Iran or Syria?", "and which is safer?")
    assert u.intent == "compare" and set(u.destinations) == {"IR", "SY"} and u.passports == ["US"]
    u, _ = chat(engine, "Which is easier for Americans, Iran or Syria?", "and with a UK passport?")
    assert u.intent == "compare" and set(u.destinations) == {"IR", "SY"} and u.passports == ["GB"]
    u, _ = chat(engine, "I'm Brazilian, can I go to Tibet", "what about xinjiang", "ok which one is less hassle")
    assert u.intent == "compare" and set(u.destinations) == {"CN-XZ", "CN-XJ"} and u.passports == ["BR"]


def test_which_one_with_a_single_place_in_the_chat_compares_nothing(engine) -> None:
    u, _ = chat(engine, "can I go to Iran?", "which one is safer?")
    assert u.intent != "compare" and u.destinations == ["IR"]


@pytest.mark.parametrize(("first", "follow_up", "code", "passports"), [
    ("пускают ли иностранцев на Сокотру", "ок, а погода там какая в мае?", "YE-SU", []),
    ("north korea entry for singaporeans", "never mind that, whats the weather in pyongyang in april", "KP", ["SG"]),
])
def test_off_topic_follow_ups_keep_the_chat(engine, first, follow_up, code, passports) -> None:
    u, answer = chat(engine, first, follow_up)
    assert answer.off_topic and not answer.answered and u.destinations[:1] == [code] and u.passports == passports


def test_off_topic_without_a_back_reference_names_no_place(engine) -> None:
    u, answer = chat(engine, "can I go to Iran?", "tell me a joke")
    assert answer.off_topic and not u.destinations


def test_an_off_topic_message_leaves_the_chat_as_it_was(engine) -> None:
    u, _ = chat(engine, "can americans go to north korea", "what's the weather there?", "and with a UK passport?")
    assert u.destinations == ["KP"] and u.passports == ["GB"]


def test_the_answer_to_which_one_keeps_the_passport(engine) -> None:
    u, answer = chat(engine, "can I visit the Congo as a Belgian", "the big one, kinshasa")
    assert u.destinations[:1] == ["CD"] and u.passports == ["BE"] and answer.answered
    u, answer = chat(engine, "can I visit the Congo as a Belgian", "is it safe?")
    assert not answer.answered and sorted(u.ambiguous) == ["CD", "CG"]  # still asks which one, no guess


def test_context_expires(engine) -> None:
    conversation = Conversation()
    engine.ask("what level is lebanon", conversation=conversation)
    conversation.at -= 31 * 60
    u = engine.ask("and syria?", conversation=conversation).understanding
    assert u.destinations[:1] == ["SY"] and u.intent == "question" and not u.context_used


@pytest.mark.parametrize(("chat_questions", "code", "passports"), [
    (["Somaliland for a Kenyan, visa?", "do i have to go through mogadishu"], "SO-SL", ["KE"]),
    (["Somaliland for a Kenyan, visa?", "do i have to go through mogadishu",
      "ok and how much are flights from nairobi"], "SO-SL", ["KE"]),
    (["can i go to abkhazia as a german", "and from Russia?"], "GE-AB", ["DE"]),
    (["can i go to nagorno karabakh", "is it possible to enter from armenia"], "AZ-NK", []),
])
def test_a_place_named_only_as_the_way_there_keeps_the_chats_place(engine, chat_questions, code, passports) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.destinations[:1] == [code] and u.passports == passports and u.context_used


@pytest.mark.parametrize(("chat_questions", "codes"), [
    (["can i go to abkhazia", "is it possible to travel from georgia to russia"], ["RU", "GE"]),  # a new route
    (["can i go to iran as a brit", "can i fly from iran to iraq"], ["IQ", "IR"]),
    (["can i go to somaliland", "what about a trip to ethiopia from kenya"], ["ET", "KE"]),
])
def test_a_new_destination_with_its_route_is_asked_about(engine, chat_questions, codes) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.destinations == codes


@pytest.mark.parametrize(("follow_up", "code"), [
    ("what level is it for Canada?", "BF"),  # Canada advises; "it" is the chat's place
    ("what level does the UK give it?", "BF"),
    ("what level is canada?", "CA"),  # no pointer back: Canada's own level
])
def test_a_government_named_in_a_level_follow_up_is_who_advises(engine, follow_up, code) -> None:
    u, _ = chat(engine, "Is Burkina Faso dangerous for Ghanaians", follow_up)
    assert u.destinations[:1] == [code] and u.intent == "level" and u.passports == ["GH"]


def test_a_comparative_alone_does_not_reach_back_to_an_earlier_place(engine) -> None:
    u, _ = chat(engine, "can i go to syria", "and iran?", "is it better to go in spring?")
    assert u.intent != "compare" and u.destinations == ["IR"]
    u, _ = chat(engine, "can i go to syria", "and iran?", "which one is safer?")
    assert u.intent == "compare" and set(u.destinations) == {"IR", "SY"}


def test_a_passport_follow_up_after_a_date_question_asks_about_entry(engine) -> None:
    u, answer = chat(engine, "when did north korea reopen for tourists", "and with a UK passport?")
    assert u.destinations == ["KP"] and u.passports == ["GB"] and u.intent == "question"
    assert "GB" in {row.passport for row in answer.entry}


def test_a_passport_added_in_a_follow_up_is_the_same_travelers_and_stays_dual(engine) -> None:
    from bot.answering.conversation import Conversation

    chat = Conversation()
    engine.ask("Belarus entry for Germans", conversation=chat)
    u = engine.ask("actually I also have a Russian passport", conversation=chat).understanding
    assert (u.destinations, sorted(u.passports), u.dual) == (["BY"], ["DE", "RU"], True)
    u = engine.ask("which one should I use", conversation=chat).understanding
    assert (u.destinations, sorted(u.passports), u.dual) == (["BY"], ["DE", "RU"], True)
    chat = Conversation()
    engine.ask("Belarus entry for Germans", conversation=chat)
    u = engine.ask("and my wife is Russian, she comes with me", conversation=chat).understanding
    assert (sorted(u.passports), u.dual) == (["DE", "RU"], False)


@pytest.mark.parametrize(("chat_questions", "code"), [
    (["what's the US advisory for venezuela", "and the uk?"], "VE"),
    (["Quel niveau d'alerte pour le Liban selon les Américains ?", "et selon le Royaume-Uni ?"], "LB"),
])
def test_a_government_named_bare_after_a_level_question_advises(engine, chat_questions, code) -> None:
    """Right after a level question, "and the uk?" asks for another government's level of the same place."""
    u, _ = chat(engine, *chat_questions)
    assert u.destinations == [code] and u.intent == "level" and u.context_used
    u, _ = chat(engine, "is iran safe", "and canada?")  # not after a level question: Canada itself
    assert u.destinations == ["CA"]


def test_a_bare_nationality_after_and_is_the_new_passport(engine) -> None:
    u, _ = chat(engine, "can indians visit gilgit baltistan", "and chinese?")
    assert u.destinations == ["PK-GB"] and u.passports == ["CN"]


@pytest.mark.parametrize(("chat_questions", "code", "passports", "dual"), [
    # a region has no visa of its own: the country's visa is the way in
    (["what's the fcdo saying about Chechnya", "I have a British passport btw, so can I even get a Russian visa?"],
     "RU-CE", ["GB"], False),
    (["can i go to crimea", "do i need a russian visa"], "RU", [], False),  # Crimea's code is Ukraine's
    # from Moscow, fly over there: the chat's place
    (["我想去克里米亚", "我是中国人，从莫斯科飞过去可以吗"], "UA-43", ["CN"], False),
    # a nationality through a parent is the traveler's own second one
    (["can i go to iran as a brit", "i'm also iranian by my dad, does that change anything?"], "IR", ["GB", "IR"],
     True),
    (["north cyprus from the south, can i walk across at ledra street", "and if i'm a greek cypriot?"], "CY-NC",
     ["CY"], False),
])
def test_round_7_follow_ups(engine, chat_questions, code, passports, dual) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.destinations[:1] == [code] and u.passports == passports and u.dual is dual, (
        u.destinations, u.passports, u.dual)


@pytest.mark.parametrize(("chat_questions", "passports"), [
    # "and" with a companion, the possessive left out: the companion travels too
    (["Хочу в Нагорный Карабах, я гражданин России", "а жена у меня с паспортом Армении"], ["RU", "AM"]),
    (["Cuba for a German?", "and wife is russian"], ["DE", "RU"]),
    # without "and", still asked about instead
    (["Cuba for a German?", "what about my friend, he is Ghanaian"], ["GH"]),
])
def test_round_8_a_companion_after_and(engine, chat_questions, passports) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.passports == passports and not u.dual, (u.passports, u.dual)


def test_round_8_what_a_government_says_after_a_level_question(engine) -> None:
    u, _ = chat(engine, "what level is iran on the state dept list", "and what does the UK say")
    assert u.destinations == ["IR"] and u.intent == "level"
    u, _ = chat(engine, "is iran safe", "and what does the UK say")  # not after a level question: the UK itself
    assert u.destinations == ["GB"]


@pytest.mark.parametrize(("chat_questions", "code", "intent"), [
    # two ways in weighed against each other: still the chat's place
    (["Syria for kiwis?", "what about going in via jordan instead of beirut"], "SY", "question"),
    (["Syria for kiwis?", "what about going via jordan to lebanon"], "LB", "question"),
    # an off-topic follow-up about a service for the trip is about the chat's place; a joke is not
    (["socotra for french?", "how much is the flight roughly"], "YE-SU", "off-topic"),
])
def test_round_8_ways_in_and_trip_services(engine, chat_questions, code, intent) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.destinations[:1] == [code] and u.intent == intent, (u.destinations, u.intent)
    u, _ = chat(engine, "north korea for germans?", "tell me a joke")
    assert not u.destinations


@pytest.mark.parametrize(("chat_questions", "code", "passports"), [
    # "and for him/her", a companion in the dative, "with us": one more traveler on the same trip
    (["me and my husband are planning iran in april. i'm canadian, do we need a guide?", "and for him, he's irish"],
     "IR", ["CA", "IE"]),
    (["Хочу съездить в Тирасполь из Кишинёва, паспорт РФ. Пустят?", "а жене с украинским паспортом можно с нами?"],
     "MD-SN", ["RU", "UA"]),
    # a flag after a nationality is that nationality, not a new place
    (["british guy here, thinking about the Sukhumi - Gagra coast next summer, how do i get in",
      "and what if my girlfriend comes along, she's russian 🇷🇺"], "GE-AB", ["GB", "RU"]),
    # a passport said before the way there does not make the way a destination
    (["Nagorno-Karabakh: can I still go to Stepanakert?",
      "i have a french passport btw. could that be a problem going in via baku?"], "AZ-NK", ["FR"]),
])
def test_round_13_companions_flags_and_the_way_in(engine, chat_questions, code, passports) -> None:
    u, _ = chat(engine, *chat_questions)
    assert (u.destinations[:1], u.passports) == ([code], passports)


@pytest.mark.parametrize(("chat_questions", "passports"), [
    # one of the chat's travelers named again: the party stays together, unless asked about alone
    (["Minha esposa é ucraniana e eu sou brasileiro. Queremos visitar os pais dela em Luhansk",
      "e ela corre risco lá sendo ucraniana?"], ["UA", "BR"]),
    (["Ми з дружиною: у мене ізраїльський паспорт, у неї український. Хочемо на Сокотру",
      "а їй самій, з українським, можна?"], ["UA"]),
])
def test_round_13_one_of_the_party_named_again(engine, chat_questions, passports) -> None:
    u, _ = chat(engine, *chat_questions)
    assert u.passports == passports


def test_round_13_and_the_rest_of_a_country(engine) -> None:
    """Set 17: "and the rest of somalia?" after Somaliland asks about the rest of Somalia ("rest of yemen is a
    warzone" inside a sentence still sets it aside)."""
    u, _ = chat(engine, "somaliland for an ethiopian, overland from jijiga", "and the rest of somalia?")
    assert (u.destinations[:1], u.passports) == (["SO"], ["ET"])
