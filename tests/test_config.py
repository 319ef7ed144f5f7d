import datetime as dt

import pytest

from lint.config import Config, ConfigError, ConfigResolver, find_file, read_file


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_newslint_section_with_all_keys(tmp_path):
    cfg = read_file(
        write(
            tmp_path / "newslint.cfg",
            "[newslint]\nselect = quotes, duplicates\nignore = quotes.unclosed\n"
            "severity =\n    quotes.* = error\n    duplicates = info\nlanguage = fr\nfail-on = error\n"
            "allow-names = Bidn, Ce Jinping\nknowledge = off\ncache-dir = cache\nmax-bytes = 5M\ndate = 2022-01-26\n",
        )
    )
    assert cfg.select == ("quotes", "duplicates")
    assert cfg.ignore == ("quotes.unclosed",)
    assert cfg.severity_of("quotes.mismatch", "warning") == "error"
    assert cfg.severity_of("duplicates.paragraph", "warning") == "info"
    assert cfg.language == "fr" and cfg.fail_on == "error" and cfg.knowledge == "off"
    assert cfg.allow_names == {"bidn", "ce jinping"}
    assert cfg.max_bytes == 5 * 1024 * 1024
    assert cfg.cache_dir == str((tmp_path / "cache").resolve())
    assert cfg.date == dt.date(2022, 1, 26)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("colour = red\n", "newslint.cfg:3: unknown key 'colour'"),
        ("fail-on = sometimes\n", "newslint.cfg:3: fail-on: bad value 'sometimes'"),
        ("max-bytes = lots\n", "newslint.cfg:3: max-bytes: bad value 'lots'"),
        ("severity = quotes.mismatch = fatal\n", "newslint.cfg:3: severity: bad value"),
        ("knowledge = google\n", "newslint.cfg:3: knowledge: bad value 'google'"),
    ],
)
def test_bad_keys_and_values_name_file_line_and_value(tmp_path, body, expected):
    path = write(tmp_path / "newslint.cfg", "# comment\n[newslint]\n" + body)
    with pytest.raises(ConfigError) as err:
        read_file(path)
    assert expected in str(err.value)
    assert str(tmp_path) in str(err.value)


def test_unknown_rule_ids_are_reported_with_their_origin(tmp_path):
    cfg = read_file(write(tmp_path / "newslint.cfg", "[newslint]\n\nselect = quotes, nosuch.rule\n"))
    with pytest.raises(ConfigError, match=r"newslint.cfg:3: select: unknown rule or family 'nosuch.rule'"):
        cfg.check_rule_ids(["quotes.mismatch", "duplicates.paragraph"])
    cfg.replace(select=("quotes*",)).check_rule_ids(["quotes.mismatch"])


def test_found_from_the_input_folder_upward_and_setup_cfg_needs_the_section(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    write(tmp_path / "setup.cfg", "[metadata]\nname = x\n")
    assert find_file(sub) is None or find_file(sub).parent != tmp_path
    write(tmp_path / "a" / "setup.cfg", "[newslint]\nlanguage = de\n")
    assert find_file(sub / "article.txt") == tmp_path / "a" / "setup.cfg"
    write(sub / ".newslint.cfg", "[newslint]\nlanguage = es\n")
    assert find_file(sub / "article.txt") == sub / ".newslint.cfg"


def test_command_line_wins_over_the_file(tmp_path):
    write(tmp_path / "newslint.cfg", "[newslint]\nlanguage = de\nfail-on = error\n")
    resolver = ConfigResolver({"language": "fr", "fail-on": None})
    cfg = resolver.for_path(tmp_path / "x.txt")
    assert cfg.language == "fr" and cfg.fail_on == "error"
    with pytest.raises(ConfigError, match="command line: language: bad value"):
        ConfigResolver({"language": "French!"}).for_path(tmp_path / "x.txt")


def test_defaults():
    cfg = Config()
    assert cfg.fail_on == "warning" and cfg.knowledge == "embedded" and cfg.select == ()


def test_resolver_looks_up_each_folder_once_and_checks_rule_ids_when_it_reads_a_file(tmp_path, monkeypatch):
    import lint.config as config

    (tmp_path / "newslint.cfg").write_text("[newslint]\nselect = nosuch\n", encoding="utf-8")
    calls = []
    real = config.find_file
    monkeypatch.setattr(config, "find_file", lambda start: calls.append(start) or real(start))
    resolver = ConfigResolver(known_rules=["quotes.mismatch"])
    with pytest.raises(ConfigError, match="unknown rule or family 'nosuch'"):
        resolver.for_path(tmp_path / "a.txt")
    good = tmp_path / "sub"
    good.mkdir()
    (good / "newslint.cfg").write_text("[newslint]\nselect = quotes\n", encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        assert resolver.for_path(good / name).select == ("quotes",)
    assert len(calls) == 2
