"""Tuning weights are named once, default to the measured values, and can be swept by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import ROOT, Settings
from core.tuning import NAMES, Tuning, applied, current
from dxqa.cli import main

# The values the answers were measured with (README "Fusion and rerank", "Three outcomes"):
# changing one must be a deliberate, measured change of this table too.
MEASURED = {
    "rrf_k": 60,
    "bm25_weight": 1.5,
    "dense_weight": 1.0,
    "candidates": 1000,
    "min_passages": 10,
    "rerank_weight": 0.005,
    "rerank_pool": 2,
    "read_hits": 5,
    "max_sentences": 4,
    "keep_ratio": 0.6,
    "same_passage_factor": 0.85,
    "min_coverage": 0.44,
    "related_coverage": 0.3,
    "yesno_coverage": 0.3,
    "unknown_term_share": 0.5,
    "compound_penalty": 0.5,
    "heading_factor": 0.5,
    "max_list_items": 12,
    "recency_ratio": 0.6,
    "same_subject": 0.5,
    "older_statement_ratio": 0.3,
    "rank_decay": 0.25,
    "own_weight": 0.6,
    "local_weight": 0.4,
    "context_weight": 0.5,
    "sentence_idf_power": 1.5,
    "novelty_floor": 0.3,
    "novelty_full": 0.5,
    "value_missing_factor": 0.6,
    "value_rescue_ratio": 0.5,
    "steps_missing_factor": 0.6,
    "place_missing_factor": 0.5,
    "head_missing_factor": 0.6,
    "list_intro_bonus": 0.4,
    "same_count_factor": 2.0,
    "named_list_factor": 2.0,
    "value_bonus": {
        "amount": 0.3,
        "rate": 0.4,
        "count": 0.3,
        "number": 0.3,
        "deadline": 0.6,
        "when": 0.4,
        "period": 0.2,
    },
    "period_range_bonus": 0.4,
    "definition_bonus": 0.3,
    "actor_bonus": 0.4,
    "place_bonus": 0.2,
    "article_bonus": 1.0,
    "year_bonus": 0.3,
    "ordinal_bonus": 0.3,
    "other_ordinal_factor": 0.5,
    "yesno_bonus": 0.2,
    "subject_coverage": 0.5,
    "head_idf_margin": 0.05,
    "llm_word_support": 0.6,
    "min_own_terms": 1,
    "follow_up_max_terms": 3,
    "joint_coverage": 0.3,
    "follow_up_terms": 3,
    "replaced_value_window": 15,
    "case_size_weight": 0.1,
    "case_rank_bonus": 0.5,
    "max_cases": 5,
    "open_band_top": 10**7,
}


def test_defaults_are_the_measured_values_and_each_is_explained():
    tuning = Tuning()
    assert {name: getattr(tuning, name) for name in NAMES} == {
        **MEASURED,
        "value_bonus": tuple(MEASURED["value_bonus"].items()),
    }
    assert tuning.differences() == {}
    source = (ROOT / "core" / "tuning.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    for name in NAMES:
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{name}:"))
        reason = lines[at] if "#" in lines[at] else lines[at - 1]
        assert "#" in reason and not reason.strip().startswith("# ---"), f"{name} has no reason on or above its line"


def test_set_changes_one_value_and_value_bonus_by_slot_or_all():
    tuning = Tuning().with_values(["rerank_weight=0.01", "value_bonus.deadline=0.4", "rrf_k=30"])
    assert tuning.differences() == {
        "rrf_k": 30,
        "rerank_weight": 0.01,
        "value_bonus": {**MEASURED["value_bonus"], "deadline": 0.4},
    }
    assert {bonus for _, bonus in Tuning().with_values(["value_bonus=0.2"]).value_bonus} == {0.2}
    assert Tuning().with_values(["unknown_term_share=0.5"]).unknown_term_share == 0.5
    assert Settings(tuning=tuning) != Settings() and hash(Settings(tuning=tuning))  # plain, hashable values


@pytest.mark.parametrize(
    "assignment, says",
    [
        ("rerank_wieght=0.01", "rerank_weight"),  # a wrong name lists the valid ones
        ("rrf_k=0.5", "int"),  # a wrong type says which is expected
        ("value_bonus.colour=0.1", "deadline"),
        ("rerank_weight", "名前=値"),
        ("keep_ratio=-1", "0以上"),
    ],
)
def test_a_wrong_name_or_value_is_refused_with_what_is_valid(assignment, says):
    with pytest.raises(ConfigError) as refused:
        Tuning().with_values([assignment])
    assert says in refused.value.ja and refused.value.en


def test_eval_set_refuses_unknown_names_before_loading_anything(capsys):
    assert main(["eval", "--index", "/nonexistent", "--set", "rerank_weight=0.01", "--set", "nope=1"]) == 2
    error = capsys.readouterr().err
    assert "調整値「nope」はありません" in error and "rerank_weight" in error and "Unknown tuning name" in error


def test_env_variables_tune_and_paths_follow_dxqa_home(tmp_path):
    settings = Settings.from_env({"DXQA_RERANK_WEIGHT": "0.01", "DXQA_HOME": str(tmp_path)})
    assert settings.tuning.rerank_weight == 0.01 and settings.tuning.rrf_k == 60
    assert (settings.corpus_dir, settings.index_dir) == (tmp_path / "corpus", tmp_path / "data" / "index")
    assert Settings.from_env({}).index_dir == ROOT / "data" / "index"  # unset: the source tree, as before
    with pytest.raises(ConfigError, match="DXQA_RRF_K"):
        Settings.from_env({"DXQA_RRF_K": "many"})


def test_a_tuning_is_current_only_inside_its_block():
    swept = Tuning().with_values(["min_coverage=0.3"])
    with applied(swept):
        assert current().min_coverage == 0.3
    assert current() == Tuning()


def test_user_add_writes_under_dxqa_home_whatever_the_working_directory(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DXQA_HOME": str(tmp_path / "home")}
    env.pop("DXQA_AUTH_FILE", None)
    done = subprocess.run(
        [sys.executable, "-m", "dxqa.cli", "user", "add", "tanaka"],
        input="secret-pass-1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert (tmp_path / "home" / "data" / "users.txt").is_file(), done.stdout
    assert not (tmp_path / "data").exists()


def test_importing_the_vector_store_changes_no_environment_variable():
    code = "import os; before = dict(os.environ); import store.vectors; print(dict(os.environ) == before)"
    env = {k: v for k, v in os.environ.items() if k != "ANONYMIZED_TELEMETRY"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=Path(ROOT), check=True
    )
    assert done.stdout.strip() == "True"
