"""The judging sheet (bot/devtools/sheet.py): what a reader who never saw the code is shown."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bot.devtools import sheet
from tests.conftest import ROOT

ITEMS = [
    {"id": 1, "q": "can americans go to north korea", "must_contain": "US passport invalid", "followup_of": None},
    {"id": 2, "q": "and with a UK passport?", "must_contain": "UK passport can enter", "followup_of": 1},
    {"id": 3, "q": "weather in kabul", "followup_of": None},
]


def test_a_sheet_shows_each_question_with_its_chat_fact_and_first_message(tmp_path: Path, kb_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text(yaml.safe_dump(ITEMS), encoding="utf-8")
    out = tmp_path / "sheet.md"
    assert sheet.main([str(questions), str(out), "--checkout", str(ROOT), "--kb", str(kb_path)]) == 0
    text = out.read_text(encoding="utf-8")
    second = text.split("## 2\n")[1].split("## 3\n")[0]
    assert "(earlier in the chat: can americans go to north korea)" in second
    assert "A correct answer must contain: UK passport can enter" in second
    assert "United Kingdom passport" in second and "<b>" not in second  # the answer, as plain text
    assert "(not given)" in text.split("## 3\n")[1]


def test_two_checkouts_are_shuffled_under_labels_with_the_key_apart(tmp_path: Path, kb_path: Path) -> None:
    questions = tmp_path / "set.yaml"
    questions.write_text(yaml.safe_dump(ITEMS), encoding="utf-8")
    out, key = tmp_path / "sheet.md", tmp_path / "key.json"
    assert sheet.main([str(questions), str(out), "--checkout", str(ROOT), "--against", str(ROOT), "--key", str(key),
                       "--kb", str(kb_path)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("### Answer A") == 3 and text.count("### Answer B") == 3
    assert "Answer checkout" not in text and "Answer against" not in text and str(ROOT) not in text
    labels = json.loads(key.read_text(encoding="utf-8"))["labels"]
    assert set(labels) == {"1", "2", "3"}
    assert all(sorted(v.values()) == ["against", "checkout"] for v in labels.values())
