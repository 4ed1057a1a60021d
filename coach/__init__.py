"""NVR Coach: a terminal coaching assistant for Non-Violent Resistance parenting."""

__version__ = "0.1.0"
