"""Read and write the package's small files safely (no widgets, no pandas).

* :func:`atomic_write` writes to a unique temporary file in the same folder, flushes it to disk
  (``fsync``) and renames it into place, so a reader never sees half a file. Without
  ``overwrite`` the final name is claimed atomically (a hard link of the temporary file, or
  ``O_EXCL`` where links are not supported): of two saves of the same new name, one wins and
  the other gets :class:`FileExistsError`; nothing is silently replaced. The temporary file is
  removed in every case, also after an error.
* :func:`read_limited` opens a file without blocking (``O_NONBLOCK``: a named pipe swapped in
  after a check cannot hang the kernel), checks the *opened* descriptor with ``fstat`` (a
  regular file, not larger than the limit) and reads at most ``limit + 1`` bytes.
* :func:`disk_message` turns an operating-system error into one plain sentence ("Could not
  save: the folder is read-only.") instead of an errno.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

FILE_MODE = 0o644
"""Permissions of a written file (``mkstemp`` would leave it readable by its owner only)."""
STALE_SECONDS = 3600
"""A temporary file older than this was left by a crash (a save takes milliseconds)."""
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$|^[^.].*\.json\.tmp$")
"""This module's temporary files (``.name.json.<8 random>.tmp``) and the ``name.json.tmp`` that
earlier versions left behind."""


class FileProblem(ValueError):
    """A file cannot be read as asked. ``kind`` is one of ``missing``, ``folder``, ``special``,
    ``too_large``, ``unreadable``; the message is one plain sentence without the file's path."""

    def __init__(self, kind: str, message: str, size: int | None = None):
        self.kind, self.size = kind, size
        super().__init__(message)


def read_limited(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it has at most ``limit`` bytes.

    Raises :class:`FileProblem` for a missing path, a folder, a named pipe or other special
    file, a file over the limit (checked on the opened descriptor before reading, and again
    while reading, in case it grows), or an operating-system error.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem("missing", "there is no such file") from None
    except IsADirectoryError:
        raise FileProblem("folder", "it is a folder, not a file") from None
    except OSError as exc:
        raise FileProblem("unreadable", read_message(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("folder", "it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("special", "not a regular file")
        if info.st_size > limit:
            raise FileProblem("too_large", f"it is {info.st_size:,} bytes; the limit is "
                              f"{limit:,}", info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: plain reads from here on
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileProblem("unreadable", read_message(exc)) from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileProblem("too_large", f"it is larger than {limit:,} bytes", total)
    return b"".join(chunks)


def read_message(exc: OSError) -> str:
    """An operating-system error while reading, as a plain phrase."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "you do not have permission to read it"
    if exc.errno == errno.EISDIR:
        return "it is a folder, not a file"
    if exc.errno == errno.ENOENT:
        return "there is no such file"
    return f"it could not be read ({exc.strerror or 'operating system error'})"


def disk_message(exc: OSError, what: str = "save") -> str:
    """One plain sentence for an operating-system error while writing (no errno)."""
    code = exc.errno
    if code == errno.EROFS:
        return f"Could not {what}: the folder is read-only. Use Download instead."
    if code in (errno.EACCES, errno.EPERM):
        return (f"Could not {what}: you do not have permission to write in this folder (it is "
                "read-only for you). Use Download instead.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (f"Could not {what}: the disk is full (or your storage quota is used up). "
                "Delete some files or use Download instead.")
    if code in (errno.EISDIR, errno.ENOTEMPTY):
        return f"Could not {what}: a folder with that name is in the way. Choose another name."
    if code == errno.ENOTDIR:
        return f"Could not {what}: part of the folder's path is a file, not a folder."
    if code == errno.ENAMETOOLONG:
        return f"Could not {what}: the name is too long. Choose a shorter name."
    if code == errno.ENOENT:
        return f"Could not {what}: the folder does not exist and could not be created."
    return (f"Could not {what}: the computer refused to write the file "
            f"({exc.strerror or 'operating system error'}).")


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (best effort: not every system can open a folder)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _claim(tmp: str, target: Path) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (atomically); else FileExistsError."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError as exc:  # no hard links here (some network or FAT drives): claim with O_EXCL
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        try:
            os.replace(tmp, target)  # replaces only the empty placeholder this call created
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(target)
            raise
    else:
        os.unlink(tmp)


def remove_stale_temporaries(folder: Path | str, older_than: float = STALE_SECONDS) -> int:
    """Delete temporary files left in ``folder`` by a crashed save; return how many."""
    removed, limit = 0, time.time() - older_than
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if not _TEMPORARY.match(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                        os.unlink(entry.path)
                        removed += 1
    except OSError:
        pass
    return removed


def atomic_write(path: Path | str, data: bytes | str, *, overwrite: bool = False) -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` atomically; see the module's docstring.

    Raises :class:`FileExistsError` if ``path`` exists and ``overwrite`` is false, and
    :class:`OSError` if the disk refuses (turn it into a sentence with :func:`disk_message`).
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not overwrite and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "File exists", str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    placed = False
    try:
        with os.fdopen(fd, "wb") as handle:
            with contextlib.suppress(OSError, AttributeError):
                os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            _claim(tmp, target)
        placed = True
        _fsync_folder(target.parent)
        remove_stale_temporaries(target.parent)
    finally:
        if not placed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target
