"""`assistant ingest PATH…` and `assistant knowledge (stats|search|forget|import|facts)`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.commands import CommandLine
from assistant.cli.output import add_json_command, emit
from assistant.errors import InputError

if TYPE_CHECKING:
    from assistant.core import Assistant
    from knowledge.service import KnowledgeService


def ingest(args: argparse.Namespace, assistant: Assistant) -> int:
    from knowledge.ingest import ingest as run_ingest

    library = _library(assistant)
    bar: Any = None

    def progress(total: int) -> Any:
        nonlocal bar
        from tqdm import tqdm

        # tqdm hides itself when stderr is not a terminal; --json output stays clean.
        bar = tqdm(total=total, unit="chunk", desc="embedding", disable=True if args.json else None)
        return bar.update

    try:
        report = run_ingest(library, args.paths, progress)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(
            f"{report.stored} stored ({len(report.added)} new, {len(report.updated)} updated),"
            f" {len(report.unchanged)} unchanged, {len(report.skipped)} skipped,"
            f" {len(report.removed)} removed; {report.chunks_embedded} chunks embedded,"
            f" {report.chunks_reused} reused in {report.seconds:.1f} s"
        )
        for path, reason in report.skipped:
            print(f"  skipped {path}: {reason}", file=sys.stderr)
        for path, note in report.partial:
            print(f"  partly read {path}: {note}", file=sys.stderr)
        for path in report.removed:
            print(f"  removed {path} (no longer on disk)")
    # A skipped file does not fail the run (a damaged PDF would fail every nightly re-run);
    # it is listed, and only a run that could use nothing it was given fails.
    touched = report.added or report.updated or report.unchanged or report.removed
    return 0 if touched or not report.skipped else 1


def run(args: argparse.Namespace, assistant: Assistant) -> int:
    command = args.knowledge_command or "stats"
    if command == "stats":
        return _stats(args, assistant)
    if command == "search":
        return _search(args, assistant)
    if command == "forget":
        return _forget(args, assistant)
    if command == "import":
        return _import(args, assistant)
    return _facts(args, assistant)


def _knowledge(assistant: Assistant) -> KnowledgeService:
    return assistant.services.knowledge


def _library(assistant: Assistant) -> Any:
    return _knowledge(assistant).library


def _stats(args: argparse.Namespace, assistant: Assistant) -> int:
    library = _library(assistant)
    counts = library.corpus.counts()
    index = library.index
    facts = _knowledge(assistant).facts.stats()
    data = {
        **counts,
        "index": {"kind": index.kind, "vectors": len(index), "path": str(library.index_path)},
        "facts": facts,
        "rebuilt_index": library.rebuilt,
    }
    lines = [
        f"documents  {counts['documents']}  ({counts['bytes'] / 1e6:.1f} MB)",
        f"chunks     {counts['chunks']}",
        f"index      {index.kind}, {len(index)} vectors  ({library.index_path})",
        f"facts      {facts.get('current', 0)} current of {facts.get('facts', 0)} stored  ("
        + ", ".join(f"{v} {k}" for k, v in facts.items() if k not in ("facts", "current"))
        + ")",
    ]
    if library.rebuilt:
        lines.append("(the index was out of step with the database and has been rebuilt)")
    emit(args, data, "\n".join(lines))
    return 0


def _search(args: argparse.Namespace, assistant: Assistant) -> int:
    from knowledge.retriever import search

    hits = search(_library(assistant), args.query, k=args.k, mode=args.mode)
    rows = [
        {
            "path": hit.chunk.path,
            "chunk_id": hit.chunk.id,
            "headings": list(hit.chunk.headings),
            "score": round(hit.score, 4),
            "text": hit.chunk.text,
        }
        for hit in hits
    ]
    human = "\n\n".join(
        f"{n}. {hit.chunk.path} #{hit.chunk.id} ({hit.score:.3f})  {' > '.join(hit.chunk.headings)}"
        f"\n   {hit.chunk.text[:240]}"
        for n, hit in enumerate(hits, start=1)
    )
    emit(args, rows, human or "nothing found")
    return 0


def _forget(args: argparse.Namespace, assistant: Assistant) -> int:
    from knowledge.ingest import forget

    dropped = forget(_library(assistant), args.path)
    if not dropped:
        raise InputError(f"no ingested document at {args.path}")
    emit(
        args,
        {"forgotten": dropped},
        "\n".join(f"forgot {path}" for path in dropped),
    )
    return 0


def _import(args: argparse.Namespace, assistant: Assistant) -> int:
    result = _knowledge(assistant).facts.import_file(args.file)
    emit(args, result.as_dict(), result.summary())
    return 0


def _facts(args: argparse.Namespace, assistant: Assistant) -> int:
    store = _knowledge(assistant).facts
    facts = store.history(args.entity) if args.history else store.current()
    if args.entity and not args.history:
        key = args.entity.casefold()
        facts = [f for f in facts if key in (f.subject.casefold(), f.object.casefold())]
    rows = [f.as_dict() for f in facts]
    human = "\n".join(
        f"#{r['id']:<5} {r['subject']} —{r['relation']}→ {r['object']}   [{r['source']}]"
        for r in rows
    )
    emit(args, rows, human or "no facts")
    return 0


def register(cli: CommandLine) -> None:
    """The `ingest` and `knowledge` commands."""
    ingest_parser = cli.command(
        "ingest", "add files or folders (.txt .md .html .pdf) to what the assistant knows", ingest
    )
    ingest_parser.description = (
        "Read, chunk and embed documents. Re-running only re-embeds what"
        " changed and drops files that disappeared from an ingested folder."
        " A file that cannot be read (damaged, needs a password, no text) is skipped with"
        " a one-line reason and the others are still stored, each in its own transaction;"
        " a PDF page that cannot be read is left out and named, the rest of the file kept."
    )
    ingest_parser.epilog = (
        "Exit status: 0 when anything was stored, is unchanged or was removed, even if some"
        ' files were skipped (they are listed on stderr, or under "skipped" with --json);'
        " 1 when nothing given could be ingested."
    )
    ingest_parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    knowledge = cli.command(
        "knowledge", "documents and facts: stats (default), search, forget, import, facts", run
    )
    sub = knowledge.add_subparsers(dest="knowledge_command", metavar="KNOWLEDGE_COMMAND")

    def add(name: str, text: str) -> argparse.ArgumentParser:
        return add_json_command(sub, name, text)

    add("stats", "how many documents, chunks and facts are known")
    search_parser = add("search", "show the chunks a question retrieves, with scores")
    search_parser.add_argument("query")
    search_parser.add_argument("-k", type=int, default=5, help="how many chunks (default 5)")
    search_parser.add_argument(
        "--mode", choices=["hybrid", "dense", "lexical"], default="hybrid", help="ranker"
    )
    forget_parser = add("forget", "drop a document (or every document under a folder)")
    forget_parser.add_argument("path", type=Path)
    import_parser = add("import", "load facts from a CSV (subject,relation,object) or JSON file")
    import_parser.add_argument("file", type=Path)
    facts_parser = add("facts", "list the facts the assistant holds")
    facts_parser.add_argument("entity", nargs="?", help="only facts about this entity")
    facts_parser.add_argument(
        "--history", action="store_true", help="include replaced and forgotten facts"
    )
