"""docker/compose.yaml: valid for Docker Compose, with every service, and refusing to start without its secrets.

The checks run Docker Compose's own validator (`config`), which needs no Docker engine. It is found by
``find_compose()``: $COFIO_COMPOSE if set (a command, e.g. "/opt/compose/docker-compose"), else the
v2 plugin (`docker compose`), else a standalone `docker-compose` on PATH (Debian's package:
``apt-get install -y docker-compose``). No tool is a failure, not a skip.
"""
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER_DIR = ROOT / "docker"
COMPOSE_FILE = DOCKER_DIR / "compose.yaml"
SERVICES = {"web", "worker", "beat", "db", "redis", "search", "nginx"}
REQUIRED_VARIABLES = {"SECRET_KEY": "s" * 50, "POSTGRES_PASSWORD": "a-test-password"}
INSTALL_HINT = "install it with: apt-get install -y --no-install-recommends docker-compose"


def find_compose() -> list[str] | None:
    """The command that runs Docker Compose on this machine, or None."""
    if os.environ.get("COFIO_COMPOSE"):
        return shlex.split(os.environ["COFIO_COMPOSE"])
    docker = shutil.which("docker")
    if docker:
        try:
            plugin = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            plugin = None
        if plugin is not None and plugin.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    return [standalone] if standalone else None


@pytest.fixture(scope="module")
def compose() -> list[str]:
    command = find_compose()
    if command is None:
        pytest.fail("No Docker Compose found to validate docker/compose.yaml (neither `docker compose` nor "
                    f"`docker-compose` on PATH, and COFIO_COMPOSE is not set); {INSTALL_HINT}", pytrace=False)
    return command


def compose_config(compose: list[str], tmp_path: Path, **variables: str) -> subprocess.CompletedProcess:
    """`<compose> config` on docker/compose.yaml with only ``variables`` set.

    An empty --env-file and a bare environment keep a developer's docker/.env, and any
    SECRET_KEY or COMPOSE_* in the shell, out of the result.
    """
    env_file = tmp_path / "empty.env"
    env_file.write_text("")
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if key in os.environ}
    env.update(variables)
    return subprocess.run([*compose, "--env-file", str(env_file), "--file", str(COMPOSE_FILE), "config"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)


def test_compose_config_accepts_the_file_and_has_every_service(compose, tmp_path):
    result = compose_config(compose, tmp_path, **REQUIRED_VARIABLES)
    assert result.returncode == 0, f"{shlex.join(compose)} config failed:\n{result.stderr}{result.stdout}"
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert SERVICES <= set(services), f"missing services: {sorted(SERVICES - set(services))}"
    # The variables reached the services, and the start order waits for health checks.
    assert services["web"]["environment"]["SECRET_KEY"] == REQUIRED_VARIABLES["SECRET_KEY"]
    assert ":a-test-password@db:5432/" in services["web"]["environment"]["DATABASE_URL"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == "a-test-password"
    for dependency in ("db", "redis", "search"):
        assert services["web"]["depends_on"][dependency]["condition"] == "service_healthy"
        assert services[dependency]["healthcheck"]["test"], f"{dependency} has no health check"
    for name in ("worker", "beat", "nginx"):
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"


@pytest.mark.parametrize("missing", sorted(REQUIRED_VARIABLES))
def test_compose_config_refuses_to_run_without_a_required_secret(compose, tmp_path, missing):
    variables = {key: value for key, value in REQUIRED_VARIABLES.items() if key != missing}
    result = compose_config(compose, tmp_path, **variables)
    assert result.returncode != 0, f"{shlex.join(compose)} config accepted the file without {missing}"
    assert missing in result.stderr + result.stdout


class _ComposeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, also accepting Compose's merge tags (!reset, !override)."""


_ComposeLoader.add_multi_constructor("!", lambda loader, tag, node: (
    loader.construct_mapping(node) if isinstance(node, yaml.MappingNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_scalar(node)))


def test_compose_files_parse_as_yaml():
    """Without any Compose tool: the files are YAML with the expected shape."""
    config = yaml.safe_load(COMPOSE_FILE.read_text())
    assert SERVICES <= set(config["services"])
    assert {"media", "db-data", "redis-data", "search-data"} <= set(config["volumes"])
    for name, service in config["services"].items():
        if "build" in service:  # built from the project root with docker/Dockerfile
            assert service["build"]["context"] == "..", name
            assert service["build"]["dockerfile"] == "docker/Dockerfile", name
            assert (ROOT / service["build"]["dockerfile"]).is_file()
    override = yaml.load((DOCKER_DIR / "compose.external-search.yaml").read_text(), Loader=_ComposeLoader)
    assert set(override["services"]["web"]["depends_on"]) == {"db", "redis"}
