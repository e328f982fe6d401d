/**
 * Vehicle colours by role (DESIGN.md §10, the SMARTS paper's convention): learning agents orange,
 * social agents dark blue, traffic light blue; the selected vehicle is highlighted.
 */
import { Color } from "three";
import { ReplayRole } from "../../../replay/ReplayFrame.js";

/** Colour of each role code. */
export const ROLE_COLORS: Readonly<Record<number, Color>> = {
  [ReplayRole.traffic]: new Color(0x8cc4ff),
  [ReplayRole.socialAgent]: new Color(0x1f3f99),
  [ReplayRole.learningAgent]: new Color(0xff8c1a),
};

/** Colour of the selected vehicle. */
export const SELECTED_COLOR = new Color(0xfff27a);

/** The colour of a role code (unknown codes read as traffic). */
export function roleColor(role: number): Color {
  return ROLE_COLORS[role] ?? ROLE_COLORS[ReplayRole.traffic];
}
