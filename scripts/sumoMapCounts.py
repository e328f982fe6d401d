#!/usr/bin/env python3
"""Golden size figures of every SUMO map under maps/smarts/, computed by SUMO's own sumolib.

Writes test/golden/sumo-map-counts.json:
    { "<map name>": {edges, lanes, internalLanes, junctions, laneLengthM, tls}, ... }
which core/road/sumo/parseSumoNet.test.ts compares with mapStats(loadSumoNet(...)).

Run from the repository root (needs SUMO's tools; SUMO 1.15 was used):
    python3 scripts/sumoMapCounts.py            # writes the golden file
    python3 scripts/sumoMapCounts.py --check    # exits 1 if the golden file is out of date

How each figure is counted (following sumolib.net, i.e. how SUMO's tools see a network):
- edges: net.getEdges(withInternal=False), the edges whose `function` is empty. This leaves out
  internal (junction connector) edges, and also pedestrian `crossing` and `walkingarea` edges, which
  sumolib files with the internal ones (it reads them only with withInternal=True), and macro
  `connector` edges (read only with withMacroConnectors=True).
- lanes: the lanes of those edges.
- internalLanes: lanes of edges whose function is "internal". Crossing and walkingarea lanes are
  counted in neither figure (none of the SMARTS maps has any).
- junctions: net.getNodes(). sumolib skips <junction> elements whose id starts with ':' -- SUMO's
  `internal` junctions (the waiting points inside a junction for left turns), so they are not counted.
- laneLengthM: the sum of the `length` attribute (lane.getLength()) over the lanes counted in `lanes`,
  in metres, rounded to 0.01.
- tls: len(net.getTrafficLights()) with withPrograms=True: the distinct traffic-light ids, from
  <tlLogic> programs and from connections' `tl` attribute.
"""
import json
import os
import sys

SUMO_HOME = os.environ.get("SUMO_HOME", "/usr/share/sumo")
sys.path.append(os.path.join(SUMO_HOME, "tools"))
import sumolib  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAPS = os.path.join(ROOT, "maps", "smarts")
OUT = os.path.join(ROOT, "test", "golden", "sumo-map-counts.json")


def counts(path):
    net = sumolib.net.readNet(path, withInternal=True, withPrograms=True)
    edges = net.getEdges(withInternal=False)
    lanes = [lane for e in edges for lane in e.getLanes()]
    internal_lanes = [lane for e in net.getEdges() if e.getFunction() == "internal" for lane in e.getLanes()]
    return {
        "edges": len(edges),
        "lanes": len(lanes),
        "internalLanes": len(internal_lanes),
        "junctions": len(net.getNodes()),
        "laneLengthM": round(sum(lane.getLength() for lane in lanes), 2),
        "tls": len(net.getTrafficLights()),
    }


def main():
    result = {}
    for name in sorted(os.listdir(MAPS)):
        path = os.path.join(MAPS, name, "map.net.xml")
        if os.path.isfile(path):
            result[name] = counts(path)
    text = json.dumps(result, indent=2) + "\n"
    if "--check" in sys.argv:
        with open(OUT) as f:
            same = f.read() == text
        print("up to date" if same else "OUT OF DATE: run python3 scripts/sumoMapCounts.py")
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)
    print("wrote %s (%d maps)" % (os.path.relpath(OUT, ROOT), len(result)))


if __name__ == "__main__":
    main()
