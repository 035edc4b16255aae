"""Understanding (NLU): the served intent model (ONNX), the few-shot model, the fallback between
them, the encoder they share, and the store of trained versions."""
