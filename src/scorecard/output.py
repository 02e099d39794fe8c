"""Atomic output: a temporary file beside the target, renamed over it when complete."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from scorecard.errors import ConfigError, OutputError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new, never a part.

    Raises OutputError naming `path` when it cannot be written (no permission, a
    full disk); the temporary file is removed and a file already at `path` is kept.
    A folder that does not exist is a ConfigError (a command-line mistake). A device
    or a FIFO (/dev/null, /dev/stdout) is written to as it is, and a symbolic link's
    file is replaced, not the link.
    """
    path = Path(path)
    if _special(path):  # a device, a FIFO, /dev/stdout: written to, never replaced
        try:
            with open(path, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise cannot_write(path, exc) from None
        return
    if path.is_symlink():  # the link stays, and the file it names is replaced
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        missing = "err_not_a_folder" if folder.exists() else "err_no_folder"  # (afile/x.json)
        raise ConfigError.of(missing, path=path, folder=folder)
    try:
        _write_and_rename(path, folder, data)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def _write_and_rename(path: Path, folder: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(temp, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _special(path: Path) -> bool:
    """Whether `path` (followed through links) is neither a regular file, a folder nor absent."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents when missing; OutputError naming it when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(folder, exc) from None


def cannot_write(path: Path | str, exc: OSError) -> OutputError:
    """The error for an output that cannot be written: the user's path and the system's reason."""
    return OutputError.of("err_cannot_write", path=path, reason=exc.strerror or exc)


def _file_mode(path: Path) -> int:
    """The mode a new file gets (0666 less the umask), or the mode of the file replaced."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_NAME = 100  # characters of a team's file name, and at most MAX_BYTES in UTF-8
MAX_BYTES = 200  # (file systems allow 255 bytes: room for " (2)" and ".xlsx")


def safe_file_names(names: list[str]) -> dict[str, str]:
    """A file-name stem per team name: no separators or `..`, no reserved names, no collisions."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")[:MAX_NAME]
        # 华东 is 6 bytes, an emoji 4: the name is cut where its bytes would be too many
        stem = stem.encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore").rstrip(" .")
        stem = stem.replace("..", "_") or "team"
        if stem.split(".")[0].upper() in _RESERVED:
            stem = "_" + stem
        candidate, number = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem} ({number})"
            number += 1
        taken.add(candidate.casefold())
        stems[name] = candidate
    return stems
