"""Config layers: dataclass defaults → $ASSISTANT_HOME/config.toml → ASSISTANT_<SECTION>_<FIELD> env."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.errors import ConfigError


@dataclass
class NLUConfig:
    # Local sentence-transformers model dir; "" means the embedded all-MiniLM-L6-v2 package.
    encoder_path: str = ""
    # Neighbours per label whose similarities are averaged into that label's score.
    knn_k: int = 3
    # Softmax temperature turning cosine scores into confidences (smaller = sharper).
    temperature: float = 0.05
    # A text whose best similarity to any in-scope example is below this leans out-of-scope.
    min_similarity: float = 0.25
    # Share of the word-level TF-IDF cosine in the similarity (the rest is the embedding's).
    lexical_weight: float = 0.3
    # The shell trains the intent model in the background when there is none yet or the
    # skills' examples changed (the few-shot model answers meanwhile).
    train_in_background: bool = True


@dataclass
class RouterConfig:
    # Below this confidence the router answers out-of-scope with suggestions.
    threshold: float = 0.3
    # When the runner-up is within this of the top, the router asks "Did you mean A or B?".
    margin: float = 0.1
    # Every part of a compound command needs at least this confidence to be split.
    compound_threshold: float = 0.35


@dataclass
class DialogueConfig:
    # A question asked back ("At what time?") is forgotten after this many seconds (0 = never).
    question_timeout_s: float = 300.0


@dataclass
class InputConfig:
    # Longer inputs are refused with a one-line message (and logged truncated).
    max_chars: int = 2000


@dataclass
class LearningConfig:
    # Fine-tune in the background once this many new corrections are recorded (0 = never;
    # run `assistant finetune` yourself).
    auto_finetune_after: int = 0


@dataclass
class TimeConfig:
    # IANA time zone for reminders and times ("Europe/London"); "" = the system's.
    zone: str = ""


@dataclass
class RemindersConfig:
    # How long before a calendar event its reminder comes, in minutes (0 = at the start).
    event_alert_minutes: int = 15
    # "snooze" with no length snoozes this many minutes.
    snooze_minutes: int = 10
    # Show a desktop notification (notify-send) too, where one is available.
    desktop: bool = True


@dataclass
class DevicesConfig:
    # Seed a demo home of virtual devices the first time, so there is something to control.
    demo: bool = True
    # The room "in here" means ("too dark in here" with no room named); "" = ask which room.
    room: str = ""
    # Seconds a device has to answer a command before it counts as not answering.
    timeout_s: float = 3.0
    # MQTT broker for devices with `adapter: mqtt`, e.g. mqtt://localhost:1883.
    mqtt_url: str = ""
    # zigbee2mqtt's base topic: commands go to <base>/<device>/set, state comes on <base>/<device>.
    mqtt_base: str = "zigbee2mqtt"
    # Home Assistant's address for devices with `adapter: homeassistant`, e.g. http://ha.local:8123.
    homeassistant_url: str = ""
    # A file holding a long-lived access token (the environment variable below wins).
    homeassistant_token_file: str = ""
    homeassistant_token_env: str = "HOMEASSISTANT_TOKEN"
    # A real device's state older than this many seconds is read again before the assistant
    # acts on it or answers about it (Home Assistant, MQTT; simulated devices never are).
    state_max_age_s: float = 10.0
    # While `assistant serve` runs, Home Assistant's states are polled this often (0 = off).
    homeassistant_poll_s: float = 15.0


@dataclass
class ServeConfig:
    # Where `assistant serve` listens; anything but loopback requires a token.
    host: str = "127.0.0.1"
    port: int = 8765
    # A file holding the bearer token ($ASSISTANT_SERVE_TOKEN wins); "" = none on loopback.
    token_file: str = ""


@dataclass
class MqttConfig:
    # The voice bridge `assistant serve` runs when set, e.g. mqtt://localhost:1883: heard
    # text on <prefix>/<satellite>/heard, replies on <prefix>/<satellite>/say.
    url: str = ""
    prefix: str = "assistant"


@dataclass
class SpeechConfig:
    # Speak replies and reminders: "none", or "espeak-ng" (the program must be installed).
    engine: str = field(default="none", metadata={"choices": ("none", "espeak-ng")})
    voice: str = "en"  # an espeak-ng voice: en, en-us, de, fr, … (`espeak-ng --voices`)
    rate: int = 175  # words per minute


@dataclass
class WebhooksConfig:
    # URLs (separated by spaces or commas) that get a JSON POST for each event.
    urls: str = ""
    # Which events (reminder.due, device.changed, correction.recorded); "" = all of them.
    events: str = ""
    retries: int = 5  # tries after the first, waiting backoff_s, then twice that, …
    backoff_s: float = 1.0
    timeout_s: float = 5.0


@dataclass
class WyomingConfig:
    # Serve the Wyoming protocol too when set (Home Assistant's voice pipeline), e.g.
    # tcp://127.0.0.1:10700.
    uri: str = ""


LLM_BACKENDS = ("none", "transformers", "openai")


@dataclass
class LLMConfig:
    # Which generator free-form answers use: "none" (extractive answers only), "transformers"
    # (a local model directory) or "openai" (an OpenAI-compatible server: Ollama, vLLM, ...).
    backend: str = field(default="none", metadata={"choices": LLM_BACKENDS})
    # transformers: a local causal-LM directory (config, weights, tokenizer); never downloaded.
    model_path: str = ""
    # openai: the API base, e.g. http://localhost:11434/v1 (…/chat/completions is appended).
    url: str = ""
    # openai: the model name the server knows, e.g. "llama3.2:1b".
    model: str = ""
    # openai: the environment variable holding the API key ("" = send none).
    api_key_env: str = ""
    # Longest reply, in tokens.
    max_tokens: int = 256
    # openai: seconds to wait for the server's whole reply.
    timeout_s: float = 60.0


@dataclass
class AgentConfig:
    # With an LLM configured, requests the router puts out of scope, and requests of several
    # steps, go to an agent whose tools are the skills. Off: the router and skills alone.
    enabled: bool = True
    max_steps: int = 6  # model calls per request before the agent is stopped
    timeout_s: float = 60.0  # wall-clock seconds per request before the agent is stopped
    max_tokens: int = 512  # longest model reply per step


SANDBOX_ISOLATION = ("auto", "bwrap", "unshare")


@dataclass
class SandboxConfig:
    # How code the user agreed to run is cut off from the machine: "bwrap" (bubblewrap),
    # "unshare" (util-linux namespaces) or "auto" (the first of those that works here).
    isolation: str = field(default="auto", metadata={"choices": SANDBOX_ISOLATION})
    cpu_s: float = 5.0  # CPU seconds before the run is killed
    wall_s: float = 10.0  # wall-clock seconds before the run is killed (sleeping counts)
    memory_mb: int = 512  # address space
    processes: int = 64  # processes and threads the run may add
    file_mb: int = 16  # largest file it may write (stdout and stderr count)
    output_chars: int = 4000  # stdout and stderr are each cut to this many characters


@dataclass
class Config:
    nlu: NLUConfig = field(default_factory=NLUConfig)
    router: RouterConfig = field(default_factory=RouterConfig)
    dialogue: DialogueConfig = field(default_factory=DialogueConfig)
    input: InputConfig = field(default_factory=InputConfig)
    learning: LearningConfig = field(default_factory=LearningConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    time: TimeConfig = field(default_factory=TimeConfig)
    reminders: RemindersConfig = field(default_factory=RemindersConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    serve: ServeConfig = field(default_factory=ServeConfig)
    mqtt: MqttConfig = field(default_factory=MqttConfig)
    speech: SpeechConfig = field(default_factory=SpeechConfig)
    webhooks: WebhooksConfig = field(default_factory=WebhooksConfig)
    wyoming: WyomingConfig = field(default_factory=WyomingConfig)
    sandbox: SandboxConfig = field(default_factory=SandboxConfig)
    agent: AgentConfig = field(default_factory=AgentConfig)
    # "section.field" names set by config.toml or the environment (not defaults), so a
    # trained model's calibrated thresholds apply only where the user chose nothing.
    explicit: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {f.name: dataclasses.asdict(getattr(self, f.name)) for f in _sections(self)}


def load(home: Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Build the effective config from defaults, the TOML file and the environment."""
    home = home or paths.home()
    environ = dict(os.environ) if environ is None else environ
    config = Config()
    toml_path = home / "config.toml"
    if toml_path.exists():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{toml_path}: {exc}") from None
        for section_name, values in data.items():
            section = _section(config, section_name, str(toml_path))
            if not isinstance(values, dict):
                raise ConfigError(f"{toml_path}: [{section_name}] must be a table")
            for key, value in values.items():
                _assign(section, section_name, key, value, str(toml_path))
                config.explicit.add(f"{section_name}.{key}")
    for section_field in _sections(config):
        section = getattr(config, section_field.name)
        for f in dataclasses.fields(section):
            var = f"ASSISTANT_{section_field.name}_{f.name}".upper()
            if var in environ:
                _assign(section, section_field.name, f.name, environ[var], var)
                config.explicit.add(f"{section_field.name}.{f.name}")
    return config


def _sections(config: Config) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(config) if f.name != "explicit"]


def _section(config: Config, name: str, origin: str) -> Any:
    if name not in {f.name for f in _sections(config)}:
        raise ConfigError(f"{origin}: unknown section [{name}]")
    return getattr(config, name)


def _assign(section: Any, section_name: str, key: str, raw: Any, origin: str) -> None:
    fields = {f.name: f for f in dataclasses.fields(section)}
    if key not in fields:
        raise ConfigError(f"{origin}: unknown setting {section_name}.{key}")
    kind = type(getattr(section, key))
    try:
        value = _boolean(raw) if kind is bool else kind(raw)
        if kind is not str and isinstance(raw, str) and not raw.strip():
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(
            f"{origin}: {section_name}.{key} = {raw!r} is not a valid {kind.__name__}"
        ) from None
    choices = fields[key].metadata.get("choices")
    if choices and value not in choices:
        raise ConfigError(
            f"{origin}: {section_name}.{key} = {raw!r} is not one of {', '.join(choices)}"
        )
    setattr(section, key, value)


def _boolean(raw: Any) -> bool:
    """A TOML boolean, or the words an environment variable says it with ("false" is False)."""
    if isinstance(raw, bool):
        return raw
    words = {"true": True, "yes": True, "on": True, "1": True,
             "false": False, "no": False, "off": False, "0": False}  # fmt: skip
    if isinstance(raw, str) and raw.strip().lower() in words:
        return words[raw.strip().lower()]
    raise ValueError(raw)
