"""What the assistant knows: the sentence embedder now; retrieval and the graph come next."""
