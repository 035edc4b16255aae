"""`assistant serve`: the HTTP API (and, on top of it, the other fronts) over one home.
Every endpoint calls the same `Assistant` the REPL does; none has logic of its own."""
