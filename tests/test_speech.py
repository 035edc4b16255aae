"""Speech out with the real espeak-ng: a WAV whose length and loudness fit the text, the
`say` command, and reminders spoken as they come due. Skipped where espeak-ng is missing
(`make test` installs it)."""

from __future__ import annotations

import array
import io
import math
import shutil
import threading
import wave
from types import SimpleNamespace

import pytest

from assistant.errors import InputError
from assistant.reminders.delivery import Delivery
from assistant.speech import Speech
from tests.test_cli import run

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed (make test installs it)")  # fmt: skip


def measure(data: bytes) -> tuple[float, float]:
    """(seconds, RMS loudness 0..1) of 16-bit mono WAV bytes."""
    with wave.open(io.BytesIO(data)) as audio:
        assert audio.getsampwidth() == 2 and audio.getnchannels() == 1
        samples = array.array("h", audio.readframes(audio.getnframes()))
        seconds = audio.getnframes() / audio.getframerate()
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
    return seconds, rms


@needs_espeak
def test_the_wav_lasts_and_sounds_as_the_text_needs():
    speech = Speech("espeak-ng")
    short_s, short_rms = measure(speech.wav("Done."))
    long_text = "Your reminder to call mom is due now, and the kitchen lights are still on."
    long_s, long_rms = measure(speech.wav(long_text))
    assert 0.2 < short_s < 2.0
    words = len(long_text.split())
    assert 0.5 * words * 60 / 175 < long_s < 2.0 * words * 60 / 175  # about 175 words a minute
    assert long_s > 3 * short_s
    assert short_rms > 0.02 and long_rms > 0.02  # speech, not silence
    slow_s, _ = measure(Speech("espeak-ng", rate=100).wav(long_text))
    assert slow_s > 1.4 * long_s


def test_bad_input_is_refused_before_any_program_runs():
    speech = Speech("espeak-ng")
    with pytest.raises(InputError, match="nothing to say"):
        speech.wav("   ")
    with pytest.raises(InputError, match="more than"):
        speech.wav("a" * 6000)
    assert Speech().speak("hello") is None  # no engine configured: silent


@needs_espeak
def test_text_that_looks_like_an_option_is_spoken_not_obeyed(tmp_path):
    target = tmp_path / "x.wav"
    seconds, _ = measure(Speech("espeak-ng").wav(f"-w {target} hello"))
    assert seconds > 0.3 and not target.exists()


@needs_espeak
def test_say_writes_a_wav_and_reports_it(home, tmp_path):
    out = tmp_path / "hello.wav"
    result = run(home, "say", "Good morning, it is seven o'clock.", "--wav", str(out), "--json")
    assert result.returncode == 0, result.stderr
    seconds, rms = measure(out.read_bytes())
    assert seconds > 1.0 and rms > 0.02
    empty = run(home, "say", "", "--wav", str(tmp_path / "none.wav"))
    assert empty.returncode == 1 and "nothing to say" in empty.stderr


def test_reminders_are_spoken_when_due():
    """The reminders' real Delivery hands a notice to speech; what espeak-ng is given is
    recorded instead of played (there is no sound card here; the WAV tests cover the audio)."""
    spoken: list[str] = []
    speech = Speech("espeak-ng")
    speech.say_now = spoken.append  # type: ignore[method-assign]
    reminders = SimpleNamespace(delivery=Delivery())
    speech.attach(reminders)
    notice = SimpleNamespace(text="Reminder: call mom", entry=SimpleNamespace(id=1))
    reminders.delivery(notice)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(0.5)
    assert spoken == ["Reminder: call mom"]
    silent = SimpleNamespace(delivery=Delivery())
    Speech().attach(silent)
    assert silent.delivery.notifiers == {}  # no engine: nothing attached
