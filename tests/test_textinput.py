import pytest

from assistant.errors import InputError
from assistant.textinput import clean, preview


def test_whitespace_and_control_characters_are_normalised():
    assert clean("  turn\ton the\x07 lamp\r\n", 100) == "turn on the lamp"


def test_terminal_escape_sequences_are_removed():
    assert clean("\x1b[31mhello\x1b[0m there", 100) == "hello there"


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\x1b[2J"])
def test_empty_input_is_refused(raw):
    with pytest.raises(InputError, match="empty"):
        clean(raw, 100)


def test_huge_input_is_refused_with_its_size():
    with pytest.raises(InputError, match="1,048,576 characters"):
        clean("a" * 1_048_576, 2000)


@pytest.mark.parametrize("raw", ["abc\x00def", bytes(range(256)).decode("latin-1"), "\ufffd" * 20])
def test_binary_junk_is_refused(raw):
    with pytest.raises(InputError, match="binary"):
        clean(raw, 10_000)


def test_preview_keeps_a_printable_truncated_copy():
    shown = preview("ab\x00" + "c" * 50, 10)
    assert shown.startswith("ab�") and shown.endswith("…") and len(shown) == 11


def test_a_named_file_is_read_as_text_or_refused_in_one_line(tmp_path):
    from assistant.textinput import read_text_file

    good = tmp_path / "a.py"
    good.write_text("print('hi')\n")
    assert read_text_file(good, 100, "source code") == "print('hi')\n"
    cases = {
        "big.py": (b"x" * 200, "is 200 bytes; the most I read is 100."),
        "bin.py": (b"\x00\x01", "is a binary file, not source code."),
        "latin.py": ("café".encode("latin-1"), "is not UTF-8 text."),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(InputError) as caught:
            read_text_file(tmp_path / name, 100, "source code", said=name)
        assert str(caught.value) == f"{name} {message}"
    with pytest.raises(InputError, match=r"cannot read nowhere\.py: No such file"):
        read_text_file(tmp_path / "nowhere.py", 100, "source code", said="nowhere.py")


def test_a_lone_surrogate_becomes_a_space_so_the_text_can_be_stored():
    text = clean("remember that the shed key hangs by the back door \udcff thanks", 1000)
    assert "\udcff" not in text
    text.encode("utf-8")  # what SQLite needs
