"""The scaled set-up as plain processes on one machine, for hosts without containers.

PostgreSQL (sessions), Redis (rate-limit counters), a Chroma server (vectors), the one-time jobs
(`assistant migrate`, `assistant index --rebuild`), N stateless API workers and nginx in front, all on
loopback. `python deploy/cluster.py up --workers 3` runs it in the foreground until Ctrl-C;
deploy/scale_test.py drives the same class. Ports are counted from one base port (see `Ports`).
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

DEPLOY_DIR = Path(__file__).resolve().parent
REPO_DIR = DEPLOY_DIR.parent
BIN_DIR = Path(sys.executable).parent  # the venv's bin: assistant, chroma
START_TIMEOUT_S = 180  # a worker loads the embedding model; on a busy 2-core machine that takes a while


class ClusterError(RuntimeError):
    """A component did not start; the message carries the tail of its log."""


@dataclass(frozen=True)
class Ports:
    """Every port from one base: nginx base, PostgreSQL +1, Redis +2, Chroma +3, workers +10…"""

    base: int

    @property
    def nginx(self) -> int:
        return self.base

    @property
    def postgres(self) -> int:
        return self.base + 1

    @property
    def redis(self) -> int:
        return self.base + 2

    @property
    def chroma(self) -> int:
        return self.base + 3

    def worker(self, number: int) -> int:
        """Worker 1 listens on base+11, worker 2 on base+12, …"""
        return self.base + 10 + number


def render_nginx_conf(listen: int, worker_ports: list[int], run_dir: Path, max_fails: int = 2,
                      fail_timeout_s: int = 10) -> str:
    """deploy/nginx.conf with its three placeholders filled (nginx's own $variables untouched)."""
    servers = "\n        ".join(
        f"server 127.0.0.1:{port} max_fails={max_fails} fail_timeout={fail_timeout_s}s;" for port in worker_ports
    )
    template = string.Template((DEPLOY_DIR / "nginx.conf").read_text(encoding="utf-8"))
    return template.safe_substitute(LISTEN=f"127.0.0.1:{listen}", RUN_DIR=str(run_dir), UPSTREAM_SERVERS=servers)


def _postgres_bin() -> Path:
    candidates = [path for path in Path("/usr/lib/postgresql").glob("*/bin") if (path / "pg_ctl").exists()]
    if not candidates:
        raise ClusterError("PostgreSQL server binaries not found (apt-get install postgresql)")
    return max(candidates, key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0)


def _as_postgres_user() -> list[str]:
    """initdb and postgres refuse to run as root; root runs them as the `postgres` system user."""
    if os.geteuid() != 0:
        return []
    pwd.getpwnam("postgres")  # KeyError names the missing user
    return ["runuser", "-u", "postgres", "--"]


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Cluster:
    """Starts and stops the components; each process's output goes to RUN_DIR/logs/NAME.log."""

    def __init__(self, run_dir: Path, ports: Ports, rate_limit: str | None = None, torch_threads: int = 1):
        self.run_dir = run_dir
        self.ports = ports
        self.rate_limit = rate_limit
        self.torch_threads = torch_threads
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = run_dir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        run_dir.chmod(0o755)  # PostgreSQL and nginx's workers run as other users and must reach it
        self._pg_ctl: list[str] | None = None

    # --- shared state ---------------------------------------------------------------------------

    def start_postgres(self) -> None:
        """A private cluster in RUN_DIR/pg, trusting local connections, with database `assistant`."""
        bin_dir, as_user = _postgres_bin(), _as_postgres_user()
        root = self.run_dir / "pg"
        root.mkdir(exist_ok=True)
        if as_user:
            shutil.chown(root, user="postgres", group="postgres")
        data, port = root / "data", self.ports.postgres
        self._run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                   "-E", "UTF8", "--locale=C", "--no-sync"], "initdb", cwd=root)
        self._pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data)]
        options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run([*self._pg_ctl, "-l", str(root / "server.log"), "-o", options, "-w", "start"], "pg_ctl", cwd=root)
        self._run([*as_user, str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                   "assistant"], "createdb", cwd=root)

    def start_redis(self) -> None:
        """Counters only: no snapshots, no append-only file (a restart just resets the windows)."""
        redis = shutil.which("redis-server")
        if redis is None:
            raise ClusterError("redis-server not found (apt-get install redis-server)")
        self._spawn("redis", [redis, "--port", str(self.ports.redis), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(self.run_dir)])
        self._wait_tcp("redis", self.ports.redis)

    def start_chroma(self) -> None:
        self._spawn("chroma", [str(BIN_DIR / "chroma"), "run", "--path", str(self.run_dir / "chroma"),
                               "--host", "127.0.0.1", "--port", str(self.ports.chroma)])
        self._wait_http("chroma", f"http://127.0.0.1:{self.ports.chroma}/api/v2/heartbeat")

    def run_jobs(self) -> dict[str, float]:
        """The one-time jobs, before any worker starts: schema migrations, then the vector index."""
        timings = {}
        for name, command in (("migrate", ["migrate"]), ("index", ["index", "--rebuild"])):
            started = time.perf_counter()
            self._run([str(BIN_DIR / "assistant"), *command], name, env=self.worker_env())
            timings[name] = time.perf_counter() - started
        return timings

    # --- workers and nginx -------------------------------------------------------------------------

    def worker_env(self) -> dict[str, str]:
        """The settings every worker and job shares."""
        env = {
            **os.environ,
            # Shared on this machine: the answering heads fitted by the first worker are reused by
            # the others (index and sessions live in Chroma and PostgreSQL, not here).
            "ASSISTANT_DATA_DIR": str(self.run_dir / "data"),
            "ASSISTANT_CHROMA_MODE": "http",
            "ASSISTANT_CHROMA_HOST": "127.0.0.1",
            "ASSISTANT_CHROMA_PORT": str(self.ports.chroma),
            "ASSISTANT_SESSION_DB_URL": f"postgresql+psycopg://postgres@127.0.0.1:{self.ports.postgres}/assistant",
            "ASSISTANT_RATE_LIMIT_STORAGE": f"redis://127.0.0.1:{self.ports.redis}/0",
            "ASSISTANT_TRUSTED_PROXIES": json.dumps(["127.0.0.1"]),
            "ASSISTANT_INDEX_READ_ONLY": "true",
            "ASSISTANT_SESSION_MIGRATE_ON_START": "false",
            # One torch thread per worker: N workers on C cores, not N×C threads fighting over them.
            "OMP_NUM_THREADS": str(self.torch_threads),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
        if self.rate_limit:
            env["ASSISTANT_RATE_LIMIT"] = self.rate_limit
        return env

    def start_worker(self, number: int, wait: bool = True) -> float:
        """Start worker N on its port; with wait, return the seconds until it answered ready."""
        name, port = f"worker{number}", self.ports.worker(number)
        started = time.perf_counter()
        self._spawn(name, [str(BIN_DIR / "assistant"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                    env=self.worker_env())
        if wait:
            self.wait_worker(number)
        return time.perf_counter() - started

    def wait_worker(self, number: int) -> None:
        self._wait_http(f"worker{number}", f"http://127.0.0.1:{self.ports.worker(number)}/healthz/ready",
                        fallback="/healthz")

    def start_nginx(self, name: str, listen: int, worker_numbers: list[int]) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ClusterError("nginx not found (apt-get install nginx)")
        home = self.run_dir / name
        home.mkdir(exist_ok=True)
        home.chmod(0o755)
        conf = home / "nginx.conf"
        conf.write_text(render_nginx_conf(listen, [self.ports.worker(n) for n in worker_numbers], home),
                        encoding="utf-8")
        self._spawn(name, [nginx, "-p", str(home), "-c", str(conf), "-e", str(home / "error.log")])
        self._wait_http(name, f"http://127.0.0.1:{listen}/healthz")

    # --- processes ---------------------------------------------------------------------------------

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        process.send_signal(sig)
        process.wait(timeout=30)

    def pid(self, name: str) -> int:
        return self.processes[name].pid

    def postgres_pid(self) -> int:
        """The postmaster (pg_ctl starts it detached, so it is not among `processes`)."""
        return int((self.run_dir / "pg" / "data" / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        """Stop everything this object started, newest first; PostgreSQL last."""
        for name in reversed(list(self.processes)):
            process = self.processes.pop(name)
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        if self._pg_ctl is not None:
            subprocess.run([*self._pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, timeout=60, check=False)
            self._pg_ctl = None

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                                cwd=REPO_DIR, start_new_session=True)

    def _run(self, command: list[str], name: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        log_path = self.logs / f"{name}.log"
        with log_path.open("ab") as log:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, cwd=cwd or REPO_DIR, env=env,
                                    timeout=600, check=False)
        if result.returncode != 0:
            raise ClusterError(f"{' '.join(command)} exited {result.returncode}:\n{_tail(log_path)}")

    def _check_alive(self, name: str) -> None:
        process = self.processes.get(name)
        if process is not None and process.poll() is not None:
            raise ClusterError(f"{name} exited {process.returncode}:\n{_tail(self.logs / f'{name}.log')}")

    def _wait_tcp(self, name: str, port: int) -> None:
        import socket

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self._check_alive(name)
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise ClusterError(f"{name} did not listen on {port}")

    def _wait_http(self, name: str, url: str, fallback: str | None = None) -> None:
        """Poll until 200; a 404 on the readiness path (older workers) falls back to `fallback`."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            self._check_alive(name)
            try:
                response = httpx.get(url, timeout=2)
                if response.status_code == 404 and fallback:
                    url, fallback = str(httpx.URL(url).copy_with(path=fallback)), None
                    continue
                if response.status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise ClusterError(f"{name} not ready at {url} after {START_TIMEOUT_S} s:\n{_tail(self.logs / f'{name}.log')}")


def start_all(cluster: Cluster, workers: int) -> None:
    """Shared state, then the one-time jobs, then the workers (in parallel), then nginx."""
    cluster.start_postgres()
    cluster.start_redis()
    cluster.start_chroma()
    cluster.run_jobs()
    for number in range(1, workers + 1):
        cluster.start_worker(number, wait=False)
    for number in range(1, workers + 1):
        cluster.wait_worker(number)
    cluster.start_nginx("nginx", cluster.ports.nginx, list(range(1, workers + 1)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--base-port", type=int, default=8080, help="nginx listens here; see Ports for the rest")
    parser.add_argument("--run-dir", type=Path, default=None, help="default: a new folder under /tmp")
    parser.add_argument("--rate-limit", default=None, help="ASSISTANT_RATE_LIMIT for the workers")
    args = parser.parse_args(argv)
    run_dir = args.run_dir or Path(tempfile.mkdtemp(prefix="assistant-cluster-"))
    run_dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(run_dir, Ports(args.base_port), rate_limit=args.rate_limit)
    try:
        start_all(cluster, args.workers)
        print(f"serving on http://127.0.0.1:{cluster.ports.nginx} ({args.workers} workers); logs in {cluster.logs}; "
              "Ctrl-C stops everything", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
