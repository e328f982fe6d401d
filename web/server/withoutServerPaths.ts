/**
 * Messages for a viewer's client name files by base name only: the absolute paths of the server's
 * machine (its folders, user name, layout) are none of a remote page's business. An absolute path
 * starts a message or follows a space, quote, parenthesis or `=`, so `km/h` or `http://…` stay.
 */

const ABSOLUTE_PATH = /(^|[\s"'`(=])((?:\/|[A-Za-z]:\\)[^\s"'`,;()<>]*)/g;

/** `message` with every absolute file path replaced by its last segment. */
export function withoutServerPaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, (_all, before: string, path: string) => {
    const trimmed = path.replace(/[:.]+$/, "");
    const tail = path.slice(trimmed.length);
    const last = trimmed
      .split(/[\\/]/)
      .filter((s) => s !== "")
      .pop();
    return `${before}${last ?? ""}${tail}`;
  });
}
