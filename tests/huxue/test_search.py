"""Pinyin search: initials, full pinyin, mixtures, polyphones, and the keystroke budget."""

from __future__ import annotations

import time

from huxue.search import SearchIndex, char_readings, normalise, pinyin_keys

NAMES = ["集美区第一小学", "集美幼儿园", "杏林实验中学", "厦门市灌口小学", "乐安中心幼儿园"]


def index() -> SearchIndex:
    return SearchIndex([(name, f"SC{i:03d}") for i, name in enumerate(NAMES)])


def test_initials_find_the_school() -> None:
    assert index().matching("jmxx") == set()  # 集美区第一小学 reads jmqdyxx
    assert index().matching("jmqdyxx") == {0}
    assert SearchIndex([("集美小学",)]).matching("jmxx") == {0}


def test_initials_match_inside_the_name() -> None:
    assert index().matching("xx") == {0, 3}
    assert index().matching("yey") == {1, 4}


def test_full_pinyin_and_mixtures() -> None:
    assert index().matching("jimei") == {0, 1}
    assert index().matching("xinglin") == {2}
    assert index().matching("jimeiyey") == {1}
    assert index().matching("JiMei You") == {1}


def test_a_syllable_being_typed_matches() -> None:
    assert index().matching("jime") == {0, 1}
    assert index().matching("xingl") == {2}


def test_polyphones_match_every_reading() -> None:
    assert "xia" in char_readings("厦") and "sha" in char_readings("厦")
    assert index().matching("xiamen") == {3}
    assert index().matching("leanzx") == {4}  # 乐 le/yue
    assert index().matching("yueanzx") == {4}


def test_characters_and_codes_match_plainly() -> None:
    assert index().matching("小学") == {0, 3}
    assert index().matching("sc002") == {2}
    assert index().matching("") == set(range(len(NAMES)))
    assert index().matching("zzz") == set()


def test_keys_and_normalising() -> None:
    assert pinyin_keys("集美小学") == ("jimeixiaoxue", "jmxx")
    assert normalise(" Ji-Mei ") == "jimei"
    assert index().matches(0, "jmq") and not index().matches(1, "jmq")


def test_a_keystroke_on_a_district_is_fast() -> None:
    names = [f"{NAMES[i % len(NAMES)]}{i}" for i in range(276)]
    idx = SearchIndex([(n, f"C{i}") for i, n in enumerate(names)])
    for query in ("j", "jm", "jmq", "jimei", "youeryuan", "xiamenshi"):
        started = time.perf_counter()
        idx.matching(query)
        assert time.perf_counter() - started < 0.030, query
