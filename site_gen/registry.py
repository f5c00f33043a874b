"""An ordered registry of named items, after Python-Markdown's ``util.Registry``.

Cleaning rules live in one, so configuration can switch a rule off, replace it or
insert a new one by name, and the report can name the rule that made each change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    name: str
    priority: float
    item: T


class Registry(Generic[T]):
    """Items by name, iterated from highest priority to lowest (ties keep insertion order)."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry[T]] = {}
        self._order: list[str] = []

    def register(self, item: T, name: str, priority: float) -> None:
        """Add ``item`` as ``name``; a name already present is replaced in place of the old one."""
        if name not in self._entries:
            self._order.append(name)
        self._entries[name] = _Entry(name, priority, item)

    def deregister(self, name: str, strict: bool = True) -> None:
        if name not in self._entries:
            if strict:
                raise KeyError(name)
            return
        del self._entries[name]
        self._order.remove(name)

    def _sorted(self) -> list[_Entry[T]]:
        position = {name: i for i, name in enumerate(self._order)}
        return sorted(self._entries.values(), key=lambda e: (-e.priority, position[e.name]))

    def names(self) -> list[str]:
        return [entry.name for entry in self._sorted()]

    def items(self) -> list[tuple[str, T]]:
        return [(entry.name, entry.item) for entry in self._sorted()]

    def __iter__(self) -> Iterator[T]:
        return iter([entry.item for entry in self._sorted()])

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> T:
        return self._entries[name].item

    def __len__(self) -> int:
        return len(self._entries)
