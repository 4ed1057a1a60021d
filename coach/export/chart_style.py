"""The charts' colours, shared by the SVG in the web report and the vector charts in the PDF.

Severity bands run from light to dark in one hue, so they read in a grey printout and for
colour-blind readers; goal lines differ by dash and marker as well as colour.
"""

from __future__ import annotations

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#d8dee4"
BAND_FILLS = ("#c6dbef", "#5b9bd0", "#0b3a6b")  # mild, moderate, severe
GESTURE_FILL = "#4a8c5c"
LINE_STYLES: tuple[tuple[str, tuple[float, float] | None, str], ...] = (
    ("#17324a", None, "circle"),  # colour, (dash, gap) in line widths, marker
    ("#b35900", (3.5, 2.0), "square"),
    ("#6a3d9a", (1.0, 1.5), "triangle"),
)


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#b35900"`` -> ``(179, 89, 0)``."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
