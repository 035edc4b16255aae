"""Read the snippets out of skills/snippets/: name, topic, description and the code a user
can paste (the imports it needs, then its source)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Snippet:
    name: str  # the function or class name, unique in the library
    topic: str  # the module it lives in: "strings", "dates", ...
    description: str  # the docstring's first line
    code: str  # the imports it uses, a blank line, its source

    @property
    def key(self) -> str:
        return f"{self.topic}.{self.name}"


@cache
def load() -> tuple[Snippet, ...]:
    found: list[Snippet] = []
    for entry in sorted(resources.files("skills.snippets").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py") and not entry.name.startswith("_"):
            found.extend(_snippets(entry.name.removesuffix(".py"), entry.read_text("utf-8")))
    return tuple(found)


def _snippets(topic: str, source: str) -> list[Snippet]:
    tree = ast.parse(source)
    imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    helpers = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name.startswith("_")
    }
    snippets = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.ClassDef) or node.name.startswith("_"):
            continue
        docstring = ast.get_docstring(node)
        if not docstring:
            raise ValueError(f"snippet {topic}.{node.name} has no docstring")
        used = _names(node)
        parts = [ast.get_source_segment(source, h) or "" for n, h in helpers.items() if n in used]
        body = "\n\n\n".join([*parts, ast.get_source_segment(source, node) or ""])
        needed = [ast.unparse(i) for i in imports if _binds(i) & (used | _names_of(parts))]
        code = "\n".join(needed) + ("\n\n\n" if needed else "") + body + "\n"
        snippets.append(Snippet(node.name, topic, docstring.splitlines()[0].strip(), code))
    return snippets


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.value.id
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }


def _names_of(sources: list[str]) -> set[str]:
    return set().union(*(_names(ast.parse(s)) for s in sources)) if sources else set()


def _binds(node: ast.Import | ast.ImportFrom) -> set[str]:
    return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
