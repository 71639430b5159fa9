#!/usr/bin/env python3
"""Run the whole test suite against real services started here.

Starts PostgreSQL and Redis (bin/services.py), exports where they are, and runs
pytest with any extra arguments given. The Celery worker process is started by
the test session itself (tests/conftest.py), on the test database.
Services are stopped afterwards on CI (CI=true) or with --stop.

The whole suite (no arguments) then runs the tests marked ``embedded`` once more on SQLite, the
embedded default of ``make demo``: code that reads rows at a lower level than the ORM must give
the same values there.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bin"))

import services  # noqa: E402


def main() -> int:
    """Start the services, run pytest, return its exit code."""
    args = sys.argv[1:]
    stop = os.environ.get("CI") == "true" or "--stop" in args
    args = [a for a in args if a != "--stop"]
    services.ensure_system_packages()
    env = {**os.environ, **services.up(), "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "COFIO_TEST_RUN": str(os.getpid())}
    try:
        status = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env)
        if status == 0 and not args:
            with tempfile.TemporaryDirectory(prefix="cofio-embedded-") as folder:
                embedded = {**env, "DATABASE_URL": f"sqlite:///{folder}/cofio.sqlite3"}
                print("\nThe tests marked embedded, on SQLite:", flush=True)
                status = subprocess.call([sys.executable, "-m", "pytest", "-m", "embedded", "-q"], cwd=ROOT,
                                         env=embedded)
        return status
    finally:
        if stop:
            services.down()


if __name__ == "__main__":
    sys.exit(main())
