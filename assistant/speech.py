"""Speech out: replies and reminders spoken with espeak-ng when `[speech] engine` asks for it.

The text goes to espeak-ng on stdin, never on its command line, so nothing a reply says can
become an option. Speaking happens on a background thread: a turn never waits for audio."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ConfigError, InputError

if TYPE_CHECKING:
    from assistant.services import Services

ENGINES = ("none", "espeak-ng")
MAX_CHARS = 5000
log = logging.getLogger(__name__)


class Speech:
    def __init__(self, engine: str = "none", voice: str = "en", rate: int = 175):
        if engine not in ENGINES:
            raise ConfigError(f"speech.engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self.engine, self.voice, self.rate = engine, voice, rate
        self._lock = threading.Lock()  # one utterance at a time, in order

    @classmethod
    def from_services(cls, services: Services) -> Speech:
        config = services.config.speech
        return cls(config.engine, config.voice, config.rate)

    @property
    def enabled(self) -> bool:
        return self.engine != "none"

    def wav(self, text: str) -> bytes:
        """`text` spoken, as a WAV file's bytes (written by espeak-ng to a file: on stdout
        its header leaves the length unknown)."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "speech.wav"
            self._run(text, ["-w", str(path)])
            return path.read_bytes()

    def speak(self, text: str) -> threading.Thread | None:
        """Say `text` aloud in the background, if an engine is configured."""
        if not self.enabled or not text.strip():
            return None
        thread = threading.Thread(target=self._say, args=(text,), daemon=True)
        thread.start()
        return thread

    def attach(self, reminders: Any) -> None:
        """Speak reminders as they come due (a delivery target of the reminders service)."""
        if self.enabled:
            reminders.delivery.add("speech", lambda notice: self.speak(notice.text))

    def say_now(self, text: str) -> None:
        """Say `text` aloud and return when it has been said (errors raised)."""
        with self._lock:
            self._run(text, [])

    def _say(self, text: str) -> None:
        try:
            self.say_now(text)
        except (ConfigError, InputError, subprocess.TimeoutExpired) as exc:
            log.warning("speech: %s", exc)

    def _run(self, text: str, extra: list[str]) -> subprocess.CompletedProcess[bytes]:
        text = text.strip()
        if not text:
            raise InputError("nothing to say")
        if len(text) > MAX_CHARS:
            raise InputError(f"{len(text):,} characters is more than {MAX_CHARS:,} to say at once")
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise ConfigError("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
        command = [binary, "-v", self.voice, "-s", str(self.rate), *extra]
        result = subprocess.run(command, input=text.encode(), capture_output=True, timeout=60)
        if result.returncode != 0:
            error = result.stderr.decode(errors="replace").strip().splitlines()
            raise ConfigError(f"espeak-ng failed: {error[0] if error else result.returncode}")
        return result
