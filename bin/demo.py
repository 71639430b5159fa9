#!/usr/bin/env python3
"""Run the Cofio demo on the embedded default: SQLite, local files, a filesystem broker,
a local Celery worker (with beat), a local search node, and sample data.

    make demo                   # http://127.0.0.1:8000, this machine only
    PORT=8080 make demo
    make demo HOST=0.0.0.0      # open to the local network (the village hall's wifi); also COFIO_HOST

Safe to open to a local network: Django's debug pages are off (COFIO_DEBUG=1 turns them on), the
secret key and the demo accounts' password are made on the first run and kept in var/ (SECRET_KEY and
COFIO_DEMO_PASSWORD in the environment win), and the password is printed here at each start.

Press Ctrl-C to stop everything it started. Running it again reuses what is there.
"""
import argparse
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bin"))
sys.path.insert(0, str(ROOT))
VAR = Path(os.environ.get("COFIO_VAR_DIR", ROOT / "var"))
SEARCH_PORT = int(os.environ.get("COFIO_SEARCH_PORT", "9251"))


LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]  # config/settings/local.py's default ALLOWED_HOSTS


def _port_busy(port: int, host: str = "127.0.0.1") -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        return s.connect_ex((host, port)) == 0


def _host_from_env() -> str:
    """The address to listen on: COFIO_HOST, else HOST when it is an IP address, else this machine only.

    Some shells (tcsh) put the machine's name in HOST; a name there is not a request to listen on it.
    """
    if os.environ.get("COFIO_HOST"):
        return os.environ["COFIO_HOST"]
    try:
        return str(ipaddress.ip_address(os.environ.get("HOST", "")))
    except ValueError:
        return "127.0.0.1"


def _lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (not loopback), best effort, for the printed links."""
    found = set()
    # Connecting a UDP socket sends nothing: it only picks the interface a packet would leave by.
    for probe in ("10.255.255.255", "172.31.255.255", "192.168.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                found.add(s.getsockname()[0])
        except OSError:
            pass
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    if shutil.which("ip"):  # Linux: every interface's address
        try:
            out = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True, timeout=5).stdout
            found.update(word.split("/")[0] for line in out.splitlines() for prev, word in
                         zip(line.split(), line.split()[1:]) if prev == "inet")
        except (OSError, subprocess.SubprocessError):
            pass
    addresses = []
    for address in found:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_unspecified or ip.is_link_local):
            addresses.append(address)
    return sorted(addresses, key=ipaddress.ip_address)


def _network_hosts(host: str) -> tuple[list[str], list[str]]:
    """For listening on ``host``: the addresses to print links to, and the host names Django must accept."""
    if host in ("127.0.0.1", "localhost", "::1"):
        return [], []
    addresses = _lan_addresses() if host in ("0.0.0.0", "::") else [host]
    names = [socket.gethostname(), f"{socket.gethostname()}.local"]  # e.g. http://hall-laptop.local:8000/
    allowed = [f"[{a}]" if ":" in a else a for a in addresses] + names
    return addresses, allowed


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


NO_ADDRESS = "    (this machine's address was not found: see your router, or run: ip addr)"


def _network_text(host: str, port: int, addresses: list[str]) -> str:
    """What the start-up message says about who can reach the archive."""
    if host in ("127.0.0.1", "localhost", "::1"):
        return ("\n  Only this machine can open it. To open it to the hall's network: make demo HOST=0.0.0.0\n")
    links = "\n".join(f"    http://{'[' + a + ']' if ':' in a else a}:{port}/" for a in addresses)
    return (f"\n  Open to the local network (listening on {host}); other devices can use:\n"
            f"{links or NO_ADDRESS}\n"
            f"    http://{socket.gethostname()}.local:{port}/  (where the network knows machines by name)\n")


def accounts_text(password: str, var: Path) -> str:
    """What the start-up message says about the demo's accounts and their password (and debug pages)."""
    where = ("from COFIO_DEMO_PASSWORD" if os.environ.get("COFIO_DEMO_PASSWORD", "").strip()
             else f"kept in {var / 'demo_password'}; COFIO_DEMO_PASSWORD sets another")
    on = os.environ.get("COFIO_DEBUG", "").strip().lower() in ("true", "on", "ok", "y", "yes", "1")  # as env.bool
    debug = "ON (COFIO_DEBUG): do not open it to a network" if on else "off (COFIO_DEBUG=1 turns them on)"
    return f"""  Demo accounts, all with the password:  {password}
  ({where}.
  A member who changes theirs at /accounts/password/change/ keeps their own; production refuses them.)
    curator    curator, may use the admin; moderation at /moderation/
    villager   trusted member: what they add is shown at once
    newcomer   member: what they add waits for a curator
  Debug pages: {debug}
"""


def main() -> int:
    """Prepare and run the demo until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default=_host_from_env(),
                        help="address to listen on: 127.0.0.1 (default, this machine only) or 0.0.0.0 (every network)")
    args = parser.parse_args()
    probe = "127.0.0.1" if args.host in ("0.0.0.0", "::", "localhost") else args.host
    if _port_busy(args.port) or _port_busy(args.port, probe):
        print(f"Port {args.port} is already in use (is the demo already running?). Try: PORT=8080 make demo")
        return 1
    VAR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "COFIO_VAR_DIR": str(VAR),
           "PYTHONUNBUFFERED": "1"}
    from config.local_secrets import demo_password

    password = demo_password(VAR)  # made now on the first run, so the settings of every process read the same
    addresses, allowed = _network_hosts(args.host)
    if allowed:  # Django answers only to the names and addresses it is told (ALLOWED_HOSTS)
        env["ALLOWED_HOSTS"] = ",".join(dict.fromkeys(
            [*(os.environ["ALLOWED_HOSTS"].split(",") if os.environ.get("ALLOWED_HOSTS") else LOCAL_HOSTS),
             *allowed]))
    bind = f"[{args.host}]" if ":" in args.host else args.host
    # This machine's own link: loopback reaches the server unless it listens on one other address only.
    here = "127.0.0.1" if args.host in ("0.0.0.0", "::", "127.0.0.1", "localhost", "::1") else bind
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
                          f"{bind}:{args.port}", "--workers", "2", "--timeout", "120",
                          "--access-logfile", "-"], cwd=ROOT, env=env),
    ]
    print(f"""
  Cofio is running at http://{here}:{args.port}/
    API:        http://{here}:{args.port}/api/v1/   (docs: /api/v1/docs/)
    Admin:      http://{here}:{args.port}/admin/
    Health:     http://{here}:{args.port}/healthz
    Search:     {search_url or 'off'}
    Worker log: {logs / 'worker.log'}
{_network_text(args.host, args.port, addresses)}
{accounts_text(password, VAR)}
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
