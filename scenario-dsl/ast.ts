/**
 * The scenario language's syntax tree, as the generated parser builds it (grammar actions only build
 * these nodes). Every node carries its {@link Location} so that every diagnostic can point at the
 * source. Meaning (units, names, ranges, the map) is given by the compiler passes, not here.
 */

/** A point in the source text: 0-based character offset, 1-based line and column. */
export interface SourcePoint {
  offset: number;
  line: number;
  column: number;
}

/** A source range; `end` is exclusive. */
export interface Location {
  start: SourcePoint;
  end: SourcePoint;
}

/** A number with an optional unit as written (`60`, `50 km/h`, `1.5 s`). */
export interface QuantityNode {
  type: "quantity";
  value: number;
  /** The unit as written (`km/h`), or null for a bare number. */
  unit: string | null;
  /** The source text, for messages. */
  text: string;
  loc: Location;
}

/** A double-quoted string; `value` has its escapes resolved. */
export interface StringNode {
  type: "string";
  value: string;
  loc: Location;
}

/** A name: an identifier, or a road id (which may have been quoted). */
export interface NameNode {
  type: "name";
  name: string;
  loc: Location;
}

/** `on` / `off` / `true` / `false`. */
export interface BoolNode {
  type: "bool";
  value: boolean;
  loc: Location;
}

/** The keyword `random` (a random lane or offset). */
export interface RandomNode {
  type: "random";
  loc: Location;
}

/** The keyword `end` (the end of a lane). */
export interface EndNode {
  type: "end";
  loc: Location;
}

/** `road`, `road:lane`, `road:lane@offset` (offset in metres, `random` or `end`). */
export interface PositionNode {
  type: "position";
  road: NameNode;
  lane: QuantityNode | RandomNode | null;
  offset: QuantityNode | RandomNode | EndNode | null;
  loc: Location;
}

/** `a -> b -> c`: first and last are the endpoints, the ones between are via roads. */
export interface RouteNode {
  type: "route";
  stops: PositionNode[];
  loc: Location;
}

/** `route random`. */
export interface RandomRouteNode {
  type: "randomRoute";
  loc: Location;
}

/** `mission endless <position>`. */
export interface EndlessMissionNode {
  type: "endlessMission";
  start: PositionNode;
  loc: Location;
}

/** `via_point <position> speed <speed>`. */
export interface ViaPointNode {
  type: "viaPoint";
  position: PositionNode;
  speed: QuantityNode;
  loc: Location;
}

/** `normal(1, 0.2)`, `uniform(1 s, 2 s)`, `choice(a, b, c)`. */
export interface DistributionNode {
  type: "distribution";
  fn: NameNode;
  args: QuantityNode[];
  loc: Location;
}

/** One `name: weight` entry of a weights map. */
export interface WeightEntry {
  name: NameNode;
  weight: QuantityNode;
  loc: Location;
}

/** `{ patient: 0.5, impatient: 0.5 }`. */
export interface WeightsNode {
  type: "weights";
  entries: WeightEntry[];
  loc: Location;
}

/** `name value` inside a parameter block, or inside an observation part. */
export interface ParamEntryNode {
  type: "param";
  name: NameNode;
  value: QuantityNode | BoolNode | StringNode | NameNode;
  loc: Location;
}

/** `{ name value ... }` (generator and zoo parameters). */
export interface ParamsNode {
  type: "params";
  entries: (ParamEntryNode | ErrorNode)[];
  loc: Location;
}

/** `map sumo "file.net.xml"`. */
export interface SumoMapNode {
  type: "sumoMap";
  path: StringNode;
  loc: Location;
}

/** `map opendrive "file.xodr"`. */
export interface OpenDriveMapNode {
  type: "openDriveMap";
  path: StringNode;
  loc: Location;
}

/** `map <generator> { params }`. */
export interface GeneratorMapNode {
  type: "generatorMap";
  generator: NameNode;
  params: ParamsNode;
  loc: Location;
}

/** `zoo "locator" { params }`. */
export interface ZooRefNode {
  type: "zooRef";
  locator: StringNode;
  params: ParamsNode | null;
  loc: Location;
}

/** One observation part: `neighbours radius 50 m max 8`, `rgb off`. */
export interface ObservePartNode {
  type: "observePart";
  /** Explicit `on`/`off`, or null when the part is named without one (which means on). */
  enabled: BoolNode | null;
  params: ParamEntryNode[];
  loc: Location;
}

/** `zone road <id> from <length> length <length>`. */
export interface RoadZoneNode {
  type: "roadZone";
  road: NameNode;
  from: QuantityNode;
  length: QuantityNode;
  loc: Location;
}

/** `(x, y)`. */
export interface PointNode {
  type: "point";
  x: QuantityNode;
  y: QuantityNode;
  loc: Location;
}

/** `zone box center (x, y) size (w, h) heading <angle>`. */
export interface BoxZoneNode {
  type: "boxZone";
  center: PointNode;
  size: PointNode;
  heading: QuantityNode | null;
  loc: Location;
}

/** `zone polygon (x, y) (x, y) (x, y) ...`. */
export interface PolygonZoneNode {
  type: "polygonZone";
  points: PointNode[];
  loc: Location;
}

/** `follow agent|social|vehicle <name> offset (dx, dy)`. */
export interface FollowNode {
  type: "follow";
  target: "agent" | "social" | "vehicle";
  name: NameNode;
  offset: PointNode | null;
  loc: Location;
}

/** `actor zoo "locator" { params }`. */
export interface ZooActorNode {
  type: "zooActor";
  ref: ZooRefNode;
  loc: Location;
}

/** `actor agent { action ... observe { ... } done { ... } }`. */
export interface AgentActorNode {
  type: "agentActor";
  items: ItemNode[];
  loc: Location;
}

/** `actor traffic <provider>`. */
export interface TrafficActorNode {
  type: "trafficActor";
  provider: NameNode;
  loc: Location;
}

/** `active <time> to <time>`. */
export interface WindowNode {
  type: "window";
  from: QuantityNode;
  to: QuantityNode;
  loc: Location;
}

/** `"a", "b"`. */
export interface StringListNode {
  type: "list";
  items: StringNode[];
  loc: Location;
}

/** `sweep driver|flow <name> <param> v1, v2, ...`. */
export interface SweepNode {
  type: "sweep";
  target: "driver" | "flow";
  name: NameNode;
  param: NameNode;
  values: (QuantityNode | DistributionNode)[];
  loc: Location;
}

/** Any property value. */
export type ValueNode =
  | QuantityNode
  | StringNode
  | NameNode
  | BoolNode
  | RouteNode
  | RandomRouteNode
  | EndlessMissionNode
  | ViaPointNode
  | DistributionNode
  | WeightsNode
  | SumoMapNode
  | OpenDriveMapNode
  | GeneratorMapNode
  | ZooRefNode
  | ObservePartNode
  | RoadZoneNode
  | BoxZoneNode
  | PolygonZoneNode
  | FollowNode
  | ZooActorNode
  | AgentActorNode
  | TrafficActorNode
  | WindowNode
  | StringListNode
  | SweepNode
  | PointNode;

/** `key value` inside a block. */
export interface PropNode {
  type: "prop";
  key: string;
  value: ValueNode;
  loc: Location;
}

/** Block kinds, named after their keyword. */
export type BlockKind =
  | "scenario"
  | "vehicle_type"
  | "driver"
  | "traffic"
  | "flow"
  | "trip"
  | "history"
  | "agent"
  | "social"
  | "bubble"
  | "limits"
  | "observe"
  | "done"
  | "variations";

/** `keyword [name] { items }`. */
export interface BlockNode {
  type: "block";
  kind: BlockKind;
  /** The block's name; the scenario's is a string, most others a name; null where none was given. */
  name: NameNode | StringNode | null;
  items: ItemNode[];
  loc: Location;
}

/** What a block item that did not parse turns into under error recovery. */
export interface ErrorNode {
  type: "error";
  /** The skipped source text. */
  text: string;
  loc: Location;
}

/** An item of a block. */
export type ItemNode = PropNode | BlockNode | ErrorNode;

/** The root: the `scenario "name" { ... }` block. */
export type ScenarioNode = BlockNode & { kind: "scenario"; name: StringNode };
