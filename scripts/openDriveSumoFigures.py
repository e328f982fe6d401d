#!/usr/bin/env python3
"""SUMO's side of the OpenDRIVE comparison tests: writes test/golden/opendrive-sumo.json and the
round-trip fixture test/fixtures/opendrive/<map>.xodr. Needs SUMO (netconvert, duarouter) and
SUMO_HOME (default /usr/share/sumo). Run from the repository root:

    python3 scripts/openDriveSumoFigures.py

For each example map, `netconvert --opendrive-files` imports it; the figures are the summed length of
the passenger lanes of its normal edges, and of the passenger lanes inside the nodes netconvert puts
where roads join outside OpenDRIVE junctions (lane-section boundaries, road-to-road links: there the
node's shape takes length off the edges; turnarounds at dead ends left out), and the routes duarouter finds between a few edges.
For the round trip, `netconvert --opendrive-output` exports a SUMO network of maps/smarts/.
"""
import json
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

EXAMPLES = {
    "scenarios/opendrive-town.xodr": [("-7", "-10"), ("-3", "-4"), ("10", "2"), ("-1", "12")],
    "scenarios/opendrive-curves.xodr": [("-1", "-4"), ("1", "2")],
}
ROUND_TRIP = "intersections-4lane_t"


def allows_passenger(lane):
    allow, disallow = lane.get("allow"), lane.get("disallow")
    if allow is not None:
        return "passenger" in allow.split() or "all" in allow.split()
    if disallow is not None:
        return not ("passenger" in disallow.split() or "all" in disallow.split())
    return True


def run(cmd, env):
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def figures(xodr, pairs, env, tmp):
    net = Path(tmp) / "net.xml"
    run(["netconvert", "--opendrive-files", xodr, "-o", str(net)], env)
    root = ET.parse(net).getroot()
    odr_junctions = {j.get("id") for j in ET.parse(xodr).getroot().findall("junction")}
    # Turnaround lanes at dead ends are not a continuation of any road.
    turnarounds = {c.get("via") for c in root.findall("connection") if c.get("dir") == "t" and c.get("via")}
    normal = node = 0.0
    for edge in root.findall("edge"):
        fn = edge.get("function")
        for lane in edge.findall("lane"):
            if not allows_passenger(lane):
                continue
            if fn is None:
                normal += float(lane.get("length"))
            elif fn == "internal" and lane.get("id") not in turnarounds:
                junction = edge.get("id")[1:].rsplit("_", 1)[0]
                if junction not in odr_junctions:
                    node += float(lane.get("length"))
    routes = []
    for a, b in pairs:
        trips = Path(tmp) / "trips.xml"
        trips.write_text(f'<routes><trip id="t" depart="0" from="{a}" to="{b}"/></routes>')
        out = Path(tmp) / "out.rou.xml"
        run(["duarouter", "-n", str(net), "--route-files", str(trips), "-o", str(out)], env)
        edges = ET.parse(out).getroot().find("vehicle").find("route").get("edges").split()
        routes.append({"from": a, "to": b, "edges": edges})
    return {"passengerLaneLengthM": round(normal, 2), "nodeLaneLengthM": round(node, 2), "routes": routes}


def main():
    env = dict(os.environ)
    env.setdefault("SUMO_HOME", "/usr/share/sumo")
    out = {"netconvert": subprocess.run(["netconvert", "--version"], capture_output=True, text=True, env=env).stdout.splitlines()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        for xodr, pairs in EXAMPLES.items():
            out[xodr] = figures(xodr, pairs, env, tmp)
        fixture = Path("test/fixtures/opendrive") / f"{ROUND_TRIP}.xodr"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        run(["netconvert", "-s", f"maps/smarts/{ROUND_TRIP}/map.net.xml", "--opendrive-output", str(fixture)], env)
        # netconvert writes the date and its configuration into the file: drop both so reruns are identical.
        text = fixture.read_text()
        start, end = text.find("<!--"), text.find("-->")
        if start >= 0 and end > start:
            text = text[:start] + text[end + 3 :].lstrip("\n")
        text = "\n".join(l if "<header" not in l else l.split(" date=")[0] + ' date=""' + l[l.index(" north="):] for l in text.splitlines()) + "\n"
        fixture.write_text(text)
    Path("test/golden/opendrive-sumo.json").write_text(json.dumps(out, indent=2) + "\n")
    print("wrote test/golden/opendrive-sumo.json and", fixture)


if __name__ == "__main__":
    main()
