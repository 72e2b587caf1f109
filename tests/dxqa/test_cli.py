"""The `dxqa` command through its real entry point, as other tools will call it."""

import json
import sys

from devtools.cli import run_dxqa
from tests.conftest import CORPUS

DXQA = [sys.executable, "-m", "dxqa.cli"]


def _run(args, env_index, stdin=None):
    return run_dxqa(args, index=env_index, corpus=CORPUS, stdin=stdin)


def test_ask_json_prints_one_object(index_dir):
    result = _run(["ask", "--json", "CIO補佐官の募集経費の上限は？"], index_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["question"] == "CIO補佐官の募集経費の上限は？"
    assert "100万円" in data["answer"]


def test_ask_jsonl_answers_each_stdin_line_in_one_process(index_dir):
    result = _run(["ask", "--jsonl"], index_dir, stdin="OODAループとは？\n\n東京スカイツリーの高さは？\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["question"] for d in lines] == ["OODAループとは？", "東京スカイツリーの高さは？"]
    assert [d["abstained"] for d in lines] == [False, True]


def test_missing_index_says_what_to_do_in_japanese_and_english(tmp_path):
    result = _run(["ask", "質問"], tmp_path / "no-index")
    assert result.returncode == 2
    assert "インデックスがありません" in result.stderr and "dxqa ingest" in result.stderr
    assert "No index found" in result.stderr


def test_invalid_mode_lists_the_valid_ones(index_dir):
    result = _run(["ask", "--mode", "magic", "質問"], index_dir)
    assert result.returncode == 2
    assert "hybrid, bm25, dense" in result.stderr


def test_overlong_question_is_refused_clearly_and_jsonl_keeps_going(index_dir):
    result = _run(["ask", "財政措置" * 200], index_dir)
    assert result.returncode == 2 and "質問が長すぎます" in result.stderr
    result = _run(["ask", "--jsonl"], index_dir, stdin="あ" * 600 + "\nOODAループとは？\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert "質問が長すぎます" in lines[0]["error"]
    assert lines[1]["abstained"] is False
