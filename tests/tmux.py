"""Drive a program in a real pseudo-terminal through tmux: type keys, read the screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time
import uuid


class Tmux:
    def __init__(self, command: list[str], env: dict[str, str], width: int = 110, height: int = 40):
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed (make test installs it)")
        self.socket = f"assistant-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"env {exports} {shlex.join(command)}; echo EXITED=$?; sleep 30"
        self._tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), shell)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        """Keys as tmux names them: literal text, or "Enter", "Tab", "C-c", "C-d"."""
        for key in keys:
            if key in {"Enter", "Tab", "C-c", "C-d", "BSpace"}:
                self._tmux("send-keys", "-t", "main", key)
            else:
                self._tmux("send-keys", "-t", "main", "-l", key)

    def paste(self, text: str) -> None:
        """Paste `text` as a terminal does (bracketed paste when the program asked for it)."""
        self._tmux("set-buffer", "-b", "paste", text)
        self._tmux("paste-buffer", "-p", "-d", "-b", "paste", "-t", "main")

    def type_line(self, text: str) -> None:
        self.send(text, "Enter")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "main")

    def wait_for(self, text: str, timeout: float = 30.0, count: int = 1) -> str:
        """The screen once `text` appears on it `count` times; fails with the screen shown."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if screen.count(text) >= count:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{text!r} did not appear within {timeout}s; screen:\n{screen}"
                )
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
