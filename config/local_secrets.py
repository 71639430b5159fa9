"""Secrets of the embedded default, made once on the first run and kept under ``var/``.

A village hall runs ``make demo`` on one machine: there is no one to set a secret key, and the demo's
accounts must not share a password published in the README. So the first run writes a random secret
key to ``var/secret_key`` and a random demo password to ``var/demo_password``; every later run (and
every process of the same run: the web workers, the Celery worker, ``manage.py``) reads the same ones.
The ``SECRET_KEY`` and ``COFIO_DEMO_PASSWORD`` environment variables win over the files (and then no
file is written). The files are readable by their owner alone (mode 0600).

Production settings never generate anything: they read :func:`refused_demo_passwords` to refuse any
demo password an account could still have.
"""
import os
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The password every demo account had before it was generated per installation; it is still in older
# copies of the README, so production refuses it for ever, and the demo replaces it (seed_demo).
PUBLISHED_DEMO_PASSWORD = "cofio-demo"
SECRET_KEY_FILE = "secret_key"
DEMO_PASSWORD_FILE = "demo_password"


def _read(path: Path) -> str:
    """The stripped text of ``path``, or "" when it does not exist or is empty."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def read_or_create(path: Path, make) -> str:
    """The secret kept in ``path``; on the first call, ``make()``'s value, written there with mode 0600.

    Created atomically: the value is written to a private temporary file in the same folder, which is
    then linked to ``path`` only if ``path`` does not exist yet (``os.link`` never replaces a file).
    Two processes starting together thus agree on one value: the loser reads the winner's.
    """
    value = _read(path)
    if value:
        return value
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # mkstemp makes the file with mode 0600, whatever the umask.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise ImproperlyConfigured(f"Cannot write {path} ({exc}); make its folder writable, or set the "
                                   f"value in the environment.") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(make() + "\n")
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:  # another process was first: use its value
            pass
    finally:
        os.unlink(temporary)
    value = _read(path)
    if not value:
        raise ImproperlyConfigured(f"{path} is empty; delete it to have a new one made.")
    return value


def secret_key(var_dir: Path, from_env: str = "") -> str:
    """Django's SECRET_KEY: ``from_env`` (the SECRET_KEY variable) if set, else ``var/secret_key``."""
    if from_env:
        return from_env
    return read_or_create(Path(var_dir) / SECRET_KEY_FILE, lambda: secrets.token_urlsafe(50))


def _new_demo_password() -> str:
    """Three groups of letters and digits, easy to read aloud and type: e.g. ``k7wq-m3tz-p9dh``."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to confuse
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def demo_password(var_dir: Path) -> str:
    """The demo accounts' password: COFIO_DEMO_PASSWORD if set, else ``var/demo_password`` (made on first use)."""
    from_env = os.environ.get("COFIO_DEMO_PASSWORD", "").strip()
    if from_env:
        return from_env
    return read_or_create(Path(var_dir) / DEMO_PASSWORD_FILE, _new_demo_password)


def refused_demo_passwords(var_dir: Path) -> list[str]:
    """Every password a demo account may still have, for production to refuse; nothing is written.

    The once-published ``cofio-demo``, COFIO_DEMO_PASSWORD if set, and ``var/demo_password`` if a demo
    ran with this var folder.
    """
    candidates = [PUBLISHED_DEMO_PASSWORD, os.environ.get("COFIO_DEMO_PASSWORD", "").strip(),
                  _read(Path(var_dir) / DEMO_PASSWORD_FILE)]
    return list(dict.fromkeys(p for p in candidates if p))
