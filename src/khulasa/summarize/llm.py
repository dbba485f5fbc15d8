"""Engine "llm": bullets from any OpenAI-compatible chat completions endpoint.

Hosted APIs, vLLM, Ollama and the llama.cpp server all speak
``POST {base}/chat/completions``, so one small client serves them all. It is
defensive because the other end is not ours: the answer is read in chunks
and refused past a size limit, the whole exchange has a deadline (a server
that trickles bytes forever cannot hang a newsroom's queue), 429 and 5xx are
retried with bounded backoff, 401 and 404 become sentences that say which
setting to fix, and the answer's text is parsed tolerantly (JSON, JSON in a
code fence, a bare list, numbered or dashed lines). The bullets it returns
are not trusted: :mod:`khulasa.summarize.guard` checks them.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx

from khulasa.arabic import sentences as splitter
from khulasa.arabic.normalize import arabic_ratio
from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import ConfigError, EngineError
from khulasa.model import Article, Bullet, Summary
from khulasa.summarize import prompt
from khulasa.summarize.align import align

MAX_RETRY_AFTER = 30.0
"""Longest Retry-After honoured, in seconds; a server asking for more is treated as down."""
_RETRYABLE = {408, 409, 425, 429, 500, 502, 503, 504}
_NO_JSON_MODE: set[str] = set()
"""Endpoints that refused response_format in this process: later articles skip asking."""


class LLMEngine:
    """Summaries from a chat model; bullets are aligned to the sentences that support them."""

    name = "llm"

    def __init__(self, settings: Settings, *, backoff: float = 1.0, client: httpx.Client | None = None) -> None:
        if not settings.llm_base_url:
            raise ConfigError('engine "llm" needs KHULASA_LLM_BASE_URL, e.g. http://localhost:8000/v1 (see docs/llm.md).')
        if not settings.llm_model:
            raise ConfigError('engine "llm" needs KHULASA_LLM_MODEL, the model name the server knows.')
        self.settings = settings
        self.backoff = backoff
        """First wait after a 429/5xx without Retry-After, in seconds; doubles each time."""
        self.url = settings.llm_base_url.rstrip("/") + "/chat/completions"
        self._client = client
        self._json_mode = self.url not in _NO_JSON_MODE

    # The engine protocol -------------------------------------------------

    def summarize(self, article: Article, bullets: int) -> Summary:
        """Ask the model for ``bullets`` bullets about ``article``."""
        return self._ask(article, self._chat(article, bullets))

    def revise(self, article: Article, bullets: int, previous: Summary, problems: str) -> Summary:
        """Ask again, showing the model its rejected bullets and what the guard found wrong."""
        chat = self._chat(article, bullets) + prompt.revision([b.text for b in previous.bullets], problems)
        return self._ask(article, chat)

    # Internals -----------------------------------------------------------

    def _chat(self, article: Article, bullets: int) -> list[dict[str, str]]:
        """The first request's turns: rules, the worked example, and the article cut to the word limit."""
        words = prompt.aim(self.settings.bullet_min_words, self.settings.bullet_max_words)
        return prompt.messages(trim(article.text, self.settings.llm_max_article_words), bullets, article.title, words)

    def _ask(self, article: Article, chat: list[dict[str, str]]) -> Summary:
        content = self._complete(chat)
        try:
            texts = parse_bullets(content)
        except EngineError as first:
            # One more try names the problem; models that ignored the format usually comply.
            chat = [*chat, {"role": "assistant", "content": content[:2000]}, {"role": "user", "content": _REFORMAT}]
            try:
                texts = parse_bullets(self._complete(chat))
            except EngineError:
                raise first from None
        sentences = tuple(splitter.split(article.text))
        out = tuple(Bullet(t, align(t, sentences)) for t in texts)
        return Summary(bullets=out, sentences=sentences, engine=self.name)

    def _complete(self, chat: list[dict[str, str]]) -> str:
        """The assistant's text for ``chat``, with retries and every limit applied."""
        deadline = time.monotonic() + self.settings.llm_timeout
        attempt = 0
        while True:
            body: dict[str, Any] = {"model": self.settings.llm_model, "messages": chat, "temperature": 0.2, "stream": False}
            if self._json_mode:
                body["response_format"] = {"type": "json_object"}
            status, headers, data = self._post(body, deadline)
            if status in (400, 422) and self._json_mode and re.search(rb"response_format|json", data, re.I):
                self._json_mode = False  # the server does not do JSON mode; the parser copes with plain text
                _NO_JSON_MODE.add(self.url)
                continue
            if status == 200:
                return _content(data)
            if status in (401, 403):
                raise EngineError(
                    f"the LLM endpoint refused the request ({status}); "
                    f"check KHULASA_LLM_API_KEY for {self.settings.llm_base_url}."
                )
            if status == 404:
                raise EngineError(
                    f"the LLM endpoint answered 404 for {self.url}; check KHULASA_LLM_BASE_URL (it usually ends in /v1) "
                    f"and that model {self.settings.llm_model!r} exists there."
                )
            if status in _RETRYABLE and attempt < self.settings.llm_max_retries:
                wait = _retry_after(headers.get("retry-after"))
                wait = self.backoff * 2**attempt if wait is None else wait
                if wait > MAX_RETRY_AFTER or time.monotonic() + wait >= deadline:
                    raise EngineError(f"the LLM endpoint is busy ({status}) and asked to wait {wait:.0f} s; try again later.")
                time.sleep(wait)
                attempt += 1
                continue
            detail = _error_text(data)
            raise EngineError(
                f"the LLM endpoint answered {status}{' after ' + str(attempt + 1) + ' tries' if attempt else ''}"
                f"{': ' + detail if detail else ''}."
            )

    def _post(self, body: dict[str, Any], deadline: float) -> tuple[int, httpx.Headers, bytes]:
        """POST ``body``; read the answer in chunks under the size limit and the deadline."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise EngineError(f"the LLM endpoint gave no complete answer within {self.settings.llm_timeout:g} s.")
        headers = {"Accept": "application/json"}
        if self.settings.llm_api_key:
            headers["Authorization"] = f"Bearer {self.settings.llm_api_key}"
        timeout = httpx.Timeout(remaining, connect=min(remaining, 10.0))
        client = self._client or httpx.Client(trust_env=False)
        limit = self.settings.llm_max_answer_bytes
        try:
            with client.stream("POST", self.url, json=body, headers=headers, timeout=timeout) as response:
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise EngineError(f"the LLM answer is over {limit:,} bytes; refused while reading it.")
                    if time.monotonic() > deadline:
                        raise EngineError(f"the LLM endpoint gave no complete answer within {self.settings.llm_timeout:g} s.")
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException:
            raise EngineError(f"the LLM endpoint gave no complete answer within {self.settings.llm_timeout:g} s.") from None
        except httpx.HTTPError as exc:
            reason = type(exc).__name__
            raise EngineError(f"cannot reach the LLM endpoint at {self.url} ({reason}); is the server running?") from None
        finally:
            if self._client is None:
                client.close()


_REFORMAT = 'لم أتمكن من قراءة إجابتك. أجب بكائن JSON فقط بالشكل {"bullets": ["…", "…"]} دون أي نص آخر.'


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: use our own backoff


def _error_text(data: bytes) -> str:
    try:
        err = json.loads(data).get("error")
        message = err.get("message") if isinstance(err, dict) else err
        return str(message)[:200] if message else ""
    except (ValueError, AttributeError):
        return ""


def _content(data: bytes) -> str:
    """The assistant message's text in a chat completions answer."""
    try:
        answer = json.loads(data)
        content = answer["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise EngineError("the LLM endpoint's answer is not a chat completion (no choices[0].message.content).") from None
    if not isinstance(content, str) or not content.strip():
        raise EngineError("the LLM endpoint returned an empty answer.")
    return content


_THINK = re.compile(r"<think>.*?</think>", re.S)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)
_MARKER = re.compile(r"^\s*(?:[-*•●▪–]|\(?[0-9\u0660-\u0669]+[.)\-:]|[0-9\u0660-\u0669]+\s*-)\s*")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.){10,})"')


def parse_bullets(content: str) -> list[str]:
    """Bullets from a model's answer: a JSON object or list, fenced or not, or one bullet per line."""
    text = _THINK.sub("", content).strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    found = _from_json(text)
    if found is None:
        start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
        if start >= 0:
            found = _from_json(text[start : max(text.rfind("}"), text.rfind("]")) + 1])
    if found is None and text[:1] in "{[":
        found = [b for m in _QUOTED.findall(text) if arabic_ratio(m) > 0.5 and (b := _json_string(m)) is not None]
    if found is None:
        found = [_MARKER.sub("", line).strip() for line in text.splitlines()]
        found = [line for line in found if word_count(line) >= 4 and arabic_ratio(line) > 0.5]
    bullets = [_tidy(b) for b in found if isinstance(b, str) and b.strip()]
    if not bullets:
        raise EngineError("the LLM answer held no bullets that could be read.")
    return bullets


def _from_json(text: str) -> list[str] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return _strings(value)


def _json_string(quoted: str) -> str | None:
    """The text of one JSON string's inside, as a model wrote it (raw line breaks allowed); None if its escapes are broken."""
    try:
        value = json.loads(f'"{quoted}"', strict=False)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list):
        items = [v.get("text") or v.get("bullet") if isinstance(v, dict) else v for v in value]
        strings = [v for v in items if isinstance(v, str)]
        return strings or None
    if isinstance(value, dict):
        for key in ("bullets", "summary", "points", "النقاط", "الملخص"):
            if key in value:
                return _strings(value[key])
        for inner in value.values():
            found = _strings(inner)
            if found:
                return found
    if isinstance(value, str) and value.strip():
        return [line for line in (_MARKER.sub("", x).strip() for x in value.splitlines()) if line]
    return None


def _tidy(bullet: str) -> str:
    text = " ".join(_MARKER.sub("", bullet).split())
    return text if text.endswith((".", "!", "؟", "?", "…")) else text + "."


def trim(text: str, max_words: int) -> str:
    """``text`` cut to at most ``max_words`` words by whole sentences from the start: the lead stays."""
    if word_count(text) <= max_words:
        return text
    kept: list[list[str]] = []
    words = 0
    paragraph = -1
    for sentence in splitter.split(text):
        n = word_count(sentence.text)
        if words + n > max_words and kept:
            break
        if sentence.paragraph != paragraph:
            kept.append([])
            paragraph = sentence.paragraph
        kept[-1].append(sentence.text)
        words += n
    return "\n".join(" ".join(p) for p in kept)
