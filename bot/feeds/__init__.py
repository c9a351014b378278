"""Official travel-advisory feed follower (US, UK, Australia, Canada): fetch, validate, apply.

Self-contained on purpose (stdlib and httpx only): the rest of the bot reads the results through
bot.storage.feeds and the RefreshReport, and wires refresh into the CLI and the JobQueue.
"""

from bot.feeds.http import USER_AGENT, FeedClient, FetchError
from bot.feeds.model import ISSUERS, Advisory
from bot.feeds.review import approve_pending, list_pending, reject_pending
from bot.feeds.run import FeedStats, RefreshReport, bench_refresh, refresh, refresh_async
from bot.feeds.urls import DIR_LAYOUT, DirLayout, FeedUrls
from bot.feeds.visa_diff import diff_visa
from bot.knowledge.issuer_names import CountryNames

__all__ = [
    "DIR_LAYOUT",
    "ISSUERS",
    "USER_AGENT",
    "Advisory",
    "CountryNames",
    "DirLayout",
    "FeedClient",
    "FeedStats",
    "FeedUrls",
    "FetchError",
    "RefreshReport",
    "approve_pending",
    "bench_refresh",
    "diff_visa",
    "list_pending",
    "refresh",
    "refresh_async",
    "reject_pending",
]
