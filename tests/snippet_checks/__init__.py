"""One module per skills/snippets/ module: CHECKS maps each snippet's name to a function
that runs it on a small input and asserts the result (tmp_path given for file work)."""
