"""Slugs are readable ASCII, depend only on their own essay, and never collide silently."""

from site_gen.slugs import assign_slugs, slugify


def test_slug_is_the_titles_pinyin_in_ascii():
    assert slugify("推动人工智能产业迈向更高水平").startswith("tuidong-rengongzhineng-chanye")
    assert slugify("制度賦能“人工智能+”") == "zhidu-funeng-rengongzhineng"  # Traditional reads the same
    assert slugify("AI与GPT-4.5") == "ai-yu-gpt-4-5"


def test_titles_differing_only_after_a_common_opening_get_different_slugs():
    assert slugify("人工智能赋能新质生产力发展") != slugify("人工智能赋能新质生产力的路径指引")


def test_long_titles_are_cut_at_a_syllable():
    slug = slugify("人工智能赋能新质生产力的路径指引与高质量发展的实践要求")
    assert len(slug) <= 60 and not slug.endswith("-")


def test_a_new_seed_does_not_change_existing_slugs():
    before = assign_slugs([("人工智能", "001_a.txt", 1, None), ("城镇化", "002_b.txt", 1, None)])
    after = assign_slugs([("人工智能", "001_a.txt", 1, None), ("城镇化", "002_b.txt", 1, None),
                          ("人工智能", "005_c.txt", 1, None)])
    assert after[:2] == before
    assert after[2] != after[0] and after[2].startswith("rengongzhineng-")


def test_sidecar_slug_wins():
    assert assign_slugs([("人工智能", "001_a.txt", 1, "ai-essay")]) == ["ai-essay"]


def test_a_suffixed_slug_never_lands_on_one_already_taken():
    # The third essay's natural suffix (seed "a", essay 1) is already an editor's chosen slug.
    slugs = assign_slugs([("人工智能", "x.txt", 1, None), ("城镇化", "y.txt", 1, "rengongzhineng-a-1"),
                          ("人工智能", "a.txt", 1, None), ("人工智能", "a.txt", 1, None)])
    assert len(set(slugs)) == 4


def test_three_identical_titles_in_identically_named_seeds_still_get_three_slugs():
    slugs = assign_slugs([("人工智能", "a.txt", 1, None)] * 3)
    assert len(set(slugs)) == 3 and slugs[0] == "rengongzhineng"


def test_a_title_that_reads_as_a_site_name_is_moved_off_it():
    # A title whose slug would be a site path (an English title "Glossary") is moved off it.
    from site_gen import slugs

    assert assign_slugs([("Glossary", "001.txt", 1, None)]) == ["glossary-001-1"]
    assert "glossary" in slugs.RESERVED and "terms" in slugs.RESERVED


def test_an_editors_slug_that_is_a_site_name_is_an_error_naming_the_sidecar():
    import pytest

    from site_gen.errors import SidecarError

    with pytest.raises(SidecarError, match=r"001_a\.toml.*slug 'glossary' is one of the site's own names"):
        assign_slugs([("人工智能", "001_a.txt", 1, "glossary")])


def test_an_editors_slug_chosen_twice_is_an_error_naming_both_seeds():
    import pytest

    from site_gen.errors import SidecarError

    with pytest.raises(SidecarError, match=r"002_b\.toml.*slug 'ai' is already chosen for essay 1 of 001_a\.txt"):
        assign_slugs([("人工智能", "001_a.txt", 1, "ai"), ("城镇化", "002_b.txt", 1, "ai")])
