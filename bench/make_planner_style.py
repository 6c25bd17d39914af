"""Generate the planner-style development set (bench/data/planner_style/).

Requests are written the way a provincial officer types them, each against a real
ministry line of FY2565 in one of the dev provinces (those of dev_pairs.csv), and
labelled 2 (duplicate), 1 (overlap) or 0 (near-miss that must not be flagged).
The source lines are parsed here with regexes of this script's own (never with the
engine), and the typing forms are drawn in turn from fixed lists, so the set is
reproducible and grows with the data:

    python bench/make_planner_style.py [--per-kind N] [--seed S]

writes ``generated.csv``; ``handwritten.csv`` beside it is kept by hand.  Both have
the columns of ``COLUMNS``; ``bench/duplicates_eval.py`` reads both.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._data import data_dir, is_request, missing_message, read_pairs, read_rows  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / "data" / "planner_style"
COLUMNS = ("REQ_ID", "REQ_PROVINCE", "REQ_TEXT", "LINE_REF", "LABEL", "PATTERN", "NOTE", "LINE_EXTRACT")
GAZETTEER = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "thai_admin_areas.csv.gz"

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# How planners type a highway number (issue 12): with or without หมายเลข, ทล, Thai digits.
HIGHWAY_FORMS = (
    "ถนนสาย {n}",
    "ทางหลวง {n}",
    "ทล {n}",
    "สาย {n}",
    "ทล.{n}",
    "ทางหลวงหมายเลข {th}",
    "ถนนทางหลวง {n}",
    "ทล. {th}",
)
# ...and a rural-road code ("ขก 1039", "ขก.๑๐๓๙", "รหัสสายทาง ขก.1039").
RURAL_FORMS = (
    "ถนน {c} {n}",
    "ถนนสาย {c}.{th}",
    "ถนน รหัสสายทาง {c}.{n}",
    "ถนนสาย {c} {n}",
    "ถนนสาย ทช.{c}.{n}",
    "ถนน {c}. {th}",
    "ถนนรหัสสายทาง {c} {n}",
    "ถนน {c}{n}",
)
SECTION_FORMS = ("ช่วง {a} - {b}", "ตอน {a}-{b}", "{a} - {b}", "ช่วง{a}-{b}")
ROAD_WORK = {
    "pavement": ("ซ่อมสร้างผิวทาง", "ปรับปรุงผิวจราจรแอสฟัลต์", "ซ่อมแซมผิวถนน", "เสริมผิวแอสฟัลต์"),
    "capacity": ("ขยายช่องจราจร", "ขยายไหล่ทางและช่องจราจร", "ขยายถนนเป็น 4 ช่องจราจร"),
    "safety": ("ติดตั้งอุปกรณ์อำนวยความปลอดภัย", "แก้ไขจุดเสี่ยงอันตราย"),
    "lighting": ("ติดตั้งไฟฟ้าแสงสว่าง", "ติดตั้งไฟส่องสว่าง"),
    "construct": ("ก่อสร้างถนนลาดยาง", "ก่อสร้างถนนแอสฟัลต์คอนกรีต", "ก่อสร้างถนน"),
}
OTHER_ROAD_WORK = {"pavement": "lighting", "capacity": "lighting", "safety": "pavement", "lighting": "pavement"}
SITE_ABBREV = {
    "โรงพยาบาลส่งเสริมสุขภาพตำบล": ("รพ.สต.", "โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    "โรงพยาบาล": ("รพ.", "โรงพยาบาล", "รพ. "),
    "โรงเรียน": ("ร.ร.", "โรงเรียน", "รร."),
    "วิทยาลัย": ("วิทยาลัย",),
    "สำนักงาน": ("สำนักงาน",),
    "ศูนย์": ("ศูนย์",),
}
REPAIR_WORDS = ("ซ่อมแซม", "ปรับปรุงซ่อมแซม", "ปรับปรุง", "ซ่อมแซมต่อเติม")
BUILD_WORDS = ("ก่อสร้าง", "ค่าก่อสร้าง", "ก่อสร้าง")
BUY_WORDS = ("จัดซื้อ", "จัดหา", "ครุภัณฑ์", "จัดซื้อครุภัณฑ์")


def road_work_class(text: str) -> str | None:
    if "สะพาน" in text:
        return None  # a bridge is another asset on the road
    if re.search("ไฟฟ้า|แสงสว่าง", text):
        return "lighting"
    if re.search("ปลอดภัย|จุดเสี่ยง|อันตราย", text):
        return "safety"
    if re.search("ขยาย|เพิ่มประสิทธิภาพ|ย่านชุมชน", text):
        return "capacity"
    if re.search("บำรุง|บูรณะ|ซ่อม|ผิว", text):
        return "pavement"
    return None


class Writer:
    def __init__(self, rnd: random.Random):
        self.rows: list[dict[str, str]] = []
        self.rnd = rnd
        self.n = 0
        self.turn: dict[str, int] = defaultdict(int)

    def pick(self, key: str, options):
        """Options in turn (every typing form gets used), offset per key."""
        i = self.turn[key]
        self.turn[key] += 1
        return options[i % len(options)]

    def new_id(self) -> str:
        self.n += 1
        return f"G{self.n:03d}"

    def add(self, rid, province, text, line, label, pattern, note):
        self.rows.append(
            {
                "REQ_ID": rid,
                "REQ_PROVINCE": province,
                "REQ_TEXT": re.sub(r"\s+", " ", text).strip(),
                "LINE_REF": line["REF"],
                "LABEL": str(label),
                "PATTERN": pattern,
                "NOTE": note,
                "LINE_EXTRACT": line["ITEM_DESCRIPTION"][:140],
            }
        )


def place(w: Writer, tambon: str | None, amphoe: str | None, province: str) -> str:
    form = w.pick("place", ("short", "full", "short_no_prov", "mixed"))
    if amphoe and amphoe.startswith("เมือง") and w.pick("muang", (True, False)):
        amphoe = "เมือง"
    parts = []
    if form in ("short", "short_no_prov"):
        parts += [f"ต.{tambon}" if tambon else "", f"อ.{amphoe}" if amphoe else ""]
        if form == "short":
            parts.append(f"จ.{province}")
    elif form == "full":
        parts += [f"ตำบล{tambon}" if tambon else "", f"อำเภอ{amphoe}" if amphoe else "", f"จังหวัด{province}"]
    else:
        parts += [f"ต. {tambon}" if tambon else "", f"อ. {amphoe}" if amphoe else "", f"จ. {province}"]
    return " ".join(p for p in parts if p)


def abbreviate_ban(name: str, w: Writer) -> str:
    if name.startswith("บ้าน") and len(name) > 5:
        return w.pick("ban", ("บ.", "บ้าน", "บ. ")) + name[4:]
    return name


# --- highways (กรมทางหลวง) ----------------------------------------------------
HW_RE = re.compile(r"ทางหลวงหมายเลข (\d{1,4}) ตอน ([^\s-][^-]*?) - ([^\s-].*?)(?: ตอน (\d))? จ\.\s*(\S+)")


def highways(w: Writer, lines, provinces, per_kind):
    by_prov_hw = defaultdict(list)
    for r in lines:
        if r["BUDGETARY_UNIT"] != "กรมทางหลวง":
            continue
        m = HW_RE.search(r["ITEM_DESCRIPTION"])
        if not m or m.group(5) not in provinces or "ตอนควบคุม" in r["ITEM_DESCRIPTION"]:
            continue
        cls = road_work_class(r["ITEM_DESCRIPTION"][: m.start()])
        if cls is None or " " in m.group(2).strip() or len(m.group(3).split()) > 1:
            continue
        by_prov_hw[m.group(5)].append((r, m, cls))
    made = defaultdict(int)
    for prov in sorted(by_prov_hw):
        items = by_prov_hw[prov]
        w.rnd.shuffle(items)
        for r, m, cls in items[:3]:
            if made["hw"] >= per_kind:
                return
            n, a, b, lot = m.group(1), m.group(2).strip(), m.group(3).strip(), m.group(4)
            form = w.pick("hwform", HIGHWAY_FORMS)
            road = form.format(n=n, th=n.translate(THAI))
            sec = w.pick("secform", SECTION_FORMS).format(a=abbreviate_ban(a, w), b=abbreviate_ban(b, w))
            lot_s = f" (ตอน {lot})" if lot else ""
            work = w.pick("rw" + cls, ROAD_WORK[cls])
            rid = w.new_id()
            w.add(
                rid,
                prov,
                f"{work} {road} {sec}{lot_s} จ.{prov}",
                r,
                2,
                f"highway:{form}",
                "same highway, section, work",
            )
            made["hw"] += 1
            # Same section, another kind of work: overlap.
            other = OTHER_ROAD_WORK[cls]
            rid = w.new_id()
            work2 = w.pick("rw" + other, ROAD_WORK[other])
            w.add(rid, prov, f"{work2} {road} {sec}{lot_s}", r, 1, f"highway-other-work:{form}", f"{other} vs {cls}")
            # The other lot of the same section, in parentheses: near-miss.
            if lot:
                rid = w.new_id()
                other_lot = "2" if lot == "1" else "1"
                w.add(
                    rid,
                    prov,
                    f"{work} {road} {sec} (ตอน {other_lot}) จ.{prov}",
                    r,
                    0,
                    "highway-other-lot",
                    f"lot {other_lot} vs lot {lot}",
                )
            # Another section of the same highway (ends from another line, none shared).
            for r2, m2, _ in items:
                if m2.group(1) != n or r2 is r:
                    continue
                a2, b2 = m2.group(2).strip(), m2.group(3).strip()
                if {a2, b2} & {a, b}:
                    continue
                rid = w.new_id()
                sec2 = w.pick("secform", SECTION_FORMS).format(a=abbreviate_ban(a2, w), b=abbreviate_ban(b2, w))
                w.add(rid, prov, f"{work} {road} {sec2}", r, 0, "highway-other-section", f"{a2}-{b2} vs {a}-{b}")
                break


# --- rural roads (กรมทางหลวงชนบท) --------------------------------------------
RURAL_RE = re.compile(r"ถนนสาย\s*([ก-ฮ]{2})\.(\d{4})\s+(.*?)\s+อ\.\s*(\S+?)(?:,.*?)?\s+จ\.\s*(\S+)")
ENDS_RE = re.compile(r"^(?:บ้าน|บ\.)\s*(\S+) - (?:บ้าน|บ\.)\s*(\S+)$")
BRANCH_RE = re.compile(r"^แยก\s*(?:ทางหลวงหมายเลข|ทล\.)\s*(\d+)\s*-?\s*(?:บ้าน|บ\.)\s*(\S+)$")


def rural(w: Writer, lines, provinces, per_kind):
    by_prov = defaultdict(list)
    for r in lines:
        if r["BUDGETARY_UNIT"] != "กรมทางหลวงชนบท":
            continue
        m = RURAL_RE.search(r["ITEM_DESCRIPTION"])
        if not m or m.group(5) not in provinces:
            continue
        before = r["ITEM_DESCRIPTION"][: m.start()].strip()
        # A line with no work named is the rural-roads construction programme; a line
        # about a bridge, a weigh station or supervision is left out.
        cls = road_work_class(before) if before else "construct"
        if cls is None:
            continue
        by_prov[m.group(5)].append((r, m, cls))
    made = 0
    for prov in sorted(by_prov):
        items = by_prov[prov]
        w.rnd.shuffle(items)
        for r, m, cls in items[:4]:
            if made >= per_kind:
                return
            c, n, rest, amphoe = m.group(1), m.group(2), m.group(3).strip(), m.group(4)
            form = w.pick("ruralform", RURAL_FORMS)
            road = form.format(c=c, n=n, th=n.translate(THAI))
            work = w.pick("rw" + cls, ROAD_WORK[cls])
            where = f"อ.{amphoe} จ.{prov}" if w.pick("rwhere", (True, False)) else f"จ.{prov}"
            w.add(w.new_id(), prov, f"{work} {road} {where}", r, 2, f"rural:{form}", "same rural road code")
            made += 1
            ends = ENDS_RE.match(rest)
            branch = BRANCH_RE.match(rest)
            if ends:
                a, b = ends.group(1), ends.group(2)
                ban = w.pick("endsform", ("ถนนสายบ้าน{a} - บ้าน{b}", "ถนนสาย บ.{a} - บ.{b}", "ถนนสายบ้าน{a}-บ้าน{b}"))
                w.add(
                    w.new_id(),
                    prov,
                    f"{work} {ban.format(a=a, b=b)} อ.{amphoe}",
                    r,
                    2,
                    "route-by-ends",
                    "uncoded road named by its two ends",
                )
            elif branch:
                hw, dest = branch.group(1), branch.group(2)
                s = w.pick("branchform", ("ถนนสายแยก ทล.{h} - บ.{d}", "ถนนสายแยกทางหลวง {h} - บ้าน{d}"))
                w.add(w.new_id(), prov, f"{work} {s.format(h=hw, d=dest)} อ.{amphoe}", r, 2, "branch-by-ends", "")
            # Another rural road of the province, same work: near-miss.
            for _r2, m2, _ in items:
                if (m2.group(1), m2.group(2)) != (c, n):
                    road2 = form.format(c=m2.group(1), n=m2.group(2), th=m2.group(2).translate(THAI))
                    w.add(
                        w.new_id(), prov, f"{work} {road2} จ.{prov}", r, 0, "rural-other-code", f"{m2.group(2)} vs {n}"
                    )
                    break


# --- facilities: buildings and equipment at a named site ------------------------
FAC_RE = re.compile(
    r"^(.*?)\s*((?:โรงพยาบาลส่งเสริมสุขภาพตำบล|โรงพยาบาล|โรงเรียน|สำนักงาน|ศูนย์|วิทยาลัย)\s?\S+?)\s+"
    r"ตำบล(\S+) อำเภอ(\S+) จังหวัด(\S+)\s+\d+\s*(\S+)"
)
EQUIP_UNITS = {"เครื่อง", "ชุด", "เตียง", "คัน"}


def _plain(name: str) -> str:
    """A name without tone marks and upper/lower vowels: OCR spells one hospital
    พระนั่งเกล้า and พระนังเกล้า, which must not count as another site."""
    return re.sub("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\\s]", "", name)


def item_head(item: str) -> str:
    """The item's name as a planner shortens it: up to its first spec word or figure."""
    item = item.replace("ๆ", " ")
    head = re.split(r"\s*(?:ชนิด|ขนาด|แบบ(?!พิเศษ)|พร้อม|ไม่น้อยกว่า|ปริมาตร|เป็นอาคาร|คสล|\(|\d)", item, maxsplit=1)[0]
    return re.sub(r"\s+", " ", head).strip(" -")


def facilities(w: Writer, lines, provinces, per_kind):
    by_prov = defaultdict(list)
    all_sites = defaultdict(lambda: defaultdict(set))  # province -> prefix -> site names
    items_at = defaultdict(set)  # (province, site) -> item heads
    for r in lines:
        m = FAC_RE.match(r["ITEM_DESCRIPTION"])
        if not m or m.group(5) not in provinces:
            continue
        item, site = m.group(1), m.group(2).replace(" ", "")
        prefix = next(p for p in SITE_ABBREV if site.startswith(p))
        all_sites[m.group(5)][prefix].add((site, m.group(3), m.group(4)))
        items_at[(m.group(5), site)].add(item_head(item))
        if "ค่าจ้าง" in item or "ควบคุมงาน" in item or "ปรับปรุง" in item or "ซ่อม" in item:
            continue
        if "อาคาร" in item and m.group(6) in ("หลัง", "อาคาร", "แห่ง"):
            kind = "building"
        elif m.group(6) in EQUIP_UNITS and "อาคาร" not in item:
            kind = "equipment"
        else:
            continue
        head = item_head(item).replace("ค่าก่อสร้าง", "").replace("ก่อสร้าง", "").strip()
        if len(head) < 6 or len(head) > 45:
            continue
        by_prov[m.group(5)].append((r, m, kind, head, prefix, site))
    made = defaultdict(int)
    for prov in sorted(by_prov):
        items = by_prov[prov]
        w.rnd.shuffle(items)
        per_prov = defaultdict(int)
        for r, m, kind, head, prefix, site in items:
            key = kind + ":" + prefix
            if made[kind] >= per_kind or per_prov[key] >= 2:
                continue
            per_prov[key] += 1
            made[kind] += 1
            tambon, amphoe = m.group(3), m.group(4)
            name = site[len(prefix) :]
            ab = w.pick("ab" + prefix, SITE_ABBREV[prefix])
            site_s = ab + name
            where = place(w, tambon, amphoe, prov)
            if kind == "building":
                verb = w.pick("build", BUILD_WORDS)
                w.add(w.new_id(), prov, f"{verb}{head} {site_s} {where}", r, 2, f"building:{ab}", "same building, site")
                rep = w.pick("repair", REPAIR_WORDS)
                w.add(
                    w.new_id(),
                    prov,
                    f"{rep}{head} {site_s} {where}",
                    r,
                    1,
                    f"building-repair:{ab}",
                    "repair of the building vs building it",
                )
            else:
                verb = w.pick("buy", BUY_WORDS)
                w.add(w.new_id(), prov, f"{verb} {head} {site_s} {where}", r, 2, f"equipment:{ab}", "same item, site")
            # The same template or item at another site of the same kind: near-miss.
            others = sorted(
                (s, t, a)
                for s, t, a in all_sites[prov][prefix]
                if _plain(s) != _plain(site)
                and head not in items_at[(prov, s)]
                and not items_at[(prov, s)] & {item_head(m.group(1))}
            )
            if others:
                s2, t2, a2 = w.rnd.choice(others)
                site2 = ab + s2[len(prefix) :]
                verb = w.pick(
                    "build" if kind == "building" else "buy", BUILD_WORDS if kind == "building" else BUY_WORDS
                )
                w.add(
                    w.new_id(),
                    prov,
                    f"{verb}{'' if kind == 'building' else ' '}{head} {site2} {place(w, t2, a2, prov)}",
                    r,
                    0,
                    f"{kind}-other-site",
                    f"same {kind} at {s2}",
                )


# --- weirs (กรมชลประทาน) --------------------------------------------------------
WEIR_RE = re.compile(r"^(?:ก่อสร้าง)?ฝาย(\S+).*?ตำบล(\S+) อำเภอ(\S+) จังหวัด(\S+)")


def weirs(w: Writer, lines, provinces, gaz, per_kind):
    made = 0
    cands = []
    for r in lines:
        m = WEIR_RE.match(r["ITEM_DESCRIPTION"])
        if m and m.group(4) in provinces and "ปรับปรุง" not in r["ITEM_DESCRIPTION"][:10]:
            cands.append((r, m))
    w.rnd.shuffle(cands)
    for r, m in cands:
        if made >= per_kind:
            return
        name, tambon, amphoe, prov = m.groups()
        if name.startswith("(") or len(name) < 3:
            continue
        made += 1
        short = name.replace("ลำห้วย", "ห้วย") if w.pick("creek", (True, False)) else name
        verb = w.pick("weirbuild", ("ก่อสร้างฝาย", "ก่อสร้างฝายน้ำล้น", "สร้างฝาย"))
        w.add(w.new_id(), prov, f"{verb}{short} {place(w, tambon, amphoe, prov)}", r, 2, "weir", "same weir")
        rep = w.pick("weirrep", ("ซ่อมแซมฝาย", "ปรับปรุงฝาย", "ซ่อมแซมฝายน้ำล้น"))
        w.add(w.new_id(), prov, f"{rep}{short} {place(w, tambon, amphoe, prov)}", r, 1, "weir-repair", "repair vs new")
        others = sorted(t for t in gaz.get((prov, amphoe), ()) if t != tambon)
        if others:
            t2 = w.rnd.choice(others)
            w.add(
                w.new_id(),
                prov,
                f"{verb}{short} {place(w, t2, amphoe, prov)}",
                r,
                0,
                "weir-other-tambon",
                f"same creek, tambon {t2} vs {tambon}",
            )


def read_gazetteer(path: Path) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    if not path.is_file():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[(row["province_th"], row["district_th"])].add(row["subdistrict_th"])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=30)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="directory for generated.csv (a fresh draw for a check)")
    args = ap.parse_args(argv)
    d = data_dir()
    if d is None:
        print(missing_message())
        return 1
    rows = read_rows(d)
    provinces = {p.province for p in read_pairs(d)}
    lines = [r for r in rows if not is_request(r) and r["FISCAL_YEAR_BE"] == "2565"]
    w = Writer(random.Random(args.seed))
    highways(w, lines, provinces, args.per_kind)
    rural(w, lines, provinces, args.per_kind)
    facilities(w, lines, provinces, args.per_kind)
    weirs(w, lines, provinces, read_gazetteer(GAZETTEER), args.per_kind // 2)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "generated.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=COLUMNS)
        out.writeheader()
        out.writerows(w.rows)
    by_label = defaultdict(int)
    for r in w.rows:
        by_label[r["LABEL"]] += 1
    print(
        f"{len(w.rows)} pairs, {len({r['REQ_ID'] for r in w.rows})} requests, labels {dict(sorted(by_label.items()))}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
