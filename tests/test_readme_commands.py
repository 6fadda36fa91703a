"""The README's usage examples are run as written (those that finish by themselves)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ASSISTANT = Path(sys.executable).parent / "assistant"
RUNNABLE = ("ask", "precheck", "checklist", "index", "migrate")


def readme_commands() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for line in re.findall(r"^\.venv/bin/assistant .*$", text, flags=re.MULTILINE):
        words = shlex.split(line.split("  #")[0])
        if words[1] in RUNNABLE:
            commands.append(words[1:])
    return commands


def run_cli(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([str(ASSISTANT), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("args", readme_commands(), ids=lambda args: " ".join(args)[:40])
def test_readme_example_runs(args, tmp_path_factory):
    result = run_cli(args, tmp_path_factory.getbasetemp())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_ask_json_prints_the_contract_body(tmp_path_factory):
    result = run_cli(["ask", "双跨平台奖励多少钱？", "--json"], tmp_path_factory.getbasetemp())
    body = json.loads(result.stdout)
    assert body["status"] == "answered"
    assert body["citations"][0]["label"] == "第五条第（一）项第1目"


def test_precheck_json_and_bad_facts(tmp_path_factory, tmp_path):
    ok = run_cli(["precheck", "examples/facts-security.json", "--json"], tmp_path_factory.getbasetemp())
    security = json.loads(ok.stdout)["results"][2]
    assert (security["status"], security["max_amount_yuan"]) == ("eligible", 420000)
    bad = tmp_path / "bad.json"
    bad.write_text('{"platform": {"served_enterprises": -1}}', encoding="utf-8")
    failed = run_cli(["precheck", str(bad)], tmp_path_factory.getbasetemp())
    assert failed.returncode == 2 and "served_enterprises" in failed.stderr


def test_chat_repl_reads_lines_until_exit(tmp_path_factory):
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path_factory.getbasetemp() / "data"), "HF_HUB_OFFLINE": "1"}
    messages = "我们是武汉注册的独立法人，做工控安全服务\n前两年安全服务收入420万元\n没有重大事故，也没有严重失信\nexit\n"
    result = subprocess.run([str(ASSISTANT), "chat"], input=messages, cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "符合条件，最高42万元" in result.stdout
