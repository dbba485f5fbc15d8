"""A blob store in an S3-compatible bucket, so several machines share one set of audio files.

A worker on one machine writes a narration's files; an API server on another
serves them, Range requests included. Keys keep the directory store's
layout, ``<prefix>/<first two hex digits>/<name>``, so a data folder's
``blobs/`` can be copied into a bucket as it is (``aws s3 sync``).

Every call is bounded: connect and read timeouts and a fixed number of tries
(botocore's standard retry mode), so a dead endpoint fails a request with a
:class:`BlobStoreError` instead of holding it. Credentials come from boto3's
usual chain (environment, profile, instance role) and never appear in a
message. boto3 is the optional extra ``s3``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from khulasa.config import Settings
from khulasa.errors import BlobStoreError, ConfigError, MissingDependency, NotFound
from khulasa.store.blobs import CHUNK, blob_name, file_blob_name, is_blob_name

MEDIA_TYPES = {"mp3": "audio/mpeg", "ogg": "audio/ogg", "opus": "audio/ogg", "vtt": "text/vtt", "json": "application/json"}
"""Content-Type stored with each object, so a bucket put behind a CDN serves the files rightly too."""
IMMUTABLE = "public, max-age=31536000, immutable"
"""Cache-Control stored with each object: a content-addressed name never changes its bytes."""
POOL_CONNECTIONS = 40
"""Connections kept to the endpoint: as many as the web server's thread pool runs requests at once."""
_MISSING = {"404", "NoSuchKey", "NotFound"}
_REFUSED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"}


class AccessRefused(BlobStoreError):
    """The bucket's server refused the credentials or the request (403): a setting or policy to fix, not an outage."""


def _boto3() -> Any:
    try:
        import boto3
    except ImportError:
        raise MissingDependency("an s3:// blob_url needs boto3: pip install 'khulasa[s3]'.") from None
    return boto3


def split_blob_url(url: str) -> tuple[str, str]:
    """The bucket and key prefix of ``s3://bucket/some/prefix`` (the prefix without slashes at either end)."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ConfigError(f"blob_url {url!r} is not an s3://bucket/prefix URL; give one, or leave it empty for the data folder.")
    return parts.netloc, parts.path.strip("/")


class S3BlobStore:
    """Files in a bucket under one prefix, reached with boto3; meets :class:`~khulasa.store.blobs.BlobStore`."""

    def __init__(
        self, bucket: str, prefix: str = "", *, endpoint_url: str = "", region: str = "", timeout: float = 10.0, attempts: int = 3
    ) -> None:
        boto3 = _boto3()
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError

        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.endpoint = endpoint_url or "AWS S3"
        options: dict[str, Any] = {
            "connect_timeout": timeout,
            "read_timeout": timeout,
            "retries": {"mode": "standard", "total_max_attempts": attempts},
            "max_pool_connections": POOL_CONNECTIONS,
        }
        if endpoint_url:
            # MinIO, Ceph and most others serve buckets by path, not by host name; and not all of them
            # accept the checksums newer botocore adds to every upload unless told only to send required ones
            options["s3"] = {"addressing_style": "path"}
            options["request_checksum_calculation"] = "when_required"
            options["response_checksum_validation"] = "when_required"
        # a session per store: boto3's default session is not thread-safe to create clients from, a client is safe to share
        try:
            self.client = boto3.session.Session().client(
                "s3", endpoint_url=endpoint_url or None, region_name=region or None, config=Config(**options)
            )
            """The boto3 S3 client; thread-safe, shared by every request and job."""
        except (BotoCoreError, ValueError) as exc:  # botocore's messages name variables and regions, never secrets
            raise ConfigError(self._setup_problem(exc)) from None

    def _setup_problem(self, exc: Exception) -> str:
        """What to fix when boto3 cannot even make a client: half a pair of credentials, a malformed region."""
        from botocore.exceptions import PartialCredentialsError

        if isinstance(exc, PartialCredentialsError):
            return (
                f"the blob store {self.url} cannot be used: {exc}; set both AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for the server and workers."
            )
        return f"the blob store {self.url} cannot be used: {exc}; check KHULASA_S3_REGION and the AWS_* variables."

    @classmethod
    def from_settings(cls, settings: Settings) -> S3BlobStore:
        """The bucket ``settings.blob_url`` names, reached as the ``s3_*`` settings say."""
        bucket, prefix = split_blob_url(settings.blob_url)
        return cls(
            bucket,
            prefix,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            timeout=settings.s3_timeout,
            attempts=settings.s3_attempts,
        )

    @property
    def url(self) -> str:
        """``s3://bucket/prefix``, for messages."""
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")

    def key(self, name: str) -> str:
        """The object key of the blob ``name``: the directory store's relative path under the prefix."""
        if not is_blob_name(name):
            raise NotFound(f"there is no file named {name!r}.")
        relative = f"{name[:2]}/{name}"
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def check(self) -> None:
        """Make sure the bucket is there and reachable, so a wrong setting stops a server at start, not its first job.

        A 403 passes: a policy may grant object reads and writes without
        ListBucket, which HEAD on a bucket needs; such a store's first object
        call says what is wrong.
        """
        try:
            self._call("check", "", self.client.head_bucket, Bucket=self.bucket)
        except NotFound:
            raise ConfigError(
                f"the bucket {self.bucket!r} does not exist at {self.endpoint}; create it, or fix KHULASA_BLOB_URL "
                "(and KHULASA_S3_ENDPOINT_URL)."
            ) from None
        except AccessRefused:
            pass
        except BlobStoreError as exc:
            raise ConfigError(exc.message) from None

    def put(self, data: bytes, extension: str) -> str:
        """Store ``data`` unless an object of that name is already there.

        The name is the bytes' hash, so an existing object already holds
        these bytes: a HEAD (one small request) spares uploading them again
        when a narration is remade or two workers make the same file. Two
        racing uploads both write identical bytes, which is harmless.
        """
        name = blob_name(data, extension)
        key = self.key(name)
        try:
            self._call("look for", key, self.client.head_object, Bucket=self.bucket, Key=key)
            return name
        except NotFound:
            pass
        self._call(
            "upload",
            key,
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=MEDIA_TYPES.get(extension, "application/octet-stream"),
            CacheControl=IMMUTABLE,
        )
        return name

    def put_file(self, path: Path, extension: str) -> str:
        """Store the file at ``path`` unless its object is there: boto3's upload_fileobj sends a long file in parts.

        The file is read twice, once to hash it and once to send it, each
        piece by piece, so an hour of audio never sits in memory whole.
        """
        from boto3.s3.transfer import TransferConfig

        name = file_blob_name(path, extension)
        key = self.key(name)
        try:
            self._call("look for", key, self.client.head_object, Bucket=self.bucket, Key=key)
            return name
        except NotFound:
            pass
        extra = {"ContentType": MEDIA_TYPES.get(extension, "application/octet-stream"), "CacheControl": IMMUTABLE}
        parts = TransferConfig(multipart_threshold=8 * CHUNK, multipart_chunksize=8 * CHUNK, max_concurrency=2)
        with path.open("rb") as handle:
            self._call(
                "upload",
                key,
                self.client.upload_fileobj,
                Fileobj=handle,
                Bucket=self.bucket,
                Key=key,
                ExtraArgs=extra,
                Config=parts,
            )
        return name

    def get(self, name: str) -> bytes:
        key = self.key(name)
        answer = self._call("read", key, self.client.get_object, Bucket=self.bucket, Key=key)
        return self._read_body(key, answer)

    def size(self, name: str) -> int:
        key = self.key(name)
        answer = self._call("look for", key, self.client.head_object, Bucket=self.bucket, Key=key)
        return int(answer["ContentLength"])

    def read_range(self, name: str, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` inclusive, by a ranged GET: only those bytes cross the network."""
        key = self.key(name)
        answer = self._call("read", key, self.client.get_object, Bucket=self.bucket, Key=key, Range=f"bytes={start}-{end}")
        return self._read_body(key, answer)

    def delete(self, name: str) -> None:
        try:
            key = self.key(name)
            self._call("delete", key, self.client.delete_object, Bucket=self.bucket, Key=key)
        except NotFound:  # S3 answers 204 for a missing key; some compatible servers answer 404
            pass

    def _read_body(self, key: str, answer: dict[str, Any]) -> bytes:
        from botocore.exceptions import BotoCoreError

        body = answer["Body"]
        try:
            return bytes(body.read())
        except BotoCoreError as exc:  # the answer broke off or stalled past the read timeout
            raise BlobStoreError(
                f"reading {key} from the blob store {self.url} broke off ({exc}); check that {self.endpoint} is up."
            ) from None
        finally:
            body.close()

    def _call(self, doing: str, key: str, method: Any, **params: Any) -> dict[str, Any]:
        """``method(**params)`` with botocore's failures turned into NotFound or one clear BlobStoreError."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, PartialCredentialsError

        what = f"{doing} {key} in" if key else "reach"
        try:
            answer: dict[str, Any] = method(**params)
            return answer
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", "")) or str(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
            if code in _MISSING:
                gone = key.rsplit("/", 1)[-1]
                raise NotFound(f"the file {gone} is gone; fetch the article again for its current files.") from None
            if code == "NoSuchBucket":
                raise BlobStoreError(
                    f"cannot {what} the blob store: the bucket {self.bucket!r} does not exist at {self.endpoint}; "
                    "create it or fix KHULASA_BLOB_URL."
                ) from None
            if code in _REFUSED:
                raise AccessRefused(
                    f"the blob store {self.url} refused access ({code}) when asked to {what.removesuffix(' in')}; check the "
                    "credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) and the bucket's policy."
                ) from None
            raise BlobStoreError(
                f"cannot {what} the blob store {self.url}: it answered {code or 'an error'}; "
                "check KHULASA_BLOB_URL, KHULASA_S3_REGION and that the service is healthy."
            ) from None
        except (NoCredentialsError, PartialCredentialsError):
            raise BlobStoreError(
                f"cannot {what} the blob store {self.url}: no credentials were found; set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for the server and workers."
            ) from None
        except BotoCoreError as exc:  # connection refused, DNS, timeouts: after the configured tries
            raise BlobStoreError(
                f"cannot {what} the blob store {self.url} ({type(exc).__name__}); check KHULASA_S3_ENDPOINT_URL "
                f"({self.endpoint}) and that the server is up."
            ) from None
