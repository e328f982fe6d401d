/**
 * The heads-up display: replay or scenario name, time and tick, vehicle counts by role, the
 * vehicles each bubble holds, the selected vehicle (what it is doing; id, type, speed, lane, owner;
 * reward, total and done for an agent's vehicle),
 * every agent's reward, the latest events, and errors from the server.
 */
import { bubbleHolds, describeActivity, describeBubbles, describeEvent } from "./hudStory.js";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import { ReplayRole } from "../../../replay/ReplayFrame.js";
import { EventLog } from "./EventLog.js";

const $ = (id: string) => document.getElementById(id)!;

/** Keeps the HUD's elements up to date. */
export class Hud {
  private readonly events = new EventLog(5);
  private errorTimer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the source's name and mode. */
  setSource(name: string, mode: string, note?: string): void {
    $("hud-name").textContent = name;
    $("hud-mode").textContent = mode;
    this.events.clear();
    if (note) this.error(`recovered: ${note}`, 15_000);
  }

  /** Shows a frame (and the selected vehicle, frame index or −1). */
  show(frame: ReplayFrame, selected: number, typeName: (id: string) => string): void {
    $("hud-time").textContent = frame.timeS.toFixed(1);
    $("hud-tick").textContent = String(frame.tick);
    $("hud-vehicles").textContent = String(frame.ids.length);
    let agents = 0;
    let social = 0;
    for (let i = 0; i < frame.roles.length; i++) {
      if (frame.roles[i] === ReplayRole.learningAgent) agents++;
      else if (frame.roles[i] === ReplayRole.socialAgent) social++;
    }
    $("hud-agents").textContent = String(agents);
    $("hud-social").textContent = String(social);
    $("hud-traffic").textContent = String(frame.ids.length - agents - social);
    $("hud-bubbles").textContent = describeBubbles(bubbleHolds(frame));
    const sel = $("hud-selected");
    sel.hidden = selected < 0;
    if (selected >= 0) {
      const id = frame.ids[selected];
      $("sel-id").textContent = id;
      $("sel-doing").textContent = describeActivity(frame, selected);
      $("sel-type").textContent = typeName(frame.typeIds[selected]);
      $("sel-speed").textContent = (frame.speedMps[selected] * 3.6).toFixed(1);
      $("sel-lane").textContent = frame.laneIds[selected] || "–";
      $("sel-owner").textContent = frame.owners[selected];
      const agent = frame.agents.find((a) => a.vehicleId === id);
      $("sel-agent").hidden = !agent;
      if (agent) {
        $("sel-reward").textContent = agent.reward.toFixed(3);
        $("sel-total").textContent = agent.totalReward.toFixed(2);
        $("sel-done").textContent = agent.done ? `done: ${agent.reasons.join(", ") || "yes"}` : "";
      }
    }
    $("hud-agent-list").textContent = frame.agents
      .slice(0, 8)
      .map(
        (a) =>
          `${a.id}: r ${a.reward.toFixed(2)} Σ ${a.totalReward.toFixed(1)}${a.done ? ` (done: ${a.reasons.join(", ")})` : ""}`,
      )
      .join("\n");
    $("hud-agent-list").style.whiteSpace = "pre";
    const at = `t ${frame.timeS.toFixed(1)}: `;
    this.events.add(frame.tick, [
      ...frame.events.map((e) => at + describeEvent(e)),
      ...frame.collisions.map((c) => `${at}collision ${c.a} × ${c.b}`),
    ]);
    $("hud-events").textContent = this.events.lines().join("\n");
    $("hud-events").style.whiteSpace = "pre";
  }

  /** Shows an error for a while. */
  error(message: string, ms = 6000): void {
    const el = $("hud-error");
    el.textContent = message;
    el.hidden = false;
    if (this.errorTimer) clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => (el.hidden = true), ms);
  }
}
