"""The portal as a newcomer starts it: ``make run``, the README's first command.

``MakeRun.start()`` runs ``make run PORT=<a free port>`` in the project with a newcomer's
environment: none of the test run's own settings (``DEBUG=0``, ``SECRET_KEY``,
``REDIS_URL`` …), so the Makefile's defaults apply (``DEBUG=1``, runserver, jobs run in
the web process after each commit, letters printed to the console), except
``DATABASE_URL``, which names a SQLite file in a temporary directory, so the developer's
``var/db.sqlite3`` is left alone. Everything ``make run`` prints (its set-up, seed_demo's
logins, runserver's log and every letter) is kept and can be read with ``output()`` and
``letters_to()``.
"""

import email
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from tests.browser.server import free_port

ROOT = Path(__file__).resolve().parents[2]
# What a newcomer's shell has; everything else (the test run's settings, make's own
# MAKEFLAGS) stays out.
NEWCOMER_VARIABLES = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TMPDIR", "TERM")
# `make test` installed these seconds before: `-o` takes them as up to date, so that a
# worktree sharing another's .venv and node_modules never reinstalls them under it.
INSTALL_STAMPS = (".venv/.installed-requirements-dev.lock", "node_modules/.installed-package-lock")
# Django's console mail backend ends every letter with this line.
LETTER_END = "\n" + "-" * 79 + "\n"
# A fresh clone migrates and seeds first: about a minute on an idle machine.
START_SECONDS = 420


@dataclass
class MakeRun:
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    journeys: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.workdir / 'db.sqlite3'}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "make-run.log"

    def environment(self) -> dict[str, str]:
        env = {name: os.environ[name] for name in NEWCOMER_VARIABLES if name in os.environ}
        env["DATABASE_URL"] = self.database_url
        return env

    def start(self) -> "MakeRun":
        started = time.monotonic()
        stamps = [argument for stamp in INSTALL_STAMPS for argument in ("-o", stamp)]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", *stamps, "run", f"PORT={self.port}"],
                cwd=ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as Ctrl-C would
            )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make run exited:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/health/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        self.timings["make run until /health/ answered"] = (
                            time.monotonic() - started
                        )
                        return self
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"make run did not serve within {START_SECONDS} s:\n{self.log_tail()}")

    def prepare_journeys(self) -> dict:
        """The journeys' starting points, written into the served database."""
        started = time.monotonic()
        output = self.workdir / "journeys.json"
        result = subprocess.run(
            [sys.executable, "-m", "tests.browser.prepare_journeys", str(output)],
            cwd=ROOT,
            env={**self.environment(), "DEBUG": "1", "SITE_URL": self.url},
            capture_output=True,
            text=True,
            check=False,
        )
        self.timings["prepare"] = time.monotonic() - started
        if result.returncode != 0:
            raise RuntimeError(f"prepare_journeys failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(output.read_text())

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        """The end of make run's output, without runserver's lines for static files."""
        if not self.log_path.exists():
            return ""
        kept = [line for line in self.output().splitlines() if '"GET /static/' not in line]
        return "\n".join(kept[-lines:])

    def letters_to(self, address: str) -> list[Message]:
        """The letters to ``address`` that ``make run`` printed, oldest first."""
        letters = []
        for chunk in self.output().split(LETTER_END)[:-1]:
            # Server log lines may precede a letter; its headers start with Content-Type.
            start = chunk.find("Content-Type:")
            if start >= 0:
                # As bytes: the console printed 8-bit bodies as they are, in UTF-8.
                letter = email.message_from_bytes(chunk[start:].encode())
                if address in (letter["To"] or ""):
                    letters.append(letter)
        return letters

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def text_of(letter: Message) -> str:
    """The plain-text part of a letter."""
    for part in letter.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""
