"""Path arguments of the command line: a file, a directory, or a glob.

``domxml validate``, ``convert`` and ``fmt`` take the same: a directory
stands for every file below it with one of the command's extensions, a
pattern with ``*``, ``?`` or ``[`` for the files it matches (``**`` crosses
directories; shells expand most patterns before domxml sees them, quoted
ones reach it).
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["expand_path", "is_pattern"]

_GLOB = set("*?[")


def is_pattern(arg: str) -> bool:
    """Whether ``arg`` is a glob pattern rather than a file name."""
    return bool(_GLOB & set(arg))


def expand_path(arg: str, suffixes: Sequence[str] = (".xml",)) -> list[str] | None:
    """The files ``arg`` names, sorted; None when it names nothing.

    A regular file is itself; a directory is every file below it whose name
    ends in one of ``suffixes``; a pattern, the regular files it matches.
    An empty list is a directory without such files.
    """
    try:
        mode = os.stat(arg).st_mode
    except OSError:
        mode = 0
    if stat.S_ISREG(mode):
        return [arg]
    if stat.S_ISDIR(mode):
        return sorted(str(p) for p in Path(arg).rglob("*") if p.suffix in suffixes and p.is_file())
    if is_pattern(arg):
        matches = [m for m in sorted(glob.glob(arg, recursive=True)) if os.path.isfile(m)]
        return matches or None
    return None
