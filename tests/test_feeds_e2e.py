"""A change in an official feed reaches a follower through the real bot and the Bot API double."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.devtools.botapi_double import BotApiDouble
from tests.conftest import ROOT
from tests.harness import ADMIN_ID, ask, running_bot

FEEDS = ROOT / "tests" / "data" / "feeds"
FOLLOWER = 5001


def _feed_env(directory: Path) -> tuple[tuple[str, str], ...]:
    missing = (directory / "missing").as_uri()
    return (("FEED_US_URL", (directory / "us" / "TAsTWs.xml").as_uri()), ("FEED_US_JSON_URL", missing),
            ("FEED_GB_URL", missing), ("FEED_AU_URL", missing), ("FEED_AU_RSS_URL", missing),
            ("FEED_CA_URL", missing))


async def test_a_raised_level_reaches_followers_and_answers(double: BotApiDouble, db: Path, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    shutil.copytree(FEEDS, feeds)
    async with running_bot(double, db, feed_env=_feed_env(feeds)):
        assert "You now follow" in (await ask(double, "/follow TM", chat_id=FOLLOWER, user_id=FOLLOWER)).params["text"]
        first = await ask(double, "/refresh", chat_id=ADMIN_ID, user_id=ADMIN_ID)
        first = await double.await_for("sendMessage", lambda c: "US State Department" in c.params.get("text", ""))
        assert "7 accepted" in first[-1].params["text"]  # the first poll is believed as it stands, not announced
        rss = feeds / "us" / "TAsTWs.xml"
        rss.write_text(rss.read_text(encoding="utf-8").replace(
            "Turkmenistan - Level 1: Exercise Normal Precautions", "Turkmenistan - Level 2: Exercise Increased Caution"
        ).replace("<pubDate>Fri, 21 Aug 2026</pubDate>\n  <description><![CDATA[<p><b>There were no changes",
                  "<pubDate>Mon, 30 Nov 2026</pubDate>\n  <description><![CDATA[<p><b>There were no changes"
        ).replace("<category domain=\"Threat-Level\">Level 1: Exercise Normal Precautions</category>\n"
                  "  <category domain=\"Country-Tag\">TX</category>",
                  "<category domain=\"Threat-Level\">Level 2: Exercise Increased Caution</category>\n"
                  "  <category domain=\"Country-Tag\">TX</category>"), encoding="utf-8")
        before = len(double.sent_messages(FOLLOWER))
        await ask(double, "/refresh", chat_id=ADMIN_ID, user_id=ADMIN_ID)
        notes = await double.await_for("sendMessage", lambda c: c.params.get("chat_id") in (FOLLOWER, str(FOLLOWER)),
                                       count=before + 1)
        note = notes[-1].params["text"]
        assert "Turkmenistan" in note and "Level 2" in note
        answer = await ask(double, "Is Turkmenistan safe?", chat_id=FOLLOWER, user_id=FOLLOWER)
        assert "US Level 2" in answer.params["text"]  # the feed's newer advisory is what travelers now read
        feeds_reply = await ask(double, "/feeds", chat_id=ADMIN_ID, user_id=ADMIN_ID)
        assert "US: ok" in feeds_reply.params["text"]
    double.assert_no_violations()
