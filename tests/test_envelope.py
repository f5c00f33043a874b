"""Envelopes a saving tool wraps around a page: front matter and clipper preambles, mined for metadata."""

from __future__ import annotations

from site_gen.read.envelope import open_envelope, strip_template_code


def fields(envelope, kind):
    return [(c.value, c.origin) for c in envelope.candidates if c.field == kind]


def test_yaml_front_matter_gives_candidates_and_the_body_starts_after_it():
    text = '---\ntitle: "县域商业体系建设提速"\nauthor: 王立新\ndate: 2025-05-06\n---\n\n正文第一段。\n'
    envelope = open_envelope(text)
    assert envelope.body.strip() == "正文第一段。" and envelope.first_line == 6
    assert fields(envelope, "title") == [("县域商业体系建设提速", "front matter title")]
    assert fields(envelope, "author") == [("王立新", "front matter author")]
    assert envelope.removed and envelope.removed[0][:2] == (1, 5)


def test_python_tags_that_safe_yaml_refuses_are_read_as_plain_values():
    text = "---\ntitle: !!python/unicode 'A13：上海的未来'\ntags: !!python/unicode 'finance'\n---\n正文。"
    assert fields(open_envelope(text), "title") == [("A13：上海的未来", "front matter title")]


def test_broken_yaml_with_a_quoted_value_over_two_lines_is_read_line_by_line():
    text = '---\ntitle: "贸易战的代价"\nauthor: "王鹏\n　　2025年10月29日某某时报"\ntags: [贸易,关税，美国]\n---\n正文。'
    envelope = open_envelope(text)
    assert fields(envelope, "title") == [("贸易战的代价", "front matter title")]
    assert fields(envelope, "author")[0][0].startswith("王鹏")


def test_an_archivers_timestamp_is_marked_as_the_time_the_page_was_saved():
    text = ("---\ndate: 2025-11-07T12:38:07.324143+00:00\nlastmod: 2025-11-07T12:38:08+00:00\n"
            "title: 标题\n---\n正文。")
    (date,) = fields(open_envelope(text), "date")
    assert "saved" in date[1]


def test_a_url_given_as_the_title_is_marked_as_no_title():
    text = "---\nurl: https://example.org/news/1.html\ntitle: https://example.org/news/1.html\n---\n正文。"
    (title,) = fields(open_envelope(text), "title")
    assert "not a title" in title[1]


def test_a_clipper_header_and_a_wechat_archivers_preamble_are_taken_off():
    text = ("Title: 县域商业体系建设提速\nURL Source: https://example.org/a.html\nPublished Time: 2025-05-06\n"
            "Markdown Content:\n# 县域商业体系建设提速\n\n> 公众号: 某某观察\n> 发布时间: 2025-05-06 08:00\n\n正文。")
    envelope = open_envelope(text)
    assert "Title:" not in envelope.body and "公众号" not in envelope.body and "正文。" in envelope.body
    assert fields(envelope, "account") == [("某某观察", "archiver 公众号")]
    assert ("2025-05-06", "clipper Published Time") in fields(envelope, "date")


def test_one_quoted_line_is_the_articles_own_quote_not_a_preamble():
    envelope = open_envelope("# 标题\n\n> 作者: 这是文章引用的一句话\n\n正文。")
    assert "> 作者" in envelope.body and not fields(envelope, "author")


def test_template_code_is_blanked_keeping_the_line_count():
    text = "第一行\n<img src=\"{{ '/img/a.png' | prepend: site.img }}\">\n{% include x %}\n第四行"
    stripped = strip_template_code(text)
    assert "{{" not in stripped and "{%" not in stripped and stripped.count("\n") == 3


def test_a_wayback_machine_address_is_unwrapped_to_the_page_it_copied():
    text = "---\nurl: https://web.archive.org/web/20220625162305/https://www.example.org/a/1\n---\n正文。"
    ((url, origin),) = fields(open_envelope(text), "source_url")
    assert url == "https://www.example.org/a/1" and "Wayback" in origin
