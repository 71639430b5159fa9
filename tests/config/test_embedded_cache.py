"""The embedded default (local settings, as `make demo` runs it) shares the cache between its processes.

Two web workers and the Celery worker each count for the rate limits: with a cache in each process's own
memory, every limit would be as many times looser as there are processes.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = ("import django; django.setup(); from django.test import RequestFactory; "
         "from archive.services import sign_in_limits as s; r = RequestFactory().post('/', REMOTE_ADDR='192.0.2.7'); ")


def run_local(code: str, var_dir: Path) -> str:
    """Run ``code`` in a new process on the local settings, with ``var_dir`` as its var/ and no CACHE_URL."""
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DATABASE_URL", "SECRET_KEY")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", "COFIO_VAR_DIR": str(var_dir),
                "COFIO_RATE_LOGIN_ACCOUNT": "3/15m", "COFIO_RATE_LOGIN_ADDRESS": "100/15m"})
    result = subprocess.run([sys.executable, "-c", SETUP + code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_failures_counted_in_one_process_are_seen_by_another(tmp_path):
    run_local("[s.record_failure(r, 'dai') for _ in range(3)]", tmp_path)
    wait = int(run_local("print(s.seconds_to_wait(r, 'dai'))", tmp_path))
    assert 14 * 60 < wait <= 15 * 60
    assert any((tmp_path / "cache").iterdir())  # kept under var/cache/
    assert run_local("print(s.seconds_to_wait(r, 'someone-else'))", tmp_path) == "0"
