#!/usr/bin/env python3
"""Run the Cofio demo on the embedded default: SQLite, local files, a filesystem broker,
a local Celery worker (with beat), a local search node, and sample data.

    make demo            # http://127.0.0.1:8000
    PORT=8080 make demo

Press Ctrl-C to stop everything it started. Running it again reuses what is there.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bin"))
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
SEARCH_PORT = int(os.environ.get("COFIO_SEARCH_PORT", "9251"))


def _port_busy(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _start_search(env: dict) -> str:
    """Start the local search node; the demo goes on without search if it cannot (and says why)."""
    try:
        import searchnode
    except ImportError:
        return ""
    try:
        return searchnode.ensure_started(port=SEARCH_PORT, base_path=str(VAR / "search"), heap="512m")
    except Exception as exc:  # the archive works without search; say so plainly
        print(f"!! The search node did not start ({exc}); search is off for this demo.", flush=True)
        return ""


def main() -> int:
    """Prepare and run the demo until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    if _port_busy(args.port):
        print(f"Port {args.port} is already in use (is the demo already running?). Try: PORT=8080 make demo")
        return 1
    VAR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "COFIO_VAR_DIR": str(VAR),
           "PYTHONUNBUFFERED": "1"}
    search_url = _start_search(env)
    if search_url:
        env["SEARCH_URL"] = search_url
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    _manage(env, "seed_demo")
    if search_url:  # a fresh index of what is already there; the worker indexes every change from now on
        try:
            _manage(env, "search_reindex")
        except subprocess.CalledProcessError:
            print("!! The search index could not be built; search may be incomplete for this demo.", flush=True)
    logs = VAR / "logs"
    logs.mkdir(exist_ok=True)
    children = [
        subprocess.Popen([sys.executable, "-m", "celery", "-A", "ingest", "worker", "--beat", "--loglevel=INFO",
                          "--concurrency=2", "--schedule", str(VAR / "celerybeat-schedule")],
                         cwd=ROOT, env=env, stdout=open(logs / "worker.log", "ab"), stderr=subprocess.STDOUT),
        subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                          f"127.0.0.1:{args.port}", "--workers", "2", "--timeout", "120",
                          "--access-logfile", "-"], cwd=ROOT, env=env),
    ]
    print(f"""
  Cofio is running at http://127.0.0.1:{args.port}/
    API:        http://127.0.0.1:{args.port}/api/v1/   (docs: /api/v1/docs/)
    Admin:      http://127.0.0.1:{args.port}/admin/
    Health:     http://127.0.0.1:{args.port}/healthz
    Search:     {search_url or 'off'}
    Worker log: {logs / 'worker.log'}

  Demo accounts (demo only; production settings refuse this password):
    curator  / cofio-demo   (curator, may use the admin; moderation at /moderation/)
    villager / cofio-demo   (trusted member: what they add is shown at once)
    newcomer / cofio-demo   (member: what they add waits for a curator)

  Press Ctrl-C to stop.
""", flush=True)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
    try:
        import searchnode

        searchnode.stop(str(VAR / "search"))
    except Exception:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
