"""The map of Thailand by province, drawn on the server as SVG (issue 14): printable, no script
(the CSP forbids inline code and a map library would be 150 KB for 77 shapes).

The boundaries are `static/reviews/map/thailand_provinces.geojson` (simplified by
`bench/simplify_provinces.py`, source in SOURCE.md beside it), projected once per process onto a
plain equirectangular plane scaled by cos(13°), which keeps Thailand's shape at this size.
Provinces are matched by their DOPA code (`Province.code`), else by Thai name.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from django.contrib.staticfiles import finders

from clusters.models import localised

GEOJSON = "reviews/map/thailand_provinces.geojson"
WIDTH = 400.0
SHADES = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues, light to dark
EMPTY = "#f2f2f2"


@lru_cache(maxsize=1)
def province_shapes() -> tuple[str, list[dict]]:
    """(viewBox, [{code, name_th, name_en, d}]): the SVG path of every province."""
    path = finders.find(GEOJSON)
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    kx = math.cos(math.radians(13.0))
    points = [
        (x * kx, -y)
        for f in data["features"]
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for x, y in ring
    ]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = WIDTH / (max_x - min_x)
    height = (max_y - min_y) * scale
    shapes = []
    for feature in data["features"]:
        parts = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                coords = " ".join(f"{(x * kx - min_x) * scale:.1f},{(-y - min_y) * scale:.1f}" for x, y in ring)
                parts.append(f"M{coords}Z")
        props = feature["properties"]
        shapes.append(
            {"code": props["pro_code"], "name_th": props["pro_th"], "name_en": props["pro_en"], "d": "".join(parts)}
        )
    return f"0 0 {WIDTH:.0f} {height:.0f}", shapes


def classes(values: list[float]) -> list[float]:
    """Upper bounds of up to five classes (quantiles of the non-zero values)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    bounds = []
    for i in range(1, len(SHADES) + 1):
        bound = positive[min(len(positive) - 1, math.ceil(i * len(positive) / len(SHADES)) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def shade(value: float, bounds: list[float]) -> str:
    if not value or not bounds:
        return EMPTY
    for i, bound in enumerate(bounds):
        if value <= bound:
            return SHADES[round(i * (len(SHADES) - 1) / max(1, len(bounds) - 1))]
    return SHADES[-1]


def province_map(*, provinces: list[dict], values: dict[int, float], links: dict[int, str], in_focus: set[int] | None):
    """The SVG's pieces: one entry per shape with its fill, link and tooltip value.

    provinces: [{pk, code, name_th}] of the registry; values: province pk -> metric value;
    links: province pk -> URL; in_focus: provinces to draw strongly (a cluster), None = all.
    """
    view_box, shapes = province_shapes()
    by_code = {p["code"]: p for p in provinces if p.get("code")}
    by_name = {p["name_th"]: p for p in provinces}
    bounds = classes([values.get(p["pk"], 0) for p in provinces if in_focus is None or p["pk"] in in_focus])
    drawn = []
    for shape in shapes:
        province = by_code.get(shape["code"]) or by_name.get(shape["name_th"])
        pk = province["pk"] if province else None
        focused = pk is not None and (in_focus is None or pk in in_focus)
        value = values.get(pk, 0) if focused else 0
        drawn.append(
            {
                **shape,
                "pk": pk,
                "name": localised(province["name_th"], province.get("name_en", ""))
                if province
                else localised(shape["name_th"], shape["name_en"]),
                "value": value,
                "fill": shade(value, bounds) if focused else EMPTY,
                "focused": focused,
                "url": links.get(pk) if focused else None,
            }
        )
    legend = []
    low = 0.0
    for i, bound in enumerate(bounds):
        legend.append({"low": low, "high": bound, "fill": shade(bound, bounds), "first": i == 0})
        low = bound
    return {"view_box": view_box, "shapes": drawn, "legend": legend, "has_focus": in_focus is not None}
