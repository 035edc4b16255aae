"""Checks for skills/snippets/paths.py."""

import os
from pathlib import Path


def check_change_extension(fn) -> None:
    assert fn("data/report.txt", ".md") == Path("data/report.md")
    assert fn("data/report.txt", "md") == Path("data/report.md")
    assert fn("README", ".rst") == Path("README.rst")
    assert fn("archive.tar.gz", "") == Path("archive.tar")


def check_add_name_suffix(fn) -> None:
    assert fn("img/photo.jpg", "_small") == Path("img/photo_small.jpg")
    assert fn("Makefile", ".bak") == Path("Makefile.bak")


def check_strip_all_extensions(fn) -> None:
    assert fn("dist/app.tar.gz") == Path("dist/app")
    assert fn("notes") == Path("notes")
    assert fn(".bashrc") == Path(".bashrc")


def check_split_file_path(fn) -> None:
    assert fn("/tmp/notes.txt") == (Path("/tmp"), "notes", ".txt")
    assert fn("backup.tar.gz") == (Path("."), "backup.tar", ".gz")


def check_unique_filename(fn, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert fn(target) == target
    target.write_text("", encoding="utf-8")
    assert fn(target) == tmp_path / "report (1).txt"
    (tmp_path / "report (1).txt").write_text("", encoding="utf-8")
    assert fn(target) == tmp_path / "report (2).txt"


def check_safe_filename(fn) -> None:
    assert fn('Q3 report: "final"?') == "Q3 report_ _final__"
    assert fn("a/b\\c.txt") == "a_b_c.txt"
    assert fn("con.txt") == "_con.txt"
    assert fn("  trailing dots... ") == "trailing dots"
    assert fn("???", replacement="") == "untitled"
    assert len(fn("x" * 300)) == 255


def check_expand_path(fn, tmp_path: Path) -> None:
    assert fn("~/notes.txt") == Path(os.path.expanduser("~")) / "notes.txt"
    os.environ["SNIPPET_CHECK_DIR"] = str(tmp_path)
    try:
        assert fn("$SNIPPET_CHECK_DIR/sub/../file.txt") == tmp_path / "file.txt"
    finally:
        del os.environ["SNIPPET_CHECK_DIR"]
    assert fn("relative.txt").is_absolute()


def check_relative_path(fn) -> None:
    assert fn("/srv/app/static/logo.png", "/srv/app/templates") == Path("../static/logo.png")
    assert fn("/srv/app/a/b.txt", "/srv/app") == Path("a/b.txt")
    assert fn("/srv/app", "/srv/app") == Path(".")


def check_to_posix_path(fn) -> None:
    assert fn(r"C:\Users\ana\notes.txt") == "C:/Users/ana/notes.txt"
    assert fn(r"docs\guide\intro.md") == "docs/guide/intro.md"


def check_is_inside_directory(fn, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    assert fn(uploads / "cat.png", uploads) is True
    assert fn(uploads / ".." / ".." / "etc" / "passwd", uploads) is False
    assert fn(tmp_path / "uploads-evil" / "x", uploads) is False
    (uploads / "escape").symlink_to(tmp_path)
    assert fn(uploads / "escape" / "secret", uploads) is False


def check_common_parent(fn) -> None:
    assert fn(["/data/a/x.csv", "/data/b/y.csv"]) == Path("/data")
    assert fn(["/data/a/x.csv", "/data/a/y.csv"]) == Path("/data/a")
    assert fn(["/data/abc", "/data/abd"]) == Path("/data")


def check_ensure_directory(fn, tmp_path: Path) -> None:
    target = tmp_path / "build" / "reports"
    assert fn(target) == target
    assert target.is_dir()
    (target / "keep.txt").write_text("x", encoding="utf-8")
    assert fn(target) == target
    assert (target / "keep.txt").exists()


def check_find_files_glob(fn, tmp_path: Path) -> None:
    (tmp_path / "pkg" / "tests").mkdir(parents=True)
    for name in ["test_a.py", "pkg/tests/test_b.py", "pkg/tests/helper.py", "pkg/test_c.txt"]:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "test_dir.py").mkdir()
    assert fn(tmp_path, "**/test_*.py") == [
        tmp_path / "pkg" / "tests" / "test_b.py",
        tmp_path / "test_a.py",
    ]
    assert fn(tmp_path, "*.py") == [tmp_path / "test_a.py"]


def check_newest_file(fn, tmp_path: Path) -> None:
    assert fn(tmp_path) is None
    for index, name in enumerate(["b.zip", "c.zip", "a.zip", "d.txt"]):
        path = tmp_path / name
        path.write_text("", encoding="utf-8")
        stamp = 1_600_000_000 + [10, 30, 20, 40][index]
        os.utime(path, (stamp, stamp))
    assert fn(tmp_path, "*.zip") == tmp_path / "c.zip"
    assert fn(tmp_path) == tmp_path / "d.txt"


def check_files_older_than(fn, tmp_path: Path) -> None:
    now = 1_700_000_000
    for name, age_days in [("old.log", 40), ("recent.log", 2), ("ancient.log", 400)]:
        path = tmp_path / name
        path.write_text("", encoding="utf-8")
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    (tmp_path / "folder").mkdir()
    os.utime(tmp_path / "folder", (0, 0))
    assert fn(tmp_path, 30, now=now) == [tmp_path / "ancient.log", tmp_path / "old.log"]
    assert fn(tmp_path, 1000, now=now) == []


def check_largest_files(fn, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "small").write_bytes(b"1")
    (tmp_path / "sub" / "big").write_bytes(b"1" * 100)
    (tmp_path / "mid").write_bytes(b"1" * 10)
    (tmp_path / "mid2").write_bytes(b"1" * 10)
    assert fn(tmp_path, 3) == [
        (tmp_path / "sub" / "big", 100),
        (tmp_path / "mid", 10),
        (tmp_path / "mid2", 10),
    ]


def check_list_subdirectories(fn, tmp_path: Path) -> None:
    for name in ["web", "api", "api/v1"]:
        (tmp_path / name).mkdir()
    (tmp_path / "README.md").write_text("", encoding="utf-8")
    assert fn(tmp_path) == ["api", "web"]


def check_empty_directories(fn, tmp_path: Path) -> None:
    for name in ["a/empty", "b", "c/d"]:
        (tmp_path / name).mkdir(parents=True)
    (tmp_path / "c" / "d" / "file.txt").write_text("", encoding="utf-8")
    assert fn(tmp_path) == [tmp_path / "a" / "empty", tmp_path / "b"]
    assert fn(tmp_path / "b") == []


CHECKS = {
    "change_extension": check_change_extension,
    "add_name_suffix": check_add_name_suffix,
    "strip_all_extensions": check_strip_all_extensions,
    "split_file_path": check_split_file_path,
    "unique_filename": check_unique_filename,
    "safe_filename": check_safe_filename,
    "expand_path": check_expand_path,
    "relative_path": check_relative_path,
    "to_posix_path": check_to_posix_path,
    "is_inside_directory": check_is_inside_directory,
    "common_parent": check_common_parent,
    "ensure_directory": check_ensure_directory,
    "find_files_glob": check_find_files_glob,
    "newest_file": check_newest_file,
    "files_older_than": check_files_older_than,
    "largest_files": check_largest_files,
    "list_subdirectories": check_list_subdirectories,
    "empty_directories": check_empty_directories,
}
