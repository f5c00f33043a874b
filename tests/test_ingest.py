"""Reading seeds strictly, and their sidecars."""

from __future__ import annotations

import pytest

from site_gen.errors import SidecarError, SourceError
from site_gen.read.ingest import read_source, read_sidecar
from tests.conftest import SEEDS, seed_path


def test_every_seed_reads_as_utf8_text_with_its_hash():
    for path in sorted(SEEDS.glob("*.txt")):
        source = read_source(path)
        assert source.name == path.name
        assert len(source.sha256) == 64
        assert source.text.strip()


def test_seed_lines_are_numbered_as_an_editor_counts_them():
    source = read_source(seed_path("002"))
    assert source.lines[9].strip() == "2025年08月11日"  # line 10 of the file


def test_gb18030_seed_is_refused_with_line_and_conversion_hint(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("标题\n第二行正文。\n".encode("gb18030"))
    with pytest.raises(SourceError) as error:
        read_source(path)
    message = str(error.value)
    assert str(path) in message and ":1:" in message
    assert "not UTF-8" in message and "iconv" in message


def test_bad_byte_on_a_later_line_names_that_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一行。\n第二行。\n".encode() + "第三行".encode("big5", errors="ignore") + b"\xff\n")
    with pytest.raises(SourceError, match=r":3: not UTF-8"):
        read_source(path)


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n\n", "empty"),
                                          (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")])
def test_empty_and_binary_files_are_refused(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError, match=reason):
        read_source(path)


def test_windows_line_ends_keep_line_numbers(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("标题\r\n\r\n正文。\r\n".encode())
    assert read_source(path).lines[:3] == ("标题", "", "正文。")


def test_sidecar_overrides_and_errata_are_read(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[essay]]\nindex = 2\ntitle = "新标题"\nauthors = ["王鹏"]\ndate = "2025-08-11"\n\n'
                    '[[erratum]]\nline = 4\nbefore = "相繼"\nword = "印發"\nnote = "常见搭配"\n', encoding="utf-8")
    meta = read_sidecar(path)
    assert meta.for_essay(2).title == "新标题" and meta.for_essay(2).authors == ("王鹏",)
    assert meta.for_essay(1).title is None
    (erratum,) = meta.errata
    assert (erratum.line, erratum.before, erratum.word, erratum.sidecar_line) == (4, "相繼", "印發", 7)


@pytest.mark.parametrize("body, message, line", [
    ('[[essay]]\ntitle = 3\n', "field 'title' should be str", 1),
    ('[[essay]]\ndate = "11/08/2025"\n', "YYYY-MM-DD", 1),
    ('\n[[erratum]]\nline = 4\n', "field 'word' is required", 2),
    ('[[essay]]\ntitel = "x"\n', "unknown field 'titel'", 1),
    ('[[essay]\n', "", 1),
    ('[[essay]]\nslug = "Bad Slug"\n', "lowercase ASCII", 1),
    ('# overrides\nessay = "new title"\n', "[[essay]] tables", 2),
    ('[erratum]\nline = 4\nword = "印發"\n', "[[erratum]] tables", 1),
])
def test_broken_sidecar_gives_one_line_naming_file_and_line(tmp_path, body, message, line):
    path = tmp_path / "broken.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SidecarError) as error:
        read_sidecar(path)
    text = str(error.value)
    assert f"{path}:{line}:" in text and message in text and "\n" not in text
