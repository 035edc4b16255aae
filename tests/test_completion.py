from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from assistant.cli.repl import SlashCompleter

COMMANDS = {
    "/help": [],
    "/skills": ["chat", "devices"],
    "/wrong": ["device.on", "device.off", "chat"],
}


def complete(text: str) -> list[str]:
    completer = SlashCompleter(COMMANDS)
    return [c.text for c in completer.get_completions(Document(text), CompleteEvent())]


def test_commands_then_arguments_complete():
    assert complete("/s") == ["/skills"]
    assert complete("/") == ["/help", "/skills", "/wrong"]
    assert complete("/wrong device.o") == ["device.on", "device.off"]
    assert complete("/skills d") == ["devices"]


def test_plain_text_is_not_completed():
    assert complete("turn on") == []
    assert complete("/unknown x") == []
