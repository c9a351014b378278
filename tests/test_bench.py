"""The benchmark command runs and reports every figure the README quotes (no timing assertions here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

KEYS = {
    "answer_p50_us", "answer_p99_us", "match_p50_us", "match_p99_us", "baseline_p50_us", "baseline_accuracy",
    "accuracy", "e2e_updates_per_s", "echo_updates_per_s", "e2e_ratio", "inline_p99_ms", "rss_mb", "build_s",
    "cold_ask_s",
}


def test_bench_quick_prints_all_keys(kb_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "bot", "bench", "--quick", "--json", "--kb", str(kb_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(result) >= KEYS, KEYS - set(result)
    assert all(isinstance(result[k], int | float) for k in KEYS)


def test_bench_can_leave_the_blind_sets_alone(kb_path: Path, monkeypatch, capsys) -> None:
    """Whoever tunes the matcher runs `bench --no-blind`: the measuring sets are then never read."""
    from bot import bench

    for name in ("measure_engine", "measure_build_and_cold", "measure_feeds", "measure_e2e"):
        monkeypatch.setattr(bench, name, lambda *a, **k: {"x": 1})

    def blind(*a, **k):
        raise AssertionError("the blind sets were read")

    monkeypatch.setattr(bench, "measure_blind", blind)
    assert bench.run_bench(kb_path, quick=True, as_json=True, blind=False) == 0
    assert json.loads(capsys.readouterr().out)["x"] == 1
    with pytest.raises(AssertionError, match="blind sets"):
        bench.run_bench(kb_path, quick=True, as_json=True)
