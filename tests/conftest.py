"""Shared fixtures: one real knowledge base built once per test session from the repository's files."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.storage.build import build

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "borderline.sqlite"
    build(KNOWLEDGE, path)
    return path


@pytest.fixture(scope="session")
def kb(kb_path: Path):
    from bot.storage.kb import KnowledgeBase

    base = KnowledgeBase(kb_path)
    yield base
    base.close()


@pytest.fixture(scope="session")
def engine(kb):
    from bot.answering.engine import Engine

    return Engine(kb, today=TODAY)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A private copy of the knowledge directory that a test may break."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


# -- Telegram end-to-end fixtures: the Bot API test double and the real application polling it -----
@pytest.fixture
def double():
    from bot.devtools.botapi_double import BotApiDouble

    with BotApiDouble() as d:
        yield d


@pytest.fixture
def db(kb_path: Path, tmp_path: Path) -> Path:
    """A private copy of the session database for a test that writes."""
    target = tmp_path / "kb.sqlite"
    shutil.copyfile(kb_path, target)
    return target


@pytest.fixture
async def bot(double, db: Path):
    from tests.harness import running_bot

    async with running_bot(double, db) as app:
        yield app
    double.assert_no_violations()
