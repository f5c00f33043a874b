"""The block under construction that the layout rules merge and wrap before it becomes a model block."""

from __future__ import annotations

from dataclasses import dataclass, field

# The dash that opens a quote's attribution line (——鲁迅).
ATTRIBUTION = "——"


@dataclass
class Piece:
    """A block under construction: kind is paragraph, heading, attribution, caption, note, quote or aside."""

    kind: str
    text: str
    lines: tuple[int, ...]
    level: int = 2
    hint: str = ""
    title: str = ""
    children: list["Piece"] = field(default_factory=list)
