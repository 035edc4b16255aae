"""Checks for skills/snippets/files.py."""

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path


def check_read_text_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("caf\u00e9\nline two\n".encode())
    assert fn(path) == "caf\u00e9\nline two\n"


def check_read_lines(fn, tmp_path: Path) -> None:
    path = tmp_path / "todo.txt"
    path.write_bytes(b"milk\r\neggs\n\nbread")
    assert fn(path) == ["milk", "eggs", "", "bread"]


def check_iter_lines(fn, tmp_path: Path) -> None:
    path = tmp_path / "app.log"
    path.write_text("INFO a\nERROR b\nERROR c\n", encoding="utf-8")
    lines = fn(path)
    assert not isinstance(lines, list)
    assert list(lines) == ["INFO a", "ERROR b", "ERROR c"]


def check_write_text_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "summary.txt"
    fn(path, "first")
    fn(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"


def check_append_line(fn, tmp_path: Path) -> None:
    path = tmp_path / "events.log"
    fn(path, "one")
    fn(path, "two\n")
    assert path.read_text(encoding="utf-8") == "one\ntwo\n"


def check_atomic_write_text(fn, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    fn(path, '{"theme": "dark"}')
    assert path.read_text(encoding="utf-8") == '{"theme": "dark"}'
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    fn(tmp_path / "new.txt", "fresh")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "fresh"


def check_copy_file(fn, tmp_path: Path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF")
    os.utime(source, (1_000_000_000, 1_000_000_000))
    copied = fn(source, tmp_path / "backup" / "copy.pdf")
    assert copied == tmp_path / "backup" / "copy.pdf"
    assert copied.read_bytes() == b"%PDF"
    assert copied.stat().st_mtime == 1_000_000_000
    assert source.exists()
    folder = tmp_path / "folder"
    folder.mkdir()
    assert fn(source, folder) == folder / "report.pdf"


def check_move_file(fn, tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"jpeg")
    moved = fn(source, tmp_path / "archive" / "2024" / "photo.jpg")
    assert moved == tmp_path / "archive" / "2024" / "photo.jpg"
    assert moved.read_bytes() == b"jpeg"
    assert not source.exists()


def check_delete_if_exists(fn, tmp_path: Path) -> None:
    path = tmp_path / "cache.tmp"
    path.write_text("x", encoding="utf-8")
    assert fn(path) is True
    assert not path.exists()
    assert fn(path) is False


def check_files_with_extension(fn, tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    for name in ["a.py", "b.txt", "pkg/c.PY", "pkg/sub/d.py", "pkg/sub/e.pyc"]:
        (tmp_path / name).write_text("", encoding="utf-8")
    expected = [tmp_path / "a.py", tmp_path / "pkg" / "c.PY", tmp_path / "pkg" / "sub" / "d.py"]
    assert fn(tmp_path, ".py") == expected
    assert fn(tmp_path, "py") == expected


def check_human_file_size(fn, tmp_path: Path) -> None:
    path = tmp_path / "video.bin"
    path.write_bytes(b"\0" * 2560)
    assert fn(path) == "2.5 KB"
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert fn(empty) == "0 B"
    sparse = tmp_path / "sparse"
    with open(sparse, "wb") as handle:
        handle.truncate(5 * 1024**2)
    assert fn(sparse) == "5.0 MB"


def check_directory_size(fn, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a").write_bytes(b"12345")
    (tmp_path / "sub" / "b").write_bytes(b"123")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert fn(tmp_path) == 8


def check_sha256_of_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    data = bytes(range(256)) * 10
    path.write_bytes(data)
    assert fn(path) == hashlib.sha256(data).hexdigest()
    assert fn(path, chunk_size=7) == hashlib.sha256(data).hexdigest()
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert fn(empty) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def check_files_identical(fn, tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"same bytes")
    (tmp_path / "b").write_bytes(b"same bytes")
    (tmp_path / "c").write_bytes(b"same bytez")
    assert fn(tmp_path / "a", tmp_path / "b") is True
    assert fn(tmp_path / "a", tmp_path / "c") is False


def check_tail_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "server.log"
    path.write_text("".join(f"line {n}\n" for n in range(1, 31)), encoding="utf-8")
    assert fn(path, 3) == ["line 28", "line 29", "line 30"]
    assert len(fn(path)) == 10
    assert fn(path, 0) == []
    short = tmp_path / "short.log"
    short.write_text("only", encoding="utf-8")
    assert fn(short, 5) == ["only"]


def check_count_lines(fn, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("a\nb\nc\n", encoding="utf-8")
    assert fn(path) == 3
    path.write_text("a\nb\nc", encoding="utf-8")
    assert fn(path) == 3
    path.write_text("", encoding="utf-8")
    assert fn(path) == 0
    path.write_text("x\n" * 100_000, encoding="utf-8")
    assert fn(path) == 100_000


def check_replace_in_file(fn, tmp_path: Path) -> None:
    path = tmp_path / "config.ini"
    path.write_text("host=localhost\nbackup=localhost\n", encoding="utf-8")
    assert fn(path, "localhost", "db.internal") == 2
    assert path.read_text(encoding="utf-8") == "host=db.internal\nbackup=db.internal\n"
    assert fn(path, "missing", "x") == 0


def check_write_temp_file(fn, tmp_path: Path) -> None:
    path = fn("scratch data", suffix=".md", directory=tmp_path)
    assert path.parent == tmp_path
    assert path.suffix == ".md"
    assert path.read_text(encoding="utf-8") == "scratch data"
    assert fn("other", directory=tmp_path) != path


def check_read_chunks(fn, tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"abcdefghij")
    assert list(fn(path, 4)) == [b"abcd", b"efgh", b"ij"]
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    assert list(fn(empty)) == []


def check_file_modified_time(fn, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("x", encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert fn(path) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert fn(path).tzinfo is UTC


CHECKS = {
    "read_text_file": check_read_text_file,
    "read_lines": check_read_lines,
    "iter_lines": check_iter_lines,
    "write_text_file": check_write_text_file,
    "append_line": check_append_line,
    "atomic_write_text": check_atomic_write_text,
    "copy_file": check_copy_file,
    "move_file": check_move_file,
    "delete_if_exists": check_delete_if_exists,
    "files_with_extension": check_files_with_extension,
    "human_file_size": check_human_file_size,
    "directory_size": check_directory_size,
    "sha256_of_file": check_sha256_of_file,
    "files_identical": check_files_identical,
    "tail_file": check_tail_file,
    "count_lines": check_count_lines,
    "replace_in_file": check_replace_in_file,
    "write_temp_file": check_write_temp_file,
    "read_chunks": check_read_chunks,
    "file_modified_time": check_file_modified_time,
}
