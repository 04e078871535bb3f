"""How nodes look in Gephi and in the drawings: a stable colour per country, a size by projects.

>>> colour("FR") == colour("FR") != colour("BE"), colour("")
(True, (160, 160, 160))
>>> size({"projects": 3})
14.0
"""

from __future__ import annotations

import colorsys
import hashlib

__all__ = ["colour", "size", "PROJECT_COLOUR"]

PROJECT_COLOUR = (40, 40, 40)


# distinct colours for the countries Interreg projects meet most (neighbours far apart); others hashed
_FIXED = {
    "FR": (31, 119, 180), "GB": (214, 39, 40), "BE": (255, 127, 14), "NL": (44, 160, 44), "DE": (148, 103, 189),
    "IE": (23, 190, 207), "ES": (188, 189, 34), "PT": (140, 86, 75), "IT": (227, 119, 194), "LU": (57, 59, 121),
    "DK": (173, 73, 74), "SE": (82, 84, 163), "NO": (99, 121, 57), "FI": (140, 162, 82), "PL": (189, 158, 57),
    "CZ": (231, 186, 82), "AT": (132, 60, 57), "HU": (214, 97, 107), "SK": (123, 65, 115), "SI": (165, 81, 148),
    "HR": (206, 109, 189), "CH": (107, 110, 207), "GR": (181, 207, 107), "RO": (231, 150, 156),
    "BG": (156, 158, 222), "EE": (222, 158, 214), "LV": (205, 219, 156), "LT": (231, 203, 148),
}


def colour(country: str) -> tuple[int, int, int]:
    """An RGB colour per country code, the same in every export (grey when unknown)."""
    if not country:
        return (160, 160, 160)
    if country in _FIXED:
        return _FIXED[country]
    hue = int(hashlib.sha1(country.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hsv_to_rgb(hue, 0.65, 0.9)
    return (round(r * 255), round(g * 255), round(b * 255))


def node_colour(data: dict) -> tuple[int, int, int]:
    """A node's colour: its country's, dark grey for project nodes."""
    return PROJECT_COLOUR if data.get("kind") == "project" else colour(data.get("country", ""))


def size(data: dict) -> float:
    """A node's size from its number of projects."""
    return 5.0 + 3.0 * float(data.get("projects", 0))
