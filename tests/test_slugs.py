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
