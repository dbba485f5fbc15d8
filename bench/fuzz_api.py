"""Fuzz the running service: no request may crash the server process or get a 5xx answer.

Starts a real `khulasa serve` (jobs on) on a free loopback port with a
temporary data folder and a key made with `khulasa keys create`, reads the
routes from its /openapi.json (plus the pages the schema leaves out), and
sends generated requests across all of them: random JSON shapes (wrong types,
nesting, huge strings, missing and extra fields), unicode classes (lone
surrogates as ``\\ud800`` escapes, RTL and zero-width marks, emoji, NUL and
control characters, overlong tokens, Arabic, mixed scripts, non-BMP), header
shapes (Range, If-Range, If-None-Match, If-Modified-Since, Content-Type lies,
Authorization junk), ids (huge integers, ``1_000``, unicode digits, path
traversal, percent-encoding) and query strings. A few well-formed Arabic
articles are stored so that jobs run and the audio routes have files, one of
them with an overlong Arabic token (one word 200 times without spaces). The
``url`` fields (articles, feed sources) often point at a loopback "newsroom"
this script serves, whose pages and feeds are generated too (odd charsets,
junk entries, redirect loops, gzip lies, 6 MB pages), so the fetcher and the
feed readers are fuzzed as well; the server may fetch 127.0.0.1 only.

Requests are written on raw sockets (one connection each), so the bytes sent
are exactly the bytes generated: no client library normalises a path or
refuses a header. After any request that gets no answer the process's return
code and /healthz are checked; a dead (or hung) server is counted, restarted
on the same data folder, and the run goes on. A 5xx is de-duplicated by route
and by the last line of the traceback the server logged for it.

Prints requests per route, the status histogram, every distinct 5xx with a
reproducing request, and the deaths; writes bench/results/fuzz_api.json;
exits 1 when there was any 5xx or death.

    .venv/bin/python bench/fuzz_api.py [--seed 1] [--requests 5000] [--seconds 900]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
REQUEST_TIMEOUT = 30.0
"""Seconds to wait for one answer; longer counts as no answer (and the server's health is checked)."""
MAX_ANSWER = 20_000_000

# --- well-formed articles (composed for this fuzzer) ------------------------------------------------------------------

ARTICLES = {
    "fuzz-port": (
        "أعلنت هيئة الموانئ صباح اليوم افتتاح رصيف جديد للحاويات في الميناء الشمالي بطاقة تبلغ مليون حاوية سنويًا. "
        "وقال رئيس الهيئة في مؤتمر صحفي إن المشروع استغرق ثلاث سنوات من العمل المتواصل وبلغت كلفته نحو مئتي مليون دينار. "
        "وأضاف أن الرصيف سيخفض زمن انتظار السفن إلى النصف ويوفر أكثر من ألف فرصة عمل لأبناء المنطقة. "
        "ويأتي الافتتاح ضمن خطة وطنية لتطوير البنية التحتية للنقل البحري حتى عام ألفين وثلاثين."
    ),
    "fuzz-rain": (
        "توقعت دائرة الأرصاد الجوية هطول أمطار غزيرة على المناطق الساحلية خلال اليومين المقبلين "
        "مع انخفاض ملحوظ في درجات الحرارة. "
        "ودعت الدائرة المواطنين إلى تجنب السفر غير الضروري والابتعاد عن مجاري السيول والأودية. "
        "وأوضح المتحدث باسم الدائرة أن كميات الأمطار قد تصل إلى خمسين مليمترًا في بعض المناطق الجبلية. "
        "وأعلنت وزارة التربية تعليق الدوام في المدارس يوم الأحد احترازيًا."
    ),
    "fuzz-library": (
        "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم أكثر من خمسين ألف كتاب باللغتين العربية والإنجليزية. "
        "وتتيح المكتبة قاعات للقراءة والبحث وركنًا خاصًا للأطفال يقدم ورشًا أسبوعية في الرسم والحكاية. "
        "وقال رئيس البلدية إن المكتبة ستفتح أبوابها يوميًا من التاسعة صباحًا حتى العاشرة مساءً مجانًا للجميع."
    ),
}
OVERLONG_ID = "fuzz-overlong-token"
OVERLONG_ARTICLE = (
    "قال مسؤول في وزارة الصحة إن الحملة الوطنية للتطعيم بلغت مرحلتها الثانية اليوم في جميع المحافظات. "
    + "التطعيم" * 200
    + " وأضاف أن الفرق الطبية زارت أكثر من ثلاثمئة مدرسة خلال الأسبوع الماضي. "
    "وتستمر الحملة حتى نهاية الشهر المقبل بحسب الوزارة."
)

# --- generators -------------------------------------------------------------------------------------------------------

UNICODE_CLASSES: dict[str, list[str]] = {
    "surrogate": ["\ud800", "\udfff", "\udc00", "a\ud83dz", "\udc00\ud800"],
    "rtl": ["\u200f", "\u202e", "\u202b", "\u2067", "\u061c"],
    "zero_width": ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"],
    "emoji": ["😀", "👩‍👩‍👧", "🇸🇦", "❤️", "🏳️‍🌈"],
    "control": ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\n\n\n"],
    "arabic": ["السلام", "خبر", "الملخص", "١٢٣٤", "ـــ", "ﷺ", "ﻻ", "\u064b\u064c\u064d"],
    "latin": ["news", "Ünïcödé", "café", "ﬁ", "ǅ"],
    "non_bmp": ["𝕏", "𐍈", "𠜎", "\U0010ffff", "\U000e0001"],
    "special": ["\ufffe", "\uffff", "\ufffd", "<&>", "'\"", "%s%n", "${x}", "\\", "{{7*7}}"],
}
OVERLONG_WORDS = ["الحكومة", "a", "خبر", "x", "مرحبا", "😀", "ـ", "1"]


def unicode_string(rng: random.Random, max_len: int = 200) -> str:
    """A string mixing the unicode classes, sometimes one overlong token of 100–10,000 characters with no spaces."""
    roll = rng.random()
    if roll < 0.12:
        word = rng.choice(OVERLONG_WORDS)
        return (word * (rng.randint(100, 10_000) // len(word) + 1))[: rng.randint(100, 10_000)]
    if roll < 0.17:
        return "".join(rng.choice(UNICODE_CLASSES[rng.choice(list(UNICODE_CLASSES))]) for _ in range(rng.randint(1, 50)))
    parts = []
    for _ in range(rng.randint(0, 12)):
        cls = rng.choice(list(UNICODE_CLASSES))
        parts.append(rng.choice(UNICODE_CLASSES[cls]))
        if rng.random() < 0.5:
            parts.append(" ")
    return "".join(parts)[:max_len] if rng.random() < 0.9 else "".join(parts)


def huge_int(rng: random.Random) -> int:
    return rng.choice([2**63, 2**63 - 1, 2**64, -(2**63) - 1, 10**30, -1, 0, 10**4000])


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON value of any shape."""
    roll = rng.random()
    if depth > 3 or roll < 0.35:
        return _leaf(rng)
    if roll < 0.6:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))]
    return {unicode_string(rng, 30): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def _leaf(rng: random.Random) -> Any:
    kind = rng.randrange(7)
    if kind == 0:
        return unicode_string(rng)
    if kind == 1:
        return rng.randint(-10, 10)
    if kind == 2:
        return huge_int(rng)
    if kind == 3:
        return rng.choice([0.5, -0.0, 1e308, float("nan"), float("inf"), -float("inf")])
    if kind == 4:
        return rng.choice([True, False, None])
    if kind == 5:
        return "x" * rng.choice([10_000, 200_000]) if rng.random() < 0.3 else unicode_string(rng)
    return rng.choice(["2026-11-29T06:00:00Z", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-23:59", "2026-02-30", ""])


@dataclass(frozen=True)
class Deep:
    """JSON text nested hundreds or thousands of levels deep, too deep for ``json.dumps`` to write itself."""

    text: str


def deep(rng: random.Random) -> Deep:
    levels = rng.choice([100, 1000, 3000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return Deep(opener * levels + json.dumps(unicode_string(rng, 10)) + closer * levels)


def field_value(rng: random.Random, name: str) -> Any:
    """A value for a known field: mostly plausible in type, often wrong."""
    roll = rng.random()
    if roll < 0.25:
        return random_value(rng)
    if roll < 0.3:
        return deep(rng)
    if name in ("text", "html"):
        base = rng.choice(list(ARTICLES.values()))
        if name == "html":
            base = rng.choice([f"<html><body><article><p>{base}</p></article></body></html>", "<p>" * 2000, "<html>"])
        choice = rng.random()
        if choice < 0.4:
            return base + unicode_string(rng)
        if choice < 0.6:
            return unicode_string(rng) + base
        return unicode_string(rng, 5000)
    if name == "url":
        if NEWSROOM is not None and rng.random() < 0.6:
            return NEWSROOM.url(rng)
        return rng.choice(
            [
                "http://127.0.0.1:1/x",
                "file:///etc/passwd",
                "http://[::1]/",
                "ftp://x",
                "http://" + "a" * 3000,
                "https://" + "a" * 70 + ".example.com/",
                "https://news..example.com/",
                "http://" + "ä" * 40 + "/",
                "http://a:99999/",
                "http://[::1",
                unicode_string(rng),
            ]
        )
    if name == "published":
        return rng.choice(
            [
                "2026-11-29T06:00:00Z",
                "0001-01-01T00:00:00+05:00",
                "9999-12-31T23:59:59-23:59",
                "2026-13-01",
                "1e10",
                unicode_string(rng),
                huge_int(rng),
                -(10**12),
                10**12,
            ]
        )
    if name == "language":
        return rng.choice(["ar", "en-US", "ar-" + "x" * 8, "a", "ara-EG-x-1234567", "ar\n", "١٢", unicode_string(rng, 20)])
    if name == "metadata":
        return {unicode_string(rng, 20): random_value(rng) for _ in range(rng.randint(0, 4))}
    if name in ("bullets", "poll_seconds", "limit"):
        return rng.choice([0, 1, 3, 10, 11, -1, 1.5, huge_int(rng), "3", "١", float("nan"), 1e-300, 1e308])
    return unicode_string(rng)


def json_body(rng: random.Random, fields: list[str], required: list[str]) -> bytes:
    """A JSON object for a body schema: fields missing, extra, of the wrong type; lone surrogates stay ``\\udXXX`` escapes."""
    roll = rng.random()
    if roll < 0.1:
        value: Any = random_value(rng)
    elif roll < 0.15:
        value = deep(rng)
    elif roll < 0.45 and "text" in fields:  # a usable article and one field fuzzed: gets past validation, into the work
        value = {"text": rng.choice(list(ARTICLES.values()))}
        name = rng.choice(fields)
        value[name] = field_value(rng, name)
    else:
        chosen = [f for f in fields if rng.random() < 0.5] + [f for f in required if rng.random() < 0.7]
        value = {name: field_value(rng, name) for name in chosen}
        if rng.random() < 0.15:
            value[unicode_string(rng, 30)] = random_value(rng)
    deeps: list[Deep] = []

    def placeholder(found: Deep) -> str:
        deeps.append(found)
        return f"@@deep{len(deeps) - 1}@@"

    if isinstance(value, Deep):
        return value.text.encode("utf-8", "surrogatepass")
    if isinstance(value, dict):
        value = {k: placeholder(v) if isinstance(v, Deep) else v for k, v in value.items()}
    text = json.dumps(value, ensure_ascii=rng.random() < 0.8)  # ensure_ascii=True writes lone surrogates as \ud800
    for number, found in enumerate(deeps):
        text = text.replace(f'"@@deep{number}@@"', found.text)
    return text.encode("utf-8", "surrogatepass")


def raw_body(rng: random.Random) -> bytes:
    """A body that is not the JSON the route expects."""
    return rng.choice(
        [
            b"",
            b"{",
            b'{"text": "unfinished',
            b"\xff\xfe\x00\x00",
            b'{"text": "\xed\xa0\x80"}',  # a surrogate encoded in UTF-8, which is not UTF-8
            b'{"text": "\xc0\xaf"}',  # an overlong UTF-8 sequence
            b"null",
            b"[]",
            b"0",
            b'"\\ud800"',
            b"NaN",
            b"text=hello&title=x",
            b"<xml/>",
            b"[" * 100_000,
            b'{"a":' * 50_000,
            b'{"text": 1' + b"0" * 5000 + b"}",
            os.urandom(rng.randint(1, 3000)),
            unicode_string(rng, 5000).encode("utf-8", "surrogatepass"),
            "ﻻ".join(ARTICLES.values()).encode("utf-16"),
            rng.choice(list(ARTICLES.values())).encode("cp1256"),
        ]
    )


def id_value(rng: random.Random, known: list[str]) -> str:
    """An article id: a known one, or one of the shapes ids are broken in."""
    roll = rng.random()
    if roll < 0.3 and known:
        return rng.choice(known)
    return rng.choice(
        [
            str(2**63),
            str(2**64 + 1),
            "9" * 40,
            "-1",
            "1_000",
            "١٢٣",
            "²",
            "𝟙𝟚",
            "0x10",
            "../../etc/passwd",
            "..",
            ".",
            "a/../b",
            "%2e%2e%2f",
            "x" * rng.choice([200, 201, 5000]),
            "fuzz-" + unicode_string(rng, 40),
            unicode_string(rng),
            "a b",
            "a#b",
            "a?b=c",
            "",
            "\x00",
            "demo-" + "0" * 16,
            "summary.mp3",
        ]
    )


def encode_path(rng: random.Random, value: str) -> str:
    """A path segment as it goes on the wire: percent-encoded (UTF-8, surrogates included), raw, or half-encoded."""
    raw = value.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.6:
        return quote(raw, safe="")
    if roll < 0.8:
        return quote(raw, safe="/%:~")
    return raw.decode("latin-1")  # raw bytes on the request line


def query_value(rng: random.Random, name: str) -> str:
    if name == "cursor":
        return rng.choice(
            [
                "1_1",
                "inf_1",
                "nan_1",
                "-inf_-1",
                "1e999_1",
                "1.5_" + str(2**63),
                "1_" + "9" * 30,
                "_",
                "x_y",
                "1_١",
                unicode_string(rng),
            ]
        )
    if name == "updated_since":
        return rng.choice(
            [
                "2026-11-29T06:00:00Z",
                "0001-01-01T00:00:00+05:00",
                "0001-01-01T00:00:00",
                "9999-12-31T23:59:59-23:59",
                "9999-12-31T23:59:59",
                "2026-11-29T06:00:00+24:00",
                "١٢",
                unicode_string(rng),
            ]
        )
    if name == "state":
        return rng.choice(["done", "queued", "DONE", "", unicode_string(rng)])
    if name in ("limit", "source"):
        return rng.choice(
            ["0", "1", "50", "200", "201", "500", "501", "-1", "1_000", "١٢", "²", str(2**63), "9" * 5000, "1e3", " 5", ""]
        )
    return unicode_string(rng)


def query_string(rng: random.Random, names: list[str]) -> str:
    pairs = [(n, query_value(rng, n)) for n in names if rng.random() < 0.5]
    if rng.random() < 0.15:
        pairs.append((unicode_string(rng, 20), unicode_string(rng, 50)))
    if rng.random() < 0.05 and names:
        name = rng.choice(names)
        pairs += [(name, query_value(rng, name)) for _ in range(3)]
    text = "&".join(
        f"{quote(k.encode('utf-8', 'surrogatepass'), safe='')}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}"
        for k, v in pairs
    )
    if rng.random() < 0.05:
        text += rng.choice(["&%ff=%fe", "&=&&=", "&a", "&%", "&%zz=1", "&" + "a" * 10_000])
    return text


def range_header(rng: random.Random) -> str:
    return rng.choice(
        [
            "bytes=0-",
            "bytes=0-0",
            "bytes=-1",
            "bytes=-0",
            "bytes=5-1",
            "bytes=0-99999999",
            "bytes=99999999-",
            "bytes=" + "9" * 5000 + "-",
            "bytes=0-" + "9" * 5000,
            "bytes=-" + "9" * 5000,
            "bytes=" + "9" * 25 + "-" + "9" * 26,
            "bytes=0-1,2-3",
            "bytes=-",
            "bytes=",
            "items=0-1",
            "bytes = 0-1",
            "bytes=0x10-",
            "bytes=1_0-",
            "bytes=+1-2",
            "bytes=\t0-1",
            "BYTES=0-1",
        ]
    )


def header_junk(rng: random.Random) -> str:
    return rng.choice(["", " ", "junk", "x" * 8000, "\t", '"', "W/", "*, *", "\u00ff\u00fe", "a\u0085b"])


def headers_for(rng: random.Random, key: str, method: str, has_body: bool) -> list[tuple[str, str]]:
    """Request headers: the key or junk in Authorization, and random conditional, range and type headers."""
    headers: list[tuple[str, str]] = []
    roll = rng.random()
    if roll < 0.7:
        headers.append(("Authorization", f"Bearer {key}"))
    elif roll < 0.9:
        headers.append(
            (
                "Authorization",
                rng.choice(
                    [
                        "Bearer",
                        "Bearer ",
                        "Bearer  ",
                        "Basic dXNlcjpwYXNz",
                        "bearer " + key,
                        "Bearer " + "k" * 10_000,
                        "Bearer \u00e9\u00ff",
                        "Bearer " + key + "x",
                        "Token " + key,
                        "Bearer\t" + key,
                        header_junk(rng),
                    ]
                ),
            )
        )
    if rng.random() < 0.3:
        headers.append(("Range", range_header(rng)))
    if rng.random() < 0.15:
        headers.append(("If-Range", rng.choice(['"abc"', 'W/"abc"', "Mon, 01 Jan 2024 00:00:00 GMT", header_junk(rng)])))
    if rng.random() < 0.2:
        tags = rng.choice(['"x"', "*", 'W/"x", "y"', '"unterminated', ", ".join(f'"{i}"' for i in range(3000)), header_junk(rng)])
        headers.append(("If-None-Match", tags))
    if rng.random() < 0.2:
        headers.append(
            (
                "If-Modified-Since",
                rng.choice(
                    [
                        "Mon, 01 Jan 99999 00:00:00 GMT",
                        "Tue, 31 Feb 2026 00:00:00 GMT",
                        "-1",
                        "9" * 5000,
                        "Sun, 06 Nov 1994 08:49:37 +9999",
                        "Sun, 06 Nov 1994 08:49:37 GMT",
                        "Fri, 31 Dec 9999 23:59:59 -2359",
                        "0",
                        header_junk(rng),
                    ]
                ),
            )
        )
    if has_body or rng.random() < 0.1:
        headers.append(
            (
                "Content-Type",
                rng.choice(
                    ["application/json"] * 4
                    + [
                        "text/plain",
                        "application/xml",
                        "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded",
                        "application/json; charset=utf-16",
                        "application/json; charset=latin-1",
                        "application/json; charset=nonsense",
                        header_junk(rng),
                    ]
                ),
            )
        )
    if rng.random() < 0.05:
        headers.append(("Content-Length", rng.choice(["-1", "abc", "9" * 30, str(10**10)])))
    if rng.random() < 0.05:
        headers.append((rng.choice(["Accept", "Accept-Encoding", "Origin", "X-Forwarded-For", "Cookie"]), header_junk(rng)))
    if method == "OPTIONS" and rng.random() < 0.5:
        headers += [("Origin", "http://example.org"), ("Access-Control-Request-Method", rng.choice(["PUT", "GET", "BREW"]))]
    return headers


# --- a loopback newsroom: what the fetcher reads for `url` fields and feed sources -------------------------------------


def site_answer(kind: str, rng: random.Random) -> tuple[int, list[tuple[str, str]], bytes]:
    """A generated answer of one kind: an article page, an RSS, Atom or WordPress feed with odd entries, or a lie."""
    article = rng.choice(list(ARTICLES.values()))
    odd = unicode_string(rng, 300).replace("\ud800", "").encode("utf-8", "ignore").decode()
    date = rng.choice(["Sun, 29 Nov 2026 06:00:00 GMT", "Tue, 31 Feb 2026 99:00:00 +9999", "0001-01-01", "", odd, "9" * 5000])
    if kind == "article":
        page = f"<html><head><title>{odd}</title></head><body><article><h1>{odd}</h1><p>{article}</p></article></body></html>"
        charset = rng.choice(["utf-8", "utf-8", "cp1256", "iso-8859-6", "nonsense", "utf-16", "rot13", ""])
        encoded = page.encode(charset if charset in ("cp1256", "iso-8859-6", "utf-16") else "utf-8", "replace")
        return 200, [("Content-Type", f"text/html; charset={charset}")], encoded
    if kind == "rss":
        item = (
            f"<item><title>{odd}</title><link>{rng.choice(['', 'javascript:x', 'http://127.0.0.1:1/' + odd[:20]])}</link>"
            f"<guid>{odd[:50]}</guid><pubDate>{date}</pubDate><description>{article}</description></item>"
        )
        channel = f"<channel><title>{odd}</title>{item * rng.randint(0, 3)}</channel>"
        body = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'>{channel}</rss>"
        return 200, [("Content-Type", "application/rss+xml")], body.replace("&", "&amp;").encode("utf-8", "replace")
    if kind == "atom":
        entry = f"<entry><title>{odd}</title><id>{odd[:40]}</id><updated>{date}</updated><content>{article}</content></entry>"
        body = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>{entry * rng.randint(0, 3)}</feed>"
        return 200, [("Content-Type", "application/atom+xml")], body.replace("&", "&amp;").encode("utf-8", "replace")
    if kind == "wp":
        posts = [
            {
                "id": random_value(rng),
                "link": random_value(rng),
                "modified_gmt": date,
                "title": {"rendered": odd},
                "content": {"rendered": f"<p>{article}</p>"},
            }
            for _ in range(rng.randint(0, 3))
        ]
        body = json.dumps(rng.choice([posts, random_value(rng), {"code": "rest_no_route"}])).encode()
        return 200, [("Content-Type", "application/json")], body
    if kind == "redirect":
        return 302, [("Location", rng.choice(["/redirect", "file:///etc/passwd", "http://10.0.0.1/", "//", odd[:50]]))], b""
    if kind == "gzip":
        return 200, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], article.encode()
    if kind == "huge":
        return 200, [("Content-Type", "text/html")], b"<p>" + "خبر ".encode() * 1_500_000
    return (
        rng.choice([500, 404, 304, 204, 200]),
        [("Content-Type", rng.choice(["text/html", "image/png", "application/rss+xml"]))],
        os.urandom(rng.randint(0, 2000)),
    )


SITE_KINDS = ["article", "rss", "atom", "wp", "redirect", "gzip", "huge", "junk"]


class Newsroom:
    """A loopback HTTP server answering each path ``/<kind>/<n>`` with a generated answer (seeded by the path)."""

    def __init__(self, seed: int) -> None:
        def handle(handler: BaseHTTPRequestHandler) -> None:
            kind = handler.path.strip("/").split("/")[0].split("?")[0]
            status, headers, body = site_answer(kind, random.Random(f"{seed}{handler.path}"))
            handler.send_response(status)
            for name, value in headers:
                handler.send_header(name, value.encode("utf-8", "replace").decode("latin-1"))
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if handler.command != "HEAD":
                with contextlib.suppress(OSError):
                    handler.wfile.write(body)

        class Handler(BaseHTTPRequestHandler):
            do_GET = do_HEAD = handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def url(self, rng: random.Random) -> str:
        return f"http://127.0.0.1:{self.port}/{rng.choice(SITE_KINDS)}/{rng.randrange(10**6)}"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()


NEWSROOM: Newsroom | None = None
"""The running loopback site, for the ``url`` generators."""


# --- the server, the wire and the report ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """`khulasa serve` in a subprocess, its output in a log file we read tracebacks from."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log_offset: int = 0

    @property
    def log(self) -> Path:
        return self.data_dir / "server.log"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHULASA_")}
        env.update({"PYTHONPATH": str(ROOT / "src"), "KHULASA_FETCH_ALLOW": "127.0.0.1", "KHULASA_SOURCE_POLLING": "0"})
        return env

    def make_key(self) -> str:
        made = subprocess.run(
            [sys.executable, "-m", "khulasa", "keys", "create", "fuzz", "--data-dir", str(self.data_dir)],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return made.stdout.strip()

    def start(self) -> None:
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "khulasa",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited at start ({self.process.returncode}); see {self.log}")
            if self.healthy():
                self.log_offset = self.log.stat().st_size
                return
            time.sleep(0.2)
        raise SystemExit("the server did not come up in 60 s")

    def healthy(self, timeout: float = 5) -> bool:
        answer = send(self.port, "GET", "/healthz", [], b"", timeout=timeout)
        return answer.status == 200

    def hung(self) -> bool:
        """Whether a live server failed /healthz three times in a row, 10 s each: busy jobs may slow it, not stop it."""
        for _ in range(3):
            if self.healthy(timeout=10):
                return False
            if self.process is None or self.process.poll() is not None:
                return False  # it died meanwhile: that is for the return code to tell
            time.sleep(1)
        return True

    def new_log(self) -> str:
        """What the server logged since the last call."""
        with self.log.open("rb") as log:
            log.seek(self.log_offset)
            data = log.read()
        self.log_offset += len(data)
        return data.decode("utf-8", "replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


@dataclass
class Answer:
    status: int
    """0 when no answer came (refused, reset, timed out)."""
    body: bytes = b""
    error: str = ""


def send(port: int, method: str, target: str, headers: list[tuple[str, str]], body: bytes, timeout: float) -> Answer:
    """One request on its own connection, written byte for byte; headers are sent as latin-1 (what HTTP allows)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers]
    if body and not any(name.lower() == "content-length" for name, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(head + body)  # the server may answer (413) and close before reading the whole body
            total = 0
            while total < MAX_ANSWER:
                sock.settimeout(max(0.1, deadline - time.monotonic()))
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except TimeoutError:
        return Answer(0, error="timeout")
    except OSError as exc:
        if not chunks:  # a reset after a complete answer (a 413 sent before the body was read) still counts
            return Answer(0, error=type(exc).__name__)
    data = b"".join(chunks)
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    if match is None:
        return Answer(0, error="no status line" if data else "empty reply")
    _, _, rest = data.partition(b"\r\n\r\n")
    return Answer(int(match.group(1)), rest)


TRACE_END = re.compile(r"^(\w[\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b.*)$", re.MULTILINE)
FRAME = re.compile(r'File "([^"]*khulasa[^"]*)", line (\d+), in (\w+)')


def cause_of(log: str) -> str:
    """The cause a server log names for a 5xx: our last frame and the exception's last line."""
    ends = TRACE_END.findall(log)
    if not ends:
        return "(no traceback logged)"
    frames = FRAME.findall(log)
    where = f"{Path(frames[-1][0]).name}:{frames[-1][1]} {frames[-1][2]}" if frames else "?"
    return f"{where}: {ends[-1][:200]}"


def short(data: bytes | str, limit: int = 160) -> str:
    text = repr(data)
    return text if len(text) <= limit else text[:limit] + f"…({len(data)} long)"


@dataclass
class Route:
    method: str
    template: str
    query: list[str]
    body: list[str] | None
    """The body schema's fields; None when the route takes no body."""
    required: list[str] = field(default_factory=list)
    raw_body: bool = False


def routes_from(schema: dict[str, Any]) -> list[Route]:
    """Every (method, path) in the OpenAPI document, plus the pages and methods it leaves out."""
    components = schema.get("components", {}).get("schemas", {})
    found: list[Route] = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            query = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
            body = None
            required: list[str] = []
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                ref = content["application/json"]["schema"].get("$ref", "")
                model = components.get(ref.rsplit("/", 1)[-1], {})
                body = list(model.get("properties", {}))
                required = list(model.get("required", []))
            found.append(Route(method.upper(), path, query, body, required, raw_body=path == "/v1/demo/articles"))
    for path in (
        "/",
        "/demo.js",
        "/demo.css",
        "/docs",
        "/redoc",
        "/openapi.json",
        "/player.js",
        "/metrics",
        "/healthz",
        "/v1/feed.xml",
        "/v1/feed.json",
    ):
        if not any(r.template == path and r.method == "GET" for r in found):
            found.append(Route("GET", path, [], None))
    found.append(Route("ANY", "/<unrouted>", [], None))
    return found


@dataclass
class Fuzzer:
    rng: random.Random
    server: Server
    key: str
    routes: list[Route]
    known_ids: list[str] = field(default_factory=lambda: list(ARTICLES))
    known_files: list[str] = field(default_factory=list)
    per_route: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[str, dict[str, Any]] = field(default_factory=dict)
    deaths: list[dict[str, Any]] = field(default_factory=list)
    no_answers: list[dict[str, Any]] = field(default_factory=list)
    recent: list[str] = field(default_factory=list)
    queued_by: dict[str, str] = field(default_factory=dict)
    """The request that queued each item's newest job."""

    def request(self, route: str, method: str, target: str, headers: list[tuple[str, str]], body: bytes) -> Answer:
        if self.server.process is None or self.server.process.poll() is not None:
            self.died("found dead before the request")
        self.per_route[route] += 1
        answer = send(self.server.port, method, target, headers, body, REQUEST_TIMEOUT)
        self.statuses[answer.status] += 1
        shown = [(name, value.replace(self.key, "KEY")) for name, value in headers]  # a throwaway key, but keep reports clean
        described = f"{method} {short(target, 120)} headers={short(str(shown), 200)} body={short(body)}"
        self.recent = [*self.recent[-4:], described]
        if answer.status >= 500 or answer.status == 0:
            time.sleep(0.05)  # let the log line land
            log = self.server.new_log()
            cause = cause_of(log)
            if answer.status == 0:
                self.no_answers.append({"route": route, "request": described, "error": answer.error})
                if self.server.process is not None and self.server.process.poll() is None and self.server.hung():
                    self.died(f"/healthz failed for 30 s after no answer ({answer.error}) to {described}", log, hung=True)
                elif self.server.process is not None and self.server.process.poll() is not None:
                    self.died(f"no answer ({answer.error}) to {described}", log)
                return answer
            signature = f"{route} {answer.status} {cause.split(':')[0]} {cause.split(': ')[1] if ': ' in cause else ''}"
            entry = self.failures.setdefault(
                signature,
                {
                    "route": route,
                    "status": answer.status,
                    "cause": cause,
                    "request": described,
                    "response": answer.body[:300].decode("utf-8", "replace"),
                    "count": 0,
                },
            )
            entry["count"] += 1
        else:
            self.server.log_offset = self.server.log.stat().st_size  # skip what was logged for answers that were fine
            if answer.status == 202:  # a job was queued: keep what made it, to name the input if that job kills the server
                made = re.search(rb'"external_id":"([^"]*)"', answer.body)
                if made is not None:
                    self.queued_by[made.group(1).decode("utf-8", "replace")] = described
        return answer

    def died(self, how: str, log: str = "", *, hung: bool = False) -> None:
        process = self.server.process
        code = process.returncode if process is not None and not hung else None
        tail = (log + self.server.new_log())[-1500:]
        self.server.stop()
        running = {external_id: self.queued_by.get(external_id, "?") for external_id in self.running_jobs()}
        kind = "hung (killed)" if hung else "died"
        self.deaths.append(
            {
                "kind": kind,
                "how": how,
                "returncode": code,
                "running_jobs": running,
                "recent_requests": self.recent,
                "log_tail": tail,
            }
        )
        print(f"  server process {kind} (return code {code}) while making {list(running)}: {how[:200]}", flush=True)
        if len(self.deaths) % 3 == 0:  # a job that kills the server is taken up again after a restart: start afresh
            fresh = Path(tempfile.mkdtemp(prefix="khulasa-fuzz-", dir=self.server.data_dir.parent))
            self.server.data_dir = fresh
            self.key = self.server.make_key()
            print(f"  {len(self.deaths)} deaths: restarting on a fresh data folder {fresh}", flush=True)
        self.server.start()
        self.put_articles()

    def put_articles(self) -> None:
        for external_id, text in ARTICLES.items():
            body = json.dumps({"text": text, "title": "خبر"}, ensure_ascii=False).encode()
            self.request(
                "PUT /v1/articles/{external_id} (well-formed)",
                "PUT",
                f"/v1/articles/{external_id}",
                [("Authorization", f"Bearer {self.key}"), ("Content-Type", "application/json")],
                body,
            )

    def put_overlong(self) -> None:
        body = json.dumps({"text": OVERLONG_ARTICLE}, ensure_ascii=False).encode()
        self.known_ids.append(OVERLONG_ID)
        self.request(
            "PUT /v1/articles/{external_id} (overlong Arabic token)",
            "PUT",
            f"/v1/articles/{OVERLONG_ID}",
            [("Authorization", f"Bearer {self.key}"), ("Content-Type", "application/json")],
            body,
        )

    def running_jobs(self) -> list[str]:
        """The articles whose jobs were running when the server stopped: the likely killers."""
        try:
            with contextlib.closing(sqlite3.connect(self.server.data_dir / "khulasa.db", timeout=10)) as db:
                rows = db.execute(
                    "SELECT a.external_id FROM jobs j JOIN articles a ON a.id = j.article_id WHERE j.state = 'running'"
                ).fetchall()
        except sqlite3.Error as exc:
            return [f"(could not read the jobs: {exc})"]
        return [row[0] for row in rows]

    def jobs_left(self) -> int | None:
        """Jobs queued or running, from /metrics; None when the server does not answer."""
        answer = send(self.server.port, "GET", "/metrics", [], b"", 10)
        if answer.status != 200:
            return None
        found = re.findall(rb'khulasa_jobs\{state="(?:queued|running)"\} (\d+)', answer.body)
        return sum(int(n) for n in found)

    def settle(self, seconds: float) -> None:
        """Wait (at most ``seconds``) until no job is queued or running, restarting a server that dies meanwhile."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.server.process is None or self.server.process.poll() is not None:
                self.died(f"died while its jobs ran; last requests: {self.recent[-2:]}")
                continue
            left = self.jobs_left()
            if left == 0:
                return
            if left is None and self.server.hung():
                self.died("/healthz failed for 30 s while its jobs ran", hung=True)
                continue
            time.sleep(0.5)

    def harvest(self) -> None:
        """Learn the stored files' names from finished items, so /v1/files and Range requests hit real bytes."""
        for external_id in list(ARTICLES):
            answer = send(
                self.server.port, "GET", f"/v1/articles/{external_id}", [("Authorization", f"Bearer {self.key}")], b"", 10
            )
            if answer.status == 200:
                self.known_files += [
                    n
                    for n in re.findall(r"/v1/files/([0-9a-f]{64}\.\w+)", answer.body.decode("utf-8", "replace"))
                    if n not in self.known_files
                ]

    def one(self) -> None:
        route = self.rng.choice(self.routes)
        rng = self.rng
        method = route.method
        if method == "ANY":
            method = rng.choice(["GET", "POST", "PATCH", "TRACE", "OPTIONS", "BREW"])
            path = "/" + "/".join(encode_path(rng, unicode_string(rng, 30)) for _ in range(rng.randint(1, 4)))
        else:
            if rng.random() < 0.05:
                method = rng.choice(["PATCH", "OPTIONS", "HEAD", "DELETE", "POST"])
            elif method == "GET" and rng.random() < 0.2:
                method = "HEAD"
            path = route.template
            for name in re.findall(r"\{(\w+)(?::\w+)?\}", route.template):
                if name == "source_id":
                    value = rng.choice(["1", "0", "-1", str(2**63), "9" * 30, "1_000", "١", "1.5", "x", unicode_string(rng, 20)])
                elif name == "name":
                    value = (
                        rng.choice(self.known_files)
                        if self.known_files and rng.random() < 0.4
                        else rng.choice(
                            [
                                "a" * 64 + ".mp3",
                                "../" * 5 + "etc/passwd",
                                "%2e%2e%2fdb.sqlite",
                                "x.mp3",
                                "0" * 64 + ".exe",
                                unicode_string(rng, 80),
                            ]
                        )
                    )
                else:
                    value = id_value(rng, self.known_ids)
                path = re.sub(r"\{" + name + r"(?::\w+)?\}", lambda _m, v=value: encode_path(rng, v), path, count=1)
        query = query_string(rng, route.query) if route.query or rng.random() < 0.1 else ""
        target = (path or "/") + (f"?{query}" if query else "")
        if route.raw_body:
            body = rng.choice(
                [
                    rng.choice(list(ARTICLES.values())).encode(),
                    raw_body(rng),
                    unicode_string(rng, 3000).encode("utf-8", "surrogatepass"),
                ]
            )
        elif route.body is not None:
            body = raw_body(rng) if rng.random() < 0.2 else json_body(rng, route.body, route.required)
        else:
            body = raw_body(rng) if rng.random() < 0.05 else b""
        self.request(f"{route.method} {route.template}", method, target, headers_for(rng, self.key, method, bool(body)), body)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1): the same seed sends the same requests")
    parser.add_argument("--requests", type=int, default=5000, help="generated requests (default 5000)")
    parser.add_argument("--seconds", type=float, default=900.0, help="stop after this long even if requests remain (default 900)")
    parser.add_argument("--no-overlong", action="store_true", help="do not store the article with the overlong Arabic token")
    args = parser.parse_args()

    started = time.monotonic()
    rng = random.Random(args.seed)
    global NEWSROOM
    NEWSROOM = Newsroom(args.seed)
    with tempfile.TemporaryDirectory(prefix="khulasa-fuzz-") as folder:
        server = Server(Path(folder) / "data")
        server.data_dir.mkdir()
        key = server.make_key()
        server.start()
        try:
            schema = json.loads(send(server.port, "GET", "/openapi.json", [], b"", 30).body)
            fuzzer = Fuzzer(rng, server, key, routes_from(schema))
            print(f"{len(fuzzer.routes)} routes; seed {args.seed}; server on 127.0.0.1:{server.port}", flush=True)
            fuzzer.put_articles()
            fuzzer.settle(min(180.0, args.seconds / 4))  # finished items first, so the audio routes have bytes to serve
            if not args.no_overlong:
                fuzzer.put_overlong()
            sent = 0
            while sent < args.requests and time.monotonic() - started < args.seconds:
                if sent % 250 == 0:
                    fuzzer.harvest()
                fuzzer.one()
                sent += 1
                if sent % 500 == 0:
                    print(
                        f"  {sent} requests, {sum(v['count'] for v in fuzzer.failures.values())} 5xx, "
                        f"{len(fuzzer.deaths)} deaths, {time.monotonic() - started:.0f} s",
                        flush=True,
                    )
            fuzzer.settle(max(0.0, min(180.0, args.seconds - (time.monotonic() - started))))  # jobs the requests queued
        finally:
            server.stop()
            NEWSROOM.close()
    return report(fuzzer, args, sent, time.monotonic() - started)


def report(fuzzer: Fuzzer, args: argparse.Namespace, sent: int, elapsed: float) -> int:
    total_5xx = sum(v["count"] for v in fuzzer.failures.values())
    print(f"\n{sum(fuzzer.per_route.values())} requests ({sent} generated) in {elapsed:.0f} s, seed {args.seed}")
    print("\nrequests per route:")
    for route, n in sorted(fuzzer.per_route.items()):
        print(f"  {n:6}  {route}")
    print("\nstatus codes: " + ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(fuzzer.statuses.items())))
    print(f"\n5xx: {total_5xx} ({len(fuzzer.failures)} distinct)")
    for entry in fuzzer.failures.values():
        print(
            f"  [{entry['count']}×] {entry['route']} → {entry['status']}\n      cause: {entry['cause']}\n"
            f"      request: {entry['request']}\n      response: {entry['response'][:200]}"
        )
    print(f"\nno answer: {len(fuzzer.no_answers)}")
    died = sum(d["kind"] == "died" for d in fuzzer.deaths)
    print(f"server deaths: {len(fuzzer.deaths)} ({died} died, {len(fuzzer.deaths) - died} hung and were killed)")
    for death in fuzzer.deaths:
        print(
            f"  {death['kind']}, return code {death['returncode']}, running jobs {list(death['running_jobs'])}: "
            f"{death['how'][:300]}"
        )
        for external_id, made_by in death["running_jobs"].items():
            print(f"      {external_id} was queued by: {made_by[:400]}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "seed": args.seed,
        "requests": sum(fuzzer.per_route.values()),
        "generated": sent,
        "seconds": round(elapsed, 1),
        "per_route": dict(fuzzer.per_route),
        "statuses": {str(k): v for k, v in sorted(fuzzer.statuses.items())},
        "five_xx": total_5xx,
        "failures": list(fuzzer.failures.values()),
        "no_answers": fuzzer.no_answers,
        "deaths": fuzzer.deaths,
    }
    (RESULTS / "fuzz_api.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS / 'fuzz_api.json'}")
    return 1 if total_5xx or fuzzer.deaths else 0


if __name__ == "__main__":
    sys.exit(main())
