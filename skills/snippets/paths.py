"""Paths: change extensions, make unique or safe names, expand, relate and search file paths."""

import os
import re
import time
from pathlib import Path, PureWindowsPath


def change_extension(path: str | Path, extension: str) -> Path:
    """Change a file path's extension, for example report.txt to report.md.

    Example: change_extension("data/report.txt", "md")  # Path("data/report.md")
    """
    suffix = extension if not extension or extension.startswith(".") else "." + extension
    return Path(path).with_suffix(suffix)


def add_name_suffix(path: str | Path, suffix: str) -> Path:
    """Add text to a file name just before its extension, e.g. photo.jpg to photo_small.jpg.

    Example: add_name_suffix("img/photo.jpg", "_small")  # Path("img/photo_small.jpg")
    """
    original = Path(path)
    return original.with_name(f"{original.stem}{suffix}{original.suffix}")


def strip_all_extensions(path: str | Path) -> Path:
    """Remove every extension from a file name, e.g. archive.tar.gz to archive.

    Example: strip_all_extensions("dist/app.tar.gz")  # Path("dist/app")
    """
    result = Path(path)
    while result.suffix:
        result = result.with_suffix("")
    return result


def split_file_path(path: str | Path) -> tuple[Path, str, str]:
    """Split a file path into its folder, its name without extension and its extension.

    Example: split_file_path("/tmp/notes.txt")  # (Path("/tmp"), "notes", ".txt")
    """
    parts = Path(path)
    return parts.parent, parts.stem, parts.suffix


def unique_filename(path: str | Path) -> Path:
    """Return a file path that does not exist yet, numbering it like "report (1).txt" if needed.

    Example: target = unique_filename("downloads/report.txt")
    """
    original = Path(path)
    candidate = original
    number = 1
    while candidate.exists():
        candidate = original.with_name(f"{original.stem} ({number}){original.suffix}")
        number += 1
    return candidate


def safe_filename(name: str, replacement: str = "_", max_length: int = 255) -> str:
    """Turn any string into a safe file name by replacing characters that are not allowed.

    Example: safe_filename('Q3 report: "final"?')  # 'Q3 report_ _final__'
    """
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', replacement, name).strip().rstrip(". ")
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10))}
    reserved |= {f"LPT{n}" for n in range(1, 10)}
    if cleaned.split(".")[0].upper() in reserved:
        cleaned = replacement + cleaned
    return cleaned[:max_length] or "untitled"


def expand_path(path: str | Path) -> Path:
    """Expand ~ and environment variables like $HOME in a path and make it absolute.

    Example: expand_path("~/projects/$PROJECT/notes.txt")
    """
    expanded = os.path.expanduser(os.path.expandvars(os.fspath(path)))
    return Path(os.path.abspath(expanded))


def relative_path(path: str | Path, start: str | Path) -> Path:
    """Return a path relative to another directory, using .. where it has to go up.

    Example: relative_path("/srv/app/static/logo.png", "/srv/app/templates")  # ../static/logo.png
    """
    return Path(os.path.relpath(path, start))


def to_posix_path(path: str) -> str:
    """Convert a Windows path with backslashes into one with forward slashes.

    Example: to_posix_path(r"C:\\Users\\ana\\notes.txt")  # 'C:/Users/ana/notes.txt'
    """
    return PureWindowsPath(path).as_posix()


def is_inside_directory(path: str | Path, directory: str | Path) -> bool:
    """Check whether a path lies inside a directory, after resolving .. and symlinks.

    Example: is_inside_directory(user_supplied_path, "/srv/uploads")  # guards against ../../etc
    """
    return Path(path).resolve().is_relative_to(Path(directory).resolve())


def common_parent(paths: list[str | Path]) -> Path:
    """Return the deepest directory that contains all the given paths.

    Example: common_parent(["/data/a/x.csv", "/data/b/y.csv"])  # Path("/data")
    """
    return Path(os.path.commonpath([os.fspath(p) for p in paths]))


def ensure_directory(path: str | Path) -> Path:
    """Create a directory, and any missing parent folders, unless it already exists.

    Example: out_dir = ensure_directory("build/reports")
    """
    directory = Path(path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def find_files_glob(root: str | Path, pattern: str) -> list[Path]:
    """Find the files under a directory that match a glob pattern such as **/*.py, sorted.

    Example: find_files_glob("src", "**/test_*.py")
    """
    return sorted(p for p in Path(root).glob(pattern) if p.is_file())


def newest_file(directory: str | Path, pattern: str = "*") -> Path | None:
    """Return the most recently modified file in a directory, or None if there is none.

    Example: latest_backup = newest_file("backups", "*.zip")
    """
    files = [p for p in Path(directory).glob(pattern) if p.is_file()]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


def files_older_than(directory: str | Path, days: float, now: float | None = None) -> list[Path]:
    """List the files in a directory that have not been modified for more than some days.

    Example: for old in files_older_than("logs", 30): old.unlink()
    """
    cutoff = (time.time() if now is None else now) - days * 86400
    return sorted(
        p for p in Path(directory).iterdir() if p.is_file() and p.stat().st_mtime < cutoff
    )


def largest_files(directory: str | Path, count: int = 10) -> list[tuple[Path, int]]:
    """List the biggest files under a directory tree with their sizes in bytes, largest first.

    Example: for path, size in largest_files("/var/log", 5): print(size, path)
    """
    sizes = [(p, p.stat().st_size) for p in Path(directory).rglob("*") if p.is_file()]
    sizes.sort(key=lambda item: (-item[1], item[0]))
    return sizes[:count]


def list_subdirectories(directory: str | Path) -> list[str]:
    """List the names of the folders directly inside a directory, sorted.

    Example: list_subdirectories("projects")  # ['api', 'web']
    """
    return sorted(entry.name for entry in os.scandir(directory) if entry.is_dir())


def empty_directories(root: str | Path) -> list[Path]:
    """Find the directories under a folder that contain no files or folders at all.

    Example: for folder in empty_directories("photos"): folder.rmdir()
    """
    found = []
    for folder, subfolders, names in os.walk(root):
        if not subfolders and not names and Path(folder) != Path(root):
            found.append(Path(folder))
    return sorted(found)
