"""The snippet library the code skill searches when no code model is configured.

One module per topic (files, strings, dates, ...). Each top-level function or class is a
snippet: its docstring's first line is what the retriever matches, the rest of the
docstring says how to use it. The imports a snippet needs live at the top of its module;
`skills.snippet_library` copies the ones it uses above it when it is shown. Names that start
with "_" are helpers, not snippets. tests/snippet_checks/<module>.py runs every snippet.
"""
