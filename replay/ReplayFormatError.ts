/**
 * A replay file (or an encoded frame sent to a viewer) that cannot be read: bad magic, a record
 * cut short, a checksum mismatch, a value out of range. The message says what and where (byte offset).
 */
export class ReplayFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReplayFormatError";
  }
}
