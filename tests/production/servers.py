"""Servers for the production-profile tests: gunicorn, Redis, a throwaway PostgreSQL
cluster and moto's S3, each on its own port, never the machine's shared services.

Every process is started inside a `Processes` block, which stops it however the block
ends (a failed start included), and readiness is awaited until a deadline, whatever
OSError a slow boot raises meanwhile (refused, reset, timed out).
"""

import contextlib
import http.client
import http.cookiejar
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None)
SECRET_KEY = "production-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, *, what: str, timeout: float = 30, process=None) -> None:
    """Call `check` until it returns True; connection errors of a booting server retry."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode} while starting")
        try:
            if check():
                return
        except (OSError, http.client.HTTPException):  # refused, reset, timed out, half-open
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} was not ready after {timeout} s")
        time.sleep(0.2)


def answers(url: str):
    """A check for wait_until: the server answers HTTP at `url` (any status)."""

    def check():
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - local test servers
                return True
        except urllib.error.HTTPError:
            return True

    return check


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Processes(contextlib.ExitStack):
    """`with Processes() as processes:` – everything started through it is stopped at the
    end of the block, in reverse order, also when starting something failed."""

    def start(self, args, *, log=None, **kwargs) -> subprocess.Popen:
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        if log:
            self.callback(output.close)
        process = subprocess.Popen(args, stdout=output, stderr=output, **kwargs)
        self.callback(stop, process)
        return process

    def gunicorn(self, env: dict, *, log=None) -> str:
        port = free_port()
        process = self.start(
            [str(BIN / "gunicorn"), "-c", "python:vmdo_portal.gunicorn", "vmdo_portal.wsgi"],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{port}"},
            log=log,
        )
        url = f"http://127.0.0.1:{port}"
        wait_until(answers(f"{url}/healthz"), what="gunicorn", timeout=60, process=process)
        return url

    def moto(self) -> str:
        port = free_port()
        process = self.start([str(BIN / "moto_server"), "-p", str(port)])
        url = f"http://127.0.0.1:{port}"
        wait_until(answers(url), what="moto_server", process=process)
        return url

    def redis(self) -> "RedisServer":
        server = RedisServer()
        self.callback(server.stop)
        server.start()
        return server

    def postgres(self) -> "PostgresCluster":
        cluster = PostgresCluster()
        self.callback(cluster.remove)
        cluster.start()
        return cluster


class RedisServer:
    """A Redis without persistence on its own port; stop() and start() keep the port."""

    def __init__(self):
        if not shutil.which("redis-server"):
            raise FileNotFoundError("redis-server is not installed")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self._pong, what="redis-server", timeout=10, process=self.process)

    def _pong(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


class PostgresCluster:
    """A throwaway PostgreSQL cluster (initdb) on its own port, run as the postgres user."""

    def __init__(self):
        if POSTGRES_BIN is None:
            raise FileNotFoundError("no PostgreSQL server binaries in /usr/lib/postgresql")
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="vmdo-pg-"))
        shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"
        self._as_postgres(
            "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip

    def _as_postgres(self, tool, *args) -> None:
        command = [str(POSTGRES_BIN / tool), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        self._as_postgres(
            "pg_ctl", "-D", self.data, "-o", options, "-l", self.directory / "log", "-w", "start"
        )

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def copy_database(self, source_url: str, name: str) -> str:
        """A copy of another server's database (schema and rows) in this cluster."""
        dump = self.directory / "copy.dump"
        subprocess.run(
            [str(POSTGRES_BIN / "pg_dump"), "-Fc", "-f", dump, "-d", source_url], check=True
        )
        subprocess.run(
            [str(POSTGRES_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", "postgres", name],
            check=True,
        )  # fmt: skip
        subprocess.run(
            [str(POSTGRES_BIN / "pg_restore"), "--no-owner", "-d", self.url(name), dump],
            check=True,
        )
        return self.url(name)


def production_env(**settings) -> dict:
    """The production profile (DEBUG off) over plain HTTP on 127.0.0.1."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,portal.test",
        "SITE_URL": "http://127.0.0.1",
        "EMAIL_URL": "console:",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DB_POOL": "1",
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def database_url(connection) -> str:
    config = connection.settings_dict
    host, port = config["HOST"] or "127.0.0.1", config["PORT"] or 5432
    return f"postgres://{config['USER']}@{host}:{port}/{config['NAME']}"


class Browser:
    """Like people behind a load balancer: one host name, whichever server answers.
    Cookies are per host, not per port, so both servers see the same session cookie."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def fetch(self, url, data=None, headers=None):
        """(status, final URL, body, headers), also for error statuses."""
        request = urllib.request.Request(  # noqa: S310 - http URLs of the test servers
            url, data=data, headers={"Host": "portal.test", **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.geturl(), response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read(), dict(error.headers)

    def get_bytes(self, url):
        status, final, body, headers = self.fetch(url)
        assert status < 400, (status, url)
        return status, final, body, headers

    def get(self, url):
        status, final, body, headers = self.get_bytes(url)
        return status, final, body.decode(), headers

    def post_multipart(self, url, fields, files, referer):
        import re
        import uuid

        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields
        ]
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        status, final, page, _headers = self.fetch(
            url,
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": referer,
            },
        )
        if status >= 400:
            problems = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', page.decode(), re.S)
            raise AssertionError(f"{status}: {problems}")
        return final, page.decode()

    def login(self, base, email, password):
        import re
        import urllib.parse

        _status, _url, html, _headers = self.get(f"{base}/de/konto/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "login": email, "password": password}
        ).encode()
        _status, url, body, _headers = self.fetch(
            f"{base}/de/konto/login/", data=data, headers={"Referer": f"{base}/de/konto/login/"}
        )
        return url, body.decode()
