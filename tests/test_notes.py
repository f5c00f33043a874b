"""The source-notes rows: a repair inside a long line shows what changed, not the line's opening."""

from site_gen.model import GAP, Change
from site_gen.render.notes import changed_window, line_ranges, note_rows

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


def test_the_same_change_on_many_lines_is_one_row_with_every_line():
    dropped = [Change("drop_separators", "removed", (line,), "————", "", "a separator line") for line in range(3, 400, 2)]
    other = Change("drop_separators", "removed", (5,), "│", "", "a separator line")
    rows = note_rows([*dropped[:2], other, *dropped[2:]], set())
    assert [row.change.text for row in rows] == ["————", "│"]  # in the place of the first
    assert rows[0].times == len(dropped) and rows[0].lines == tuple(range(3, 400, 2))
    assert rows[1].times == 1


def test_a_long_list_of_lines_is_cut_short_with_a_count():
    assert line_ranges(range(1, 10)) == "1–9"
    shown = line_ranges(range(1, 2001, 2))
    assert shown.startswith("1, 3, 5,") and shown.endswith("and 980 more lines")
    assert line_ranges((1, 3, 4), shown=1) == "1 and 2 more lines"
