import pytest

from assistant import config
from assistant.errors import ConfigError


def test_defaults_then_toml_then_environment(tmp_path):
    (tmp_path / "config.toml").write_text("[router]\nthreshold = 0.6\nmargin = 0.2\n")
    effective = config.load(tmp_path, environ={"ASSISTANT_ROUTER_MARGIN": "0.05"})
    assert effective.router.threshold == 0.6  # from the file
    assert effective.router.margin == 0.05  # the environment wins over the file
    assert effective.input.max_chars == config.InputConfig().max_chars  # default


def test_bad_value_is_a_one_line_error_quoting_it(tmp_path):
    with pytest.raises(ConfigError, match=r"router.threshold = 'high' is not a valid float"):
        config.load(tmp_path, environ={"ASSISTANT_ROUTER_THRESHOLD": "high"})


def test_unknown_setting_and_section_are_named(tmp_path):
    (tmp_path / "config.toml").write_text("[router]\nthreshhold = 0.6\n")
    with pytest.raises(ConfigError, match=r"unknown setting router\.threshhold"):
        config.load(tmp_path, environ={})
    (tmp_path / "config.toml").write_text("[routr]\n")
    with pytest.raises(ConfigError, match=r"unknown section \[routr\]"):
        config.load(tmp_path, environ={})


def test_broken_toml_names_the_file(tmp_path):
    (tmp_path / "config.toml").write_text("[router\n")
    with pytest.raises(ConfigError, match=r"config\.toml"):
        config.load(tmp_path, environ={})
