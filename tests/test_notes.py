"""The source-notes rows: a repair inside a long line shows what changed, not the line's opening."""

from site_gen.model import GAP, Change
from site_gen.render.notes import changed_window, note_rows

LONG = "我国高度重视人工智能发展，" * 10


def test_a_repair_deep_in_a_long_line_shows_the_changed_words_with_context():
    before = LONG + "系统布局 and 强化政策支持。" + LONG
    after = LONG + "系统布局和强化政策支持。" + LONG
    shown_before, shown_after = changed_window(before, after)
    assert " and " in shown_before and "布局和强化" in shown_after
    assert shown_before.startswith("…") and shown_before.endswith("…") and len(shown_before) < 40


def test_short_changes_are_shown_whole():
    assert changed_window("王 鵬 >> 正文", "") == ("王 鵬 >> 正文", "")
    assert changed_window("-体化", "一体化") == ("-体化", "一体化")


def test_gap_marks_read_as_brackets_in_the_notes():
    change = Change("mark_lost_words", "repaired", (4,), LONG + "相繼&&《規劃》" + LONG, LONG + f"相繼{GAP}《規劃》" + LONG)
    (row,) = note_rows([change], set())
    assert "相繼[…]《規劃》" in row.result.shown and "\ue000" not in row.result.shown
