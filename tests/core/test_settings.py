"""Settings from `DXQA_*` environment variables: each converted to its type, bad values refused clearly."""

from dataclasses import fields
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import Settings

# A valid text for each kind of setting, and the value it must become.
SAMPLES = {
    int: ("7", 7),
    float: ("0.25", 0.25),
    str: ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
    Path: ("/srv/dxqa/data", Path("/srv/dxqa/data")),
}


def _kind(value: object) -> type:
    return Path if isinstance(value, Path) else type(value)


def test_without_dxqa_variables_every_default_applies():
    assert Settings.from_env({}) == Settings()
    assert Settings.from_env({"PATH": "/usr/bin", "HOME": "/home/tanaka", "LANG": "ja_JP.UTF-8"}) == Settings()


def test_every_setting_is_read_from_its_variable_and_converted_to_its_type():
    defaults = Settings()
    for field in fields(Settings):
        if field.name == "tuning":  # its fields have their own variables (tests/core/test_tuning.py)
            continue
        text, expected = SAMPLES[_kind(getattr(defaults, field.name))]
        value = getattr(Settings.from_env({f"DXQA_{field.name.upper()}": text}), field.name)
        assert value == expected and type(value) is type(expected), field.name


def test_numbers_written_as_integers_are_read_as_weights():
    settings = Settings.from_env({"DXQA_BM25_WEIGHT": "2", "DXQA_TOP_K": "5", "DXQA_LLM_TIMEOUT": "60"})
    assert settings.tuning.bm25_weight == 2.0 and isinstance(settings.tuning.bm25_weight, float)
    assert settings.top_k == 5 and settings.llm_timeout == 60.0


def test_a_folder_under_the_home_directory_is_expanded():
    settings = Settings.from_env({"DXQA_INDEX_DIR": "~/dxqa/index"})
    assert settings.index_dir == Path.home() / "dxqa" / "index"


def test_a_bad_value_names_the_variable_and_the_expected_type_in_japanese_and_english():
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"DXQA_TOP_K": "十"})
    assert (
        "DXQA_TOP_K" in refused.value.ja
        and "「十」" in refused.value.ja
        and "int を指定してください" in refused.value.ja
    )
    assert refused.value.en == "Invalid value '十' for DXQA_TOP_K: expected int."


@pytest.mark.parametrize(
    ("name", "text"),
    [("DXQA_LLM_TIMEOUT", "30秒"), ("DXQA_RERANK_WEIGHT", "0,005"), ("DXQA_PORT", ""), ("DXQA_CONCURRENCY", "4.5")],
)
def test_values_that_are_not_numbers_are_refused(name, text):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: text})


def test_unknown_and_differently_written_variables_are_ignored():
    ignored = {"DXQA_NO_SUCH_SETTING": "1", "dxqa_top_k": "3", "DXQA_top_k": "3", "TOP_K": "3", "DXQA_": "x"}
    assert Settings.from_env(ignored) == Settings()


def test_command_line_flags_win_over_variables_and_unset_flags_change_nothing():
    settings = Settings.from_env({"DXQA_TOP_K": "5", "DXQA_LLM_URL": "http://127.0.0.1:8080/v1"})
    overridden = settings.with_overrides(top_k=3, llm_url=None)
    assert overridden.top_k == 3 and overridden.llm_url == "http://127.0.0.1:8080/v1"
