/**
 * A zoo for worker-execution tests: the built-in entries plus `spin@v0`, whose policy drives like
 * keep-lane for `after` steps and then never returns (a synchronous endless loop), and `crash@v0`,
 * which throws at creation. Worker threads rebuild it from this module.
 */
import { z } from "zod";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { directSpec } from "../../agent-zoo/AgentSpec.js";
import { observationConfig } from "../../agent-zoo/observationConfig.js";
import type { Zoo } from "../../agent-zoo/Zoo.js";

/** The built-in zoo plus the misbehaving entries. */
export function createMisbehavingZoo(): Zoo {
  return createDefaultZoo()
    .register({
      name: "spin",
      version: 0,
      summary: "keeps its speed for `after` steps, then loops forever",
      params: z.object({ after: z.number().int().nonnegative().default(0) }),
      actionSpace: "lane_with_continuous_speed",
      observes: ["ego"],
      make(p) {
        let step = 0;
        return directSpec(
          "spin@v0",
          { action: "lane_with_continuous_speed", observation: observationConfig({ ego: true }) },
          {
            act() {
              if (++step > p.after)
                for (;;) {
                  // never answers
                }
              return [10, 0];
            },
          },
        );
      },
    })
    .register({
      name: "crash",
      version: 0,
      summary: "cannot be made",
      params: z.object({}),
      actionSpace: "lane",
      observes: [],
      make() {
        throw new Error("crash@v0 refuses to start");
      },
    });
}
