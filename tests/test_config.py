"""Settings: defaults, site.toml, command-line overrides, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_gen.config import load_config
from site_gen.errors import ConfigError


def test_defaults_resolve_against_the_build_folder(tmp_path):
    config = load_config(tmp_path)
    assert config.source == tmp_path / "seeds" and config.out == tmp_path / "_site"
    assert config.glossary.name == "glossary.toml"


def test_site_toml_then_command_line(tmp_path):
    (tmp_path / "site.toml").write_text('title = "文集"\nout = "public"\n', encoding="utf-8")
    config = load_config(tmp_path, {"out": Path("elsewhere"), "base_url": None})
    assert config.title == "文集" and config.out == tmp_path / "elsewhere"


@pytest.mark.parametrize("body, message, line", [
    ('title = "x"\nbase_url = "ftp:/nope"\n', "option 'base_url': expected an http(s) URL", 2),
    ('\n\ntitel = "x"\n', "option 'titel' is not known", 3),
    ('jobs = -1\n', "option 'jobs'", 1),
    ('disabled_rules = "strip_html"\n', "expected a list of rule names", 1),
    ('title = \n', "", 1),
])
def test_bad_values_name_the_file_the_line_and_the_key(tmp_path, body, message, line):
    (tmp_path / "site.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    text = str(error.value)
    assert f"site.toml:{line}:" in text and message in text


def test_bad_command_line_value_names_the_option(tmp_path):
    with pytest.raises(ConfigError, match="--base-url"):
        load_config(tmp_path, {"base_url": "not a url"})


def test_a_settings_file_named_on_the_command_line_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the settings"):
        load_config(tmp_path, path=tmp_path / "missing.toml")


def test_a_settings_file_that_is_not_utf8_is_one_line_naming_it(tmp_path):
    (tmp_path / "site.toml").write_bytes('title = "文集"\n'.encode("gb18030"))
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert "site.toml" in str(error.value) and "\n" not in str(error.value)
