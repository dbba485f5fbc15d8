"""The finished-item cache: fresh answers only, cleared by writes, bounded in size."""

from __future__ import annotations

import time

from khulasa.web.service import ItemCache


def test_answers_expire_and_writes_clear_them() -> None:
    cache = ItemCache(seconds=0.05)
    cache.put("a", b"{}", '"e"')
    assert cache.get("a") == (b"{}", '"e"')
    cache.forget("a")
    assert cache.get("a") is None
    cache.put("a", b"{}", '"e"')
    time.sleep(0.06)
    assert cache.get("a") is None
    assert ItemCache(seconds=0).get("a") is None


def test_the_cache_never_holds_more_than_its_limit() -> None:
    cache = ItemCache(seconds=60)
    cache.MAX_ITEMS = 3
    for name in "abcde":
        cache.put(name, name.encode(), name)
    assert [name for name in "abcde" if cache.get(name)] == ["c", "d", "e"]
