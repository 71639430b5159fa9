"""Production settings refuse unsafe configurations; health reports each service."""
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x" * 50


def run_django(code: str, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def production_env() -> dict:
    db = settings.DATABASES["default"]
    return {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "archive.example.org",
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6390/0")}


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_django("", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_django("", **{**production_env(), "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


def test_production_password_validation_refuses_the_demo_password():
    result = run_django(
        "from django.contrib.auth.password_validation import validate_password as v\n"
        "try:\n    v('cofio-demo'); print('accepted')\nexcept Exception as e:\n    print('refused', e)",
        **production_env())
    assert result.returncode == 0, result.stderr
    assert "refused" in result.stdout and "demo" in result.stdout


@pytest.mark.django_db(transaction=True)
def test_production_deploy_check_fails_while_a_demo_account_has_the_demo_password(django_user_model):
    # Hash as production does (the test settings use a faster hasher production would not read).
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    user = django_user_model.objects.create_user("curator")
    user.password = hasher.encode("cofio-demo", hasher.salt())
    user.save()
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"], cwd=ROOT,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                                 **production_env()}, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "cofio.E001" in result.stderr and "'curator'" in result.stderr
    user.password = hasher.encode("a much better secret 2026", hasher.salt())
    user.save()
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"], cwd=ROOT,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                                 **production_env()}, capture_output=True, text=True, timeout=60)
    assert "cofio.E001" not in result.stderr


def test_seed_demo_is_refused_in_production():
    result = subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT,
                            env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
                                 **production_env()}, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "refused in production" in result.stderr


def test_production_redelivers_a_lost_workers_tasks_promptly_on_redis():
    # A worker killed mid-ingest leaves its task unacknowledged: production must look for such tasks
    # (kombu's restore sweep) often, not only every ~100 s, and honour CELERY_VISIBILITY_TIMEOUT.
    result = run_django("from django.conf import settings as s; print(s.CELERY_BROKER_TRANSPORT_OPTIONS)",
                        **{**production_env(), "CELERY_BROKER_URL": "redis://127.0.0.1:6390/0",
                           "CELERY_VISIBILITY_TIMEOUT": "900"})
    assert result.returncode == 0, result.stderr
    options = ast.literal_eval(result.stdout.strip())
    assert options == {"visibility_timeout": 900, "unacked_restore_interval": 10, "unacked_restore_throttle": 1}


@pytest.mark.django_db(transaction=True)
def test_production_deploy_check_refuses_the_password_a_demo_kept_in_var_and_the_one_in_the_environment(
        django_user_model, tmp_path):
    # A village's demo moved to a server: its accounts still have the password the demo printed.
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    (tmp_path / "demo_password").write_text("k7wq-m3tz-p9dh\n")
    hasher = PBKDF2PasswordHasher()
    user = django_user_model.objects.create_user("villager")
    user.password = hasher.encode("k7wq-m3tz-p9dh", hasher.salt())
    user.save()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", **production_env(),
           "COFIO_VAR_DIR": str(tmp_path)}
    env.pop("COFIO_DEMO_PASSWORD", None)
    check = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"]
    result = subprocess.run(check, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "cofio.E001" in result.stderr and "'villager'" in result.stderr
    (tmp_path / "demo_password").unlink()
    result = subprocess.run(check, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "cofio.E001" not in result.stderr
    result = subprocess.run(check, cwd=ROOT, env={**env, "COFIO_DEMO_PASSWORD": "k7wq-m3tz-p9dh"},
                            capture_output=True, text=True, timeout=60)
    assert "cofio.E001" in result.stderr
    assert not (tmp_path / "demo_password").exists()  # production reads it, never makes one
    result = run_django(
        "from django.contrib.auth.password_validation import validate_password as v\n"
        "try:\n    v('k7wq-m3tz-p9dh'); print('accepted')\nexcept Exception as e:\n    print('refused', e)",
        **production_env(), COFIO_DEMO_PASSWORD="k7wq-m3tz-p9dh")
    assert "refused" in result.stdout, result.stderr
