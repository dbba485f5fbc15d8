"""One exception tree for the whole project.

Every error a user can cause or meet carries a stable ``code`` and a message
that says what was wrong and what to do. Front ends map the tree to their own
terms in one place each: the command line prints the message and exits
non-zero, the web layer turns ``status`` into an HTTP answer.

The tree, with each error's HTTP status and code (a test keeps it true)::

    KhulasaError             500  khulasa_error
    ├── InputError           422  bad_input
    │   ├── EmptyInput       422  empty_input
    │   ├── NotArabic        422  not_arabic
    │   ├── BinaryInput      422  binary_input
    │   ├── UnencodableText  422  unencodable_text
    │   ├── InputTooLarge    413  input_too_large
    │   ├── NoArticleFound   422  no_article
    │   ├── FeedError        422  bad_feed
    │   ├── WebhookRefused   422  webhook_refused
    │   └── BadEntry         422  bad_entry
    ├── ConfigError          500  bad_setting
    ├── MissingDependency    501  missing_dependency
    ├── EngineError          502  engine_failed
    ├── SpeechError          502  speech_failed
    │   └── NativeCrash      500  native_crash
    ├── FetchError           422  fetch_failed
    ├── NotFound             404  not_found
    ├── NotYours             403  not_yours
    ├── DuplicateTerm        409  duplicate_term
    ├── NotInReview          409  not_in_review
    ├── AuthRequired         401  auth_required
    ├── RangeNotSatisfiable  416  range_not_satisfiable
    └── BlobStoreError       503  blob_store_failed

A front end adds a few of its own under these, beside the code that raises
them (the web layer's ``BadEvent``, the batch client's ``ServiceError``); the
tree above is the library's.

Catch :class:`InputError` for "the caller sent something we cannot use",
:class:`KhulasaError` for anything Khulasa raised on purpose.
"""

from __future__ import annotations


class KhulasaError(Exception):
    """Base of every error Khulasa raises on purpose."""

    code = "khulasa_error"
    """Stable machine-readable name, used in API problem details."""
    status = 500
    """The HTTP status the web layer answers with."""
    public: str | None = None
    """What the API tells a caller instead of the message, when the message names infrastructure
    (an endpoint, a bucket) that belongs in the operator's log; None: the message itself."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(KhulasaError):
    """The input cannot be summarized as given; the message says why."""

    code = "bad_input"
    status = 422


class EmptyInput(InputError):
    """There is no text at all (empty or only whitespace)."""

    code = "empty_input"


class NotArabic(InputError):
    """The text holds too little Arabic script to be an Arabic article."""

    code = "not_arabic"


class BinaryInput(InputError):
    """The bytes are not text: a binary file, or an undecodable encoding."""

    code = "binary_input"


class UnencodableText(InputError):
    """A string holds a lone surrogate (``"\\ud800"`` in JSON), which is not text and cannot be stored or shown."""

    code = "unencodable_text"


class InputTooLarge(InputError):
    """The input is over the configured size limit."""

    code = "input_too_large"
    status = 413


class NoArticleFound(InputError):
    """An HTML page was given, but no article body could be found in it."""

    code = "no_article"


class FeedError(InputError):
    """A feed (RSS, Atom or WordPress JSON) could not be read as one; the message says why."""

    code = "bad_feed"


class ConfigError(KhulasaError):
    """A setting has a value that cannot be used."""

    code = "bad_setting"
    status = 500


class MissingDependency(KhulasaError):
    """An optional extra is needed for what was asked; the message names it."""

    code = "missing_dependency"
    status = 501


class EngineError(KhulasaError):
    """A summary engine failed to produce a usable summary."""

    code = "engine_failed"
    status = 502


class SpeechError(KhulasaError):
    """Speech synthesis or audio encoding failed."""

    code = "speech_failed"
    status = 502


class FetchError(KhulasaError):
    """Downloading a URL failed or was refused."""

    code = "fetch_failed"
    status = 422


class WebhookRefused(InputError):
    """A webhook URL the service will not send to: not http(s), or it points at a loopback, private or reserved address."""

    code = "webhook_refused"


class NotFound(KhulasaError):
    """The item or file asked for does not exist (or was deleted)."""

    code = "not_found"
    status = 404


class BadEntry(InputError):
    """A pronunciation dictionary entry that cannot be used: an empty or over-long term, a ``say`` not in Arabic letters."""

    code = "bad_entry"


class NotYours(KhulasaError):
    """The request's key may not change this thing: another key added it."""

    code = "not_yours"
    status = 403


class DuplicateTerm(KhulasaError):
    """The pronunciation dictionary already has an entry for this term: change that entry instead."""

    code = "duplicate_term"
    status = 409


class NotInReview(KhulasaError):
    """Publishing or rejecting an item that is not waiting for review (state ``review``)."""

    code = "not_in_review"
    status = 409


class AuthRequired(KhulasaError):
    """The request needs a valid API key (``Authorization: Bearer KEY``)."""

    code = "auth_required"
    status = 401


class RangeNotSatisfiable(KhulasaError):
    """A Range header asks for bytes outside the file."""

    code = "range_not_satisfiable"
    status = 416


class BlobStoreError(KhulasaError):
    """The blob store (an S3-compatible bucket) could not be reached or refused a request; the message says what to check."""

    code = "blob_store_failed"
    status = 503
    public = "the audio store is not answering; try again shortly. The server's log says what failed and what to check."


class NativeCrash(SpeechError):
    """Native code (a voice, a diacritizer) crashed or hung on this input in its child process.

    The process boundary kept the crash from taking anything else down (see
    :mod:`khulasa.isolation`); the same input would crash it again, so a job
    that meets this is quarantined: failed at once, never retried.
    """

    code = "native_crash"
    status = 500
    public = "the voice crashed on this text; the summary was kept, the audio could not be made. Edit the text to retry."
