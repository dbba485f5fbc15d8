"""If-None-Match as HTTP defines it: lists of tags, weak comparison, and *."""

from __future__ import annotations

import pytest
from fastapi import Request

from khulasa.web.conditional import etag_of, matches, not_modified

TAG = etag_of("الملخص".encode())


@pytest.mark.parametrize(
    "header",
    [
        TAG,
        f"W/{TAG}",  # a weak tag names the same version under weak comparison
        f'"older", {TAG}',  # a cache that holds several versions sends them all
        f'W/"older",W/{TAG}',
        f' , "older" ,  {TAG} ',  # empty list elements and spaces are allowed
        "*",  # any current version
    ],
)
def test_a_header_naming_the_current_version_matches(header: str) -> None:
    assert matches(header, TAG)
    assert matches(header, f"W/{TAG}")


@pytest.mark.parametrize(
    "header",
    [
        '"older"',
        f'"older", W/"{TAG[1:-2]}"',  # a prefix of the tag is another tag
        TAG.strip('"'),  # not quoted: not an entity tag
        f"{TAG}x",
        '"*", "older"',  # a quoted star is an ordinary tag
        "",
    ],
)
def test_a_header_not_naming_it_does_not_match(header: str) -> None:
    assert not matches(header, TAG)


def test_equal_bytes_have_equal_tags_and_others_differ() -> None:
    assert etag_of(b"a") == etag_of(b"a") != etag_of(b"b")
    assert etag_of(b"a").startswith('"') and etag_of(b"a").endswith('"')


def _request(method: str, *if_none_match: str) -> Request:
    headers = [(b"if-none-match", value.encode()) for value in if_none_match]
    return Request({"type": "http", "method": method, "path": "/", "headers": headers, "query_string": b""})


def test_not_modified_answers_304_with_the_headers_a_200_would_carry() -> None:
    headers = {"ETag": TAG, "Cache-Control": "no-cache"}
    answer = not_modified(_request("GET", f'"older", W/{TAG}'), headers)
    assert answer is not None and answer.status_code == 304 and answer.body == b""
    assert answer.headers["etag"] == TAG and answer.headers["cache-control"] == "no-cache"


def test_several_header_lines_are_one_list() -> None:
    assert not_modified(_request("GET", '"older"', TAG), {"ETag": TAG}) is not None


@pytest.mark.parametrize(
    "request_", [_request("GET"), _request("GET", '"older"'), _request("POST", TAG)], ids=["none", "other", "post"]
)
def test_otherwise_the_full_answer_is_sent(request_: Request) -> None:
    assert not_modified(request_, {"ETag": TAG}) is None
