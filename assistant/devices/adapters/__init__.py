"""Adapters: how the hub reaches devices. One interface, one module per way of talking."""
