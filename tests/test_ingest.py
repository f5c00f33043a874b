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


def test_gb18030_seed_is_read_and_its_decoding_reported(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("标题\n第二行正文，这是一个中文的句子。\n".encode("gb18030"))
    source = read_source(path)
    assert source.lines[:2] == ("标题", "第二行正文，这是一个中文的句子。")
    assert source.encoding == "gb18030"
    assert any("gb18030" in change.why for change in source.reading)


def test_big5_seed_is_read_as_big5_not_as_gbk_mojibake(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("臺灣的經濟發展\n這是一個關於經濟的段落，我們要看的是市場。\n".encode("big5"))
    source = read_source(path)
    assert source.lines[0] == "臺灣的經濟發展" and source.encoding.startswith("big5")


def test_a_page_that_declares_utf8_but_is_gbk_is_read_as_gbk(tmp_path):
    path = tmp_path / "page.html"
    page = '<html><head><meta charset="utf-8"><title>标题</title></head><body><p>这是正文的第一段，我们在这里。</p></body></html>'
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert source.encoding == "gb18030" and "这是正文的第一段" in source.text


def test_utf16_seed_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("标题\n正文。\n".encode("utf-16"))
    assert read_source(path).lines[:2] == ("标题", "正文。")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_and_said(tmp_path, encoding):
    # Saved so by some Windows tools: full of NUL bytes, it would otherwise be refused as binary.
    path = tmp_path / "u16.txt"
    path.write_bytes("人工智能赋能新质生产力\n\n人工智能是新一轮科技革命和产业变革的重要驱动力量。\n".encode(encoding))
    source = read_source(path)
    assert source.lines[:3] == ("人工智能赋能新质生产力", "", "人工智能是新一轮科技革命和产业变革的重要驱动力量。")
    assert source.encoding == encoding
    # A binary file with NULs in it is still refused.
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(SourceError, match="binary"):
        read_source(path)


def test_bytes_no_encoding_reads_as_chinese_are_refused_naming_the_line(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一行。\n第二行。\n".encode() + "第三行".encode("big5", errors="ignore") + b"\xff\n")
    with pytest.raises(SourceError, match=r":3: cannot tell its encoding: not UTF-8"):
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


def _nested_page(levels: int) -> str:
    body = "".join(f"<div><p>这是第{n}段，讲人工智能的发展。</p>" for n in range(levels)) + "</div>" * levels
    return f"<html><head><title>深层嵌套</title></head><body><h1>深层嵌套</h1>{body}</body></html>"


def test_html_nested_hundreds_deep_keeps_every_paragraph_and_deeper_is_refused_in_one_line(tmp_path):
    # The HTML parser stopped nesting at 255 and dropped the rest without a word.
    path = tmp_path / "deep.html"
    path.write_text(_nested_page(600), encoding="utf-8")
    text = "\n".join(block.text for block in read_source(path).blocks)
    assert all(f"这是第{n}段" in text for n in range(600))
    path.write_text(_nested_page(10_000), encoding="utf-8")
    with pytest.raises(SourceError, match="nested too deeply"):
        read_source(path)


def test_markdown_nested_hundreds_of_times_is_refused_in_one_line(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("- " * 500 + "正文。\n", encoding="utf-8")
    with pytest.raises(SourceError, match="nested too deeply"):
        read_source(path)
