// Telling a database that cannot take a write (read-only after a failover, a full disk, a restart,
// a dropped connection) from a bug: the first is worth a calm message and a retry, the second is not.

/** What a form says when the database refuses a write; the form keeps what was typed. */
export const CANNOT_SAVE =
  "The forum can't save right now; your text is kept. Try again in a moment.";

/** Signing in writes (the attempt, the session): on a read-only database it waits, reading does not. */
export const CANNOT_SIGN_IN =
  "The forum can't sign you in right now: its database is not taking changes. Reading still works; try again in a moment.";

/** SQLSTATE classes and codes that mean "the database can't do this now", not "this write is wrong".
 * 08 connection, 53 insufficient resources (disk full, too many connections), 57P0x shutdown and
 * crash, 58 system errors, 25006 read-only transaction (a replica or a read-only default), 40001 and
 * 40P01 (serialization failure, deadlock: retrying is the answer). */
const UNAVAILABLE_CLASSES = ["08", "53", "58"];
const UNAVAILABLE_CODES = new Set(["25006", "57P01", "57P02", "57P03", "40001", "40P01", "55006"]);

/** The postgres driver's own connection failures, and the socket errors under them. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

function codeOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  return typeof error.code === "string" ? error.code : null;
}

/** Whether this error, or one it wraps (drizzle wraps the driver's in `cause`), says the database is
 * unavailable or refuses writes for now. */
export function isDatabaseFault(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = codeOf(e);
    if (code) {
      if (CONNECTION_CODES.has(code) || UNAVAILABLE_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return true;
    }
    // Auth.js wraps what its callbacks threw as `cause.err`.
    const wrapper = e as { cause?: unknown; err?: unknown };
    e = typeof e === "object" ? (wrapper.cause ?? wrapper.err) : undefined;
  }
  return false;
}

/** Whether a failed read is worth trying once more on a fresh connection: the connection died
 * under it (a Postgres restart leaves dead sockets in the pool), not the query. */
export function isDeadConnection(error: unknown): boolean {
  const code = codeOf(error);
  return code !== null && (CONNECTION_CODES.has(code) || code === "57P01" || code === "57P02");
}
