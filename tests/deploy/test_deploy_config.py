"""deploy/: nginx accepts the rendered configuration, and every setting the set-ups pass exists."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from assistant.settings import Settings
from deploy.cluster import Cluster, Ports, render_nginx_conf

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
PLACEHOLDERS = {"LISTEN", "RUN_DIR", "UPSTREAM_SERVERS"}


def _setting_names(environment: dict[str, str]) -> set[str]:
    return {name.removeprefix("ASSISTANT_").lower() for name in environment if name.startswith("ASSISTANT_")}


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    tmp_path.chmod(0o755)
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_nginx_conf(18299, [18291, 18292], tmp_path), encoding="utf-8")
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr


def test_rendering_fills_every_placeholder_and_keeps_nginx_variables():
    rendered = render_nginx_conf(18299, [18291, 18292], Path("/run/x"))
    assert not re.search(r"\$\{(" + "|".join(PLACEHOLDERS) + r")\}", rendered)
    assert "server 127.0.0.1:18292 max_fails=2 fail_timeout=10s;" in rendered
    assert "$proxy_add_x_forwarded_for" in rendered and "${head}" in rendered


def test_the_template_has_exactly_the_placeholders_both_set_ups_fill():
    template = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z_]+)\}", template))
    assert used == PLACEHOLDERS
    nginx = COMPOSE["services"]["nginx"]
    assert set(nginx["environment"]) == PLACEHOLDERS
    assert all(f"$${{{name}}}" in " ".join(nginx["command"]) for name in PLACEHOLDERS)  # envsubst's list


def test_every_setting_the_compose_file_passes_exists():
    environment = COMPOSE["x-assistant-settings"]
    assert _setting_names(environment) <= set(Settings.model_fields)
    for name in ("migrate", "index", "api"):
        assert COMPOSE["services"][name]["environment"] == environment


def test_compose_workers_only_read_and_jobs_run_first():
    api = COMPOSE["services"]["api"]
    assert api["environment"]["ASSISTANT_INDEX_READ_ONLY"] == "true"
    assert api["depends_on"]["index"]["condition"] == "service_completed_successfully"
    assert api["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert COMPOSE["services"]["index"]["command"][-2:] == ["index", "--rebuild"]


def test_every_setting_the_process_launcher_passes_exists(tmp_path):
    environment = Cluster(tmp_path, Ports(18200)).worker_env()
    names = _setting_names(environment)
    assert names <= set(Settings.model_fields)
    assert {"index_read_only", "session_migrate_on_start", "rate_limit_storage", "trusted_proxies"} <= names
