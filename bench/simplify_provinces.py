"""Simplify the 77-province boundaries for the dashboard map (issue 14).

    .venv/bin/python bench/simplify_provinces.py [../shared/reference/thailand_provinces.geojson]

Douglas-Peucker per ring (tolerance in degrees, 0.01 deg is about 1 km, invisible at a
country-sized map), rings that collapse or are smaller than a few pixels (tiny islands) dropped,
coordinates rounded to 0.001 deg. Writes static/reviews/map/thailand_provinces.geojson with the
properties pro_code, pro_th and pro_en kept. Source and licence: static/reviews/map/SOURCE.md.
Plain Python: shapely is not a dependency of the project.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent.parent / "shared" / "reference" / "thailand_provinces.geojson"
TARGET = ROOT / "static" / "reviews" / "map" / "thailand_provinces.geojson"
TOLERANCE = 0.012
MIN_AREA = 0.0004  # square degrees (about 2 km x 2 km): smaller islands are not drawn


def _distance2(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return (x - x1) ** 2 + (y - y1) ** 2
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2


def douglas_peucker(points, tolerance):
    """Iterative (no recursion limit on long coastlines)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance2(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tol2:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))) / 2


def simplify_ring(ring):
    # a closed ring: split at the point farthest from the start so both halves keep their ends
    far = max(range(len(ring)), key=lambda i: _distance2(ring[i], ring[0], ring[0]))
    out = douglas_peucker(ring[: far + 1], TOLERANCE)[:-1] + douglas_peucker(ring[far:], TOLERANCE)
    out = [[round(x, 3), round(y, 3)] for x, y in out]
    return out if len(out) >= 4 and area(out) >= MIN_AREA else None


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        kept = []
        for polygon in polygons:
            outer = simplify_ring(polygon[0])
            if outer is None:
                continue
            kept.append([outer] + [r for r in (simplify_ring(h) for h in polygon[1:]) if r])
        if not kept:  # never lose a province: keep its largest polygon's outline as is
            largest = max(polygons, key=lambda p: area(p[0]))
            kept = [[[[round(x, 3), round(y, 3)] for x, y in largest[0]]]]
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {k: props[k] for k in ("pro_code", "pro_th", "pro_en")},
                "geometry": {"type": "MultiPolygon", "coordinates": kept},
            }
        )
    features.sort(key=lambda f: f["properties"]["pro_code"])
    TARGET.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    points = sum(len(r) for f in features for p in f["geometry"]["coordinates"] for r in p)
    print(f"{len(features)} provinces, {points} points, {TARGET.stat().st_size / 1024:.0f} KB -> {TARGET}")


if __name__ == "__main__":
    main()
