"""Polite HTTP for official feeds: identified, time-limited, retried with backoff, conditional.

Government endpoints rate-limit anonymous clients (the State Department's JSON API answers 429 or
an empty array), so every request names the bot, waits as long as Retry-After asks (up to a cap,
beyond which the poll fails and the next scheduled poll tries again), and sends the validators of
the last response so an unchanged feed costs a 304.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

USER_AGENT = "Borderline/0.1 (+https://github.com/borderline-bot; travel-advisory follower)"
ACCEPT = "application/json, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_BYTES = 32 * 1024 * 1024


class FetchError(Exception):
    """The document could not be fetched (after retries, or with a status not worth retrying)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class HttpResult:
    url: str
    status: int
    content: bytes
    etag: str | None
    last_modified: str | None
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class FeedClient:
    """GET with the bot's User-Agent, timeouts, retries on 429/5xx/network errors, and validators."""

    def __init__(self, client: httpx.Client | None = None, *, retries: int = 3, backoff: float = 2.0,
                 max_wait: float = 120.0, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                 sleep: Callable[[float], None] = time.sleep, max_bytes: int = MAX_BYTES,
                 min_interval: float = 0.2) -> None:
        self._own = client is None
        self.client = client or httpx.Client(timeout=timeout, follow_redirects=True,
                                             headers={"User-Agent": USER_AGENT})
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.max_bytes = max_bytes
        self.min_interval = min_interval  # pacing between requests (the FCDO flow fetches many pages)
        self.requests = 0
        self._last = 0.0

    def close(self) -> None:
        if self._own:
            self.client.close()

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> HttpResult:
        headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                result = self._once(url, headers)
            except httpx.TransportError as exc:
                problem, wait = f"{type(exc).__name__}: {exc}", None
            else:
                if result.status < 400:
                    return result
                if result.status != 429 and result.status < 500:
                    raise FetchError(f"HTTP {result.status}", result.status)
                problem, wait = f"HTTP {result.status}", result.retry_after
            if attempt >= self.retries:
                raise FetchError(f"{problem} after {attempt + 1} attempts")
            delay = wait if wait is not None else self.backoff * (2 ** attempt)
            if delay > self.max_wait:
                raise FetchError(f"{problem}; Retry-After {delay:.0f} s is beyond the {self.max_wait:.0f} s limit")
            self.sleep(delay)
            attempt += 1

    def _once(self, url: str, headers: dict[str, str]) -> HttpResult:
        gap = self.min_interval - (time.monotonic() - self._last)
        if self.requests and gap > 0:
            self.sleep(gap)
        self._last = time.monotonic()
        self.requests += 1
        with self.client.stream("GET", url, headers=headers, timeout=self.timeout, follow_redirects=True) as response:
            chunks: list[bytes] = []
            size = 0
            if response.status_code == 200:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"response larger than {self.max_bytes} bytes")
                    chunks.append(chunk)
            return HttpResult(url=url, status=response.status_code, content=b"".join(chunks),
                              etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified"),
                              retry_after=retry_after_seconds(response.headers.get("Retry-After")))
