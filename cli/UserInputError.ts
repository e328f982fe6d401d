/**
 * An error caused by what the user gave a command (a bad file, flag or argument). The CLI prints
 * its message, already formatted with locations, and exits 1 — never a stack trace.
 */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserInputError";
  }
}
