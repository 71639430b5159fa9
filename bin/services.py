#!/usr/bin/env python3
"""Start and stop the real services the test suite uses: PostgreSQL and Redis.

Both come from Debian's packages, installed when missing (the machine's root may
apt-get). PostgreSQL runs as its own cluster ``cofio`` through Debian's
pg_ctlcluster (it refuses to run as root; pg_ctlcluster runs it as ``postgres``);
Redis runs as a private instance under var/redis. Nothing here touches a
machine's other clusters or Redis servers.

    bin/services.py ensure-system-packages   install postgresql, redis-server, chromium, docker-compose when missing
    bin/services.py up                       start both; prints the environment to use
    bin/services.py down                     stop both
"""
import argparse
import glob
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
PG_CLUSTER = "cofio"
PG_PORT = int(os.environ.get("COFIO_PG_PORT", "5439"))
PG_USER, PG_PASSWORD, PG_DB = "cofio", "cofio", "cofio"
REDIS_PORT = int(os.environ.get("COFIO_REDIS_PORT", "6390"))
SYSTEM_PACKAGES = {"pg_ctlcluster": "postgresql", "redis-server": "redis-server",
                   "chromium": "chromium",  # Debian's Chromium: the deep-zoom viewer's browser test
                   "docker-compose": "docker-compose"}  # validates docker/compose.yaml (no engine needed)


def _run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, **kwargs)


def ensure_system_packages(extra: dict | None = None) -> None:
    """Install Debian packages for the commands that are missing (``{command: package}``)."""
    wanted = {**SYSTEM_PACKAGES, **(extra or {})}
    missing = sorted({pkg for cmd, pkg in wanted.items() if not shutil.which(cmd) and not _pg_installed(cmd)})
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing system packages {missing}: install them with apt-get (needs root).")
    print(f"Installing {', '.join(missing)} from Debian's packages…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    _run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], env=env, stdout=subprocess.DEVNULL)


def _pg_installed(cmd: str) -> bool:
    return cmd == "pg_ctlcluster" and bool(_pg_version()) and shutil.which("pg_ctlcluster") is not None


def _pg_version() -> str:
    versions = sorted((Path(p).parent.parent.name for p in glob.glob("/usr/lib/postgresql/*/bin/postgres")), key=float)
    return versions[-1] if versions else ""


def _wait_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} after {seconds} s")


def _psql(sql: str, version: str) -> str:
    return _run(["su", "postgres", "-c", f"psql -p {PG_PORT} -tAc \"{sql}\""], capture_output=True,
                cwd="/tmp").stdout.strip()


def postgres_up() -> str:
    """Create (once) and start the ``cofio`` cluster; return its DATABASE_URL."""
    version = _pg_version()
    if not version:
        raise RuntimeError("PostgreSQL is not installed: run bin/services.py ensure-system-packages")
    clusters = _run(["pg_lsclusters", "-h"], capture_output=True).stdout
    if not any(line.split()[:2] == [version, PG_CLUSTER] for line in clusters.splitlines()):
        _run(["pg_createcluster", version, PG_CLUSTER, "-p", str(PG_PORT), "--", "--auth-local=peer",
              "--auth-host=scram-sha-256"], stdout=subprocess.DEVNULL)
        # Tests need little durability and much speed.
        conf = Path(f"/etc/postgresql/{version}/{PG_CLUSTER}/conf.d/cofio.conf")
        conf.write_text("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
                        "listen_addresses = '127.0.0.1'\n")
    status = subprocess.run(["pg_ctlcluster", version, PG_CLUSTER, "status"], capture_output=True)
    if status.returncode != 0:
        _run(["pg_ctlcluster", version, PG_CLUSTER, "start"])
    _wait_port(PG_PORT)
    if _psql(f"SELECT 1 FROM pg_roles WHERE rolname='{PG_USER}'", version) != "1":
        _psql(f"CREATE ROLE {PG_USER} LOGIN CREATEDB PASSWORD '{PG_PASSWORD}'", version)
    if _psql(f"SELECT 1 FROM pg_database WHERE datname='{PG_DB}'", version) != "1":
        _psql(f"CREATE DATABASE {PG_DB} OWNER {PG_USER}", version)
    return f"postgres://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{PG_PORT}/{PG_DB}"


def postgres_down() -> None:
    """Stop the ``cofio`` cluster (kept on disk for the next run)."""
    version = _pg_version()
    if version:
        subprocess.run(["pg_ctlcluster", version, PG_CLUSTER, "stop", "-m", "fast"], capture_output=True)


def redis_up() -> str:
    """Start a private Redis under var/redis; return its URL (database 0)."""
    folder = VAR / "redis"
    folder.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        running = s.connect_ex(("127.0.0.1", REDIS_PORT)) == 0
    if not running:
        _run(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--daemonize", "yes",
              "--dir", str(folder), "--pidfile", str(folder / "redis.pid"), "--logfile", str(folder / "redis.log"),
              "--save", "", "--appendonly", "no"])
        _wait_port(REDIS_PORT)
    return f"redis://127.0.0.1:{REDIS_PORT}/0"


def redis_down() -> None:
    """Stop the private Redis."""
    subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True)


def up() -> dict:
    """Start PostgreSQL and Redis; return the environment variables that point at them."""
    return {"DATABASE_URL": postgres_up(), "CELERY_BROKER_URL": redis_up(),
            "CACHE_URL": f"redis://127.0.0.1:{REDIS_PORT}/1"}


def down() -> None:
    """Stop PostgreSQL and Redis."""
    redis_down()
    postgres_down()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["ensure-system-packages", "up", "down"])
    args = parser.parse_args()
    if args.command == "ensure-system-packages":
        ensure_system_packages()
    elif args.command == "up":
        for key, value in up().items():
            print(f"export {key}={value}")
    else:
        down()


if __name__ == "__main__":
    main()
