"""The key-area vocabulary a directive is tagged with (the splitter's keywords are data)."""
from __future__ import annotations

from duban.i18n import _

AREAS = (
    "fire",
    "road_traffic",
    "construction",
    "hazardous_chemicals",
    "gas",
    "fireworks",
    "mining",
    "special_equipment",
    "waterway",
    "crowded_places",
    "food_drug",
    "industry_trade",
    "forest_fire",
    "flood",
    "campus",
)


def area_label(area: str) -> str:
    """An area's name in the kit's language."""
    labels = {
        "fire": _("fire safety"),
        "road_traffic": _("road traffic"),
        "construction": _("construction"),
        "hazardous_chemicals": _("hazardous chemicals"),
        "gas": _("gas"),
        "fireworks": _("fireworks"),
        "mining": _("mining"),
        "special_equipment": _("special equipment"),
        "waterway": _("waterways"),
        "crowded_places": _("crowded places"),
        "food_drug": _("food and drugs"),
        "industry_trade": _("industry and trade"),
        "forest_fire": _("forest fire"),
        "flood": _("flood control"),
        "campus": _("campus safety"),
    }
    return labels[area]
