"""Read .txt, .md, .html and .pdf files into sections under their headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from assistant.errors import AssistantError

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
_BINARY_SHARE = 0.05  # more unprintable characters than this: not a text document


class UnreadableDocument(AssistantError):
    """A file that is not a supported, readable text document (it is skipped, not fatal)."""


@dataclass
class Section:
    headings: list[str]  # the heading path above this text, outermost first
    text: str


@dataclass
class Document:
    path: Path
    title: str
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was left out (PDF pages), one line each


def read(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableDocument(f"{path}: unsupported file type {suffix or '(none)'}")
    if suffix == ".pdf":
        return _read_pdf(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path}: {exc.strerror or exc}") from None
    text = _decode(path, raw)
    if suffix in {".html", ".htm"}:
        text = html_to_markdown(text)
    elif suffix == ".txt":
        text = _plain_text_headings(text)
    return markdown_sections(path, text)


_CAPS_HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 &/,'()-]{2,60}$")


def _plain_text_headings(text: str) -> str:
    """Mark a plain-text file's headings for markdown_sections: short ALL-CAPS lines and
    lines underlined with === or ---."""
    lines = text.splitlines()
    out: list[str] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if stripped and re.fullmatch(r"(=+|-+)", following) and len(following) >= 3:
            out.append(("# " if following[0] == "=" else "## ") + stripped)
        elif re.fullmatch(r"(=+|-+)", stripped) and out and out[-1].startswith("#"):
            continue  # the underline of the heading just emitted
        elif _CAPS_HEADING.match(stripped) and sum(c.isalpha() for c in stripped) >= 3:
            out.append("## " + stripped)
        elif stripped.startswith("#"):
            out.append(" " + line)  # a "#" in plain text is not a heading
        else:
            out.append(line)
    return "\n".join(out)


def markdown_sections(path: Path, text: str) -> Document:
    """Split on `#` headings, keeping the heading path of every piece of text."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    lines: list[str] = []
    title = path.stem

    def flush() -> None:
        body = "\n".join(lines).strip()
        if body:
            sections.append(Section([h for _, h in stack], body))
        lines.clear()

    for line in text.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if heading:
            flush()
            level, name = len(heading.group(1)), heading.group(2).strip()
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, name))
            if level == 1 and title == path.stem:
                title = name
        else:
            lines.append(line)
    flush()
    return Document(path, title, sections)


def html_to_markdown(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.markdown()


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise UnreadableDocument(f"{path}: binary data, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    unprintable = sum(1 for ch in text[:20000] if not ch.isprintable() and ch not in "\n\r\t")
    if text and unprintable / min(len(text), 20000) > _BINARY_SHARE:
        raise UnreadableDocument(f"{path}: binary data, not text")
    return text


def _read_pdf(path: Path) -> Document:
    from knowledge.pdf import PdfRefused, read_pdf

    try:
        pdf = read_pdf(path)
    except PdfRefused as exc:
        raise UnreadableDocument(f"{path}: {exc}") from None
    sections = [
        Section([f"page {n}"], text) for n, text in enumerate(pdf.pages, start=1) if text.strip()
    ]
    return Document(path, pdf.title or path.stem, sections, pdf.notes)


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, headings turned into `#` lines, paragraphs kept apart."""

    _BLOCKS = {"p", "div", "li", "tr", "br", "section", "article", "table", "ul", "ol", "dd", "dt"}
    _SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.heading: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = int(tag[1])
            self.parts.append("\n\n" + "#" * self.heading + " ")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = None
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split()) + (" " if data[-1:].isspace() else ""))

    def markdown(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"[ \t]+\n", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()
