"""The text of a PDF page by page, whatever shape the file is in.

Encrypted files open with the empty password, as every viewer does; one that needs a real
password is refused. A page the parser fails on is left out and named, the rest is kept.
Every failure of pypdf, its own errors or any other exception, becomes a one-line reason,
and a step (opening the file, one page) that takes longer than STEP_SECONDS is given up:
pypdf runs in a worker thread so that a file stuck in a slow path cannot hold ingest.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The slowest of 68 real PDFs takes 0.7 s whole; 30 s on one step is a stuck parser.
STEP_SECONDS = 30.0

# pypdf logs each recovery from a damaged object as a warning (thousands for one broken
# file); the user is told the outcome per file instead. A logger set up on purpose is kept.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)


class PdfRefused(Exception):
    """The whole file cannot be read; str() is the one-line reason, without the path."""


@dataclass
class PdfText:
    title: str  # from the metadata, "" when it has none
    pages: list[str]  # each page's text in order, "" for a page with none or left out
    notes: list[str] = field(default_factory=list)  # what was left out, one line each


def read_pdf(path: Path, step_seconds: float = STEP_SECONDS) -> PdfText:
    """Read every page; raises PdfRefused when nothing of the file can be used."""
    events: queue.Queue[tuple[str, Any]] = queue.Queue()
    cancel = threading.Event()
    worker = threading.Thread(
        target=_produce, args=(path, events, cancel), name=f"pdf {path.name}", daemon=True
    )
    worker.start()
    title, total, stuck = "", 0, False
    pages: list[str] = []
    failed: list[tuple[int, str]] = []  # (page number, reason)
    while True:
        try:
            kind, value = events.get(timeout=step_seconds)
        except queue.Empty:
            cancel.set()  # the worker cannot be stopped mid-step; it stops at its next page
            if not total:
                raise PdfRefused(f"took over {step_seconds:g} s to open (given up)") from None
            stuck = True
            failed.append((len(pages) + 1, f"took over {step_seconds:g} s to read (given up)"))
            pages.extend([""] * (total - len(pages)))
            break
        if kind == "opened":
            title, total = value
        elif kind == "page":
            pages.append(value)
        elif kind == "page failed":
            failed.append((len(pages) + 1, value))
            pages.append("")
        elif kind == "refused":
            raise PdfRefused(value)
        else:  # "done"
            break
    if failed and not any(text.strip() for text in pages):
        number, why = failed[-1] if stuck else failed[0]
        raise PdfRefused(f"page {number} {why}" if stuck else why)
    return PdfText(title, pages, [_left_out(failed, total, stuck)] if failed else [])


def _produce(path: Path, events: queue.Queue[tuple[str, Any]], cancel: threading.Event) -> None:
    """The worker: sends "opened", then "page" or "page failed" per page, then "done"."""
    try:
        from pypdf import PasswordType, PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise PdfRefused("needs a password")
        events.put(("opened", (_title(reader), len(reader.pages))))
        for page in reader.pages:
            if cancel.is_set():
                return
            try:
                events.put(("page", page.extract_text() or ""))
            except Exception as exc:  # one bad page: the others may still read
                events.put(("page failed", reason(exc)))
    except Exception as exc:  # anything pypdf raises ends as a reason, never a traceback
        events.put(("refused", reason(exc)))
    else:
        events.put(("done", None))


def _title(reader: Any) -> str:
    try:
        title = reader.metadata.title if reader.metadata else None
    except Exception:  # a damaged /Info dictionary costs the title, not the file
        return ""
    return one_line(str(title)) if title else ""


def _left_out(failed: list[tuple[int, str]], total: int, stuck: bool) -> str:
    notes = []
    skipped = failed[:-1] if stuck else failed
    if skipped:
        numbers = ", ".join(str(number) for number, _ in skipped[:10])
        more = f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        plural = "s" if len(skipped) > 1 else ""
        notes.append(f"left out page{plural} {numbers}{more} of {total}: {skipped[0][1]}")
    if stuck:
        number, why = failed[-1]
        notes.append(f"stopped at page {number} of {total}, which {why}")
    return "; ".join(notes)


def reason(exc: BaseException) -> str:
    """One line saying why pypdf could not read a file or page."""
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if isinstance(exc, PdfRefused):
        return str(exc)
    if isinstance(exc, FileNotDecryptedError):
        return "needs a password"
    if isinstance(exc, OSError):
        return one_line(exc.strerror or str(exc))
    if isinstance(exc, DependencyError):
        return f"cannot be decrypted here ({_detail(exc)})"
    if isinstance(exc, NotImplementedError):
        return f"uses a PDF feature the reader lacks ({_detail(exc)})"
    if isinstance(exc, PyPdfError):
        return f"damaged file ({_detail(exc)})"
    return f"damaged file ({type(exc).__name__}: {_detail(exc)})"


def _detail(exc: BaseException) -> str:
    return one_line(str(exc)) or type(exc).__name__


def one_line(text: str, limit: int = 120) -> str:
    """Whitespace collapsed, cut to `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
