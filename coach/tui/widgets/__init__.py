"""Answer widgets (one per field type), the transcript and the practitioner panel.

Each lives in its own module; ``inputs`` maps field types to them. Nothing is imported here,
so a screen that needs one widget does not load them all.
"""
