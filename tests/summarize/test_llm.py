"""The LLM engine against a real loopback server that speaks the chat completions API.

Each test scripts the server's answers and checks that the pipeline ends in
the right outcome: accepted, retried, or fallen back to the extractive
engine with the reason recorded, never a crash.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.errors import ConfigError, EngineError
from khulasa.model import Article, Summary
from khulasa.summarize import engine_named
from khulasa.summarize.llm import LLMEngine, parse_bullets, trim
from tests.loopback import serving

FAITHFUL = [
    "وقعت الحكومة الأردنية اتفاقية نهائية مع تحالف من الشركات الدولية لتنفيذ مشروع الناقل الوطني "
    "لتحلية مياه البحر في العقبة بكلفة تقدر بنحو 3.5 مليارات دولار.",
    "سيوفر المشروع نحو 300 مليون متر مكعب من المياه الصالحة للشرب سنويا عبر خط أنابيب يمتد 450 كيلومترا، "
    "على أن يبدأ التشغيل التجريبي في عام 2029.",
]
CHANGED_NUMBER = [FAITHFUL[0], FAITHFUL[1].replace("300", "400")]
INVENTED_NAME = [FAITHFUL[0], FAITHFUL[1].replace("سيوفر المشروع", "قال المهندس سامر الدويري إن المشروع سيوفر")]
ENGLISH = [
    "Jordan signed a final agreement with an international consortium to build a national desalination carrier in Aqaba.",
    "The project will supply about 300 million cubic metres of drinking water a year through a 450 km pipeline.",
]


@dataclass
class Reply:
    """One scripted answer: a status, headers and a body, or a special behaviour."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    behaviour: str = ""
    """"" for a plain answer; "slow" waits before answering; "endless" streams bytes until the client leaves."""


def completion(content: str) -> Reply:
    return Reply(body=json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode())


def bullets(texts: list[str]) -> Reply:
    return completion(json.dumps({"bullets": texts}, ensure_ascii=False))


class ChatServer:
    """A chat completions server on 127.0.0.1 that plays a script; the last reply repeats."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                outer.requests.append(json.loads(self.rfile.read(length)))
                outer.headers.append(dict(self.headers))
                if self.path != "/v1/chat/completions":
                    self._send(Reply(404, b'{"error": {"message": "not found"}}'))
                    return
                reply = outer.script.pop(0) if len(outer.script) > 1 else outer.script[0]
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up: fine
                    self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.behaviour == "slow":
                    time.sleep(3)
                self.send_response(reply.status)
                for key, value in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(key, value)
                if reply.behaviour == "endless":
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    stop = time.monotonic() + 10  # bounded: the server stops by itself
                    while time.monotonic() < stop:
                        chunk = b'{"choices": [' * 4
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                        time.sleep(0.05)
                    return
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def play(self, *replies: Reply) -> None:
        self.script = list(replies)


@pytest.fixture
def chat() -> Iterator[ChatServer]:
    server = ChatServer()
    with serving(server.server):
        yield server


@pytest.fixture
def llm_settings(chat: ChatServer) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {"summary_engine": "llm", "llm_base_url": chat.url, "llm_model": "test-model"}
        values["llm_timeout"] = 5.0
        return config.load(environ={}, **{**values, **overrides})

    return make


@pytest.fixture
def article(example_text: str) -> Article:
    return Article(text=example_text)


def reason(summary: Summary) -> str:
    """The fallback finding's detail; fails the test when there is none."""
    assert summary.engine == "extractive", summary
    assert summary.guard[0].check == "fallback"
    return summary.guard[0].detail


def test_faithful_bullets_are_accepted_with_their_sources(chat, llm_settings, article) -> None:
    chat.play(bullets(FAITHFUL))
    summary = pipeline.summarize(article, llm_settings())
    assert summary.engine == "llm"
    assert [b.text for b in summary.bullets] == FAITHFUL
    assert all(f.passed for f in summary.guard)
    assert summary.bullets[0].sources == (0,)
    assert 1 in summary.bullets[1].sources
    request = chat.requests[0]
    assert request["model"] == "test-model"
    assert request["response_format"] == {"type": "json_object"}
    assert "سيوفر نحو 300 مليون" in request["messages"][-1]["content"]


def test_a_changed_number_is_retried_with_the_reason_then_accepted(chat, llm_settings, article) -> None:
    chat.play(bullets(CHANGED_NUMBER), bullets(FAITHFUL))
    summary = pipeline.summarize(article, llm_settings())
    assert summary.engine == "llm"
    assert summary.guard[0].check == "retry" and "400" in summary.guard[0].detail
    assert len(chat.requests) == 2
    assert "«400 مليون» not in the article" in chat.requests[1]["messages"][-1]["content"]


def test_a_broken_sentence_is_retried_with_the_defect_named(chat, llm_settings, article) -> None:
    """A bullet that leans on a sentence the box does not show ("في حين …") is as unpublishable as a wrong figure."""
    leaning = [FAITHFUL[0], "في حين " + FAITHFUL[1]]
    chat.play(bullets(leaning), bullets(FAITHFUL))
    summary = pipeline.summarize(article, llm_settings())
    assert summary.engine == "llm"
    assert summary.guard[0].check == "retry" and "dangling_opening" in summary.guard[0].detail
    assert "«في حين»" in chat.requests[1]["messages"][-1]["content"]
    assert [f.check for f in summary.guard if not f.passed] == []


def test_a_changed_number_twice_falls_back_to_extractive(chat, llm_settings, article) -> None:
    chat.play(bullets(CHANGED_NUMBER))
    summary = pipeline.summarize(article, llm_settings())
    assert "numbers: bullet 2: «400 مليون» not in the article" in reason(summary)
    extractive = pipeline.summarize(article, llm_settings(summary_engine="extractive"))
    assert [b.text for b in summary.bullets] == [b.text for b in extractive.bullets]


def test_a_retry_that_fails_falls_back_with_both_reasons(chat, llm_settings, article) -> None:
    chat.play(bullets(INVENTED_NAME), Reply(500, b'{"error": "overloaded"}', {"Retry-After": "0"}))
    detail = reason(pipeline.summarize(article, llm_settings(llm_max_retries=0)))
    assert "سامر الدويري" in detail
    assert "the retry failed: the LLM endpoint answered 500" in detail


def test_an_invented_name_falls_back(chat, llm_settings, article) -> None:
    chat.play(bullets(INVENTED_NAME))
    assert "سامر الدويري»" in reason(pipeline.summarize(article, llm_settings()))


def test_english_text_falls_back(chat, llm_settings, article) -> None:
    chat.play(bullets(ENGLISH))
    assert "arabic: bullet 1 is 0% Arabic script" in reason(pipeline.summarize(article, llm_settings()))


def test_malformed_json_is_asked_for_again_then_falls_back(chat, llm_settings, article) -> None:
    chat.play(completion('{bullets: [oops'))
    assert "no bullets that could be read" in reason(pipeline.summarize(article, llm_settings()))
    assert len(chat.requests) == 2
    assert "JSON" in chat.requests[1]["messages"][-1]["content"]


def test_a_server_that_answers_too_late_times_out(chat, llm_settings, article) -> None:
    chat.play(Reply(behaviour="slow", body=b"{}"))
    started = time.monotonic()
    assert "no complete answer within 0.5 s" in reason(pipeline.summarize(article, llm_settings(llm_timeout=0.5)))
    assert time.monotonic() - started < 2.5


def test_429_then_success_is_retried(chat, llm_settings, article) -> None:
    chat.play(Reply(429, b'{"error": "slow down"}', {"Retry-After": "0"}), bullets(FAITHFUL))
    summary = pipeline.summarize(article, llm_settings())
    assert summary.engine == "llm"
    assert len(chat.requests) == 2


def test_500_every_time_falls_back_after_bounded_retries(chat, llm_settings, article) -> None:
    chat.play(Reply(500, b'{"error": {"message": "model crashed"}}', {"Retry-After": "0"}))
    detail = reason(pipeline.summarize(article, llm_settings(llm_max_retries=2)))
    assert "answered 500 after 3 tries: model crashed" in detail
    assert len(chat.requests) == 3


def test_backoff_without_retry_after_waits_and_doubles(chat, llm_settings, article) -> None:
    chat.play(Reply(503), Reply(503), bullets(FAITHFUL))
    started = time.monotonic()
    LLMEngine(llm_settings(), backoff=0.1).summarize(article, 2)
    assert 0.3 <= time.monotonic() - started < 2.0  # 0.1 s, then 0.2 s


def test_a_long_retry_after_is_not_waited_for(chat, llm_settings, article) -> None:
    chat.play(Reply(429, headers={"Retry-After": "3600"}))
    with pytest.raises(EngineError, match="busy"):
        LLMEngine(llm_settings()).summarize(article, 2)


def test_an_empty_answer_falls_back(chat, llm_settings, article) -> None:
    chat.play(completion(""))
    assert "empty answer" in reason(pipeline.summarize(article, llm_settings()))


def test_a_10_mb_answer_is_refused_while_reading(chat, llm_settings, article) -> None:
    chat.play(completion("ا" * 5_000_000))
    assert "over 1,000,000 bytes" in reason(pipeline.summarize(article, llm_settings()))


def test_a_never_ending_stream_does_not_hang(chat, llm_settings, article) -> None:
    chat.play(Reply(behaviour="endless"))
    started = time.monotonic()
    detail = reason(pipeline.summarize(article, llm_settings(llm_timeout=0.6, llm_max_answer_bytes=50_000_000)))
    assert "no complete answer within 0.6 s" in detail
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(("status", "hint"), [(401, "KHULASA_LLM_API_KEY"), (403, "KHULASA_LLM_API_KEY")])
def test_a_refused_key_is_a_clear_error(chat, llm_settings, article, status, hint) -> None:
    chat.play(Reply(status, b'{"error": "bad key"}'))
    with pytest.raises(EngineError, match=hint):
        LLMEngine(llm_settings(llm_api_key="sk-test")).summarize(article, 2)
    assert chat.headers[0]["Authorization"] == "Bearer sk-test"
    assert hint in reason(pipeline.summarize(article, llm_settings()))


def test_a_wrong_base_url_is_a_clear_error(chat, llm_settings, article) -> None:
    chat.play(bullets(FAITHFUL))
    with pytest.raises(EngineError, match="KHULASA_LLM_BASE_URL"):
        LLMEngine(llm_settings(llm_base_url=chat.url.removesuffix("/v1"))).summarize(article, 2)


def test_a_server_without_json_mode_is_asked_again_without_it(chat, llm_settings, article) -> None:
    chat.play(Reply(400, b'{"error": {"message": "response_format is not supported"}}'), completion("\n".join(FAITHFUL)))
    summary = pipeline.summarize(article, llm_settings())
    assert summary.engine == "llm"
    assert "response_format" not in chat.requests[1]


def test_an_unreachable_server_falls_back(llm_settings, article) -> None:
    summary = pipeline.summarize(article, llm_settings(llm_base_url="http://127.0.0.1:9/v1"))
    assert "cannot reach the LLM endpoint" in reason(summary)


def test_the_engine_needs_a_base_url_and_a_model() -> None:
    with pytest.raises(ConfigError, match="KHULASA_LLM_BASE_URL"):
        engine_named("llm", config.load(environ={}))
    with pytest.raises(ConfigError, match="KHULASA_LLM_MODEL"):
        engine_named("llm", config.load(environ={}, llm_base_url="http://127.0.0.1:1/v1"))


@pytest.mark.parametrize(
    "answer",
    [
        '{"bullets": ["النقطة الأولى من الملخص هنا.", "النقطة الثانية من الملخص هنا."]}',
        '```json\n{"summary": ["النقطة الأولى من الملخص هنا", "النقطة الثانية من الملخص هنا"]}\n```',
        'Here you go:\n["النقطة الأولى من الملخص هنا.", "النقطة الثانية من الملخص هنا."]',
        "1. النقطة الأولى من الملخص هنا.\n2) النقطة الثانية من الملخص هنا.",
        "- النقطة الأولى من الملخص هنا.\n• النقطة الثانية من الملخص هنا.",
        "<think>the user wants bullets</think>\n١. النقطة الأولى من الملخص هنا.\n٢. النقطة الثانية من الملخص هنا.",
        '{"bullets": [{"text": "النقطة الأولى من الملخص هنا."}, {"text": "النقطة الثانية من الملخص هنا."}]}',
        '{"bullets": ["النقطة الأولى من\nالملخص هنا.", "النقطة الثانية من الملخص هنا."',
    ],
)
def test_answers_are_parsed_tolerantly(answer: str) -> None:
    assert parse_bullets(answer) == ["النقطة الأولى من الملخص هنا.", "النقطة الثانية من الملخص هنا."]


def test_a_cut_off_answer_with_a_broken_escape_keeps_the_readable_bullets() -> None:
    answer = '{"bullets": ["النقطة الأولى \\q من الملخص هنا.", "النقطة الثانية من الملخص هنا.", "النقطة الثالثة \\u12'
    assert parse_bullets(answer) == ["النقطة الثانية من الملخص هنا."]
    with pytest.raises(EngineError, match="no bullets that could be read"):
        parse_bullets('{"bullets": ["النقطة الأولى \\q من الملخص هنا."')


def test_long_articles_are_trimmed_by_whole_sentences_keeping_the_lead(example_text: str) -> None:
    trimmed = trim(example_text, 80)
    assert example_text.startswith(trimmed.split("\n")[0])
    assert len(trimmed.split()) <= 80
    assert trimmed.rstrip().endswith(".")
    assert trim(example_text, 10_000) == example_text


def test_the_command_line_chooses_the_engine_and_shows_it(chat, monkeypatch, capsys, example_text, tmp_path) -> None:
    from khulasa import cli

    chat.play(bullets(FAITHFUL))
    monkeypatch.setenv("KHULASA_LLM_BASE_URL", chat.url)
    monkeypatch.setenv("KHULASA_LLM_MODEL", "test-model")
    path = tmp_path / "article.txt"
    path.write_text(example_text, encoding="utf-8")
    assert cli.main(["summarize", "--engine", "llm", "--format", "json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["engine"] == "llm"
    assert [b["text"] for b in shown["bullets"]] == FAITHFUL
    assert {g["check"] for g in shown["guard"]} >= {"numbers", "dates", "names"}
    assert all(g["passed"] for g in shown["guard"])


def test_the_prompt_asks_for_lengths_the_guard_accepts() -> None:
    from khulasa.summarize import prompt

    assert prompt.aim(12, 40) == (20, 35)  # the seed's style inside the default bounds
    assert prompt.aim(8, 18) == (18, 18)  # a newsroom that wants short bullets is asked for what it allows
    assert prompt.aim(25, 60) == (25, 35)
    assert "من 18 إلى 18 كلمة" in prompt.rules(2, prompt.aim(8, 18))
