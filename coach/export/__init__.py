"""Exporters: a finished plan as a file to share, print or file away."""
