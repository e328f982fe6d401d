/**
 * Reading a block's items by key: the one `rate` of a flow, all `via_point`s of an agent, the
 * nested blocks of a kind. Duplicates of single-valued keys are reported here, once.
 */
import type { BlockKind, BlockNode, ItemNode, PropNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";

/** A block's properties by key. */
export class PropTable {
  private readonly byKey = new Map<string, PropNode[]>();
  private readonly blocksByKind = new Map<BlockKind, BlockNode[]>();

  /**
   * @param repeatable keys and block kinds that may appear more than once (a second of any other is an error)
   * @param what how messages name the block (`flow "f1"`)
   */
  constructor(ctx: CompileContext, items: readonly ItemNode[], what: string, repeatable: readonly string[] = []) {
    for (const item of items) {
      if (item.type === "prop") {
        const list = this.byKey.get(item.key);
        if (list) {
          if (!repeatable.includes(item.key)) {
            ctx.error(item.loc, `${item.key} given twice in ${what} (first at line ${list[0].loc.start.line})`);
            continue;
          }
          list.push(item);
        } else {
          this.byKey.set(item.key, [item]);
        }
      } else if (item.type === "block") {
        const list = this.blocksByKind.get(item.kind);
        if (list && !repeatable.includes(item.kind)) {
          ctx.error(item.loc, `${item.kind} given twice in ${what} (first at line ${list[0].loc.start.line})`);
          continue;
        }
        if (list) list.push(item);
        else this.blocksByKind.set(item.kind, [item]);
      }
    }
  }

  /** The property with this key, if given. */
  get(key: string): PropNode | undefined {
    return this.byKey.get(key)?.[0];
  }

  /** Every property with this key, in source order. */
  all(key: string): PropNode[] {
    return this.byKey.get(key) ?? [];
  }

  /** Nested blocks of a kind, in source order. */
  blocks(kind: BlockKind): BlockNode[] {
    return this.blocksByKind.get(kind) ?? [];
  }
}

/** The block's name as text (`""` when it has none). */
export function blockName(block: BlockNode): string {
  return block.name === null ? "" : block.name.type === "name" ? block.name.name : block.name.value;
}

/** Items of the scenario block that may repeat. */
export const SCENARIO_REPEATABLE = ["vehicle_type", "driver", "agent", "social", "bubble"] as const;

/**
 * The scenario block's own properties. Duplicates were reported by the declarations pass, so this
 * view reports nothing.
 */
export function scenarioProps(ctx: CompileContext): PropTable {
  return new PropTable(silent(ctx), ctx.ast.items, "the scenario", SCENARIO_REPEATABLE);
}

/** A view of the context whose reports are dropped. */
function silent(ctx: CompileContext): CompileContext {
  return Object.assign(Object.create(ctx) as CompileContext, { error: () => {}, warn: () => {} });
}
