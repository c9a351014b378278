"""Property-based tests on every kind of handler input, against the real bot process and the test double.

Whatever arrives (text, command arguments, callback data, inline queries, deep links, admin
arguments), the bot answers with something Telegram accepts and no handler raises.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.devtools.botapi_double import BotApiDouble
from bot.storage.build import build
from tests.botrun import BotProcess
from tests.conftest import KNOWLEDGE

ADMIN = 777
FUZZ = settings(max_examples=75, deadline=None, suppress_health_check=list(HealthCheck))
_chat = itertools.count(50_000)

text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=4096),
    st.sampled_from(["<b>", "</a>", "&amp;", "<script>alert(1)</script>", "🇰🇵" * 50, "\u202e\u200b", "/", "@"]),
    st.lists(st.sampled_from(["north", "korea", "US", "passport", "visa", "открыт", "<i>", "&", "ir", "safe"]),
             max_size=12).map(" ".join),
)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotApiDouble]:
    tmp = tmp_path_factory.mktemp("fuzz")
    db = tmp / "kb.sqlite"
    build(KNOWLEDGE, db)
    with BotApiDouble() as double:
        bot = BotProcess(double, db, tmp / "bot.log", FLOOD_LIMIT="100000", ADMIN_IDS=str(ADMIN))
        double.wait_for("getUpdates", timeout=30)
        yield double
        bot.terminate()
        log = bot.output()
    assert "failed:" not in log, log[-4000:]  # on_error logs '<update> failed: ...' for any handler exception
    assert not double.violations, double.violations[:5]


def _reply_to(double: BotApiDouble, update: dict, method: str = "sendMessage") -> None:
    """Push one update and wait for the reply that belongs to it."""
    if "callback_query" in update:
        wanted = ("callback_query_id", update["callback_query"]["id"])
    elif "inline_query" in update:
        wanted = ("inline_query_id", update["inline_query"]["id"])
    else:
        wanted = ("chat_id", update["message"]["chat"]["id"])
    key, value = wanted
    double.push_update(update)
    calls = double.wait_for(method, lambda c: str(c.params.get(key)) == str(value), timeout=15)
    assert not double.violations, double.violations[-3:]
    assert calls[0].response.get("ok") is True, calls[0].response


@FUZZ
@given(text=text)
def test_any_private_text_gets_one_accepted_reply(live: BotApiDouble, text: str) -> None:
    if not text.strip() or text.startswith("/"):
        text = "q " + text
    _reply_to(live, live.message_update(text[:4096], chat_id=next(_chat)))


@FUZZ
@given(command=st.sampled_from(["passport", "follow", "unfollow", "start", "ask", "share", "help", "following"]),
       args=text)
def test_any_command_arguments(live: BotApiDouble, command: str, args: str) -> None:
    args = " ".join(args.split())[:3000]
    _reply_to(live, live.command_update(command, args, chat_id=next(_chat)))


@FUZZ
@given(command=st.sampled_from(["status", "advisory", "entry", "unentry", "event", "report", "howto", "alias",
                                "unalias", "remove", "verify", "facts", "history", "approve", "reject"]),
       head=st.sampled_from(["KP", "kp", "ZZ", "", "CN-XZ", "1", "FR"]), args=text)
def test_any_admin_arguments(live: BotApiDouble, command: str, head: str, args: str) -> None:
    args = " ".join(args.split())[:3000]
    _reply_to(live, live.command_update(command, f"{head} {args}".strip(), chat_id=ADMIN, user_id=ADMIN))


@FUZZ
@given(data=st.one_of(st.text(min_size=1, max_size=64),
                      st.builds(lambda c, t, p: f"v1|{c}|{t}|{p}", st.sampled_from(["KP", "CU", "ZZ", "CN-XZ", "kp"]),
                                st.text(alphabet="esfrhx", max_size=6), st.sampled_from(["", "US", "US,MX", "1"])),
                      st.binary(max_size=64).map(lambda b: b.decode("latin-1"))))
def test_any_callback_data(live: BotApiDouble, data: str) -> None:
    data = data.encode("utf-8")[:64].decode("utf-8", "ignore") or "x"
    chat = next(_chat)
    update = live.message_update("is cuba open?", chat_id=chat)
    _reply_to(live, update)
    message_id = live.sent_messages(chat)[-1].response["result"]["message_id"]
    _reply_to(live, live.callback_update(data, message_id=message_id, chat_id=chat), "answerCallbackQuery")


@FUZZ
@given(query=st.text(max_size=256))
def test_any_inline_query(live: BotApiDouble, query: str) -> None:
    _reply_to(live, live.inline_update(query[:256], user_id=next(_chat)), "answerInlineQuery")
    call = [c for c in live.calls if c.method == "answerInlineQuery"][-1]
    results = call.params["results"]
    assert len(results) <= 50 and len({r["id"] for r in results}) == len(results)
    assert json.dumps(results)  # serialisable, spec-checked by the double


@FUZZ
@given(payload=st.text(alphabet=st.characters(codec="ascii", categories=["L", "N", "Pd", "Pc"]), max_size=64))
def test_any_deep_link_payload(live: BotApiDouble, payload: str) -> None:
    _reply_to(live, live.command_update("start", payload, chat_id=next(_chat)))
