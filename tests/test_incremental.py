"""Incremental builds are byte-identical to clean builds, whatever sequence of changes came before.

Hypothesis drives random sequences of what editors do between builds: add a seed,
edit one, remove one, rename one, copy one under a new name (identical content),
give one a sidecar, edit the glossary, override a template. After every step the
site built with the cache must equal, file for file and byte for byte, the site
built from scratch; a stale cache entry, a lost essay or a listing that was not
rebuilt shows up as a difference.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from site_gen.build import build
from site_gen.config import PACKAGE_DATA, load_config
from site_gen.errors import BuildError

# Short essays in the seeds' own register; the second is Traditional, the third has no byline.
TEXTS = (
    "人工智能赋能新质生产力\n作者：董志勇\n\n人工智能是新一轮科技革命和产业变革的重要驱动力量。\n\n"
    "加快发展新质生产力，需要以科技创新推动产业创新。\n",
    "數字經濟與實體經濟融合\n作者：李明\n\n數字經濟正在成為重組全球要素資源的關鍵力量。\n\n"
    "推動數字技術和實體經濟深度融合，是發展新質生產力的重要路徑。\n",
    "推进新型城镇化\n\n以人为核心的新型城镇化，是中国式现代化的必由之路。\n",
)
ADDED_PARAGRAPH = "\n各地区要因地制宜发展新质生产力，防止一哄而上。\n"
NAMES = ("001_a.txt", "002_b.md", "003_c.txt", "010_d.txt")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class EditorSession(RuleBasedStateMachine):
    """One project folder, changed step by step and rebuilt after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.root = self._tmp.mktemp("project")
        (self.root / "seeds").mkdir()
        shutil.copy(PACKAGE_DATA / "glossary.toml", self.root / "glossary.toml")
        (self.root / "templates").mkdir()

    def _seeds(self) -> list[Path]:
        return sorted(p for p in (self.root / "seeds").iterdir() if p.suffix in (".txt", ".md"))

    def _config(self, out: str, cache: str):
        config = load_config(self.root, {"source": self.root / "seeds", "out": self.root / out})
        return replace(config, cache=self.root / cache, glossary=self.root / "glossary.toml", jobs=1)

    # ── What an editor does between builds ──

    @rule(name=st.sampled_from(NAMES), text=st.sampled_from(TEXTS))
    def add_seed(self, name, text):
        (self.root / "seeds" / name).write_text(text, encoding="utf-8")

    @precondition(lambda self: self._seeds())
    @rule(data=st.data())
    def edit_seed(self, data):
        seed = data.draw(st.sampled_from(self._seeds()))
        seed.write_text(seed.read_text(encoding="utf-8") + ADDED_PARAGRAPH, encoding="utf-8")

    @precondition(lambda self: self._seeds())
    @rule(data=st.data())
    def remove_seed(self, data):
        data.draw(st.sampled_from(self._seeds())).unlink()

    @precondition(lambda self: self._seeds())
    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def rename_seed(self, data, name):
        data.draw(st.sampled_from(self._seeds())).rename(self.root / "seeds" / name)

    @precondition(lambda self: self._seeds())
    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def duplicate_seed(self, data, name):
        seed = data.draw(st.sampled_from(self._seeds()))
        if seed.name != name:
            shutil.copy(seed, self.root / "seeds" / name)

    @precondition(lambda self: self._seeds())
    @rule(data=st.data(), title=st.sampled_from(("编者定的标题", "另一个标题")))
    def give_a_sidecar(self, data, title):
        seed = data.draw(st.sampled_from(self._seeds()))
        seed.with_suffix(".toml").write_text(f'[[essay]]\ntitle = "{title}"\n', encoding="utf-8")

    @rule()
    def edit_the_glossary(self):
        glossary = self.root / "glossary.toml"
        text = glossary.read_text(encoding="utf-8")
        glossary.write_text(text.replace('english = "', 'english = "the ', 1), encoding="utf-8")

    @rule(marker=st.sampled_from(("一", "二")))
    def override_a_template(self, marker):
        base = (PACKAGE_DATA.parent / "templates" / "about.html").read_text(encoding="utf-8")
        (self.root / "templates" / "about.html").write_text(
            base.replace("{% block main %}", f"{{% block main %}}<p>本站说明{marker}</p>"), encoding="utf-8")

    # ── After every step ──

    @invariant()
    def incremental_equals_clean(self):
        incremental = self._config("inc", "cache")
        clean = self._config("clean", "clean-cache")
        if not self._seeds():
            for config in (incremental, clean):
                with pytest.raises(BuildError):
                    build(config, log=lambda line: None)
            return
        build(incremental, log=lambda line: None)
        build(clean, log=lambda line: None, use_cache=False)
        assert _files(self.root / "inc") == _files(self.root / "clean")


@pytest.fixture
def session(tmp_path_factory):
    EditorSession._tmp = tmp_path_factory
    EditorSession.TestCase.settings = settings(
        max_examples=6, stateful_step_count=6, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    return EditorSession.TestCase


def test_incremental_builds_equal_clean_builds_after_any_sequence_of_edits(session):
    session().runTest()
