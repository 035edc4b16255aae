"""Model building: exporting the encoder to ONNX now; LoRA training and the registry come next."""
