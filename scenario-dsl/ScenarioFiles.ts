/**
 * Where the compiler finds the files a scenario names (maps, route files, recordings) and how it
 * writes their paths: the one seam between the compiler and a file system. Node reads the disk
 * ({@link nodeScenarioFiles}); the browser playground serves the example files and the files a user
 * drops from memory. Paths are the port's own: the compiler only joins and compares them.
 */
export interface ScenarioFiles {
  /**
   * The text of the file at `path` (as {@link resolve} gave it).
   * @throws Error with a `code` of `ENOENT` (no such file) or `EISDIR` (a folder), or a message saying why
   */
  readText(path: string): string;
  /** The folder of a file's path. */
  dirname(path: string): string;
  /** `path` as written in a scenario in folder `dir`: itself when absolute, else joined to `dir`. */
  resolve(dir: string, path: string): string;
  /** The absolute form of `path` (recorded in the compiled scenario's `source`). */
  absolute(path: string): string;
  /** Hex SHA-256 of a file's text (the compiled scenario pins each file it read by it). */
  sha256(text: string): string;
}
