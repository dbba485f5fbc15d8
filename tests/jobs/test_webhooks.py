"""Webhook signatures as a receiver checks them: HMAC-SHA256 over "timestamp.body", refused when old."""

from __future__ import annotations

import hashlib
import hmac

from khulasa.jobs.webhooks import sign, verify


def test_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    body = b'{"event": "article.done"}'
    header = sign("whsec_abc", 1_800_000_000, body)
    expected = hmac.new(b"whsec_abc", b"1800000000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1800000000,v1={expected}"


def test_receivers_refuse_changed_bodies_wrong_secrets_old_stamps_and_junk() -> None:
    body = b'{"event": "article.done"}'
    header = sign("whsec_abc", 1_800_000_000, body)
    assert verify("whsec_abc", header, body, now=1_800_000_010)
    assert not verify("whsec_abc", header, body + b" ", now=1_800_000_010)
    assert not verify("whsec_xyz", header, body, now=1_800_000_010)
    assert not verify("whsec_abc", header, body, now=1_800_001_000)
    assert not verify("whsec_abc", "v1=deadbeef", body)
    assert not verify("whsec_abc", "", body)
