"""Shared fixtures: accounts, sample images, and a real Celery worker process.

Integration tests use the worker with ``transactional_db`` (the worker is a
separate process and sees only committed data).
"""
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from frontend import compilemessages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The .mo files are not committed: build them (if stale) before anything is written in Welsh."""
    written = compilemessages.compile_all()
    if written:
        # Django caches catalogues per process; drop them so a catalogue loaded earlier is read again.
        from django.utils.translation.reloader import translation_file_changed

        translation_file_changed(sender=None, file_path=Path(written[0]))
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a page in Welsh must not leave Welsh behind."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _clean_media():
    """Each session starts with an empty media folder."""
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def jpeg_bytes(width=64, height=48, color=(120, 80, 40), exif=None) -> bytes:
    """A small real JPEG."""
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


def png_bytes(width=32, height=32, color=(0, 128, 255)) -> bytes:
    """A small real PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def make_user(db, django_user_model):
    """Make an account: ``make_user("dai", role="curator")``."""

    def make(username, role="member", **extra):
        return django_user_model.objects.create_user(username=username, password="pw-" + username, role=role,
                                                     **extra)

    return make


@pytest.fixture
def villager(make_user):
    """A trusted member of the community: what they contribute is approved at once (as in the demo)."""
    return make_user("villager", display_name="Megan Evans", trusted=True)


@pytest.fixture
def curator(make_user):
    """A curator."""
    return make_user("curator", role="curator")


@pytest.fixture
def api():
    """A DRF test client."""
    from rest_framework.test import APIClient

    return APIClient()


def _worker_env(database_name: str) -> dict:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{database_name}"
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": url,
            "PYTHONUNBUFFERED": "1"}


class Worker:
    """A real ``celery worker`` process consuming from the test broker."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path, self.process = env, log_path, None

    def start(self, timeout: float = 60) -> None:
        """Start the process and wait until it answers a ping."""
        from ingest.celery import app

        self.log = open(self.log_path, "ab")
        self.hostname = f"test-{os.getpid()}@{socket.gethostname()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "ingest", "worker", "--loglevel=INFO", "--concurrency=1",
             "--without-gossip", "--without-mingle", f"--hostname={self.hostname}",
             "--queues", settings.CELERY_TASK_DEFAULT_QUEUE],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited at start; see {self.log_path}")
            if app.control.ping(destination=[self.hostname], timeout=0.5):
                return
        raise RuntimeError(f"the worker did not answer within {timeout} s; see {self.log_path}")

    def kill(self, sig=signal.SIGKILL) -> None:
        """Signal the whole worker process group (SIGKILL by default: no clean-up)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Warm shutdown, then kill if it lingers."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    @property
    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process is not None and self.process.poll() is None


SEARCH_PORT = int(os.environ.get("COFIO_TEST_SEARCH_PORT", "9262"))


def _delete_indices_of_finished_runs() -> None:
    """Indices left by test runs that are no longer running (killed before they could clean up)."""
    import re

    from archive.search import engine

    for name in engine.indices("cofio-test-*"):
        match = re.match(r"cofio-test-(\d+)-items", name)
        if match and match.group(1) != settings.TEST_RUN and not Path(f"/proc/{match.group(1)}").exists():
            engine.index_delete(name)


@pytest.fixture(scope="session", autouse=True)
def search_node():
    """A real search engine for the whole session: SEARCH_URL when given, else a local OpenSearch node.

    The node (port COFIO_TEST_SEARCH_PORT, 9262) is shared by concurrent runs, each with its own
    indices (SEARCH_INDEX_PREFIX), and left running for the next run, except on CI (CI=true).
    """
    from archive.search import engine

    base, started = Path(settings.VAR_DIR) / "search-test", False
    if not settings.SEARCH_URL:
        sys.path.insert(0, str(ROOT / "bin"))
        import searchnode

        url = searchnode.ensure_started(SEARCH_PORT, str(base), "512m")
        os.environ.update(SEARCH_URL=url, SEARCH_ENGINE="opensearch")  # for the worker processes
        settings.SEARCH_URL, settings.SEARCH_ENGINE, started = url, "opensearch", True
    _delete_indices_of_finished_runs()
    yield settings.SEARCH_URL
    engine.index_delete(*engine.indices(f"{settings.SEARCH_INDEX_PREFIX}-items*"))
    if started and os.environ.get("CI") == "true":
        searchnode.stop(str(base))


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, search_node):
    """One real Celery worker for the session, on the test database and a purged test broker."""
    from ingest.celery import app

    app.control.purge()  # this run's own queue (settings.CELERY_TASK_DEFAULT_QUEUE): nothing left behind
    log_path = Path(settings.VAR_DIR) / f"test-worker-{settings.TEST_RUN}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.write_bytes(b"")
    worker = Worker(_worker_env(settings.DATABASES["default"]["NAME"]), log_path)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def worker(celery_worker_process, transactional_db):
    """The session's worker, restarted if an earlier test killed it."""
    if not celery_worker_process.alive:
        celery_worker_process.start()
    return celery_worker_process


def wait_for_status(item, statuses=("ready", "failed"), timeout=60.0):
    """Poll the database until ``item`` reaches one of ``statuses``; return it refreshed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        item.refresh_from_db()
        if item.status in statuses:
            return item
        time.sleep(0.1)
    raise AssertionError(f"item {item.pk} stayed '{item.status}' for {timeout} s, expected one of {statuses}")


def pytest_terminal_summary(terminalreporter):
    """How many generated requests the property-based tests (Schemathesis, Hypothesis) sent, and to what."""
    from tests.fuzzing import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("property-based testing")
        for line in lines:
            terminalreporter.write_line(line)
