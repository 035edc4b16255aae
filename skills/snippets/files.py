"""Files: read, write and append text, write atomically, copy and move, hash, tail and count."""

import filecmp
import hashlib
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path


def read_text_file(path: str | Path, encoding: str = "utf-8") -> str:
    """Read a whole text file and return its contents as one string.

    Example: text = read_text_file("notes.txt")
    """
    return Path(path).read_text(encoding=encoding)


def read_lines(path: str | Path, encoding: str = "utf-8") -> list[str]:
    """Read a text file and return its lines without trailing newlines.

    Example: for line in read_lines("todo.txt"): print(line)
    """
    with open(path, encoding=encoding) as handle:
        return [line.rstrip("\r\n") for line in handle]


def iter_lines(path: str | Path, encoding: str = "utf-8") -> Iterator[str]:
    """Iterate over a large text file line by line without loading it all into memory.

    Example: errors = sum(1 for line in iter_lines("app.log") if "ERROR" in line)
    """
    with open(path, encoding=encoding) as handle:
        for line in handle:
            yield line.rstrip("\r\n")


def write_text_file(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write a string to a text file, replacing its contents and creating missing folders.

    Example: write_text_file("out/summary.txt", "all done\\n")
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding=encoding)


def append_line(path: str | Path, line: str, encoding: str = "utf-8") -> None:
    """Append a line of text to the end of a file, adding the newline for you.

    Example: append_line("events.log", "backup finished")
    """
    with open(path, "a", encoding=encoding) as handle:
        handle.write(line.rstrip("\n") + "\n")


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write a text file atomically: write a temporary file beside it, then rename it into place.

    Example: atomic_write_text("settings.json", json.dumps(settings))  # never half-written
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, temp_name)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def copy_file(source: str | Path, destination: str | Path) -> Path:
    """Copy a file, with its timestamps, to a new path or into an existing folder.

    Example: copy_file("report.pdf", "backup/report-2024.pdf")
    """
    target = Path(destination)
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(source, target))


def move_file(source: str | Path, destination: str | Path) -> Path:
    """Move or rename a file, creating the destination folder if it is missing.

    Example: move_file("inbox/photo.jpg", "archive/2024/photo.jpg")
    """
    target = Path(destination)
    if not target.is_dir():
        target.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.move(os.fspath(source), os.fspath(target)))


def delete_if_exists(path: str | Path) -> bool:
    """Delete a file if it exists and say whether anything was removed.

    Example: delete_if_exists("cache.tmp")
    """
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return False
    return True


def files_with_extension(root: str | Path, extension: str) -> list[Path]:
    """Walk a directory tree and list every file with a given extension, sorted.

    Example: files_with_extension("src", ".py")
    """
    suffix = extension.lower() if extension.startswith(".") else "." + extension.lower()
    found = []
    for folder, _subfolders, names in os.walk(root):
        for name in names:
            if name.lower().endswith(suffix):
                found.append(Path(folder) / name)
    return sorted(found)


def _human_size(num_bytes: float) -> str:
    size = float(num_bytes)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(size) < 1024:
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} PB"


def human_file_size(path: str | Path) -> str:
    """Return a file's size as a human-readable string such as 2.4 MB.

    Example: print(human_file_size("video.mp4"))
    """
    return _human_size(Path(path).stat().st_size)


def directory_size(root: str | Path) -> int:
    """Add up the size in bytes of every file under a directory, not following symlinks.

    Example: directory_size("photos")
    """
    total = 0
    for folder, _subfolders, names in os.walk(root):
        for name in names:
            file_path = os.path.join(folder, name)
            if not os.path.islink(file_path):
                total += os.path.getsize(file_path)
    return total


def sha256_of_file(path: str | Path, chunk_size: int = 1 << 20) -> str:
    """Compute the SHA-256 hash of a file as a hex string, reading it in chunks.

    Example: sha256_of_file("ubuntu.iso") == published_checksum
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(chunk_size), b""):
            digest.update(chunk)
    return digest.hexdigest()


def files_identical(first: str | Path, second: str | Path) -> bool:
    """Check whether two files have exactly the same contents, byte for byte.

    Example: files_identical("a.bin", "b.bin")
    """
    return filecmp.cmp(first, second, shallow=False)


def tail_file(path: str | Path, count: int = 10, encoding: str = "utf-8") -> list[str]:
    """Return the last lines of a text file, like the tail command.

    Example: tail_file("server.log", 20)
    """
    with open(path, encoding=encoding) as handle:
        return [line.rstrip("\r\n") for line in deque(handle, maxlen=max(count, 0))]


def count_lines(path: str | Path) -> int:
    """Count the lines in a text file, including a last line without a newline.

    Example: count_lines("data.csv")
    """
    count = 0
    last = b""
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            count += chunk.count(b"\n")
            last = chunk
    if last and not last.endswith(b"\n"):
        count += 1
    return count


def replace_in_file(path: str | Path, old: str, new: str, encoding: str = "utf-8") -> int:
    """Replace every occurrence of a string in a text file and return how many were replaced.

    Example: replace_in_file("config.ini", "localhost", "db.internal")
    """
    target = Path(path)
    text = target.read_text(encoding=encoding)
    count = text.count(old) if old else 0
    if count:
        target.write_text(text.replace(old, new), encoding=encoding)
    return count


def write_temp_file(text: str, suffix: str = ".txt", directory: str | Path | None = None) -> Path:
    """Write text to a new temporary file that is kept after closing, and return its path.

    Example: path = write_temp_file("scratch data"); ...; path.unlink()
    """
    with tempfile.NamedTemporaryFile(
        "w", suffix=suffix, dir=directory, delete=False, encoding="utf-8"
    ) as handle:
        handle.write(text)
    return Path(handle.name)


def read_chunks(path: str | Path, chunk_size: int = 65536) -> Iterator[bytes]:
    """Read a binary file piece by piece, yielding chunks of at most chunk_size bytes.

    Example: for chunk in read_chunks("big.bin"): upload(chunk)
    """
    with open(path, "rb") as handle:
        while chunk := handle.read(chunk_size):
            yield chunk


def file_modified_time(path: str | Path) -> datetime:
    """Return when a file was last modified, as a timezone-aware UTC datetime.

    Example: file_modified_time("notes.txt").date()
    """
    return datetime.fromtimestamp(Path(path).stat().st_mtime, tz=UTC)
