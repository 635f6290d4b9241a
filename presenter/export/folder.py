"""Atomic writes of whole folders of files (single files: :mod:`presenter.export.writing`).

A folder export (SVG, PNG) is written into a new temporary folder beside the target, one
file at a time as the slides are drawn, then swapped in: readers see the old folder or the
complete new one, never a half-written mix.
An existing target folder is replaced only if it holds nothing but an earlier export's
``slide-NN.*`` files, so a mistyped ``-o`` never deletes someone's other files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from presenter.errors import PresenterError
from presenter.export.writing import write_new

def write_folder_atomic(path: Path, files: Mapping[str, bytes] | Iterable[tuple[str, bytes]], suffix: str) -> list[str]:
    """Make ``path`` a folder holding exactly ``files`` (name to contents, or ``(name,
    contents)`` pairs written as they come), all or nothing; the names written, in order.
    The folder may hold only an earlier export of the same kind (``slide-01.{suffix}`` ...):
    anything else in it, another format's slides included, is refused, never replaced."""
    exported = re.compile(rf"slide-\d+(?:-\d+)?\.{re.escape(suffix)}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise PresenterError(path, None, f"cannot write: folder {parent} does not exist")
    if path.exists() and not path.is_dir():
        raise PresenterError(path, None, "is a file; give a folder name to write the slides into")
    if path.is_dir():
        others = sorted(p.name for p in path.iterdir() if not exported.fullmatch(p.name) or not p.is_file())
        if others:
            raise PresenterError(
                path, None, f"folder holds other files ({', '.join(others[:3])}); choose a new or empty folder"
            )
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    old: Path | None = None
    names: list[str] = []
    try:
        for name, data in files.items() if isinstance(files, Mapping) else files:
            write_new(temp / name, data)
            names.append(name)
        os.chmod(temp, 0o777 & ~_umask())
        if path.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=parent))
            os.replace(path, old / path.name)  # move the old folder aside, into a temporary one
        try:
            os.replace(temp, path)
        except OSError:
            if old is not None:
                os.replace(old / path.name, path)  # put the old export back
            raise
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise PresenterError(path, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return names


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
