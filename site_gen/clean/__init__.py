"""The clean stage: run the named cleaning rules over a seed's lines and report every change.

Rules live in ``site_gen/clean/`` (one module per noise family) and are ordered in a
``Registry`` by ``build_cleaners()``, after Python-Markdown's processor registries: a rule can
be switched off, replaced or added by name. Each rule edits a ``Draft`` through helpers that
record a ``Change`` for everything removed or repaired, so nothing vanishes silently.

    clean(source) -> Cleaned(lines=non-empty stripped lines with source line numbers and hints,
                             changes=the report)

Clean does not decide titles or bylines, and ``Line.hint`` passes on what markup said about a line.
One output line is one source line, except in a raw HTML page, which ``lay_out_html_blocks`` first
re-lays as a line per block: several lines may then share the source line a minified page put them
on, and a paragraph wrapped over several source lines is one line numbered by its first.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import ConfigError
from ..model import Cleaned, Line, Source
from ..registry import Registry
from . import blocks, chrome, page, pagination, front_matter, furniture, gaps, html_blocks, markup, slips, spam, whitespace
from .draft import Draft, Rule, line_rule


def build_cleaners() -> Registry[Rule]:
    """The default rules, highest priority first: markup off, then chrome, then repairs, then spam.

    | priority | name | what it does |
    |---|---|---|
    | 100 | remove_private_use | private-use characters (our own inline marks) out of the scrape |
    | 97 | lay_out_page_blocks | an HTML or Markdown page's blocks classified: the article and its head kept as lines |
    | 96 | lay_out_html_blocks | a raw HTML page -> a line per block; title/byline/date hints from its head |
    | 95 | strip_front_matter | YAML front matter -> title/date/byline/source_url hint lines |
    | 92 | remove_multiline_markup | comments, scripts, styles, frames over several lines |
    | 91 | flag_continued_pages | a pager at the end (下一页, 第1页 共3页): the essay is flagged as incomplete |
    | 90 | mark_lost_words | ``&&`` -> the gap mark |
    | 88 | apply_errata | editor-restored words from the seed's sidecar |
    | 85 | strip_html | tags, entities, hostile HTML; heading/caption/lead hints |
    | 80 | normalize_whitespace | odd spaces, bullets, indentation |
    | 78 | take_trailing_self_link | a last-line link back to the article -> source_url hint |
    | 75 | strip_markdown | ``#``, ``■``, ``**``, links, ``>``, lists, tables; heading/lead/quote/item hints |
    | 72 | take_document_metadata | a government page's 索引号/成文日期 table -> date hint |
    | 70 | mark_captions | ``图注：`` label off, caption hint |
    | 60–53 | remove_breadcrumbs … remove_ornaments | navigation, credits, image placeholders, share boxes, footers, signatures, ornaments |
    | 52–49 | remove_action_buttons … remove_running_headers | buttons, paywalls, edit stamps, page numbers, running headers |
    | 48–45 | remove_ad_blocks … remove_dated_headline_lists | ads with their slogan, headline lists, readers' comments, dated headlines at the end |
    | 40–34 | widen_punctuation … remove_stray_spaces | conversion slips |
    | 20 | remove_trailing_spam | spam after the article's end |
    """
    cleaners: Registry[Rule] = Registry()
    cleaners.register(line_rule(whitespace.remove_private_use, "private-use character (reserved for site_gen's own marks)"),
                      "remove_private_use", 100)
    cleaners.register(page.lay_out_page_blocks, "lay_out_page_blocks", 97)
    cleaners.register(html_blocks.lay_out_html_blocks, "lay_out_html_blocks", 96)
    cleaners.register(front_matter.strip_front_matter, "strip_front_matter", 95)
    cleaners.register(markup.remove_multiline_markup, "remove_multiline_markup", 92)
    cleaners.register(pagination.flag_continued_pages, "flag_continued_pages", 91)
    cleaners.register(line_rule(gaps.mark_lost_words, "a word the source lost (&&), shown as a gap"), "mark_lost_words", 90)
    cleaners.register(gaps.apply_errata, "apply_errata", 88)
    cleaners.register(markup.strip_html, "strip_html", 85)
    cleaners.register(line_rule(whitespace.normalize_whitespace, "spacing, bullets and indentation"),
                      "normalize_whitespace", 80)
    cleaners.register(markup.take_trailing_self_link, "take_trailing_self_link", 78)
    cleaners.register(markup.strip_markdown, "strip_markdown", 75)
    cleaners.register(furniture.take_document_metadata, "take_document_metadata", 72)
    cleaners.register(chrome.mark_captions, "mark_captions", 70)
    cleaners.register(chrome.remove_breadcrumbs, "remove_breadcrumbs", 60)
    cleaners.register(chrome.remove_navigation_menus, "remove_navigation_menus", 59)
    cleaners.register(chrome.remove_editor_credits, "remove_editor_credits", 58)
    cleaners.register(chrome.remove_image_credits, "remove_image_credits", 57)
    cleaners.register(chrome.remove_image_placeholders, "remove_image_placeholders", 56.5)
    cleaners.register(chrome.remove_share_boxes, "remove_share_boxes", 56)
    cleaners.register(chrome.remove_copyright_footers, "remove_copyright_footers", 55)
    cleaners.register(chrome.remove_follow_prompts, "remove_follow_prompts", 54)
    cleaners.register(furniture.remove_signatures, "remove_signatures", 53.5)  # before its -- delimiter goes
    cleaners.register(chrome.remove_ornaments, "remove_ornaments", 53)
    cleaners.register(furniture.remove_action_buttons, "remove_action_buttons", 52)
    cleaners.register(furniture.remove_paywall_prompts, "remove_paywall_prompts", 51.5)
    cleaners.register(furniture.remove_edit_stamps, "remove_edit_stamps", 51)
    cleaners.register(furniture.remove_page_numbers, "remove_page_numbers", 50)
    cleaners.register(furniture.remove_running_headers, "remove_running_headers", 49)
    cleaners.register(blocks.remove_ad_blocks, "remove_ad_blocks", 48)
    cleaners.register(blocks.remove_related_sidebars, "remove_related_sidebars", 47)
    cleaners.register(blocks.remove_comment_threads, "remove_comment_threads", 46)
    cleaners.register(blocks.remove_dated_headline_lists, "remove_dated_headline_lists", 45)
    cleaners.register(line_rule(slips.widen_punctuation, "half-width punctuation in Chinese text"), "widen_punctuation", 40)
    cleaners.register(line_rule(slips.restore_hyphenated_yi, "a hyphen that was 一 (一 + the next characters is a word)"),
                      "restore_hyphenated_yi", 38)
    cleaners.register(line_rule(slips.replace_stray_conjunctions, "an English conjunction between Chinese words"),
                      "replace_stray_conjunctions", 36)
    cleaners.register(line_rule(whitespace.remove_stray_spaces, "a stray space beside full-width punctuation"),
                      "remove_stray_spaces", 34)
    cleaners.register(spam.remove_trailing_spam, "remove_trailing_spam", 20)
    return cleaners


def check_disabled_rules(disabled: Iterable[str]) -> None:
    """Raise ConfigError if a rule name to switch off is not a rule of the default registry."""
    _checked_disabled(build_cleaners(), disabled)


def _checked_disabled(cleaners: Registry[Rule], disabled: Iterable[str]) -> set[str]:
    """The rule names to skip; an unknown name is a configuration error listing the known ones."""
    names = set(disabled)
    unknown = sorted(names - set(cleaners.names()))
    if unknown:
        raise ConfigError(f"unknown cleaning rule(s) {', '.join(unknown)} (known: {', '.join(cleaners.names())})")
    return names


def clean(source: Source, disabled: Iterable[str] = (), cleaners: Registry[Rule] | None = None) -> Cleaned:
    """Run every enabled rule in priority order; return the non-empty lines that remain and the report."""
    cleaners = cleaners if cleaners is not None else build_cleaners()
    skip = _checked_disabled(cleaners, disabled)
    draft = Draft.of(source)
    for name, rule in cleaners.items():
        if name not in skip:
            draft.rule = name
            rule(draft)
    lines = tuple(Line(line.number, line.text.strip(), line.hint) for line in draft.lines if line.text.strip())
    return Cleaned(source=source, lines=lines, changes=tuple(draft.changes))
