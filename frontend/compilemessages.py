#!/usr/bin/env python3
"""Compile the web pages' translations with polib (no GNU gettext needed).

Every ``frontend/locale/<language>/LC_MESSAGES/django.po`` becomes a ``django.mo``
beside it; a ``.mo`` already newer than its ``.po`` is left alone. The ``.mo``
files are build output and are not committed.

    python frontend/compilemessages.py            # compile what changed
    python frontend/compilemessages.py --force    # compile everything
"""
import argparse
import os
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def is_stale(po_path: Path, mo_path: Path) -> bool:
    """Whether ``mo_path`` is missing or not newer than ``po_path``."""
    return not mo_path.exists() or mo_path.stat().st_mtime_ns <= po_path.stat().st_mtime_ns


def compile_catalogue(po_path: Path, mo_path: Path) -> None:
    """Write ``mo_path`` from ``po_path``, atomically (fuzzy and untranslated entries are left out)."""
    tmp_path = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
    try:
        polib.pofile(str(po_path)).save_as_mofile(str(tmp_path))
        os.replace(tmp_path, mo_path)
    finally:
        tmp_path.unlink(missing_ok=True)


def compile_all(locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile every stale ``*/LC_MESSAGES/django.po`` under ``locale_dir``; return the ``.mo`` files written."""
    written = []
    for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if force or is_stale(po_path, mo_path):
            compile_catalogue(po_path, mo_path)
            written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: compile, say what was written, return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile even when the .mo looks up to date")
    parser.add_argument("--quiet", "-q", action="store_true")
    args = parser.parse_args(argv)
    for mo_path in compile_all(force=args.force):
        if not args.quiet:
            print(f"compiled {mo_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
