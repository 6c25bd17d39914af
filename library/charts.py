"""Lays a coordination mechanism out as a layered chart for server-rendered SVG (R10: "แสดง
รายละเอียดเป็น chart และนำเสนอใน web site", 000 ประเด็น 3 item 2).

Rows follow the levels from policy (national committees) down to the area (clusters/provinces);
within a row nodes are ordered by the mean position of the nodes they link to above them, which
keeps most links from crossing. Inline SVG needs no script (the CSP forbids inline scripts), scales
with its viewBox, and its text stays selectable and readable to screen readers.
Pure: takes plain node and link rows, returns geometry.
"""

import unicodedata
from dataclasses import dataclass, field

from library.models.mechanisms import LEVEL_ORDER

BOX_W, LINE_H, PAD, GAP_X, GAP_Y, MARGIN = 210, 18, 10, 26, 64, 16
CHARS_PER_LINE = 24
MAX_LINES = 4
LEVEL_COLOURS = {
    "national_committee": ("#143d7a", "#ffffff"),
    "ministry": ("#0f6a8f", "#ffffff"),
    "department": ("#dbe9f6", "#1d2330"),
    "field_office": ("#e3f4e8", "#1d2330"),
    "area": ("#fff0cc", "#1d2330"),
}


def display_width(text: str) -> int:
    """Characters that take horizontal space: Thai vowels and tone marks above/below do not."""
    return sum(1 for c in text if unicodedata.category(c) not in ("Mn", "Me"))


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> list[str]:
    """Break Thai text at word boundaries (Thai has no spaces between words)."""
    from pythainlp import word_tokenize

    lines, current = [], ""
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if current and display_width(current + word) > width:
            lines.append(current.strip())
            current = word.lstrip()
        else:
            current += word
    if current.strip():
        lines.append(current.strip())
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [lines[max_lines - 1] + "…"]
    return lines or [""]


@dataclass
class Box:
    id: int
    name: str
    level: str
    level_label: str
    description: str
    lines: list[str]
    x: float = 0
    y: float = 0
    w: float = BOX_W
    h: float = 0
    fill: str = "#ffffff"
    ink: str = "#1d2330"
    text_x: float = 0
    text_lines: list = field(default_factory=list)  # (y, text)


@dataclass
class Edge:
    source: Box
    target: Box
    label: str
    path: str = ""


@dataclass
class Chart:
    width: float
    height: float
    boxes: list[Box]
    edges: list[Edge]
    rows: list[tuple[str, float]]  # (level label, y) for the row captions


def layout(nodes, links, level_labels: dict[str, str]) -> Chart | None:
    """nodes: objects with id, name, level, description, order; links: with source_id, target_id, label."""
    if not nodes:
        return None
    boxes = {}
    for node in nodes:
        fill, ink = LEVEL_COLOURS.get(node.level, ("#ffffff", "#1d2330"))
        lines = wrap(node.name)
        boxes[node.id] = Box(
            id=node.id,
            name=node.name,
            level=node.level,
            level_label=str(level_labels.get(node.level, node.level)),
            description=node.description or "",
            lines=lines,
            h=len(lines) * LINE_H + 2 * PAD,
            fill=fill,
            ink=ink,
        )
    levels = [level for level in LEVEL_ORDER if any(b.level == level for b in boxes.values())]
    levels += sorted({b.level for b in boxes.values()} - set(levels))
    order = {node.id: (node.order, index) for index, node in enumerate(nodes)}
    neighbours: dict[int, list[int]] = {b: [] for b in boxes}
    for link in links:
        if link.source_id in boxes and link.target_id in boxes:
            neighbours[link.source_id].append(link.target_id)
            neighbours[link.target_id].append(link.source_id)

    rows: list[list[Box]] = []
    placed: dict[int, float] = {}
    for level in levels:
        row = [b for b in boxes.values() if b.level == level]

        def barycentre(box):
            above = [placed[n] for n in neighbours[box.id] if n in placed]
            return (sum(above) / len(above) if above else float("inf"), order[box.id])

        row.sort(key=barycentre if placed else (lambda box: order[box.id]))
        for index, box in enumerate(row):
            placed[box.id] = index - (len(row) - 1) / 2
        rows.append(row)

    caption_h = 26
    widest = max(len(row) for row in rows)
    width = MARGIN * 2 + widest * BOX_W + (widest - 1) * GAP_X
    y = MARGIN
    captions = []
    for level, row in zip(levels, rows):
        captions.append((str(level_labels.get(level, level)), y + 14))
        y += caption_h
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x = (width - row_w) / 2
        row_h = max(b.h for b in row)
        for box in row:
            box.x, box.y = x, y + (row_h - box.h) / 2
            box.text_x = x + BOX_W / 2
            box.text_lines = [(box.y + PAD + LINE_H * (i + 1) - 5, line) for i, line in enumerate(box.lines)]
            x += BOX_W + GAP_X
        y += row_h + GAP_Y
    height = y - GAP_Y + MARGIN

    row_of = {box.id: index for index, row in enumerate(rows) for box in row}
    edges = []
    for link in links:
        source, target = boxes.get(link.source_id), boxes.get(link.target_id)
        if source is None or target is None:
            continue
        sx, tx = source.x + BOX_W / 2, target.x + BOX_W / 2
        if row_of[source.id] < row_of[target.id]:
            sy, ty = source.y + source.h, target.y - 6
        elif row_of[source.id] > row_of[target.id]:
            sy, ty = source.y, target.y + target.h + 6
        else:  # same row: side to side, bowed below the boxes
            sy = ty = source.y + source.h
            mid = sy + GAP_Y / 2
            edges.append(
                Edge(
                    source,
                    target,
                    link.label or "",
                    f"M{sx:.0f},{sy:.0f} C{sx:.0f},{mid:.0f} {tx:.0f},{mid:.0f} {tx:.0f},{ty + 6:.0f}",
                )
            )
            continue
        mid = (sy + ty) / 2
        edges.append(
            Edge(
                source,
                target,
                link.label or "",
                f"M{sx:.0f},{sy:.0f} C{sx:.0f},{mid:.0f} {tx:.0f},{mid:.0f} {tx:.0f},{ty:.0f}",
            )
        )
    return Chart(width=width, height=height, boxes=list(boxes.values()), edges=edges, rows=captions)
