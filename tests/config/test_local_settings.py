"""The embedded default (local settings, ``make demo``) is safe to open to a village hall's network.

Debug pages are off unless asked for; the secret key and the demo accounts' password are made once,
kept under var/ for the owner alone, and reused; the environment wins over both; the demo prints the
password it set. Each check imports the local settings in a fresh process with its own var folder.
"""
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bin"))

import demo  # noqa: E402  (bin/demo.py)

# What a developer's shell may have set; each test sets only what it means to.
CLEARED = ("DEBUG", "COFIO_DEBUG", "SECRET_KEY", "COFIO_DEMO_PASSWORD", "ALLOWED_HOSTS")


def local_settings(var_dir: Path, **env_overrides) -> dict:
    """DEBUG, SECRET_KEY and COFIO_DEMO_PASSWORD as config.settings.local sets them for ``var_dir``."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", "COFIO_VAR_DIR": str(var_dir), **env_overrides})
    code = ("import json; from django.conf import settings as s; "
            "print(json.dumps({'DEBUG': s.DEBUG, 'SECRET_KEY': s.SECRET_KEY, 'PASSWORD': s.COFIO_DEMO_PASSWORD}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_debug_is_off_unless_cofio_debug_asks_for_it(tmp_path):
    assert local_settings(tmp_path)["DEBUG"] is False
    assert local_settings(tmp_path, DEBUG="1")["DEBUG"] is False  # the old, generic name no longer turns it on
    assert local_settings(tmp_path, COFIO_DEBUG="1")["DEBUG"] is True


def test_secret_key_is_made_once_in_var_for_the_owner_alone_and_the_environment_wins(tmp_path):
    first = local_settings(tmp_path)["SECRET_KEY"]
    kept = tmp_path / "secret_key"
    assert kept.read_text().strip() == first and len(first) >= 50 and private(kept)
    assert first != "cofio-local-only-not-secret"
    assert local_settings(tmp_path)["SECRET_KEY"] == first  # the next start: the same key (sessions survive)
    assert local_settings(tmp_path / "other")["SECRET_KEY"] != first  # another installation: its own
    from_env = "an operator's own secret key, long enough for anyone"
    assert local_settings(tmp_path / "env", SECRET_KEY=from_env)["SECRET_KEY"] == from_env
    assert not (tmp_path / "env" / "secret_key").exists()


def test_demo_password_is_made_once_kept_in_var_printed_and_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv("COFIO_DEMO_PASSWORD", raising=False)
    password = local_settings(tmp_path)["PASSWORD"]
    kept = tmp_path / "demo_password"
    assert kept.read_text().strip() == password and private(kept)
    assert password != "cofio-demo" and len(password) >= 12
    assert local_settings(tmp_path)["PASSWORD"] == password  # the same after a restart
    assert local_settings(tmp_path / "other")["PASSWORD"] != password
    # bin/demo.py reads the same file and prints the password with the accounts' names.
    from config.local_secrets import demo_password

    assert demo_password(tmp_path) == password
    text = demo.accounts_text(password, tmp_path)
    assert password in text and all(name in text for name in ("curator", "villager", "newcomer"))
    assert "cofio-demo" not in text
    assert local_settings(tmp_path, COFIO_DEMO_PASSWORD="our hall 2026")["PASSWORD"] == "our hall 2026"
    monkeypatch.setenv("COFIO_DEMO_PASSWORD", "our hall 2026")
    assert "our hall 2026" in demo.accounts_text(demo_password(tmp_path), tmp_path)


def test_two_processes_starting_together_agree_on_one_secret(tmp_path):
    # The web workers and the Celery worker import the settings at the same moment on a first run.
    code = "from config.local_secrets import secret_key; import sys; print(secret_key(sys.argv[1]))"
    runs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True) for _ in range(6)]
    keys = {run.communicate(timeout=60)[0].strip() for run in runs}
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary files left behind


def test_demo_listens_on_this_machine_only_unless_asked(monkeypatch):
    monkeypatch.delenv("COFIO_HOST", raising=False)
    monkeypatch.setenv("HOST", "hall-laptop")  # tcsh puts the machine's name here: not a request
    assert demo._host_from_env() == "127.0.0.1"
    assert demo._network_hosts("127.0.0.1") == ([], [])
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert demo._host_from_env() == "0.0.0.0"
    addresses, allowed = demo._network_hosts("0.0.0.0")
    assert all(a in allowed for a in addresses) and "127.0.0.1" not in addresses
    assert demo._network_hosts("192.168.1.20")[0] == ["192.168.1.20"]
