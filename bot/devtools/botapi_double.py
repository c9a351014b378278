"""A local stand-in for the Telegram Bot API, so tests drive the real bot over real HTTP.

The double speaks the wire protocol python-telegram-bot uses (``POST /bot<token>/<method>`` with
form, multipart or JSON bodies), checks every call against the official Bot API specification
(``bot/devtools/data/api.json``) plus the rules Telegram enforces at run time (HTML markup, text lengths,
callback data size, inline results), answers with realistic objects, and can inject the faults a
real network and a busy Telegram produce (429, 5xx, slow answers, dropped connections, garbage).

Typical use::

    with BotApiDouble() as double:
        app = Application.builder().token(double.token).base_url(f"{double.url}/bot").build()
        ...
        double.push_update(double.message_update("Is Cuba open?"))
        double.wait_for("sendMessage")
        double.assert_no_violations()
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import math
import random
import re
import socket
import socketserver
import sys
import threading
import time
import urllib.parse
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bot.answering.telegram_html import check_telegram_html, html_to_plain

DEFAULT_TOKEN = "123456:TEST-double-token-abcdefghijklmnopqrstu"
SPEC_PATH = Path(__file__).resolve().parent / "data" / "api.json"

BOT_USER: dict[str, Any] = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Borderline",
    "username": "borderline_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# Telegram puts only the short form of the bot user into the messages it sends.
_BOT_SENDER: dict[str, Any] = {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")}

FAULT_KINDS: tuple[str, ...] = ("429", "500", "502", "slow", "drop", "malformed")
# Start-up and polling calls stay clean by default, so a fault test is about the bot's replies.
FAULT_EXEMPT: frozenset[str] = frozenset({"getUpdates", "getMe", "setMyCommands", "deleteWebhook", "getMyCommands"})
_MALFORMED_BODY = b'{"ok":true,"result":{"message_id":<html>502 Bad Gateway'
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_PARSE_MODES = frozenset({"html", "markdown", "markdownv2"})
_BUTTON_LABEL_FIELDS = frozenset({"text", "icon_custom_emoji_id", "style"})


@dataclass
class Call:
    """One authenticated request the double received, kept so tests can assert on what the bot did."""

    method: str
    params: dict[str, Any]
    at: float
    response: dict[str, Any]


class _ApiError(Exception):
    """Raised by a method implementation to answer with a Telegram error instead of a result."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _error_body(code: int, description: str) -> dict[str, Any]:
    """The error envelope Telegram uses, so PTB maps it to the same exception as in production."""
    return {"ok": False, "error_code": code, "description": description}


def _text_problems(text: Any, parse_mode: Any, what: str, low: int, high: int) -> list[str]:
    """Telegram's length and markup rules for a message text or caption."""
    if not isinstance(text, str):
        return []
    problems: list[str] = []
    plain = text
    if isinstance(parse_mode, str) and parse_mode.lower() == "html":
        problems += [f"can't parse entities in {what}: {p}" for p in check_telegram_html(text)]
        plain = html_to_plain(text)
    size = len(plain.strip())
    if size < low:
        problems.append(f"{what} is empty")
    elif size > high:
        problems.append(f"{what} is too long: {size} characters after entity parsing (at most {high})")
    return problems


def _keyboard_problems(value: Any, path: str) -> list[str]:
    """Find every inline keyboard inside `value` and apply Telegram's button rules to it."""
    problems: list[str] = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            problems += _keyboard_problems(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        rows = value.get("inline_keyboard")
        if isinstance(rows, list):
            for r, row in enumerate(rows if all(isinstance(row, list) for row in rows) else []):
                for c, button in enumerate(row):
                    if isinstance(button, dict):
                        problems += _button_problems(button, f"{path}.inline_keyboard[{r}][{c}]")
        for key, item in value.items():
            if key != "inline_keyboard":
                problems += _keyboard_problems(item, f"{path}.{key}")
    return problems


def _button_problems(button: dict[str, Any], where: str) -> list[str]:
    """One inline button: exactly one action, callback data of 1-64 bytes, a visible label."""
    problems: list[str] = []
    actions = sorted(set(button) - _BUTTON_LABEL_FIELDS)
    if len(actions) != 1:
        problems.append(f"{where} must have exactly one action field, has {', '.join(actions) or 'none'}")
    data = button.get("callback_data")
    if data is not None:
        size = len(data.encode("utf-8")) if isinstance(data, str) else -1
        if not 1 <= size <= 64:
            problems.append(f"BUTTON_DATA_INVALID: {where}.callback_data is {size} bytes (must be 1-64)")
    if not str(button.get("text", "")).strip():
        problems.append(f"{where} has an empty text")
    return problems


# --------------------------------------------------------------------------------------------
# The specification
# --------------------------------------------------------------------------------------------

_INT_RE = re.compile(r"[+-]?[0-9]+")


@lru_cache(maxsize=4)
def _load_spec(path: str) -> dict[str, Any]:
    """Parse api.json once per process; every double shares the read-only result."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


class _Spec:
    """Checks a call's parameters against the Bot API specification and decodes them to Python values."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.methods: dict[str, Any] = data["methods"]
        self.types: dict[str, Any] = data["types"]
        self._by_lower = {name.lower(): name for name in self.methods}

    def canonical(self, name: str) -> str | None:
        """Telegram matches method names case-insensitively; record them as the spec spells them."""
        return self._by_lower.get(name.lower())

    def decode(self, method: str, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Decoded parameters and the list of specification problems (unknown, missing, mistyped)."""
        fields = {f["name"]: f for f in self.methods[method].get("fields", [])}
        params: dict[str, Any] = {}
        problems: list[str] = []
        for name, value in raw.items():
            spec = fields.get(name)
            if spec is None:
                problems.append(f"unknown parameter '{name}'")
                params[name] = value
                continue
            ok, decoded, why = self._decode_top(value, spec["types"], name)
            params[name] = decoded
            if not ok:
                problems.append(why)
        missing = [n for n, f in fields.items() if f["required"] and n not in raw]
        problems += [f"required parameter '{n}' is missing" for n in missing]
        return params, problems

    def _decode_top(self, value: Any, types: list[str], name: str) -> tuple[bool, Any, str]:
        """Try each declared type in order; form values are strings, objects arrive JSON-encoded."""
        parsed: Any = None
        parse_error = ""
        if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
            try:
                parsed = json.loads(value)
            except ValueError as exc:
                parse_error = f"is not valid JSON ({exc.msg})"
        errors: list[str] = []
        for t in types:
            if isinstance(value, bytes):
                if t == "InputFile":
                    return True, value, ""
                errors.append("does not accept a file upload")
            elif isinstance(value, str):
                ok, decoded, why = self._decode_string(value, t, parsed, parse_error, name)
                if ok:
                    return True, decoded, ""
                errors.append(why)
            else:
                if t == "String" and isinstance(value, int | float) and not isinstance(value, bool):
                    return True, value, ""
                problems = self.check_value(value, t, name)
                if not problems:
                    return True, value, ""
                errors.append(problems[0])
        shown = repr(value)[:60] if not isinstance(value, bytes) else f"<{len(value)} bytes>"
        detail = errors[0] if len(errors) == 1 else "; ".join(dict.fromkeys(errors))
        return False, parsed if parsed is not None else value, (
            f"parameter '{name}' must be {' or '.join(types)}, got {shown}: {detail}"
        )

    def _decode_string(self, value: str, t: str, parsed: Any, parse_error: str, name: str) -> tuple[bool, Any, str]:
        """Interpret one form-encoded string as type `t`."""
        if t == "String":
            return True, value, ""
        if t == "Integer":
            return (True, int(value), "") if _INT_RE.fullmatch(value.strip()) else (False, value, "not an Integer")
        if t == "Float":
            try:
                number = float(value)
            except ValueError:
                return False, value, "not a Float"
            return (True, number, "") if math.isfinite(number) else (False, value, "not a finite Float")
        if t in ("Boolean", "True"):
            lowered = value.strip().lower()
            if lowered in ("true", "1") or (t == "Boolean" and lowered in ("false", "0")):
                return True, lowered in ("true", "1"), ""
            return False, value, f"not {t}"
        if t == "InputFile":
            return False, value, "expects a file upload"
        if t.startswith("Array of ") or t in self.types:
            if parsed is None:
                return False, value, parse_error or f"a {t} must be sent JSON-encoded"
            problems = self.check_value(parsed, t, name)
            return (not problems, parsed, problems[0] if problems else "")
        return True, value, ""

    def check_value(self, value: Any, t: str, path: str, depth: int = 0) -> list[str]:
        """Problems with an already JSON-decoded value of declared type `t` (recursing into objects)."""
        if depth > 16:
            return []
        if t.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{path} must be an array"]
            inner = t[len("Array of ") :]
            problems: list[str] = []
            for i, item in enumerate(value):
                problems += self.check_value(item, inner, f"{path}[{i}]", depth + 1)
                if len(problems) > 5:
                    break
            return problems
        simple: dict[str, Callable[[Any], bool]] = {
            "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "Float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "Boolean": lambda v: isinstance(v, bool),
            "True": lambda v: v is True,
            "String": lambda v: isinstance(v, str),
            "InputFile": lambda v: isinstance(v, str | bytes),
        }
        if t in simple:
            return [] if simple[t](value) else [f"{path} must be {t}, got {json.dumps(value)[:40]}"]
        spec = self.types.get(t)
        if spec is None:
            return []
        if not isinstance(value, dict):
            return [f"{path} must be a {t} object"]
        if spec.get("subtypes"):
            best: list[str] | None = None
            for sub in spec["subtypes"]:
                problems = self.check_value(value, sub, path, depth + 1)
                if not problems:
                    return []
                if best is None or len(problems) < len(best):
                    best = problems
            return [f"{path} matches no kind of {t}: {best[0] if best else '?'}"]
        fields = {f["name"]: f for f in spec.get("fields", [])}
        if not fields:
            return []
        problems = [f"{path}.{k} is not a field of {t}" for k in value if k not in fields]
        missing = [k for k, f in fields.items() if f["required"] and k not in value]
        problems += [f"{path}.{k} (required in {t}) is missing" for k in missing]
        for key, item in value.items():
            if key in fields:
                options = [self.check_value(item, ft, f"{path}.{key}", depth + 1) for ft in fields[key]["types"]]
                if all(options):
                    problems += min(options, key=len)
        return problems


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------

_PATH_RE = re.compile(r"/bot([^/]+)/([A-Za-z0-9_]+)/?")


def _header_param(header: str, name: str) -> str | None:
    """A parameter such as boundary= or filename= from a header value."""
    match = re.search(rf'(?:^|;)\s*{name}\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))', header, re.IGNORECASE)
    if match is None:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


def _parse_multipart(body: bytes, boundary: str) -> list[tuple[str, str | None, str, bytes]]:
    """Split a multipart/form-data body into (name, filename, content type, bytes) exactly, binary-safe."""
    parts: list[tuple[str, str | None, str, bytes]] = []
    for chunk in body.split(b"--" + boundary.encode("latin-1"))[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk.removeprefix(b"\r\n")
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("multipart part without headers")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            key, _, val = line.partition(":")
            headers[key.strip().lower()] = val.strip()
        disposition = headers.get("content-disposition", "")
        name = _header_param(disposition, "name")
        if name is None:
            raise ValueError("multipart part without a name")
        filename = _header_param(disposition, "filename")
        parts.append((name, filename, headers.get("content-type", ""), data.removesuffix(b"\r\n")))
    return parts


def _parse_request(query: str, content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """Raw parameters from the query string and body, plus upload metadata (filename, MIME type)."""
    raw: dict[str, Any] = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
    uploads: dict[str, tuple[str, str]] = {}
    kind = content_type.partition(";")[0].strip().lower()
    if not body:
        return raw, uploads
    if kind == "application/json":
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("a JSON body must be an object")
        raw.update(data)
    elif kind == "multipart/form-data":
        boundary = _header_param(content_type, "boundary")
        if not boundary:
            raise ValueError("multipart body without a boundary")
        for name, filename, part_type, data in _parse_multipart(body, boundary):
            if filename is None:
                raw[name] = data.decode("utf-8")
            else:
                raw[name] = data
                uploads[name] = (filename, part_type or "application/octet-stream")
    elif kind in ("application/x-www-form-urlencoded", ""):
        raw.update(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    else:
        raise ValueError(f"unsupported Content-Type {kind!r}")
    return raw, uploads


@dataclass
class _Reply:
    """What the HTTP handler writes back; body None means drop the connection unanswered."""

    status: int
    body: bytes | None


def _json_reply(status: int, payload: dict[str, Any]) -> _Reply:
    return _Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


class _Server(ThreadingHTTPServer):
    """Threaded server that knows its double and skips the slow reverse DNS lookup of HTTPServer."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, double: BotApiDouble) -> None:
        self.double = double
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up mid-request is normal at shutdown; anything else is still printed."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, hands it to the double, writes the answer (or drops the connection)."""

    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one segment: no Nagle/delayed-ACK stall per call
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.double._track(self.connection, True)

    def finish(self) -> None:
        self.server.double._track(self.connection, False)
        super().finish()

    def do_POST(self) -> None:
        body = self._read_body()
        if body is None:  # the client died mid-request (a SIGKILL test): Telegram would never see this call
            self.close_connection = True
            return
        double = self.server.double
        try:
            reply = double._dispatch(self.path, self.headers.get("Content-Type", ""), body)
        except Exception as exc:  # a bug in the double must fail the test loudly, not hang the bot
            with double._lock:
                double.violations.append(f"{self.path.rsplit('/', 1)[-1]}: the double itself failed: {exc!r}")
            reply = _json_reply(500, _error_body(500, f"Internal Server Error: double failed: {exc!r}"))
        if reply.body is None:
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except ConnectionError:  # the client gave up (a cancelled long poll at shutdown): nothing to answer
            self.close_connection = True

    do_GET = do_POST

    def _read_body(self) -> bytes | None:
        """The whole body, or None when the connection closed before it all arrived."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            while True:
                line = self.rfile.readline()
                if not line:
                    return None
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if not size:
                    break
                chunk = self.rfile.read(size)
                if len(chunk) < size:
                    return None
                chunks.append(chunk)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        return body if len(body) == length else None

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr lines; the double records calls itself."""


# --------------------------------------------------------------------------------------------
# The double
# --------------------------------------------------------------------------------------------


def _utf16_len(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _update_chat_id(update: dict[str, Any]) -> int | None:
    """The chat an update happened in, for attributing the bot's replies to it."""
    for key in ("message", "edited_message", "channel_post"):
        if key in update:
            return update[key]["chat"]["id"]
    message = update.get("callback_query", {}).get("message")
    return message["chat"]["id"] if message else None


class BotApiDouble:
    """An in-process fake Telegram Bot API server that validates calls and records them for assertions."""

    def __init__(self, token: str = DEFAULT_TOKEN, spec_path: Path | None = None) -> None:
        self.token = token
        self.url = ""
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.faults_injected: Counter[str] = Counter()
        self._spec = _Spec(_load_spec(str((spec_path or SPEC_PATH).resolve())))
        self._lock = threading.RLock()
        self._calls_changed = threading.Condition(self._lock)
        self._updates_changed = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        # Telegram state
        self._pending: list[dict[str, Any]] = []
        self._updates: dict[int, dict[str, Any]] = {}
        self._delivered: dict[int, float] = {}
        self._next_update_id = 1
        self._chats: dict[int, dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._content: dict[tuple[int, int], tuple[Any, ...]] = {}
        self._callback_ids: set[str] = set()
        self._serial = 0
        self._commands: dict[tuple[str, str], list[Any]] = {}
        self._webhook_url = ""
        self._files: dict[str, dict[str, Any]] = {}
        # faults
        self._fault_rate = 0.0
        self._fault_kinds: tuple[str, ...] = FAULT_KINDS
        self._fault_methods: frozenset[str] | None = None
        self._fault_rng = random.Random(0)
        self._slow_seconds = 6.0
        self._handlers: dict[str, Callable[[dict[str, Any], dict[str, tuple[str, str]]], Any]] = {
            "getMe": lambda p, u: dict(BOT_USER),
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "sendDocument": self._send_document,
        }

    # ---- life cycle ------------------------------------------------------------------------

    def start(self) -> BotApiDouble:
        """Listen on an ephemeral port of 127.0.0.1 in a background thread."""
        if self._server is None:
            self._stopping.clear()
            self._server = _Server(self)
            self.url = f"http://127.0.0.1:{self._server.server_port}"
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="botapi-double", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: wake long polls, close open connections, release the port."""
        server, self._server = self._server, None
        if server is None:
            return
        with self._lock:
            self._stopping.set()
            self._updates_changed.notify_all()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> BotApiDouble:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _track(self, conn: socket.socket, alive: bool) -> None:
        """Remember open connections so stop() can close keep-alive sockets PTB still holds."""
        with self._lock:
            if alive:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    # ---- assertions and waiting ------------------------------------------------------------

    def assert_no_violations(self) -> None:
        """Fail a test when the bot made any call Telegram would have rejected."""
        with self._lock:
            found = list(self.violations)
        if found:
            raise AssertionError(f"{len(found)} Bot API violation(s):\n" + "\n".join(f"  - {v}" for v in found))

    def _matches(self, call: Call, method: str, predicate: Callable[[Call], bool] | None) -> bool:
        return call.method == method and (predicate is None or predicate(call))

    def _collect(self, found: list[Call], seen: int, method: str, predicate: Callable[[Call], bool] | None) -> int:
        """Append matches among calls recorded since `seen` (caller holds the lock); return the new mark."""
        found += [call for call in self.calls[seen:] if self._matches(call, method, predicate)]
        return len(self.calls)

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
        count: int = 1,
    ) -> list[Call]:
        """Block until `count` calls of `method` (matching `predicate`) were answered; return all matches."""
        deadline = time.monotonic() + timeout
        found: list[Call] = []
        seen = 0
        with self._calls_changed:
            while True:
                seen = self._collect(found, seen, method, predicate)
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(self._timeout_message(method, count, len(found), timeout))
                self._calls_changed.wait(remaining)

    async def await_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
        count: int = 1,
    ) -> list[Call]:
        """Like wait_for, but yields to the event loop so a bot in the same loop keeps running."""
        deadline = time.monotonic() + timeout
        found: list[Call] = []
        seen = 0
        while True:
            with self._lock:
                seen = self._collect(found, seen, method, predicate)
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise TimeoutError(self._timeout_message(method, count, len(found), timeout))
            await asyncio.sleep(0.01)

    def _timeout_message(self, method: str, count: int, got: int, timeout: float) -> str:
        with self._lock:
            recent = self.calls[-12:]
            total = len(self.calls)
        lines = [f"waited {timeout:g}s for {count} {method} call(s), saw {got}; {total} calls in all, last ones:"]
        lines += [f"  {self._describe(call)}" for call in recent] or ["  (none)"]
        return "\n".join(lines)

    @staticmethod
    def _describe(call: Call) -> str:
        """A one-line summary of a call for error messages."""
        bits = [call.method]
        for key in ("chat_id", "message_id", "text", "callback_query_id", "inline_query_id", "offset"):
            if key in call.params:
                value = call.params[key]
                if isinstance(value, str) and len(value) > 50:
                    value = value[:47] + "..."
                bits.append(f"{key}={value!r}")
        response = call.response
        if "fault" in response:
            outcome = f"fault {response['fault']}"
        elif not response:
            outcome = "pending"
        elif response.get("ok"):
            outcome = "ok"
        else:
            outcome = f"{response.get('error_code')} {response.get('description')}"
        return " ".join(bits) + f" -> {outcome}"

    def sent_messages(self, chat_id: int | None = None) -> list[Call]:
        """sendMessage calls Telegram performed and answered with ok (what users actually received)."""
        with self._lock:
            calls = list(self.calls)
        return [
            c for c in calls
            if c.method == "sendMessage" and c.response.get("ok") is True
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def replies_to(self, update_id: int) -> list[Call]:
        """Successful calls the bot made in answer to one pushed update (best effort attribution).

        Inline and callback queries are matched by their ids; messages by an explicit reply to them, or by
        being sent to the same chat after the update was delivered and before the chat's next update was.
        """
        with self._lock:
            update = self._updates.get(update_id)
            delivered = self._delivered.get(update_id)
            calls = list(self.calls)
            if update is None or delivered is None:
                return []
            chat_id = _update_chat_id(update)
            later = [
                self._delivered[u] for u in self._delivered
                if u > update_id and _update_chat_id(self._updates[u]) == chat_id
            ]
        end = min(later, default=math.inf)
        inline_id = update.get("inline_query", {}).get("id")
        callback_id = update.get("callback_query", {}).get("id")
        message_id = (update.get("message") or update.get("edited_message") or {}).get("message_id")
        found: list[Call] = []
        for call in calls:
            if call.response.get("ok") is not True:
                continue
            params = call.params
            if inline_id is not None:
                if call.method == "answerInlineQuery" and params.get("inline_query_id") == inline_id:
                    found.append(call)
                continue
            if callback_id is not None and params.get("callback_query_id") == callback_id:
                found.append(call)
                continue
            if chat_id is None or params.get("chat_id") != chat_id:
                continue
            reply = params.get("reply_parameters")
            quoted = isinstance(reply, dict) and message_id is not None and reply.get("message_id") == message_id
            if quoted or (delivered <= call.at < end and not isinstance(reply, dict)):
                found.append(call)
        return found

    # ---- faults ----------------------------------------------------------------------------

    def set_faults(
        self,
        rate: float,
        kinds: Sequence[str] = FAULT_KINDS,
        seed: int = 0,
        methods: Sequence[str] | None = None,
        slow_seconds: float = 6.0,
    ) -> None:
        """Make a deterministic share of eligible valid calls fail the way networks and Telegram fail."""
        unknown = set(kinds) - set(FAULT_KINDS)
        if unknown or not kinds:
            raise ValueError(f"fault kinds must be a non-empty subset of {FAULT_KINDS}, got {list(kinds)}")
        with self._lock:
            self._fault_rate = rate
            self._fault_kinds = tuple(kinds)
            self._fault_rng = random.Random(seed)
            self._fault_methods = frozenset(methods) if methods is not None else None
            self._slow_seconds = slow_seconds

    def clear_faults(self) -> None:
        """Back to a perfectly reliable Telegram (the counter of injected faults is kept)."""
        with self._lock:
            self._fault_rate = 0.0

    def _roll_fault(self, method: str) -> str | None:
        with self._lock:
            if self._fault_rate <= 0:
                return None
            eligible = method in self._fault_methods if self._fault_methods is not None else method not in FAULT_EXEMPT
            if not eligible or self._fault_rng.random() >= self._fault_rate:
                return None
            kind = self._fault_rng.choice(self._fault_kinds)
            self.faults_injected[kind] += 1
            return kind

    # ---- building updates ------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates (assigning update_id in place if missing) and wake long polls."""
        with self._lock:
            if "update_id" not in update:
                update["update_id"] = self._next_update_id
            update_id = int(update["update_id"])
            self._next_update_id = max(self._next_update_id, update_id + 1)
            self._updates[update_id] = update
            self._pending.append(update)
            self._pending.sort(key=lambda u: u["update_id"])
            self._updates_changed.notify_all()
        return update_id

    def _new_serial(self) -> int:
        with self._lock:
            self._serial += 1
            return self._serial

    def _user(self, user_id: int, first_name: str = "Ann", language_code: str | None = "en") -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        return {**user, "language_code": language_code} if language_code else user

    def _chat(self, chat_id: Any, chat_type: str | None = None, first_name: str = "Ann") -> dict[str, Any]:
        """The chat object for an id, created on first sight (private for positive ids, else supergroup)."""
        with self._lock:
            if isinstance(chat_id, str) and not _INT_RE.fullmatch(chat_id):
                key = -1_000_000_000_000 - zlib.crc32(chat_id.encode()) % 1_000_000_000
                return self._chats.setdefault(
                    key, {"id": key, "type": "channel", "title": chat_id.lstrip("@"), "username": chat_id.lstrip("@")}
                )
            key = int(chat_id)
            kind = chat_type or ("private" if key > 0 else "supergroup")
            known = self._chats.get(key)
            if known is not None and (chat_type is None or known["type"] == kind):
                return known
            if kind == "private":
                chat = {"id": key, "type": "private", "first_name": first_name}
            else:
                chat = {"id": key, "type": kind, "title": "Borderline test group"}
            self._chats[key] = chat
            return chat

    def _store(self, message: dict[str, Any]) -> dict[str, Any]:
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def _new_message_id(self, chat_id: int) -> int:
        with self._lock:
            number = self._next_message_id.get(chat_id, 1)
            self._next_message_id[chat_id] = number + 1
            return number

    def message_update(
        self,
        text: str,
        chat_id: int = 1001,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to_bot: bool = False,
        first_name: str = "Ann",
        entities: list[Any] | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """An Update carrying a user's text message, with the entities Telegram would add (not queued yet).

        `entities`, when given, replaces the automatic bot_command and @mention entities.
        """
        chat = self._chat(chat_id, chat_type, first_name)
        if user_id is None:
            user_id = chat_id if chat["type"] == "private" else 1001
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self._user(user_id, first_name, language_code),
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        found = entities if entities is not None else self._auto_entities(text)
        if found:
            message["entities"] = found
        with self._lock:
            if reply_to_bot:
                mine = [
                    m for (c, _), m in self._messages.items() if c == chat["id"] and m["from"]["id"] == BOT_USER["id"]
                ]
                target = mine[-1] if mine else self._store({
                    "message_id": self._new_message_id(chat["id"]), "from": _BOT_SENDER, "chat": chat,
                    "date": int(time.time()), "text": "Which passport do you hold?",
                })
                message["reply_to_message"] = {k: v for k, v in target.items() if k != "reply_to_message"}
            self._store(message)
        return {"message": copy.deepcopy(message)}

    @staticmethod
    def _auto_entities(text: str) -> list[dict[str, Any]]:
        """bot_command for a leading /command and mention for @borderline_test_bot, as Telegram adds them."""
        found: list[dict[str, Any]] = []
        command_end = 0
        command = re.match(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?", text)
        if command:
            command_end = command.end()
            found.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command.group(0))})
        for match in re.finditer(rf"@{BOT_USER['username']}\b", text, re.IGNORECASE):
            if match.start() >= command_end:
                offset, length = _utf16_len(text[: match.start()]), _utf16_len(match.group(0))
                found.append({"type": "mention", "offset": offset, "length": length})
        return found

    def command_update(self, command: str, args: str = "", **kw: Any) -> dict[str, Any]:
        """An Update with "/command args" (a bot_command entity included)."""
        text = "/" + command.lstrip("/") + (f" {args}" if args else "")
        return self.message_update(text, **kw)

    def callback_update(
        self, data: str, message_id: int, chat_id: int = 1001, user_id: int | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """An Update for a pressed inline button; its id is remembered so answerCallbackQuery is accepted."""
        query_id = str(4_611_686_018_427_387_904 + self._new_serial())
        chat = self._chat(chat_id)
        with self._lock:
            self._callback_ids.add(query_id)
            stored = self._messages.get((chat["id"], message_id))
        message = copy.deepcopy(stored) if stored else {"chat": chat, "message_id": message_id, "date": 0}
        if user_id is None:
            user_id = chat_id if chat_id > 0 else 1001
        return {"callback_query": {
            "id": query_id,
            "from": self._user(user_id, language_code=language_code),
            "message": message,
            "chat_instance": str(-8_000_000_000_000_000_000 + abs(chat["id"])),
            "data": data,
        }}

    def inline_update(self, query: str, user_id: int = 1001, chat_type: str = "private",
                      language_code: str | None = "en") -> dict[str, Any]:
        """An Update with an inline query; its unique id is remembered for replies_to."""
        query_id = str(5_764_607_523_034_234_880 + self._new_serial())
        return {"inline_query": {
            "id": query_id, "from": self._user(user_id, language_code=language_code), "query": query, "offset": "",
            "chat_type": chat_type,
        }}

    # ---- request handling ------------------------------------------------------------------

    def _record(self, call: Call, problems: Sequence[str] = ()) -> None:
        with self._calls_changed:
            self.violations.extend(f"{call.method}: {p}" for p in problems)
            self.calls.append(call)
            self._calls_changed.notify_all()

    def _dispatch(self, target: str, content_type: str, body: bytes) -> _Reply:
        """Authenticate, validate, maybe inject a fault, perform; record the call and what was answered."""
        at = time.monotonic()
        if self._stopping.is_set():
            return _Reply(0, None)
        split = urllib.parse.urlsplit(target)
        match = _PATH_RE.fullmatch(split.path)
        if match is None:
            return _json_reply(404, _error_body(404, "Not Found"))
        token, name = match.groups()
        if token != self.token:
            return _json_reply(401, _error_body(401, "Unauthorized"))
        method = self._spec.canonical(name)
        try:
            raw, uploads = _parse_request(split.query, content_type, body)
        except (ValueError, UnicodeDecodeError) as exc:
            raw, uploads, parse_problem = {}, {}, f"can't parse the request: {exc}"
        else:
            parse_problem = ""
        if method is None:
            response = _error_body(404, "Not Found")
            self._record(Call(name, raw, at, response), [f"no such method in Bot API {name!r}"])
            return _json_reply(404, response)
        params, problems = self._spec.decode(method, raw)
        if parse_problem:
            problems.insert(0, parse_problem)
        if not problems:
            problems = self._semantic_problems(method, params)
        if problems:
            response = _error_body(400, f"Bad Request: {problems[0]}")
            self._record(Call(method, params, at, response), problems)
            return _json_reply(400, response)
        fault = self._roll_fault(method)
        if fault in ("429", "500", "502"):
            response = {
                "429": {**_error_body(429, "Too Many Requests: retry after 1"), "parameters": {"retry_after": 1}},
                "500": _error_body(500, "Internal Server Error"),
                "502": _error_body(502, "Bad Gateway"),
            }[fault]
            self._record(Call(method, params, at, {"fault": fault, **response}))
            return _json_reply(int(fault), response)
        if fault == "drop":
            self._record(Call(method, params, at, {"fault": "drop"}))
            return _Reply(0, None)
        if fault == "slow":
            self._stopping.wait(self._slow_seconds)
        call = Call(method, params, at, {})
        if method == "getUpdates":
            self._record(call)  # visible while it long-polls, so a test can wait for the bot to be polling
        status, response = self._perform(method, params, uploads)
        with self._calls_changed:
            call.response = {"fault": fault, **response} if fault else response
            if method == "getUpdates":
                self._calls_changed.notify_all()
        if method != "getUpdates":
            self._record(call)
        if fault == "malformed":
            return _Reply(200, _MALFORMED_BODY)
        return _json_reply(status, response)

    def _perform(self, method: str, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> tuple[int, dict]:
        handler = self._handlers.get(method)
        try:
            with self._lock:
                result = handler(params, uploads) if handler else True
        except _ApiError as exc:
            return exc.code, _error_body(exc.code, exc.description)
        except Exception as exc:  # a bug in the double must fail the test, not hang the bot
            with self._lock:
                self.violations.append(f"{method}: the double itself failed: {exc!r}")
            return 500, _error_body(500, f"Internal Server Error: double failed: {exc!r}")
        return 200, {"ok": True, "result": result}

    def _semantic_problems(self, method: str, params: dict[str, Any]) -> list[str]:
        """Rules Telegram enforces beyond the types: lengths, HTML, keyboards, inline results, query ids."""
        problems: list[str] = []
        mode = params.get("parse_mode")
        if isinstance(mode, str) and mode.lower() not in _PARSE_MODES:
            problems.append(f"unsupported parse_mode {mode!r}")
        if method in ("sendMessage", "editMessageText"):
            problems += _text_problems(params.get("text"), mode, "message text", 1, 4096)
        if "caption" in params:
            problems += _text_problems(params["caption"], mode, "caption", 0, 1024)
        if method.startswith("editMessage") and "inline_message_id" not in params and not (
            "chat_id" in params and "message_id" in params
        ):
            problems.append("message identifier is not specified (chat_id and message_id, or inline_message_id)")
        problems += _keyboard_problems(params.get("reply_markup"), "reply_markup")
        if method == "answerCallbackQuery":
            with self._lock:
                known = params.get("callback_query_id") in self._callback_ids
            if not known:
                problems.append("query is too old and response timeout expired or query ID is invalid")
        if method == "answerInlineQuery":
            problems += self._inline_results_problems(params.get("results"))
        return problems

    @staticmethod
    def _inline_results_problems(results: Any) -> list[str]:
        if not isinstance(results, list):
            return []
        problems: list[str] = []
        if len(results) > 50:
            problems.append(f"RESULTS_TOO_MUCH: {len(results)} results (at most 50)")
        seen: set[str] = set()
        for i, result in enumerate(results):
            if not isinstance(result, dict):
                continue
            rid = result.get("id")
            if not isinstance(rid, str) or not 1 <= len(rid.encode("utf-8")) <= 64:
                problems.append(f"RESULT_ID_INVALID: results[{i}].id must be 1-64 bytes")
            elif rid in seen:
                problems.append(f"RESULT_ID_DUPLICATE: results[{i}].id {rid!r} is used twice")
            else:
                seen.add(rid)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                problems += _text_problems(
                    content["message_text"], content.get("parse_mode"), f"results[{i}] message text", 1, 4096
                )
            if "caption" in result:
                problems += _text_problems(
                    result["caption"], result.get("parse_mode"), f"results[{i}] caption", 0, 1024
                )
            problems += _keyboard_problems(result.get("reply_markup"), f"results[{i}].reply_markup")
        return problems

    # ---- method implementations (called with the lock held) -------------------------------

    def _get_updates(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = min(max(float(params.get("timeout") or 0), 0.0), 60.0)
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        deadline = time.monotonic() + timeout
        while not self._pending and not self._stopping.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._updates_changed.wait(remaining)
        batch = self._pending[:limit]
        now = time.monotonic()
        for update in batch:
            self._delivered.setdefault(update["update_id"], now)
        return copy.deepcopy(batch)

    def _set_webhook(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> bool:
        self._webhook_url = params.get("url", "")
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _delete_webhook(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> bool:
        self._webhook_url = ""
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> dict[str, Any]:
        return {"url": self._webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._pending)}

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code") or ""

    def _set_my_commands(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> bool:
        self._commands[self._commands_key(params)] = params["commands"]
        return True

    def _get_my_commands(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> list[Any]:
        return self._commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _reply_target(self, chat: dict[str, Any], params: dict[str, Any]) -> dict[str, Any] | None:
        """The message a send replies to, or the 400 Telegram gives for a reply to a missing message."""
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            return None
        target_chat = self._chat(reply["chat_id"])["id"] if "chat_id" in reply else chat["id"]
        target = self._messages.get((target_chat, reply.get("message_id")))
        if target is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise _ApiError(400, "Bad Request: message to be replied not found")
        return {k: v for k, v in target.items() if k != "reply_to_message"}

    def _bot_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        """A new message from the bot in params' chat, stored so it can be edited, replied to or pressed."""
        chat = self._chat(params["chat_id"])
        replied = self._reply_target(chat, params)
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": _BOT_SENDER,
            "chat": chat,
            "date": int(time.time()),
        }
        if replied is not None:
            message["reply_to_message"] = replied
        message.update(content)
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return self._store(message)

    @staticmethod
    def _rendered(text: str, params: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
        """Plain text as users see it, and a signature of the formatted content for "not modified"."""
        mode = params.get("parse_mode")
        html_mode = isinstance(mode, str) and mode.lower() == "html"
        plain = html_to_plain(text) if html_mode else text
        signature = (plain, text if html_mode else None, json.dumps(params.get("entities"), sort_keys=True))
        return plain, signature

    def _send_message(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> dict[str, Any]:
        plain, signature = self._rendered(params["text"], params)
        extra: dict[str, Any] = {"text": plain}
        if isinstance(params.get("entities"), list) and params["entities"]:
            extra["entities"] = params["entities"]
        message = self._bot_message(params, **extra)
        self._content[(message["chat"]["id"], message["message_id"])] = signature
        return message

    def _editable(self, params: dict[str, Any]) -> tuple[tuple[int, int], dict[str, Any]] | None:
        """The stored bot message an edit refers to (None for inline messages), or Telegram's 400."""
        if "inline_message_id" in params:
            return None
        key = (self._chat(params["chat_id"])["id"], params["message_id"])
        message = self._messages.get(key)
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != BOT_USER["id"]:
            raise _ApiError(400, "Bad Request: message can't be edited")
        return key, message

    def _edit_message_text(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> Any:
        found = self._editable(params)
        if found is None:
            return True
        key, message = found
        if "text" not in message:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        plain, signature = self._rendered(params["text"], params)
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if self._content.get(key) == signature and message.get("reply_markup") == markup:
            raise _ApiError(400, _NOT_MODIFIED)
        edited = {k: v for k, v in message.items() if k not in ("reply_markup", "entities")}
        edited.update(text=plain, edit_date=int(time.time()))
        if isinstance(params.get("entities"), list) and params["entities"]:
            edited["entities"] = params["entities"]
        if markup is not None:
            edited["reply_markup"] = markup
        self._content[key] = signature
        return self._store(edited)

    def _edit_message_reply_markup(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> Any:
        found = self._editable(params)
        if found is None:
            return True
        _, message = found
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if message.get("reply_markup") == markup:
            raise _ApiError(400, _NOT_MODIFIED)
        edited = {k: v for k, v in message.items() if k != "reply_markup"}
        edited["edit_date"] = int(time.time())
        if markup is not None:
            edited["reply_markup"] = markup
        return self._store(edited)

    def _delete_message(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> bool:
        key = (self._chat(params["chat_id"])["id"], params["message_id"])
        if self._messages.pop(key, None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    def _send_document(self, params: dict[str, Any], uploads: dict[str, tuple[str, str]]) -> dict[str, Any]:
        document = params["document"]
        if isinstance(document, bytes):
            name, mime = uploads.get("document", ("document", "application/octet-stream"))
            serial = self._new_serial()
            meta = {
                "file_id": f"BQACAgIAAxkBAAIB{serial:08d}double",
                "file_unique_id": f"AgAD{serial:08d}",
                "file_name": name,
                "mime_type": mime,
                "file_size": len(document),
            }
            self._files[meta["file_id"]] = meta
        else:
            meta = self._files.get(document) or {
                "file_id": document, "file_unique_id": f"AgAD{zlib.crc32(document.encode()):08x}", "file_size": 0,
            }
        content: dict[str, Any] = {"document": dict(meta)}
        if params.get("caption"):
            content["caption"] = self._rendered(params["caption"], params)[0]
        return self._bot_message(params, **content)
