"""The OpenAPI document names each operation once: GET and HEAD of one route are two operations with two ids."""

from __future__ import annotations

import warnings
from collections import Counter

import pytest

from khulasa import config
from khulasa.web.app import create_app
from khulasa.web.openapi import one_id_per_method


def _document() -> dict:  # type: ignore[type-arg]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FastAPI warns of a duplicate operation id; here that fails the test
        return create_app(config.load(environ={}), run_jobs=False).openapi()


def test_the_document_is_built_without_a_warning_and_every_operation_id_is_its_own() -> None:
    ids = Counter(operation["operationId"] for methods in _document()["paths"].values() for operation in methods.values())
    assert ids
    assert [name for name, count in ids.items() if count > 1] == []


def test_a_route_answering_get_and_head_documents_both_with_ids_named_for_the_method() -> None:
    paths = _document()["paths"]
    for path in ("/v1/feed.xml", "/v1/feed.json", "/v1/files/{name}", "/v1/articles/{external_id}/summary.mp3"):
        assert set(paths[path]) == {"get", "head"}, path
        assert paths[path]["get"]["operationId"].endswith("_get")
        assert paths[path]["head"]["operationId"].endswith("_head")


def test_two_routes_sharing_an_id_are_still_warned_of() -> None:
    document = {"paths": {"/a": {"get": {"operationId": "read"}}, "/b": {"get": {"operationId": "read"}}}}
    with pytest.warns(UserWarning, match="Duplicate Operation ID read: GET /a, GET /b"):
        one_id_per_method(document)
