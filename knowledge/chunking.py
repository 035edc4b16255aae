"""Heading-aware chunks with overlap, each with a content hash for incremental re-ingest."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.documents import Document

MAX_WORDS = 160  # a chunk stays well inside MiniLM's 256-token window
OVERLAP_WORDS = 30  # words carried over when a section spans several chunks


@dataclass(frozen=True)
class Chunk:
    index: int  # position within its document
    headings: tuple[str, ...]  # heading path the text sits under
    text: str  # the chunk's own words
    hash: str  # sha1 of headings + text: unchanged chunks are not re-embedded

    @property
    def context(self) -> str:
        """What gets embedded and shown: the heading path, then the text."""
        return (" > ".join(self.headings) + "\n" if self.headings else "") + self.text


def chunk(
    document: Document, max_words: int = MAX_WORDS, overlap: int = OVERLAP_WORDS
) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in document.sections:
        headings = tuple(
            [document.title, *section.headings]
            if document.title not in section.headings[:1]
            else section.headings
        )
        for text in _pack(_lines(section.text), max_words, overlap):
            digest = hashlib.sha1(("\x1f".join(headings) + "\x00" + text).encode()).hexdigest()
            chunks.append(Chunk(len(chunks), headings, text, digest))
    return chunks


# A line that starts like this begins a new item (list, table row, "Key: value"), not a wrap.
_ITEM_START = re.compile(r"^([-*+•|>]|\d+[.)]\s|[A-Z][\w' ]{0,30}:\s)")


def _lines(text: str) -> list[str]:
    """Logical lines: soft-wrapped prose is joined, lists, tables and fields stay apart."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current = ""
        for raw in paragraph.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            wrapped = current and not current.endswith((".", "!", "?", ":", ";", "|"))
            if wrapped and not _ITEM_START.match(line):
                current += " " + line
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def _pack(lines: list[str], max_words: int, overlap: int) -> list[str]:
    """Whole lines per chunk while they fit; long ones split on sentences, then words."""
    pieces: list[str] = []
    for line in lines:
        if len(line.split()) <= max_words:
            pieces.append(line)
        else:
            pieces.extend(_split_long(line, max_words))
    out: list[str] = []
    current: list[str] = []
    for piece in pieces:
        size = sum(len(p.split()) for p in current)
        if current and size + len(piece.split()) > max_words:
            out.append("\n".join(current))
            tail = " ".join(" ".join(current).split()[-overlap:]) if overlap else ""
            current = [tail] if tail else []
        current.append(piece)
    if current:
        out.append("\n".join(current))
    return out


def _split_long(paragraph: str, max_words: int) -> list[str]:
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    out: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        for start in range(0, len(words), max_words):
            out.append(" ".join(words[start : start + max_words]))
    return out
