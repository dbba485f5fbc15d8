"""Voice "piper" with a tiny voice file the test builds: Piper's inputs and outputs, a sine for a voice.

The graph takes Piper's ``input``/``input_lengths``/``scales`` and answers
with ``output`` (audio) and ``w_ceil`` (frames per phoneme id, the tensor
Piper reads alignments from): each id lasts ``ceil(2 × length_scale)``
frames of 256 samples, so the expected length of any text is known.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper
from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

from khulasa import config
from khulasa.errors import ConfigError, MissingDependency
from khulasa.speech.voices import voice_named

HOP = 256
RATE = 22_050


def constant(name: str, kind: int, values: list[float] | list[int], dims: list[int] | None = None) -> onnx.NodeProto:
    return helper.make_node("Constant", [], [name], value=helper.make_tensor(name, kind, dims or [], values))


def tiny_voice(folder: Path, amplitude: float = 0.3) -> Path:
    """Write ``tiny.onnx`` and ``tiny.onnx.json`` into ``folder``; return the model's path."""
    nodes = [
        helper.make_node("Shape", ["input"], ["shape"]),
        helper.make_node("ConstantOfShape", ["shape"], ["ones"], value=helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])),
        constant("which", TensorProto.INT64, [1]),
        helper.make_node("Gather", ["scales", "which"], ["length_scale"], axis=0),
        constant("two", TensorProto.FLOAT, [2.0]),
        helper.make_node("Mul", ["ones", "length_scale"], ["scaled"]),
        helper.make_node("Mul", ["scaled", "two"], ["frames"]),
        helper.make_node("Ceil", ["frames"], ["w_ceil"]),
        helper.make_node("ReduceSum", ["w_ceil"], ["total"], keepdims=0),
        constant("hop", TensorProto.FLOAT, [float(HOP)]),
        helper.make_node("Mul", ["total", "hop"], ["count"]),
        constant("zero", TensorProto.FLOAT, [0.0]),
        constant("step", TensorProto.FLOAT, [1.0]),
        helper.make_node("Range", ["zero", "count", "step"], ["n"]),
        constant("omega", TensorProto.FLOAT, [2 * math.pi * 220 / RATE]),
        helper.make_node("Mul", ["n", "omega"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["sine"]),
        constant("amplitude", TensorProto.FLOAT, [amplitude]),
        helper.make_node("Mul", ["sine", "amplitude"], ["wave"]),
        constant("shape3", TensorProto.INT64, [1, 1, -1], [3]),
        helper.make_node("Reshape", ["wave", "shape3"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes,
        "tiny-voice",
        [
            helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
            helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
            helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        ],
        [
            helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "samples"]),
            helper.make_tensor_value_info("w_ceil", TensorProto.FLOAT, [1, "phonemes"]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = folder / "tiny.onnx"
    onnx.save(model, path)
    voice_config = {
        "audio": {"sample_rate": RATE},
        "espeak": {"voice": "ar"},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": 1,
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
    }
    (folder / "tiny.onnx.json").write_text(json.dumps(voice_config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_voice(tmp_path_factory.mktemp("voice"))


SCRIPT = "وَقَّعَتِ الحُكُومَةُ اتِّفَاقًا. لِبِنَاءِ مَحَطَّةٍ كَبِيرَةٍ"


def test_speaks_with_word_timings_from_phoneme_durations(model: Path) -> None:
    voice = voice_named("piper", config.load(environ={}, voice="piper", piper_model=str(model)))
    speech = voice.synthesize(SCRIPT)
    assert speech.sample_rate == RATE
    assert len(speech.samples) % (2 * HOP) == 0  # every phoneme id lasted two frames
    assert float(np.abs(speech.samples).max()) == pytest.approx(0.3, abs=0.01)
    words = [SCRIPT[w.start_char : w.end_char] for w in speech.words]
    assert words == re.findall(r"\S+", SCRIPT)
    starts = [w.start for w in speech.words]
    assert starts == sorted(starts) and all(w.end > w.start for w in speech.words)
    assert speech.words[-1].end <= len(speech.samples) / RATE


def test_speed_shortens_the_phonemes(model: Path) -> None:
    normal = voice_named("piper", config.load(environ={}, piper_model=str(model))).synthesize(SCRIPT)
    fast = voice_named("piper", config.load(environ={}, piper_model=str(model), speed=2.0)).synthesize(SCRIPT)
    assert len(fast.samples) * 2 == len(normal.samples)


def test_config_named_voice_json_is_found(model: Path, tmp_path: Path) -> None:
    (tmp_path / "kareem.onnx").write_bytes(model.read_bytes())
    (tmp_path / "kareem.json").write_text(Path(str(model) + ".json").read_text(encoding="utf-8"), encoding="utf-8")
    speech = voice_named("piper", config.load(environ={}, piper_model=str(tmp_path / "kareem.onnx"))).synthesize("نَعَمْ")
    assert len(speech.samples) > 0


def test_missing_piper_names_the_extra(monkeypatch: pytest.MonkeyPatch, model: Path) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)
    with pytest.raises(MissingDependency, match=r"pip install 'khulasa\[piper\]'"):
        voice_named("piper", config.load(environ={}, piper_model=str(model)))


def test_bad_voice_paths_are_setting_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="KHULASA_PIPER_MODEL"):
        voice_named("piper", config.load(environ={}))
    with pytest.raises(ConfigError, match="no Piper voice"):
        voice_named("piper", config.load(environ={}, piper_model=str(tmp_path / "absent.onnx")))
    lonely = tmp_path / "lonely.onnx"
    lonely.write_bytes(b"\x00")
    with pytest.raises(ConfigError, match="no config"):
        voice_named("piper", config.load(environ={}, piper_model=str(lonely)))
    Path(str(lonely) + ".json").write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a usable Piper voice"):
        voice_named("piper", config.load(environ={}, piper_model=str(lonely)))
