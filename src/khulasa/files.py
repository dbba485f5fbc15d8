"""Reading an article file and writing output files, the one way every front end does it.

Reading is bounded (at most ``limit`` + 1 bytes, so a size check can tell
"too large" without reading a whole disk image) and refuses what is not a
regular file: a FIFO, terminal or socket would block until something wrote to
it, and a device such as /dev/zero never ends. Writing goes to a new file
beside the target that replaces it only once it is whole and on disk, so a
run that fails or is killed midway leaves the old file (or none), never a part.
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from khulasa.errors import InputError


def read_bounded(path: Path, limit: int | None) -> bytes:
    """At most ``limit`` + 1 bytes of the regular file ``path`` (all of it for None), or an InputError saying why not.

    The message does not name the file: the caller says which one it was.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO with no writer: refused, not waited on
    except IsADirectoryError:
        raise InputError("it is a folder, not an article file.") from None
    except FileNotFoundError:
        raise InputError("no such file (or a broken link).") from None
    except PermissionError:
        raise InputError("permission denied; make the file readable.") from None
    except OSError as exc:
        raise InputError(f"the file cannot be read ({exc.strerror or exc}).") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("it is a folder, not an article file.")
        if not stat.S_ISREG(mode):
            raise InputError("it is not a regular file (a pipe, device or socket); save the article to a file.")
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as handle:
            descriptor = -1
            return handle.read(-1 if limit is None else limit + 1)
    except OSError as exc:
        raise InputError(f"the file cannot be read ({exc.strerror or exc}).") from None
    finally:
        if descriptor >= 0:
            os.close(descriptor)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A new file beside ``path``, open "w+b", that becomes ``path`` when the block ends without an error."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    try:
        descriptor = os.open(temporary, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)  # the umask decides, as for any file
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc}).") from None
    try:
        with os.fdopen(descriptor, "w+b") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc}).") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    with replacing(path) as handle:
        handle.write(data)
