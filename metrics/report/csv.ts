/** CSV text (RFC 4180): a header row and one row per record; fields quoted where needed. */

/** A CSV field: numbers as JavaScript prints them, null as empty, text quoted when it holds `,`, `"` or a line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "1" : "0";
  const s = Array.isArray(v) ? v.join(";") : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV of `rows` under `columns`, lines ending in `\n`. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns.map(csvField).join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n") + "\n";
}
