"""`make serve` (`python -m macros serve`): the site as `make build` makes it, every language
and the downloads included, served on 127.0.0.1 and built again when a file changes.

The engines' own development servers build one language and no downloads, so a preview's
language links and downloads would lead nowhere. Each build runs as `python -m macros
build` in a process of its own, into a fresh folder that replaces the served one only when
it succeeded: a broken data file prints its problems and the last good build stays up.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .problems import printable

# Folders a build writes or that hold no source of the site; and every hidden file or
# folder (.git, .venv, the configurations a build writes for each language: .mkdocs.fr.yml).
IGNORED = {"site", "build", "node_modules", "__pycache__"}


def sources_state(root: Path) -> tuple:
    """What changes when a file the site is built from changes: each file's path, size and
    modification time, under `root` (virtual environments and build output aside)."""
    state = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders
                            if name not in IGNORED and not name.startswith("."))
        for name in sorted(name for name in files if not name.startswith(".")):
            path = Path(folder) / name
            try:
                status = path.stat()
            except FileNotFoundError:  # removed while walking
                continue
            state.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(state)


def build_into(engine: str, config_file: Path, folder: Path) -> bool:
    """One build, as `make build` runs it, into `folder`; its output is shown as it comes."""
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--engine", engine,
                             "--config-file", str(config_file), "--site-dir", str(folder)])
    return result.returncode == 0


class Preview:
    """The served folder, and the builds that replace it."""

    def __init__(self, engine: str, config_file: Path, workspace: Path):
        self.engine, self.config_file = engine, config_file
        self.served = workspace / "site"
        self.next = workspace / "next"

    def rebuild(self) -> bool:
        started = time.monotonic()
        shutil.rmtree(self.next, ignore_errors=True)
        if not build_into(self.engine, self.config_file, self.next):
            print("The build failed (see above); the preview shows the last good build.",
                  flush=True)
            return False
        old = self.served.with_name("old")
        shutil.rmtree(old, ignore_errors=True)
        if self.served.exists():
            self.served.rename(old)
        self.next.rename(self.served)
        shutil.rmtree(old, ignore_errors=True)
        print(f"Built in {time.monotonic() - started:.0f} s; reload the page.", flush=True)
        return True


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # one line a build, not one a request
        pass

    def send_head(self):
        # A path no file can have (`/%00`, a lone surrogate) makes open() raise ValueError,
        # which the server prints as a traceback: it is a file not found, quietly.
        try:
            return super().send_head()
        except ValueError:
            self.send_error(404)
            return None


def serve(engine: str, config_file: Path, port: int, watch: Path) -> None:
    # Stopped by a signal as by Ctrl+C: the preview's folder is removed either way.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Inside the project (Zensical builds only there), in build/, which git and the watch
    # leave alone.
    workspace = Path(tempfile.mkdtemp(prefix="preview-", dir=_build_folder(watch)))
    try:
        preview = Preview(engine, config_file, workspace)
        if not preview.rebuild():
            raise SystemExit(1)
        handler = functools.partial(_Handler, directory=str(preview.served))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop); "
              f"watching {printable(watch, 600)} for changes.", flush=True)
        try:
            _watch(watch, preview)
        finally:
            server.shutdown()
            server.server_close()
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _build_folder(root: Path) -> Path:
    folder = root / "build"
    folder.mkdir(exist_ok=True)
    return folder


def _watch(root: Path, preview: Preview) -> None:
    state = sources_state(root)
    while True:
        time.sleep(1)
        now = sources_state(root)
        if now != state:
            state = now
            print("A file changed: building again.", flush=True)
            preview.rebuild()
