"""The S3 blob store against a real S3-compatible server on loopback (moto's server mode).

Every request is real HTTP to 127.0.0.1: signed with fake credentials,
answered by moto's S3. boto3 is kept from every other credential source and
from the instance metadata service, so nothing here can reach past loopback.
"""

from __future__ import annotations

import hashlib
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("boto3", reason="the s3 extra is not installed")
moto_server = pytest.importorskip("moto.server", reason="moto[server] (dev extra) is not installed")

import boto3  # noqa: E402

from khulasa import config  # noqa: E402
from khulasa.errors import BlobStoreError, ConfigError, MissingDependency, NotFound  # noqa: E402
from khulasa.store.blobs import blob_name, open_blob_store  # noqa: E402
from khulasa.store.s3 import S3BlobStore  # noqa: E402
from tests.web.articles import LIBRARY  # noqa: E402
from tests.web.conftest import Server, make_server, wait_for_state  # noqa: E402

AUDIO = bytes(range(256)) * 40 + b"ID3 the end"
"""Stand-in audio: every byte value, so a range off by one shows."""


def aws_env(home: Path) -> dict[str, str]:
    """Fake credentials and region, and no other source boto3 could try (files, profiles, metadata)."""
    return {
        "AWS_ACCESS_KEY_ID": "khulasa-test",
        "AWS_SECRET_ACCESS_KEY": "khulasa-test-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(home / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-aws-credentials"),
        "NO_PROXY": "127.0.0.1",
    }


OTHER_SOURCES = (
    "AWS_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
)
"""Variables that would point boto3 at credentials other than the fake ones."""


@pytest.fixture(autouse=True)
def fake_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in OTHER_SOURCES:
        monkeypatch.delenv(name, raising=False)
    for name, value in aws_env(tmp_path).items():
        monkeypatch.setenv(name, value)


@contextmanager
def s3_service() -> Iterator[tuple[str, Callable[[], None]]]:
    """moto's S3 on a free loopback port: its endpoint URL, and a way to stop it early (an outage)."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            stopped = True
            server.stop()

    try:
        yield f"http://{host}:{port}", stop
    finally:
        stop()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """One S3 service for this module's tests; each test makes its own bucket."""
    with s3_service() as (url, _stop):
        yield url


def raw_client(endpoint: str) -> Any:
    """A plain boto3 client, to look at the bucket behind the store's back."""
    return boto3.session.Session().client("s3", endpoint_url=endpoint, region_name="us-east-1")


@pytest.fixture
def bucket(endpoint: str) -> str:
    name = f"khulasa-{uuid.uuid4().hex[:12]}"
    raw_client(endpoint).create_bucket(Bucket=name)
    return name


@pytest.fixture
def store(endpoint: str, bucket: str) -> S3BlobStore:
    return S3BlobStore(bucket, "newsroom/audio", endpoint_url=endpoint, timeout=2.0, attempts=1)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_file_is_kept_in_the_bucket_under_its_content_name(store: S3BlobStore, endpoint: str, bucket: str) -> None:
    name = store.put(AUDIO, "mp3")
    assert name == hashlib.sha256(AUDIO).hexdigest() + ".mp3"
    assert store.get(name) == AUDIO and store.size(name) == len(AUDIO)

    # the directory store's layout under the prefix, so a blobs/ folder can be synced into a bucket as it is
    seen = raw_client(endpoint).head_object(Bucket=bucket, Key=f"newsroom/audio/{name[:2]}/{name}")
    assert seen["ContentLength"] == len(AUDIO)
    assert seen["ContentType"] == "audio/mpeg" and "immutable" in seen["CacheControl"]


def test_a_long_file_goes_up_in_parts_from_disk_under_its_content_name(
    store: S3BlobStore, endpoint: str, bucket: str, tmp_path: Path
) -> None:
    data = AUDIO * 2200  # ~22 MB: past the multipart threshold, so it is sent in parts
    made = tmp_path / "article.mp3"
    made.write_bytes(data)
    name = store.put_file(made, "mp3")
    assert name == hashlib.sha256(data).hexdigest() + ".mp3"
    assert store.size(name) == len(data) and store.read_range(name, len(data) - 11, len(data) - 1) == b"ID3 the end"
    seen = raw_client(endpoint).head_object(Bucket=bucket, Key=f"newsroom/audio/{name[:2]}/{name}")
    assert seen["ContentType"] == "audio/mpeg" and "immutable" in seen["CacheControl"]
    assert "-" in seen["ETag"]  # S3's ETag of a multipart upload: "<md5 of the parts' md5s>-<parts>"


def test_putting_bytes_already_there_uploads_nothing(store: S3BlobStore, endpoint: str, bucket: str) -> None:
    name = store.put(AUDIO, "mp3")
    key = f"newsroom/audio/{name[:2]}/{name}"
    raw_client(endpoint).put_object(Bucket=bucket, Key=key, Body=b"marker left by the test")
    assert store.put(AUDIO, "mp3") == name
    assert store.get(name) == b"marker left by the test"  # not overwritten: the second put only looked


def test_ranges_are_read_with_ranged_gets(store: S3BlobStore) -> None:
    name = store.put(AUDIO, "mp3")
    last = len(AUDIO) - 1
    sent: list[str | None] = []
    store.client.meta.events.register("before-send.s3.GetObject", lambda request, **_: sent.append(request.headers.get("Range")))

    for start, end in [(0, 0), (0, 99), (250, 260), (last - 9, last), (last, last), (0, last)]:
        assert store.read_range(name, start, end) == AUDIO[start : end + 1], (start, end)

    assert sent == [
        f"bytes={s}-{e}".encode() for s, e in [(0, 0), (0, 99), (250, 260), (last - 9, last), (last, last), (0, last)]
    ]


def test_deleted_and_unknown_files_are_not_found(store: S3BlobStore) -> None:
    name = store.put(b"WEBVTT\n", "vtt")
    store.delete(name)
    store.delete(name)  # a missing key is not an error
    for read in (store.get, store.size, lambda n: store.read_range(n, 0, 3)):
        with pytest.raises(NotFound, match="is gone"):
            read(name)
    with pytest.raises(NotFound):
        store.get("../../etc/passwd")
    with pytest.raises(NotFound):
        store.size(blob_name(b"never stored", "mp3"))


def test_a_missing_bucket_is_named_and_stops_the_store_at_start(endpoint: str) -> None:
    store = S3BlobStore("no-such-bucket-here", endpoint_url=endpoint, timeout=2.0, attempts=1)
    with pytest.raises(BlobStoreError, match="'no-such-bucket-here' does not exist"):
        store.put(AUDIO, "mp3")
    with pytest.raises(ConfigError, match="create it, or fix KHULASA_BLOB_URL"):
        store.check()


def test_an_unreachable_endpoint_fails_quickly_with_what_to_check() -> None:
    store = S3BlobStore("audio", endpoint_url=f"http://127.0.0.1:{closed_port()}", timeout=1.0, attempts=2)
    began = time.monotonic()
    with pytest.raises(BlobStoreError, match="check KHULASA_S3_ENDPOINT_URL") as caught:
        store.get(blob_name(AUDIO, "mp3"))
    assert time.monotonic() - began < 5
    assert "khulasa-test-secret" not in caught.value.message
    with pytest.raises(ConfigError, match="cannot reach the blob store s3://audio"):
        store.check()


def test_an_endpoint_that_never_answers_cannot_hold_a_request() -> None:
    with socket.socket() as silent:  # the kernel accepts connections; nobody ever answers them
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        store = S3BlobStore("audio", endpoint_url=f"http://127.0.0.1:{port}", timeout=0.5, attempts=1)
        began = time.monotonic()
        with pytest.raises(BlobStoreError, match="ReadTimeoutError"):
            store.size(blob_name(AUDIO, "mp3"))
        assert time.monotonic() - began < 3


def test_without_credentials_the_error_says_which_to_set(
    store: S3BlobStore, monkeypatch: pytest.MonkeyPatch, endpoint: str, bucket: str
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    uncredentialed = S3BlobStore(bucket, endpoint_url=endpoint, timeout=2.0, attempts=1)
    with pytest.raises(BlobStoreError, match="no credentials were found; set AWS_ACCESS_KEY_ID"):
        uncredentialed.put(AUDIO, "mp3")


def test_half_a_pair_of_credentials_or_a_malformed_region_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, endpoint: str, bucket: str
) -> None:
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")  # boto3 refuses to make a client at all
    with pytest.raises(ConfigError, match="set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"):
        S3BlobStore(bucket, endpoint_url=endpoint)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "khulasa-test-secret")
    with pytest.raises(ConfigError, match=r"'us east 1'.*check KHULASA_S3_REGION") as caught:
        open_blob_store(config.load(environ={}, blob_url=f"s3://{bucket}", s3_endpoint_url=endpoint, s3_region="us east 1"))
    assert "khulasa-test-secret" not in caught.value.message


def test_settings_choose_the_bucket(endpoint: str, bucket: str, tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path), blob_url=f"s3://{bucket}/audio/", s3_endpoint_url=endpoint)
    store = open_blob_store(settings)
    assert isinstance(store, S3BlobStore) and store.url == f"s3://{bucket}/audio"
    name = store.put(AUDIO, "mp3")
    assert not (tmp_path / "blobs").exists()
    assert [o["Key"] for o in raw_client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]] == [f"audio/{name[:2]}/{name}"]

    with pytest.raises(ConfigError, match="does not exist"):
        open_blob_store(config.load(environ={}, blob_url="s3://not-made-yet", s3_endpoint_url=endpoint, s3_attempts=1))


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("blob_url", "https://bucket.example/audio"),
        ("blob_url", "s3://"),
        ("blob_url", "s3://audio!/x"),
        ("blob_url", "s3://user:secret@bucket/x"),
        ("blob_url", "s3://صوت/x"),
        ("s3_endpoint_url", "minio:9000"),
        ("s3_timeout", "0"),
    ],
)
def test_unusable_settings_are_refused(setting: str, value: str) -> None:
    with pytest.raises(ConfigError, match=setting.upper() if setting != "s3_timeout" else "s3_timeout"):
        config.load(environ={f"KHULASA_{setting.upper()}": value})


def test_without_boto3_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)  # what an install without the extra looks like to import
    with pytest.raises(MissingDependency, match=r"pip install 'khulasa\[s3\]'"):
        open_blob_store(config.load(environ={}, blob_url="s3://audio"))


def test_serve_and_worker_stop_at_start_with_one_sentence_when_the_bucket_is_missing(endpoint: str, tmp_path: Path) -> None:
    env = make_server(tmp_path / "data", blob_url="s3://never-created", s3_endpoint_url=endpoint).env | aws_env(tmp_path)
    for command in (["serve", "--port", str(closed_port())], ["worker"]):
        ran = subprocess.run(
            [sys.executable, "-m", "khulasa", *command, "--data-dir", str(tmp_path / "data")],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert ran.returncode != 0, command
        assert "khulasa: the bucket 'never-created' does not exist" in ran.stderr, command
        assert "Traceback" not in ran.stderr and "khulasa-test-secret" not in ran.stderr + ran.stdout, command


def test_the_service_serves_audio_a_job_kept_in_the_bucket(tmp_path: Path) -> None:
    with s3_service() as (endpoint, outage):
        bucket = "newsroom-audio"
        raw_client(endpoint).create_bucket(Bucket=bucket)
        at = {"blob_url": f"s3://{bucket}/khulasa", "s3_endpoint_url": endpoint, "s3_timeout": "1", "s3_attempts": "1"}
        server = make_server(tmp_path / "data", **at)
        server.env.update(aws_env(tmp_path))
        server.start()
        try:
            served_from_the_bucket(server, endpoint, bucket, outage)
        finally:
            server.stop()


def served_from_the_bucket(server: Server, endpoint: str, bucket: str, outage: Callable[[], None]) -> None:
    """A job's MP3 lands in the bucket and is served whole and by Range; a removed file is 404, an outage 503."""
    key = server.make_key("newsroom-cms")
    with server.client(key) as api:
        assert api.put("/v1/articles/s3-library", json={"text": LIBRARY}).status_code in (200, 201, 202)
        wait_for_state(api, "s3-library", {"done"})
        whole = api.get("/v1/articles/s3-library/summary.mp3")
        assert whole.status_code == 200 and len(whole.content) > 1000
        part = api.get("/v1/articles/s3-library/summary.mp3", headers={"Range": "bytes=-100"})
        assert part.status_code == 206 and part.content == whole.content[-100:]

        kept = raw_client(endpoint).list_objects_v2(Bucket=bucket, Prefix="khulasa/")["Contents"]
        mp3 = blob_name(whole.content, "mp3")
        assert f"khulasa/{mp3[:2]}/{mp3}" in {o["Key"] for o in kept}
        assert not (server.data_dir / "blobs").exists()  # nothing went to the local folder

        raw_client(endpoint).delete_object(Bucket=bucket, Key=f"khulasa/{mp3[:2]}/{mp3}")
        gone = api.get("/v1/articles/s3-library/summary.mp3")
        assert gone.status_code == 404 and gone.json()["code"] == "not_found"

        outage()
        down = api.get("/v1/articles/s3-library/summary.vtt")
        assert down.status_code == 503 and down.json()["code"] == "blob_store_failed"
        assert "try again shortly" in down.json()["detail"]
        assert "127.0.0.1" not in down.json()["detail"] and bucket not in down.json()["detail"]  # no infrastructure to readers
        assert api.get("/healthz").status_code == 200
