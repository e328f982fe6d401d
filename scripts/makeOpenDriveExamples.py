#!/usr/bin/env python3
"""Writes the example OpenDRIVE maps of scenarios/: opendrive-town.xodr and opendrive-curves.xodr.

Run from the repository root: python3 scripts/makeOpenDriveExamples.py

opendrive-town.xodr: a 3 x 3 grid of junctions 150 m apart (right-hand traffic). Two-way roads with
shoulders and sidewalks; the middle east-west avenue has two lanes each way. Corner junctions are
bends, the edge ones T-junctions (the one at the bottom with a stop sign on its side road), the
centre one a 4-way crossing with traffic lights in two controllers (east-west, then north-south).
Connecting roads: straight on as lines, right turns as arcs, left turns as paramPoly3 curves.

opendrive-curves.xodr: a closed two-way circuit of four roads: a straight with a paramPoly3 S-bend,
a 180-degree turn of clothoid + arc + clothoid, a straight with a poly3 S-bend whose reference line
runs against the others (contactPoint "end" links, lane ids flipping sign), where a third lane tapers
in over 40 m in its second lane section and out again in its third, and a second clothoid turn with a lane offset.
"""
import math
from pathlib import Path

W = 3.25  # driving lane width, m


def fmt(v):
    return f"{v:.10g}"


def integrate_clothoid(x, y, hdg, k0, k1, length, n=400):
    """End pose of a clothoid by composite Gauss-Legendre quadrature (5 points per panel)."""
    gx = [0.0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664]
    gw = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908]
    rate = (k1 - k0) / length
    theta = lambda s: hdg + k0 * s + rate * s * s / 2
    sx = sy = 0.0
    h = length / n
    for i in range(n):
        a = i * h
        for xi, wi in zip(gx, gw):
            s = a + h / 2 * (1 + xi)
            sx += wi * math.cos(theta(s)) * h / 2
            sy += wi * math.sin(theta(s)) * h / 2
    return x + sx, y + sy, theta(length)


def cubic_arc_length(du, dv, p_end, n=400):
    """Arc length of a curve with derivative (du(p), dv(p)) over [0, p_end]."""
    gx = [0.0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664]
    gw = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908]
    total = 0.0
    h = p_end / n
    for i in range(n):
        for xi, wi in zip(gx, gw):
            p = i * h + h / 2 * (1 + xi)
            total += wi * math.hypot(du(p), dv(p)) * h / 2
    return total


class Lane:
    def __init__(self, lane_id, kind, widths, pred=None, succ=None, speed_kmh=None):
        self.id = lane_id
        self.kind = kind
        self.widths = widths  # [(sOffset, a, b, c, d)]
        self.pred = pred
        self.succ = succ
        self.speed_kmh = speed_kmh

    def xml(self, ind):
        out = [f'{ind}<lane id="{self.id}" type="{self.kind}" level="false">']
        links = []
        if self.pred is not None:
            links.append(f'<predecessor id="{self.pred}"/>')
        if self.succ is not None:
            links.append(f'<successor id="{self.succ}"/>')
        out.append(f"{ind}    <link>{''.join(links)}</link>")
        for so, a, b, c, d in self.widths:
            out.append(f'{ind}    <width sOffset="{fmt(so)}" a="{fmt(a)}" b="{fmt(b)}" c="{fmt(c)}" d="{fmt(d)}"/>')
        mark = "solid" if self.kind != "driving" else "broken"
        out.append(f'{ind}    <roadMark sOffset="0" type="{mark}" weight="standard" color="white" width="0.12"/>')
        if self.speed_kmh is not None:
            out.append(f'{ind}    <speed sOffset="0" max="{self.speed_kmh}" unit="km/h"/>')
        out.append(f"{ind}</lane>")
        return "\n".join(out)


def const(w):
    return [(0, w, 0, 0, 0)]


def section_xml(s, left, right, ind="            "):
    out = [f'{ind}<laneSection s="{fmt(s)}">']
    if left:
        out.append(f"{ind}    <left>")
        out += [l.xml(ind + "        ") for l in sorted(left, key=lambda l: -l.id)]
        out.append(f"{ind}    </left>")
    out.append(f'{ind}    <center>\n{ind}        <lane id="0" type="none" level="false">')
    out.append(f'{ind}            <roadMark sOffset="0" type="solid solid" weight="standard" color="yellow" width="0.12"/>')
    out.append(f"{ind}        </lane>\n{ind}    </center>")
    if right:
        out.append(f"{ind}    <right>")
        out += [l.xml(ind + "        ") for l in sorted(right, key=lambda l: -l.id)]
        out.append(f"{ind}    </right>")
    out.append(f"{ind}</laneSection>")
    return "\n".join(out)


def geometry_xml(g):
    s, x, y, hdg, length, shape = g
    return (
        f'            <geometry s="{fmt(s)}" x="{fmt(x)}" y="{fmt(y)}" hdg="{fmt(hdg)}" length="{fmt(length)}">\n'
        f"                {shape}\n            </geometry>"
    )


def road_xml(rid, length, junction, pred, succ, geoms, sections, name="", speed_kmh=None, offsets=(), signals=(), extra=""):
    out = [f'    <road name="{name}" length="{fmt(length)}" id="{rid}" junction="{junction}">', "        <link>"]
    for tag, link in (("predecessor", pred), ("successor", succ)):
        if link is None:
            continue
        kind, eid, cp = link
        cps = f' contactPoint="{cp}"' if cp else ""
        out.append(f'            <{tag} elementType="{kind}" elementId="{eid}"{cps}/>')
    out.append("        </link>")
    if speed_kmh is not None:
        out.append(f'        <type s="0" type="town"><speed max="{speed_kmh}" unit="km/h"/></type>')
    out.append("        <planView>")
    out += [geometry_xml(g) for g in geoms]
    out.append("        </planView>")
    out.append(extra)
    out.append("        <lanes>")
    for s, a, b, c, d in offsets:
        out.append(f'            <laneOffset s="{fmt(s)}" a="{fmt(a)}" b="{fmt(b)}" c="{fmt(c)}" d="{fmt(d)}"/>')
    out += sections
    out.append("        </lanes>")
    if signals:
        out.append("        <signals>")
        out += signals
        out.append("        </signals>")
    out.append("    </road>")
    return "\n".join(l for l in out if l)


HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<!-- Generated by scripts/makeOpenDriveExamples.py; edit the script, not this file. -->\n"
    "<OpenDRIVE>\n"
    '    <header revMajor="1" revMinor="6" name="{name}" version="1" date="2026-01-01" vendor="roadgym"/>'
)


# ---------------------------------------------------------------- town

SPACING = 150.0
RADIUS = 20.0  # junction centre to road end, m


def town():
    roads = []
    road_info = {}  # road id -> dict
    rid = 1
    node_id = lambda i, j: 100 + 3 * j + i
    # Roads: horizontal then vertical, reference lines east / north.
    for j in range(3):
        for i in range(2):
            road_info[rid] = dict(a=(i, j), b=(i + 1, j), dir=(1.0, 0.0), lanes=2 if j == 1 else 1)
            rid += 1
    for i in range(3):
        for j in range(2):
            road_info[rid] = dict(a=(i, j), b=(i, j + 1), dir=(0.0, 1.0), lanes=1)
            rid += 1
    length = SPACING - 2 * RADIUS
    for r, info in road_info.items():
        (ai, aj), (dx, dy) = info["a"], info["dir"]
        info["start"] = (ai * SPACING + dx * RADIUS, aj * SPACING + dy * RADIUS)
        info["hdg"] = math.atan2(dy, dx)
        info["length"] = length

    def lane_point(r, end, t):
        info = road_info[r]
        (x0, y0), h = info["start"], info["hdg"]
        s = 0.0 if end == "start" else info["length"]
        x, y = x0 + math.cos(h) * s, y0 + math.sin(h) * s
        return x - math.sin(h) * t, y + math.cos(h) * t

    # Arms of each node: (road, end of the road at the node, outward direction).
    arms = {}
    for r, info in road_info.items():
        arms.setdefault(info["a"], []).append((r, "start", info["dir"]))
        arms.setdefault(info["b"], []).append((r, "end", (-info["dir"][0], -info["dir"][1])))

    connecting = []
    junction_xml = []
    next_conn = 1000
    signals_on = {}  # road id -> [signal xml]
    lights_at = (1, 1)
    stop_at = (1, 0)
    for (i, j), node_arms in sorted(arms.items()):
        jid = node_id(i, j)
        conns = []
        for r_in, end_in, out_in in node_arms:
            n_in = road_info[r_in]["lanes"]
            in_ids = [(-k if end_in == "end" else k) for k in range(1, n_in + 1)]
            h_in = math.atan2(-out_in[1], -out_in[0])
            for r_out, end_out, out_out in node_arms:
                if r_out == r_in:
                    continue
                n_out = road_info[r_out]["lanes"]
                out_ids = [(-k if end_out == "start" else k) for k in range(1, n_out + 1)]
                h_out = math.atan2(out_out[1], out_out[0])
                turn = math.atan2(math.sin(h_out - h_in), math.cos(h_out - h_in))
                if abs(turn) < 0.1:
                    pairs = [(k, k) for k in range(1, min(n_in, n_out) + 1)]
                elif turn < 0:
                    pairs = [(n_in, n_out)]
                else:
                    pairs = [(1, 1)]
                for k_in, k_out in pairs:
                    lane_in = in_ids[k_in - 1]
                    lane_out = out_ids[k_out - 1]
                    t_in = -(k_in - 1) * W if end_in == "end" else (k_in - 1) * W
                    t_out = -(k_out - 1) * W if end_out == "start" else (k_out - 1) * W
                    p0 = lane_point(r_in, end_in, t_in)
                    p1 = lane_point(r_out, end_out, t_out)
                    cid = next_conn
                    next_conn += 1
                    geom, glen = connector_geometry(p0, h_in, p1, h_out, turn)
                    lane = Lane(-1, "driving", const(W), pred=lane_in, succ=lane_out)
                    connecting.append(
                        road_xml(
                            cid,
                            glen,
                            jid,
                            ("road", r_in, end_in),
                            ("road", r_out, end_out),
                            [(0, p0[0], p0[1], h_in, glen, geom)],
                            [section_xml(0, [], [lane])],
                        )
                    )
                    conns.append((r_in, cid, lane_in))
            if (i, j) == lights_at:
                info = road_info[r_in]
                s = info["length"] - 3 if end_in == "end" else 3
                t = -(n_in * W + 1) if end_in == "end" else n_in * W + 1
                ori = "+" if end_in == "end" else "-"
                lo, hi = min(in_ids), max(in_ids)
                sid = f"{jid}{r_in:02d}"
                signals_on.setdefault(r_in, []).append(
                    f'            <signal id="{sid}" name="light" s="{fmt(s)}" t="{fmt(t)}" zOffset="3" orientation="{ori}" '
                    f'dynamic="yes" country="OpenDRIVE" type="1000001" subtype="-1" height="1" width="0.3">\n'
                    f'                <validity fromLane="{lo}" toLane="{hi}"/>\n            </signal>'
                )
            if (i, j) == stop_at and abs(out_in[1]) > 0.5:
                info = road_info[r_in]
                s = info["length"] - 3 if end_in == "end" else 3
                t = -(n_in * W + 1) if end_in == "end" else n_in * W + 1
                ori = "+" if end_in == "end" else "-"
                signals_on.setdefault(r_in, []).append(
                    f'            <signal id="{jid}{r_in:02d}" name="stop" s="{fmt(s)}" t="{fmt(t)}" zOffset="2" '
                    f'orientation="{ori}" dynamic="no" country="DE" type="206" subtype="-1" height="0.8" width="0.8"/>'
                )
        body = [f'    <junction id="{jid}" name="node {i},{j}">']
        for n, (r_in, cid, lane_in) in enumerate(conns):
            body.append(f'        <connection id="{n}" incomingRoad="{r_in}" connectingRoad="{cid}" contactPoint="start">')
            body.append(f'            <laneLink from="{lane_in}" to="-1"/>')
            body.append("        </connection>")
        if (i, j) == lights_at:
            body.append('        <controller id="1" type="0" sequence="0"/>')
            body.append('        <controller id="2" type="0" sequence="1"/>')
        body.append("    </junction>")
        junction_xml.append("\n".join(body))

    for r, info in road_info.items():
        n = info["lanes"]
        right = [Lane(-k, "driving", const(W)) for k in range(1, n + 1)]
        right += [Lane(-(n + 1), "shoulder", const(0.75)), Lane(-(n + 2), "sidewalk", const(2.0))]
        left = [Lane(k, "driving", const(W)) for k in range(1, n + 1)]
        left += [Lane(n + 1, "shoulder", const(0.75)), Lane(n + 2, "sidewalk", const(2.0))]
        x0, y0 = info["start"]
        roads.append(
            road_xml(
                r,
                info["length"],
                -1,
                ("junction", node_id(*info["a"]), None),
                ("junction", node_id(*info["b"]), None),
                [(0, x0, y0, info["hdg"], info["length"], "<line/>")],
                [section_xml(0, left, right)],
                name=f"{'avenue' if n == 2 else 'street'} {r}",
                speed_kmh=50 if n == 2 else 40,
                signals=signals_on.get(r, ()),
            )
        )
    controllers = []
    for cid, horizontal in ((1, True), (2, False)):
        ids = [
            f"{node_id(*lights_at)}{r:02d}"
            for r in sorted(signals_on)
            if (abs(road_info[r]["dir"][0]) > 0.5) == horizontal and any("1000001" in s for s in signals_on[r])
        ]
        controls = "".join(f'\n        <control signalId="{s}" type="0"/>' for s in ids)
        controllers.append(f'    <controller id="{cid}" name="{"east-west" if horizontal else "north-south"}">{controls}\n    </controller>')
    return "\n".join([HEADER.format(name="roadgym town"), *roads, *connecting, *controllers, *junction_xml, "</OpenDRIVE>", ""])


def connector_geometry(p0, h0, p1, h1, turn):
    """Shape element and length of a connecting road from pose (p0, h0) to (p1, h1)."""
    dx, dy = p1[0] - p0[0], p1[1] - p0[1]
    u = math.cos(h0) * dx + math.sin(h0) * dy
    v = -math.sin(h0) * dx + math.cos(h0) * dy
    if abs(turn) < 0.1:
        return "<line/>", math.hypot(dx, dy)
    if turn < 0 and abs(abs(u) - abs(v)) < 1e-9:
        r = abs(u)
        return f'<arc curvature="{fmt(-1 / r)}"/>', r * math.pi / 2
    # Hermite cubic from (0, 0) with tangent (T, 0) to (u, v) with tangent T·(cos turn, sin turn).
    T = 1.657 * max(abs(u), abs(v))
    tu1, tv1 = T * math.cos(turn), T * math.sin(turn)
    au, bu, cu, du = 0.0, T, 3 * u - 2 * T - tu1, -2 * u + T + tu1
    av, bv, cv, dv = 0.0, 0.0, 3 * v - tv1, -2 * v + tv1
    length = cubic_arc_length(lambda p: bu + 2 * cu * p + 3 * du * p * p, lambda p: bv + 2 * cv * p + 3 * dv * p * p, 1.0)
    shape = (
        f'<paramPoly3 aU="{fmt(au)}" bU="{fmt(bu)}" cU="{fmt(cu)}" dU="{fmt(du)}" '
        f'aV="{fmt(av)}" bV="{fmt(bv)}" cV="{fmt(cv)}" dV="{fmt(dv)}" pRange="normalized"/>'
    )
    return shape, length


# ---------------------------------------------------------------- curves

def curves():
    R, LS = 50.0, 50.0  # turn radius and clothoid length, m
    k = 1 / R
    arc_len = (math.pi - 2 * LS / (2 * R)) * R
    shift = 6.0  # S-bend lateral shift, m
    # S-bends: u = 100 p, v = shift (3p^2 - 2p^3).
    pp_len = cubic_arc_length(lambda p: 100.0, lambda p: shift * (6 * p - 6 * p * p), 1.0)
    c3, d3 = 3 * shift / 100**2, -2 * shift / 100**3
    poly_len = cubic_arc_length(lambda u: 1.0, lambda u: 2 * c3 * u + 3 * d3 * u * u, 100.0)
    straight_len = 100 + pp_len

    # Road 1: (0, 0) heading east: line 50, paramPoly3 S-bend, line 50.
    g1 = [
        (0, 0, 0, 0, 50, "<line/>"),
        (50, 50, 0, 0, pp_len, f'<paramPoly3 aU="0" bU="100" cU="0" dU="0" aV="0" bV="0" cV="{fmt(3 * shift)}" dV="{fmt(-2 * shift)}" pRange="normalized"/>'),
        (50 + pp_len, 150, shift, 0, 50, "<line/>"),
    ]
    # Road 2: 180-degree turn from (200, shift) heading east.
    def turn(x, y, h):
        geoms = []
        s = 0.0
        for kind, length, k0, k1 in (("spiral", LS, 0, k), ("arc", arc_len, k, k), ("spiral", LS, k, 0)):
            shape = f'<spiral curvStart="{fmt(k0)}" curvEnd="{fmt(k1)}"/>' if kind == "spiral" else f'<arc curvature="{fmt(k)}"/>'
            geoms.append((s, x, y, h, length, shape))
            x, y, h = integrate_clothoid(x, y, h, k0, k1, length)
            s += length
        return geoms, (x, y, h), s

    g2, end2, len2 = turn(200.0, shift, 0.0)
    # The turn ends heading west at (200 + d, shift + Wd); road 3 runs from (d, Wd) east to there.
    d, wd = end2[0] - 200.0, end2[1] - shift
    g3 = [
        (0, d, wd, 0, 50, "<line/>"),
        (50, d + 50, wd, 0, poly_len, f'<poly3 a="0" b="0" c="{fmt(c3)}" d="{fmt(d3)}"/>'),
        (50 + poly_len, d + 150, wd + shift, 0, 50, "<line/>"),
    ]
    g4, end4, len4 = turn(d, wd, math.pi)

    lane_speed = 40
    shoulder = lambda lid: Lane(lid, "shoulder", const(1.0))
    # Road 1 and 2 and 4: one lane each way plus shoulders.
    def two_way(pred_r, pred_l, succ_r, succ_l, speed=None):
        right = [Lane(-1, "driving", const(W), pred=pred_r, succ=succ_r, speed_kmh=speed), shoulder(-2)]
        left = [Lane(1, "driving", const(W), pred=pred_l, succ=succ_l, speed_kmh=speed), shoulder(2)]
        return left, right

    l1, r1 = two_way(-1, 1, -1, 1)
    l2, r2 = two_way(-1, 1, 1, -1, lane_speed)  # its end meets road 3's end: -1 -> 1, 1 <- -1
    l4, r4 = two_way(1, -1, -1, 1, lane_speed)  # its start meets road 3's start
    # Road 3: lane -2 tapers in over 40 m from s = 40, out again over 40 m from s = 140.
    taper = 40.0
    grow = [(0, 0, 0, 3 * W / taper**2, -2 * W / taper**3), (taper, W, 0, 0, 0)]
    shrink = [(0, W, 0, -3 * W / taper**2, 2 * W / taper**3), (taper, 0, 0, 0, 0)]
    len3 = straight_len
    s3 = [
        section_xml(
            0,
            [Lane(1, "driving", const(W), pred=-1, succ=1), shoulder(2)],
            [Lane(-1, "driving", const(W), pred=1, succ=-1), Lane(-2, "shoulder", const(1.0), succ=-3)],
        ),
        section_xml(
            40,
            [Lane(1, "driving", const(W), pred=1, succ=1), shoulder(2)],
            [Lane(-1, "driving", const(W), pred=-1, succ=-1), Lane(-2, "driving", grow, succ=-2), Lane(-3, "shoulder", const(1.0), pred=-2, succ=-3)],
        ),
        section_xml(
            140,
            [Lane(1, "driving", const(W), pred=1, succ=-1), shoulder(2)],
            [Lane(-1, "driving", const(W), pred=-1, succ=1), Lane(-2, "driving", shrink, pred=-2), Lane(-3, "shoulder", const(1.0), pred=-3)],
        ),
    ]
    half = len4 / 2
    lo_c, lo_d = 3 * 0.5 / half**2, -2 * 0.5 / half**3
    elevation = (
        "        <elevationProfile>\n"
        '            <elevation s="0" a="0" b="0.02" c="0" d="0"/>\n'
        '            <elevation s="100" a="2" b="-0.02" c="0" d="0"/>\n'
        "        </elevationProfile>"
    )
    roads = [
        road_xml(1, straight_len, -1, ("road", 4, "end"), ("road", 2, "start"), g1, [section_xml(0, l1, r1)], name="north straight", speed_kmh=60, extra=elevation),
        road_xml(2, len2, -1, ("road", 1, "end"), ("road", 3, "end"), g2, [section_xml(0, l2, r2)], name="east turn", speed_kmh=60),
        road_xml(3, len3, -1, ("road", 4, "start"), ("road", 2, "end"), g3, s3, name="south straight", speed_kmh=60),
        road_xml(
            4,
            len4,
            -1,
            ("road", 3, "start"),
            ("road", 1, "start"),
            g4,
            [section_xml(0, l4, r4)],
            name="west turn",
            speed_kmh=60,
            offsets=[(0, 0, 0, lo_c, lo_d), (half, 0.5, 0, -lo_c, -lo_d)],
        ),
    ]
    return "\n".join([HEADER.format(name="roadgym curves"), *roads, "</OpenDRIVE>", ""])


def main():
    out = Path("scenarios")
    (out / "opendrive-town.xodr").write_text(town())
    (out / "opendrive-curves.xodr").write_text(curves())
    print("wrote scenarios/opendrive-town.xodr, scenarios/opendrive-curves.xodr")


if __name__ == "__main__":
    main()
