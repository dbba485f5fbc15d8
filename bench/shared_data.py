"""Where the benchmarks find the public evaluation sets: ``../shared/data`` beside the repository.

They are read in place, never copied in; ``KHULASA_SHARED_DATA`` points
elsewhere (a clone outside the workspace, a mounted copy). One definition for
every script in ``bench/``, which imports it as a sibling module (Python puts
a script's own folder first on its path).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(os.environ.get("KHULASA_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))
