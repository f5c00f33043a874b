"""Readers: bytes of a seed file to decoded text and its sidecar."""
