"""The interactive shell: history, completion, slash commands, background messages."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory
from prompt_toolkit.patch_stdout import patch_stdout

from assistant import paths
from assistant.cli import render
from assistant.cli.background_training import BackgroundTraining
from assistant.core import Assistant
from assistant.dialogue.session import Session
from assistant.errors import AssistantError
from assistant.turn import Turn

HELP = """Type a request in plain words, e.g. "remind me to call mom at 5" or "dim the desk lamp to 30%".
  /help            this text
  /skills [NAME]   installed skills and their intents (with NAME: its example sentences)
  /why             how the last turn was understood: scores, runner-up, slots, sources
  /wrong [INTENT]  the last turn was misunderstood: record the right intent and redo it
  /save PATH       write the last code shown to PATH (--force replaces a file)
  /quit            leave (Ctrl-D works too; Ctrl-C clears the line or stops a reply)
Paste code below a first line that says what to do ("explain this:"), or put it between
``` lines."""

PROMPT = "› "
CONTINUATION = "… "


def write_now(text: str) -> None:
    """Streamed text, shown as it arrives (no newline, flushed)."""
    sys.stdout.write(text)
    sys.stdout.flush()


class SlashCompleter(Completer):
    """Completes slash commands, then their argument (a skill name or an intent label)."""

    def __init__(self, commands: dict[str, list[str]]):
        self.commands = commands

    def get_completions(self, document: Document, event: CompleteEvent) -> Iterable[Completion]:
        text = document.text_before_cursor
        if not text.startswith("/"):
            return
        command, space, argument = text.partition(" ")
        choices = self.commands.get(command, []) if space else list(self.commands)
        typed = argument if space else command
        for choice in choices:
            if choice.startswith(typed) and choice != typed:
                yield Completion(choice, start_position=-len(typed))


class Repl:
    def __init__(
        self,
        assistant: Assistant,
        session: Session | None = None,
        prompt: PromptSession[str] | None = None,
        echo: Callable[[str], None] = print,
        write: Callable[[str], None] = write_now,
        training: BackgroundTraining | None = None,
    ):
        self.assistant = assistant
        self.training = training  # trains the intent model behind the prompt when needed
        self.session = session or Session()
        self.echo = echo
        self.write = write
        self.last_turn: Turn | None = None
        self.last_code: str | None = None  # for /save
        self._streamed: list[str] = []
        completer = SlashCompleter(
            {
                "/help": [],
                "/skills": list(assistant.registry.skills),
                "/why": [],
                "/wrong": assistant.registry.labels(),
                "/save": [],
                "/quit": [],
            }
        )
        self.prompt = prompt or PromptSession(
            history=FileHistory(str(paths.home() / "history")), completer=completer
        )

    def run(self) -> None:
        self.echo("Assistant ready. Type /help for commands, Ctrl-D to quit.")
        with patch_stdout(raw=True):  # background messages print above the prompt line
            if self.training is not None and self.training.start():
                self.echo("(training the intent model in the background; the few-shot model"
                          " answers until it is ready)")  # fmt: skip
            self.assistant.start_loading(on_ready=self._model_ready)
            self._deliver_reminders()
            while True:
                try:
                    line = self.prompt.prompt(PROMPT, **self._toolbar())
                except KeyboardInterrupt:
                    continue  # Ctrl-C abandons the line, not the shell
                except EOFError:
                    break
                if not self.handle_line(line):
                    break
        self.echo("Bye.")

    def _toolbar(self) -> dict[str, Any]:
        """While training runs, a toolbar with its progress, redrawn every second."""
        if self.training is None or not self.training.status():
            return {"bottom_toolbar": None}
        return {"bottom_toolbar": self.training.status, "refresh_interval": 1.0}

    def _deliver_reminders(self) -> None:
        """Reminders print above the prompt while the shell is open; what came due while
        nothing ran arrives first, as "while you were away"."""
        from assistant.reminders.delivery import printer

        if not self.assistant.services.has("reminders"):
            return
        reminders = self.assistant.services.get("reminders")
        reminders.delivery.add("repl", printer(self.echo))
        self.assistant.services.get("speech").attach(reminders)
        reminders.start()

    def _model_ready(self, seconds: float) -> None:
        self.echo(f"(intent model ready in {seconds:.1f} s)")
        training = self.training is not None and bool(self.training.status())
        for notice in self.assistant.notices:
            if not (training and "`assistant train`" in notice):  # it is what is running
                self.echo(f"note: {notice}")

    def handle_line(self, line: str) -> bool:
        """Answer one line; False when the user asked to leave."""
        stripped = line.strip()
        if not stripped:
            return True
        if stripped.startswith("/"):
            return self.command(stripped)
        if stripped.count("```") % 2 == 1:
            line = self._read_fenced(line)
        self._streamed = []
        self.session.on_text = self._stream
        try:
            turn = self.assistant.handle(line, self.session)
        except KeyboardInterrupt:  # Ctrl-C while waiting for a model: stop it, keep the shell
            self.echo(("\n" if self._streamed else "") + "(stopped)")
            return True
        finally:
            self.session.on_text = None
        self.last_turn = turn
        self._show(turn.reply.text)
        self._keep_code(turn)
        self._speak(turn.reply.text)
        return True

    def _stream(self, piece: str) -> None:
        self._streamed.append(piece)
        self.write(piece)

    def _show(self, text: str) -> None:
        """The reply, less what already streamed onto the screen."""
        streamed = "".join(self._streamed)
        if not streamed:
            self.echo(text)
        elif text.startswith(streamed):
            self.echo(text[len(streamed) :])
        else:
            self.echo("\n" + text)

    def _read_fenced(self, first: str) -> str:
        """Lines up to the closing ``` (pasted code typed line by line)."""
        lines = [first]
        while True:
            try:
                line = self.prompt.prompt(CONTINUATION)
            except (KeyboardInterrupt, EOFError):
                break
            lines.append(line)
            if "```" in line:
                break
        return "\n".join(lines)

    def _keep_code(self, turn: Turn) -> None:
        for shown in [turn, *turn.parts]:
            code = shown.reply.data.get("code")
            if isinstance(code, str) and code.strip():
                self.last_code = code

    def save(self, argument: str) -> None:
        force = "--force" in argument.split()
        target = " ".join(word for word in argument.split() if word != "--force")
        if not target:
            self.echo("Usage: /save PATH [--force]")
        elif self.last_code is None:
            self.echo("There is no code to save yet.")
        else:
            path = Path(target).expanduser()
            if path.exists() and not force:
                self.echo(f"{path} exists; /save {target} --force replaces it.")
                return
            try:
                path.write_text(self.last_code, encoding="utf-8")
            except OSError as exc:
                self.echo(f"Could not write {path}: {exc.strerror or exc}.")
                return
            self.echo(f"Saved {len(self.last_code.splitlines())} lines to {path}.")

    def _speak(self, text: str) -> None:
        self.assistant.services.get("speech").speak(text)

    def command(self, line: str) -> bool:
        name, _, argument = line.partition(" ")
        argument = argument.strip()
        if name in {"/quit", "/exit", "/q"}:
            return False
        if name == "/help":
            self.echo(HELP)
        elif name == "/skills":
            self.echo(render.skills(self.assistant.registry, argument or None))
        elif name == "/why":
            self.echo(render.why(self.last_turn) if self.last_turn else "Nothing to explain yet.")
        elif name == "/wrong":
            self.wrong(argument)
        elif name == "/save":
            self.save(argument)
        else:
            self.echo(f"Unknown command {name}. Type /help for the list.")
        return True

    def wrong(self, argument: str) -> None:
        if self.last_turn is None or self.last_turn.kind == "error":
            self.echo("There is no understood turn to correct yet.")
            return
        labels = self.assistant.registry.labels()
        label = argument or self._choose_label(labels)
        if label is None:
            self.echo("Correction cancelled.")
            return
        try:
            redo = self.assistant.correct(self.last_turn.id, label, self.session)
        except AssistantError as exc:
            self.echo(str(exc))
            return
        self.echo(f"Noted: turn {self.last_turn.id} was {label}.")
        self.last_turn = redo
        self.echo(redo.reply.text)

    def _choose_label(self, labels: list[str]) -> str | None:
        registry = self.assistant.registry
        for number, label in enumerate(labels, start=1):
            self.echo(f"  {number:>2}. {label:<16} {registry.describe(label)}")
        try:
            answer = self.prompt.prompt("Which intent was right? (number or name, Enter cancels) ")
        except (KeyboardInterrupt, EOFError):
            return None
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(labels):
            return labels[int(answer) - 1]
        return answer or None
