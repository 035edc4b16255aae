"""Real PDFs that broke ingest (tests/data/pdf, from pypdf's test files): each one is read or
refused with one line naming it, and a folder of good and bad ones stores the good ones."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from knowledge.documents import UnreadableDocument, read
from knowledge.pdf import PdfRefused, read_pdf, reason
from tests.test_cli import run
from tests.test_documents import minimal_pdf

DATA = Path(__file__).parent / "data" / "pdf"
AES_EMPTY_PASSWORD = "encryption__r6-empty-password.pdf"  # AES-256, opens with ""
NEEDS_PASSWORD = "encryption__r4-aes-user-password.pdf"
TRUNCATED = "crazyones-truncated.pdf"  # the first 60 % of crazyones.pdf
DAMAGED = "metadata-damaged.pdf"  # 20 bytes changed: pypdf raised LimitReachedError
ODD_ENCRYPTION = "encrypted-file-damaged.pdf"  # 20 bytes changed: NotImplementedError
DAMAGED_PAGE = "pdflatex-outline-damaged-page.pdf"  # page 2 of 4 unparseable


def test_an_aes_file_with_an_empty_password_is_read():
    document = read(DATA / AES_EMPTY_PASSWORD)
    assert [s.headings for s in document.sections] == [["page 1"]]
    assert document.sections[0].text.startswith("pdf encryption test")
    assert document.notes == []


@pytest.mark.parametrize(
    ("name", "why"),
    [
        (NEEDS_PASSWORD, "needs a password"),
        (TRUNCATED, "damaged file (Stream has ended unexpectedly)"),
        (DAMAGED, "damaged file (Maximum /ToUnicode code length exceeded: 35 > 16.)"),
        (
            ODD_ENCRYPTION,
            "uses a PDF feature the reader lacks"
            " (only Standard PDF encryption handler is available)",
        ),
    ],
)
def test_an_unreadable_file_is_refused_in_one_line_naming_it(name, why):
    path = DATA / name
    with pytest.raises(UnreadableDocument) as refused:
        read(path)
    assert str(refused.value) == f"{path}: {why}"


def test_a_damaged_page_is_left_out_and_named_and_the_rest_kept():
    document = read(DATA / DAMAGED_PAGE)
    assert [s.headings for s in document.sections] == [["page 1"], ["page 4"]]
    assert "Contents" in document.sections[0].text
    [note] = document.notes
    assert note.startswith("left out page 2 of 4: damaged file (Invalid Elementary Object")
    assert "\n" not in note and len(note) < 200


def test_every_kind_of_parser_failure_is_one_line():
    from pypdf.errors import DependencyError, PdfStreamError

    assert reason(DependencyError("cryptography>=3.1 is required for AES algorithm")) == (
        "cannot be decrypted here (cryptography>=3.1 is required for AES algorithm)"
    )
    assert reason(PdfStreamError("")) == "damaged file (PdfStreamError)"
    assert reason(ValueError("bad\n  object")) == "damaged file (ValueError: bad object)"
    assert reason(RecursionError("x" * 500)).endswith("…)")
    assert reason(PermissionError(13, "Permission denied")) == "Permission denied"


def _stall(monkeypatch: pytest.MonkeyPatch, release: threading.Event, call: int) -> None:
    """Make pypdf's `call`-th page extraction hang until `release`, as a slow path would."""
    from pypdf import PageObject

    real = PageObject.extract_text
    calls = []

    def extract_text(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(self)
        if len(calls) == call:
            release.wait(30)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", extract_text)


def test_a_page_that_hangs_is_given_up_and_the_pages_before_it_kept(tmp_path, monkeypatch):
    path = tmp_path / "slow.pdf"
    path.write_bytes(minimal_pdf("first page", "second page", "third page"))
    release = threading.Event()
    _stall(monkeypatch, release, call=2)
    started = time.monotonic()
    try:
        pdf = read_pdf(path, step_seconds=0.5)
    finally:
        release.set()  # lets the abandoned worker finish; it stops before page 3
    assert time.monotonic() - started < 5
    assert pdf.pages == ["first page", "", ""]
    assert pdf.notes == ["stopped at page 2 of 3, which took over 0.5 s to read (given up)"]


def test_a_file_whose_first_page_hangs_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "slow.pdf"
    path.write_bytes(minimal_pdf("only page"))
    release = threading.Event()
    _stall(monkeypatch, release, call=1)
    try:
        with pytest.raises(PdfRefused, match=r"^page 1 took over 0.5 s to read \(given up\)$"):
            read_pdf(path, step_seconds=0.5)
    finally:
        release.set()


@pytest.mark.slow  # real `assistant ingest` processes and the real encoder
def test_a_folder_of_good_and_bad_files_stores_the_good_and_names_the_bad(home, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    bad = {
        NEEDS_PASSWORD: "needs a password",
        TRUNCATED: "damaged file (Stream has ended unexpectedly)",
        DAMAGED: "damaged file (Maximum /ToUnicode code length exceeded: 35 > 16.)",
    }
    for name in [AES_EMPTY_PASSWORD, DAMAGED_PAGE, *bad]:
        shutil.copy(DATA / name, folder / name)
    (folder / "notes.md").write_text("# Keys\n\nThe spare key is under the blue flower pot.\n")

    first = run(home, "ingest", str(folder), "--json")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    report = json.loads(first.stdout)
    assert report["stored"] == 3
    assert sorted(Path(p).name for p in report["added"]) == sorted(
        [AES_EMPTY_PASSWORD, DAMAGED_PAGE, "notes.md"]
    )
    assert {Path(s["path"]).name: s["reason"] for s in report["skipped"]} == bad
    [partial] = report["partial"]
    assert Path(partial["path"]).name == DAMAGED_PAGE
    assert partial["note"].startswith("left out page 2 of 4: damaged file")

    again = run(home, "ingest", str(folder))  # skipped files are tried, and named, again
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 stored (0 new, 0 updated), 3 unchanged, 3 skipped, 0 removed")
    lines = sorted(line.strip() for line in again.stderr.splitlines() if line.strip())
    assert lines == sorted(f"skipped {folder.resolve() / n}: {why}" for n, why in bad.items())

    alone = run(home, "ingest", str(folder / NEEDS_PASSWORD))  # nothing usable: exit 1
    assert alone.returncode == 1
    assert alone.stderr.strip() == f"skipped {folder.resolve() / NEEDS_PASSWORD}: needs a password"
