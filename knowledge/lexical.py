"""BM25 over chunks with SQLite FTS5: the lexical half of hybrid retrieval.

FTS5 keeps its index in the same database and the same transactions as the chunks
(triggers in the schema), so it can never drift from them.
"""

from __future__ import annotations

import re

from assistant.store import Store

# Words that carry no evidence; matching them would rank every chunk alike.
STOPWORDS = frozenset(
    """a about above after again all am an and any are as at be been before being below between
    both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves whats what's who's whos hows
    wheres tell know please say says said does doesn't get got give go need want i'm im ok okay
    um uh hey so like much many
    notes note document documents doc docs file files mention mentions according""".split()
)  # the last line: words about where to look, not what to find ("what do my notes say")
_WORD = re.compile(r"[\w][\w'.-]*[\w]|[\w]", re.UNICODE)
HEADING_WEIGHT = 2.0  # a word in the heading path says more about a chunk than one in its body


def terms(text: str) -> list[str]:
    """Distinct content words of `text`, lower-cased, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        word = word.strip("'.-")
        if word.endswith("'s"):
            word = word[:-2]
        if word and word not in STOPWORDS and word not in seen:
            seen[word] = None
    return list(seen)


def stem(word: str) -> str:
    """Plural and third-person endings off, so "starts" meets "start" and "parties" "party"."""
    for suffix, keep in (("ies", "y"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def match_expression(text: str) -> str | None:
    """An FTS5 query OR-ing the content words (each quoted, so no syntax leaks in)."""
    words = terms(text)
    if not words:
        return None
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(store: Store, text: str, k: int) -> list[tuple[int, float]]:
    """The k best (chunk id, BM25 score) pairs, best first; higher is better."""
    expression = match_expression(text)
    if expression is None or k <= 0:
        return []
    rows = store.query(
        "SELECT rowid, bm25(chunks_fts, ?, 1.0) FROM chunks_fts WHERE chunks_fts MATCH ?"
        " ORDER BY bm25(chunks_fts, ?, 1.0) LIMIT ?",
        (HEADING_WEIGHT, expression, HEADING_WEIGHT, k),
    )
    # FTS5's bm25() is negated so that ascending order is best-first; flip it back.
    return [(int(rowid), -float(score)) for rowid, score in rows]
