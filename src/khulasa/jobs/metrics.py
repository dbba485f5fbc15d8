"""Counters the runner keeps in memory for ``/metrics``: how long each stage takes, and what paid voices were sent.

Prometheus summaries need only a running sum and count per stage; queue
depth and jobs by state are read from the job table when scraped.
"""

from __future__ import annotations

import threading
from collections import defaultdict


class StageTimes:
    """Total seconds and number of runs of each stage since the server started."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sum: dict[str, float] = defaultdict(float)
        self._count: dict[str, int] = defaultdict(int)
        self._characters: dict[str, int] = defaultdict(int)

    def observe(self, stage: str, seconds: float) -> None:
        """Add one run of ``stage`` that took ``seconds``."""
        with self._lock:
            self._sum[stage] += seconds
            self._count[stage] += 1

    def snapshot(self) -> dict[str, tuple[float, int]]:
        """Stage → (total seconds, runs)."""
        with self._lock:
            return {stage: (self._sum[stage], self._count[stage]) for stage in sorted(self._count)}

    def count_characters(self, voice: str, characters: int) -> None:
        """Add ``characters`` sent to the paid speech service behind ``voice`` (what the newsroom is billed for)."""
        if characters:
            with self._lock:
                self._characters[voice] += characters

    def characters(self) -> dict[str, int]:
        """Voice → characters sent to it since the server started."""
        with self._lock:
            return dict(sorted(self._characters.items()))
