"""The Bot API double must behave like Telegram towards a real python-telegram-bot client, or bot tests lie."""

from __future__ import annotations

import asyncio
import io
import json
import random
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import telegram
from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.devtools.botapi_double import BOT_USER, BotApiDouble, Call, check_telegram_html


@pytest.fixture
def double() -> Iterator[BotApiDouble]:
    with BotApiDouble() as server:
        yield server


@pytest.fixture
async def bot(double: BotApiDouble) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(double.token, base_url=f"{double.url}/bot") as client:
        yield client


def _raw(double: BotApiDouble, path: str, body: bytes | None = None, content_type: str = "") -> tuple[int, Any]:
    """A request without PTB, to see the exact status code and JSON body."""
    request = urllib.request.Request(double.url + path, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _article(result_id: str, text: str = "answer") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(result_id, f"title {result_id}", InputTextMessageContent(text))


# ---- basics -------------------------------------------------------------------------------


async def test_get_me_returns_the_test_bot(double: BotApiDouble, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot, me.supports_inline_queries) == (4242, "borderline_test_bot", True, True)
    assert me.can_read_all_group_messages is False
    assert [c.method for c in double.calls] == ["getMe", "getMe"]  # initialize() + the explicit call
    double.assert_no_violations()


async def test_html_message_round_trips_and_is_recorded(double: BotApiDouble, bot: telegram.Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:KP")]])
    text = '<b>North Korea</b> &amp; <a href="https://example.org/?a=1&amp;b=2">source</a> &lt;3 &#x27;ok&#39;'
    first = await bot.send_message(1001, text, parse_mode="HTML", reply_markup=keyboard)
    second = await bot.send_message(-100500, "plain")
    assert first.text == "North Korea & source <3 'ok'"
    assert first.chat.type == "private" and second.chat.type == "supergroup"
    assert first.from_user is not None and first.from_user.id == BOT_USER["id"]
    assert first.reply_markup == keyboard
    assert (first.message_id, second.message_id) == (1, 1)  # numbered per chat
    assert (await bot.send_message(1001, "again")).message_id == 2
    call = double.sent_messages(chat_id=1001)[0]
    assert call.params["text"] == text and call.params["chat_id"] == 1001
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "More", "callback_data": "more:KP"}]]}
    assert call.response["ok"] is True and call.response["result"]["message_id"] == 1
    assert len(double.sent_messages()) == 3
    double.assert_no_violations()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<b>unclosed", "never closed"),
        ("<script>alert(1)</script>", "unsupported tag <script>"),
        ("a < b", "stray '<'"),
        ("fish & chips", "stray '&'"),
    ],
)
async def test_bad_html_is_rejected_and_recorded(
    double: BotApiDouble, bot: telegram.Bot, text: str, fragment: str
) -> None:
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_message(1001, text, parse_mode="HTML")
    assert len(double.violations) >= 1
    assert all(v.startswith("sendMessage: ") for v in double.violations)
    assert fragment in " ".join(double.violations)
    assert double.sent_messages() == []
    with pytest.raises(AssertionError, match="violation"):
        double.assert_no_violations()


async def test_message_length_is_counted_after_markup(double: BotApiDouble, bot: telegram.Bot) -> None:
    await bot.send_message(1001, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")  # tags do not count
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(1001, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)empty"):
        await bot.send_message(1001, "<b> </b>", parse_mode="HTML")
    assert len(double.violations) == 2


async def test_callback_data_over_64_bytes_is_rejected(double: BotApiDouble, bot: telegram.Bot) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="a" * 64)]])
    await bot.send_message(1001, "fits", reply_markup=ok)
    for data in ("a" * 65, "é" * 33):  # the limit is in bytes, not characters
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data=data)]])
        with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
            await bot.send_message(1001, "too big", reply_markup=markup)
    assert len(double.violations) == 2 and "65 bytes" in double.violations[0] and "66 bytes" in double.violations[1]
    assert len(double.sent_messages()) == 1


async def test_inline_button_needs_exactly_one_action(double: BotApiDouble, bot: telegram.Bot) -> None:
    both = {"inline_keyboard": [[{"text": "x", "callback_data": "a", "url": "https://example.org"}]]}
    none = {"inline_keyboard": [[{"text": "x"}]]}
    for markup in (both, none):
        status, body = _raw(double, f"/bot{double.token}/sendMessage", json.dumps(
            {"chat_id": 1, "text": "t", "reply_markup": markup}).encode(), "application/json")
        assert status == 400 and "exactly one action" in body["description"]


async def test_wrong_token_is_unauthorized(double: BotApiDouble) -> None:
    intruder = telegram.Bot("999999:wrong-token-wrong-token-wrong-token", base_url=f"{double.url}/bot")
    with pytest.raises(InvalidToken):
        await intruder.initialize()
    assert _raw(double, "/bot999:nope/getMe") == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    assert double.calls == []


async def test_unknown_method_and_path_are_not_found(double: BotApiDouble) -> None:
    expected = (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert _raw(double, f"/bot{double.token}/sendTelepathy", b"") == expected
    assert _raw(double, "/elsewhere") == expected
    assert double.violations == ["sendTelepathy: no such method in Bot API 'sendTelepathy'"]


def test_json_bodies_and_get_queries_are_accepted(double: BotApiDouble) -> None:
    body = json.dumps({"chat_id": 7, "text": "hi", "reply_markup": {"inline_keyboard": [[{"text": "a", "url": "https://x.org"}]]}})
    status, answer = _raw(double, f"/bot{double.token}/sendMessage", body.encode(), "application/json")
    assert status == 200 and answer["result"]["text"] == "hi"
    status, answer = _raw(double, f"/bot{double.token}/getMe")
    assert status == 200 and answer["result"]["id"] == 4242
    status, answer = _raw(double, f"/bot{double.token}/sendChatAction?chat_id=7&action=typing")
    assert (status, answer) == (200, {"ok": True, "result": True})
    assert double.calls[-1].params == {"chat_id": 7, "action": "typing"}
    double.assert_no_violations()


@pytest.mark.parametrize("chunked", [False, True])
def test_a_request_cut_off_by_a_dying_client_is_not_a_call(double: BotApiDouble, chunked: bool) -> None:
    """A bot killed mid-request (test_faults' SIGKILL) leaves half a body: Telegram never sees such a call, so the
    double must neither record it nor report the missing parameters as a violation."""
    import socket
    import urllib.parse

    url = urllib.parse.urlsplit(double.url)
    body = json.dumps({"chat_id": 7, "text": "hi"}).encode()
    framing = b"Transfer-Encoding: chunked\r\n\r\n" + b"%x\r\n" % len(body) if chunked else (
        b"Content-Length: %d\r\n\r\n" % len(body))
    with socket.create_connection((url.hostname, url.port), timeout=5) as sock:
        sock.sendall(f"POST /bot{double.token}/sendMessage HTTP/1.1\r\nHost: x\r\n".encode()
                     + b"Content-Type: application/json\r\n" + framing + body[:9])
    status, _answer = _raw(double, f"/bot{double.token}/getMe")  # the double is still serving
    assert status == 200
    assert [call.method for call in double.calls] == ["getMe"]
    double.assert_no_violations()


def test_specification_types_and_fields_are_enforced(double: BotApiDouble) -> None:
    def post(method: str, **params: str) -> tuple[int, Any]:
        form = "&".join(f"{k}={v}" for k, v in params.items()).encode()
        return _raw(double, f"/bot{double.token}/{method}", form, "application/x-www-form-urlencoded")

    assert post("sendMessage", text="no chat")[0] == 400
    assert post("sendMessage", chat_id="1", text="x", colour="red")[0] == 400
    assert post("sendMessage", chat_id="1", text="x", disable_notification="maybe")[0] == 400
    assert post("sendMessage", chat_id="1", text="x", reply_markup="{not json")[0] == 400
    assert post("sendMessage", chat_id="1", text="x", reply_markup='{"inline_keyboard": "nope"}')[0] == 400
    assert post("getUpdates", limit="ten")[0] == 400
    assert post("sendMessage", chat_id="@channel", text="x", disable_notification="true")[0] == 200
    assert [v.split(":")[0] for v in double.violations] == ["sendMessage"] * 5 + ["getUpdates"]
    joined = "\n".join(double.violations)
    for fragment in ("'chat_id' is missing", "unknown parameter 'colour'", "must be Boolean", "not valid JSON",
                     "inline_keyboard must be an array", "must be Integer"):
        assert fragment in joined


# ---- updates ------------------------------------------------------------------------------


async def test_long_poll_returns_pushed_update_and_honours_offset(double: BotApiDouble, bot: telegram.Bot) -> None:
    started = time.monotonic()
    polling = asyncio.create_task(bot.get_updates(timeout=5))
    await double.await_for("getUpdates")  # recorded while it waits
    await asyncio.sleep(0.1)
    assert not polling.done()
    update_id = double.push_update(double.message_update("Is Cuba open?", chat_id=77))
    updates = await polling
    assert time.monotonic() - started < 2
    assert [u.update_id for u in updates] == [update_id]
    assert updates[0].message.text == "Is Cuba open?" and updates[0].message.chat.id == 77
    assert updates[0].message.from_user.id == 77

    second = double.push_update(double.message_update("and Iran?", chat_id=77))
    again = await bot.get_updates(timeout=0)  # not confirmed yet: both come back
    assert [u.update_id for u in again] == [update_id, second]
    assert [u.update_id for u in await bot.get_updates(offset=second, limit=5)] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()

    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()  # an empty long poll waits its timeout
    assert 0.9 < time.monotonic() - started < 3


def test_builders_add_entities_and_context(double: BotApiDouble) -> None:
    command = double.command_update("ask", "north korea", chat_id=-100777)["message"]
    assert command["text"] == "/ask north korea" and command["chat"]["type"] == "supergroup"
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 4}]
    assert command["from"]["id"] == 1001
    mention = double.message_update("🙂 @borderline_test_bot is Cuba safe?", chat_id=-100777)["message"]
    assert mention["entities"] == [{"type": "mention", "offset": 3, "length": 20}]  # emoji = 2 UTF-16 units
    assert mention["message_id"] == command["message_id"] + 1
    reply = double.message_update("US", chat_id=5, reply_to_bot=True)["message"]
    assert reply["reply_to_message"]["from"]["id"] == BOT_USER["id"]
    first = double.push_update(double.inline_update("cuba"))
    second = double.push_update(double.inline_update("cuba"))
    assert second == first + 1
    assert double.push_update({"update_id": 500, "message": command}) == 500
    assert double.push_update(double.inline_update("x")) == 501


async def test_edit_of_unknown_message_is_rejected(double: BotApiDouble, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("new", chat_id=1001, message_id=999)
    sent = await bot.send_message(1001, "<i>draft</i>", parse_mode="HTML")
    edited = await bot.edit_message_text("<b>final</b>", chat_id=1001, message_id=sent.message_id, parse_mode="HTML")
    assert isinstance(edited, telegram.Message) and edited.text == "final" and edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("<b>final</b>", chat_id=1001, message_id=sent.message_id, parse_mode="HTML")
    user_message = double.message_update("mine", chat_id=1001)["message"]
    with pytest.raises(BadRequest, match=r"(?i)can't be edited"):
        await bot.edit_message_text("yours", chat_id=1001, message_id=user_message["message_id"])
    with pytest.raises(BadRequest, match=r"(?i)replied not found"):
        await bot.send_message(1001, "reply", reply_parameters=ReplyParameters(12345))
    quoted = await bot.send_message(1001, "reply", reply_parameters=ReplyParameters(user_message["message_id"]))
    assert quoted.reply_to_message is not None and quoted.reply_to_message.text == "mine"
    double.assert_no_violations()  # runtime refusals, not specification breaches


async def test_inline_answers_are_limited_to_50_unique_results(double: BotApiDouble, bot: telegram.Bot) -> None:
    query_id = double.inline_update("cuba")["inline_query"]["id"]
    with pytest.raises(BadRequest, match=r"(?i)results_too_much"):
        await bot.answer_inline_query(query_id, [_article(str(i)) for i in range(51)])
    with pytest.raises(BadRequest, match=r"(?i)result_id_duplicate"):
        await bot.answer_inline_query(query_id, [_article("same"), _article("same")])
    with pytest.raises(BadRequest, match=r"(?i)result_id_invalid"):
        await bot.answer_inline_query(query_id, [_article("x" * 65)])
    assert await bot.answer_inline_query(query_id, [_article(str(i)) for i in range(50)]) is True
    assert len(double.violations) == 3


async def test_callback_answers_need_an_issued_query(double: BotApiDouble, bot: telegram.Bot) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
    sent = await bot.send_message(1001, "answer", reply_markup=keyboard)
    update = double.callback_update("more", sent.message_id)
    assert update["callback_query"]["message"]["reply_markup"] == keyboard.to_dict()
    assert await bot.answer_callback_query(update["callback_query"]["id"], text="Loading") is True
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query("123")
    assert double.violations == [
        "answerCallbackQuery: query is too old and response timeout expired or query ID is invalid"
    ]


async def test_document_upload_keeps_the_bytes(double: BotApiDouble, bot: telegram.Bot) -> None:
    payload = bytes(range(256)) * 4 + b"\r\n--boundary-ish\r\n"
    message = await bot.send_document(1001, io.BytesIO(payload), filename="export.zip", caption="<b>Backup</b>",
                                      parse_mode="HTML")
    assert message.document is not None
    assert (message.document.file_name, message.document.file_size) == ("export.zip", len(payload))
    assert message.caption == "Backup"
    call = double.wait_for("sendDocument")[0]
    assert call.params["document"] == payload and call.params["chat_id"] == 1001
    resent = await bot.send_document(1002, message.document.file_id)
    assert resent.document is not None and resent.document.file_name == "export.zip"
    double.assert_no_violations()


async def test_commands_are_stored_per_scope(double: BotApiDouble, bot: telegram.Bot) -> None:
    private = [BotCommand("start", "Start"), BotCommand("help", "Help")]
    await bot.set_my_commands(private, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands([BotCommand("ask", "Ask")], scope=BotCommandScopeAllGroupChats())
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == tuple(private)
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())] == ["ask"]
    assert await bot.get_my_commands() == ()
    assert await bot.delete_my_commands(scope=BotCommandScopeAllGroupChats()) is True
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == ()
    assert await bot.send_chat_action(1001, "typing") is True
    assert await bot.delete_webhook() is True
    double.assert_no_violations()


# ---- faults -------------------------------------------------------------------------------


def _expected_faults(rate: float, kinds: tuple[str, ...], seed: int, n: int) -> list[str | None]:
    """What the double must inject, computed independently from the documented algorithm."""
    rng = random.Random(seed)
    return [rng.choice(kinds) if rng.random() < rate else None for _ in range(n)]


def _outcome(exc: BaseException | None) -> str:
    """Classify what PTB saw, to prove each fault reaches the client in its own way."""
    if exc is None:
        return "ok"
    if isinstance(exc, RetryAfter):
        return "429"
    text = str(exc)
    markers = (("Internal Server Error", "500"), ("Bad Gateway", "502"), ("Invalid server response", "malformed"))
    for marker, kind in markers:
        if marker in text:
            return kind
    return "drop" if isinstance(exc, NetworkError) and "httpx" in text else f"unexpected {exc!r}"


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB formats retry_after
async def test_seeded_faults_give_the_expected_mix(double: BotApiDouble, bot: telegram.Bot) -> None:
    kinds = ("429", "500", "502", "slow", "drop", "malformed")
    double.set_faults(0.7, kinds, seed=11, methods=["sendMessage"], slow_seconds=0.05)
    expected = _expected_faults(0.7, kinds, 11, 40)
    seen: list[str] = []
    for i in range(40):
        try:
            await bot.send_message(1001, f"message {i}")
        except TelegramError as exc:
            seen.append(_outcome(exc))
        else:
            seen.append(_outcome(None))
        await bot.send_chat_action(1001, "typing")  # not in `methods`: never faulted
    assert seen == [{None: "ok", "slow": "ok"}.get(kind, kind) for kind in expected]
    assert double.faults_injected == Counter(k for k in expected if k is not None)
    assert set(double.faults_injected) == set(kinds)  # this seed exercises every kind
    sends = [c for c in double.calls if c.method == "sendMessage"]
    assert [c.response.get("fault") for c in sends] == expected
    performed = [k for k in expected if k in (None, "slow", "malformed")]
    assert len(double.sent_messages(chat_id=1001)) == len(performed)
    assert [m.params["text"] for m in double.sent_messages()] == [
        f"message {i}" for i, k in enumerate(expected) if k in (None, "slow", "malformed")
    ]
    assert all(c.response == {"ok": True, "result": True} for c in double.calls if c.method == "sendChatAction")
    double.clear_faults()
    await bot.send_message(1001, "calm again")
    assert double.sent_messages()[-1].response.get("fault") is None


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB formats retry_after
async def test_429_surfaces_as_retry_after_and_is_not_performed(double: BotApiDouble, bot: telegram.Bot) -> None:
    double.set_faults(1.0, ("429",))
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1001, "hello")
    assert "retry in 1 " in str(caught.value).lower()
    assert double.sent_messages() == []
    assert double.calls[-1].response["fault"] == "429" and double.calls[-1].response["error_code"] == 429
    assert (await bot.get_me()).id == 4242  # getMe is exempt by default


async def test_slow_fault_delays_but_delivers(double: BotApiDouble, bot: telegram.Bot) -> None:
    double.set_faults(1.0, ("slow",), slow_seconds=0.3)
    started = time.monotonic()
    message = await bot.send_message(1001, "eventually")
    assert time.monotonic() - started >= 0.3
    assert message.text == "eventually" and len(double.sent_messages()) == 1


def test_set_faults_rejects_unknown_kinds(double: BotApiDouble) -> None:
    with pytest.raises(ValueError, match="fault kinds"):
        double.set_faults(0.5, ("teapot",))


# ---- waiting, with a real Application ------------------------------------------------------


async def test_application_end_to_end(double: BotApiDouble) -> None:
    async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])
        await update.effective_message.reply_text("<b>Welcome</b>", parse_mode="HTML", reply_markup=keyboard)

    async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(update.effective_message.text.upper(), do_quote=True)

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Edited")

    app = Application.builder().token(double.token).base_url(f"{double.url}/bot").build()
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    app.add_handler(CallbackQueryHandler(on_button))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=5)
        try:
            start = double.push_update(double.command_update("start", chat_id=31))
            sent = await double.await_for("sendMessage", lambda c: c.params["chat_id"] == 31, timeout=5)
            assert sent[0].response["result"]["text"] == "Welcome"
            echo = double.push_update(double.message_update("hello there", chat_id=32))
            reply = (await double.await_for("sendMessage", lambda c: c.params["chat_id"] == 32, timeout=5))[0]
            assert reply.params["text"] == "HELLO THERE"
            message_id = sent[0].response["result"]["message_id"]
            press = double.push_update(double.callback_update("again", message_id, chat_id=31))
            edits = await double.await_for("editMessageText", timeout=5)
            assert edits[0].response["result"]["text"] == "Edited"
            assert [c.method for c in double.replies_to(start)] == ["sendMessage"]
            assert double.replies_to(echo) == [reply]
            assert sorted(c.method for c in double.replies_to(press)) == ["answerCallbackQuery", "editMessageText"]
        finally:
            await app.updater.stop()
            await app.stop()
    double.assert_no_violations()


def test_wait_for_times_out_with_a_summary(double: BotApiDouble) -> None:
    _raw(double, f"/bot{double.token}/sendMessage", b"chat_id=5&text=hi", "application/x-www-form-urlencoded")
    started = time.monotonic()
    with pytest.raises(TimeoutError, match=r"(?s)waited 0.2s for 2 sendMessage.*sendMessage chat_id=5 text='hi' -> ok"):
        double.wait_for("sendMessage", timeout=0.2, count=2)
    assert time.monotonic() - started < 1
    found: list[Call] = double.wait_for("sendMessage", lambda c: c.params["text"] == "hi")
    assert len(found) == 1


# ---- Telegram HTML ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "plain text, no markup",
        "<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins>",
        "<s>s</s> <strike>k</strike> <del>d</del> <b>nested <i>fine <u>too</u></i></b>",
        '<a href="https://example.org/?a=1&amp;b=2">link</a> &lt;tag&gt; &quot;q&quot; &#39; &#x1F600;',
        '<pre><code class="language-python">print("&lt;hi&gt;")</code></pre>',
        "<blockquote expandable>long <b>quote</b></blockquote> <tg-spoiler>x</tg-spoiler>",
        '<span class="tg-spoiler">hidden</span> <tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "<B>upper case tags</B> and 3 > 2",
    ],
)
def test_check_telegram_html_accepts_valid_markup(text: str) -> None:
    assert check_telegram_html(text) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("<b>open", "<b> opened at offset 0 is never closed"),
        ("<b><i>x</b></i>", "does not match <i>"),
        ("x</b>", "has no opening tag"),
        ("<script>x</script>", "unsupported tag <script>"),
        ("<br/>", "unsupported tag <br>"),
        ('<a href="x" target="_blank">x</a>', "attribute 'target' is not allowed on <a>"),
        ('<span class="red">x</span>', 'must be <span class="tg-spoiler">'),
        ("<tg-emoji>x</tg-emoji>", "numeric emoji-id"),
        ("1 < 2", "stray '<' at offset 2"),
        ("R&D", "stray '&' at offset 1"),
        ("&nbsp;", "stray '&'"),
        ("&#0;", "is not a character"),
        ('<a href="?a=1&b=2">x</a>', "in attribute href of <a>"),
        ("<code><b>x</b></code>", "cannot contain markup"),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "nested in another blockquote"),
    ],
)
def test_check_telegram_html_reports_problems(text: str, fragment: str) -> None:
    problems = check_telegram_html(text)
    assert problems, text
    assert any(fragment in p for p in problems), problems
