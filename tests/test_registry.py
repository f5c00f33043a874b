"""The rule registry: ordered by priority, addressable by name, replaceable."""

from site_gen.registry import Registry


def test_priority_orders_and_names_address_items():
    registry = Registry()
    registry.register("b", "second", 10)
    registry.register("a", "first", 20)
    registry.register("c", "third", 10)
    assert list(registry) == ["a", "b", "c"]
    assert registry["second"] == "b" and "third" in registry and len(registry) == 3


def test_registering_a_name_again_replaces_it_and_deregister_is_forgiving():
    registry = Registry()
    registry.register("old", "rule", 5)
    registry.register("new", "rule", 5)
    assert list(registry) == ["new"]
    registry.deregister("missing", strict=False)
    registry.deregister("rule")
    assert len(registry) == 0
