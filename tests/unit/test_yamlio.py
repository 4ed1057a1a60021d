import pytest

from coach.yamlio import YamlError, parse_yaml, read_yaml


def test_lines_are_kept_for_every_key():
    doc = parse_yaml("a: 1\nb:\n  c: [x, y]\n  d: z\n", "f.yaml")
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"], "d": "z"}}
    assert doc.line_of(("b", "d")) == 4
    assert doc.line_of(("b", "c", 1)) == 3
    assert doc.line_of(("b", "missing", 0)) == 2


def test_times_stay_text_and_dates_become_dates():
    doc = parse_yaml("t: 19:30\nd: 2026-12-05\nn: 12\nf: 1.5\nyes_: yes\n", "f.yaml")
    assert doc.data["t"] == "19:30"
    assert str(doc.data["d"]) == "2026-12-05"
    assert doc.data["n"] == 12 and doc.data["f"] == 1.5 and doc.data["yes_"] is True


def test_billion_laughs_is_refused_before_it_grows():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    with pytest.raises(YamlError, match="anchors and aliases"):
        parse_yaml(bomb, "bomb.yaml")


def test_deep_nesting_is_a_clear_error():
    with pytest.raises(YamlError, match=r"deep\.yaml:1:"):
        parse_yaml("[" * 5000 + "]" * 5000, "deep.yaml")


def test_not_utf8(tmp_path):
    file = tmp_path / "latin.yaml"
    file.write_bytes(b"a: caf\xe9\n")
    with pytest.raises(YamlError, match="not UTF-8"):
        read_yaml(file)


def test_nul_byte_and_size(tmp_path):
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"a: 1\nb: \x00\n")
    with pytest.raises(YamlError, match=r"nul\.yaml:2: contains a NUL byte"):
        read_yaml(nul)
    huge = tmp_path / "huge.yaml"
    huge.write_text("a: " + "x" * 1_100_000)
    with pytest.raises(YamlError, match="more than the 1,000,000 allowed"):
        read_yaml(huge)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(YamlError, match="no such file"):
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(YamlError, match="is a folder"):
        read_yaml(tmp_path)


def test_python_tags_are_refused():
    with pytest.raises(YamlError, match="not valid YAML"):
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "evil.yaml")
