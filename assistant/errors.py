"""One exception tree: a user sees `str(error)` on one line, the traceback only with --debug."""


class AssistantError(Exception):
    """Root of every error the assistant reports to a user."""


class ConfigError(AssistantError):
    """A config file or ASSISTANT_* variable holds a value that cannot be used."""


class InputError(AssistantError):
    """The user's text cannot be handled as a command (empty, huge, binary)."""


class PluginError(AssistantError):
    """A skill could not be loaded or registered."""


class DuplicateIntentError(PluginError):
    """Two skills declare the same intent name."""


class SkillError(AssistantError):
    """A skill's handler failed while answering a turn."""


class ModelError(AssistantError):
    """An intent model or encoder could not be loaded or run."""


class StoreError(AssistantError):
    """The SQLite store could not be opened or migrated."""


class LLMError(AssistantError):
    """A generation backend could not be loaded, reached or understood."""


class ServiceError(AssistantError):
    """A service (knowledge, llm, a plugin's) is unknown or could not be built."""


class GenerationStopped(LLMError):
    """The user stopped a streamed generation (Ctrl-C); `partial` is what it had written."""

    def __init__(self, partial: str) -> None:
        super().__init__("the generation was stopped")
        self.partial = partial


class SandboxError(AssistantError):
    """Code cannot be run in the sandbox here (no isolation works, or an unknown language)."""
