"""Webhook mode: the bot registers its URL with a secret and only accepts updates that carry it."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.devtools.botapi_double import BotApiDouble
from tests.botrun import BotProcess
from tests.harness import private_copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, body: dict, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_uses_a_secret_and_answers(kb_path: Path, tmp_path: Path) -> None:
    db = private_copy(kb_path, tmp_path)
    port = free_port()
    with BotApiDouble() as double:
        bot = BotProcess(double, db, tmp_path / "bot.log", WEBHOOK_URL="https://bot.example.org", PORT=str(port))
        try:
            registered = double.wait_for("setWebhook", timeout=30)[0]
            hook_url = registered.params["url"]
            secret = registered.params["secret_token"]
            assert hook_url.startswith("https://bot.example.org/hook/") and len(secret) >= 32
            assert double.token not in hook_url
            local = f"http://127.0.0.1:{port}" + hook_url.removeprefix("https://bot.example.org")
            update = double.message_update("is cuba open?", chat_id=4242)
            update["update_id"] = 1
            deadline = time.monotonic() + 20
            while True:  # the server may need a moment after setWebhook
                try:
                    status = post(local, update, None)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            assert status == 403  # no secret, no entry
            assert post(local, update, "wrong-secret") == 403
            assert post(local, update, secret) == 200
            reply = double.wait_for("sendMessage", lambda c: str(c.params.get("chat_id")) == "4242", timeout=20)[0]
            assert "Cuba" in reply.params["text"]
        finally:
            stopped_in = bot.terminate()
        double.assert_no_violations()
    assert stopped_in < 5
    assert double.token not in bot.output()
