import { describe, expect, it } from "vitest";
import { isDatabaseFault, isDeadConnection } from "./database-fault";

// Shaped as postgres.js throws them, wrapped as drizzle and Auth.js wrap them.
const postgresError = (code: string) => Object.assign(new Error("postgres"), { code });
const drizzleWrapped = (cause: unknown) => Object.assign(new Error("Failed query"), { cause });
const authWrapped = (err: unknown) =>
  Object.assign(new Error("CallbackRouteError"), { cause: { err } });

describe("isDatabaseFault", () => {
  it("knows a read-only database, a full disk, a shutdown and a dropped connection, however wrapped", () => {
    expect(isDatabaseFault(drizzleWrapped(postgresError("25006")))).toBe(true);
    expect(isDatabaseFault(drizzleWrapped(postgresError("53100")))).toBe(true);
    expect(isDatabaseFault(postgresError("57P01"))).toBe(true);
    expect(isDatabaseFault(authWrapped(drizzleWrapped(postgresError("CONNECTION_CLOSED"))))).toBe(
      true,
    );
    expect(isDatabaseFault(postgresError("ECONNREFUSED"))).toBe(true);
  });

  it("does not excuse bugs: a broken constraint, a syntax error, a plain error", () => {
    expect(isDatabaseFault(drizzleWrapped(postgresError("23505")))).toBe(false);
    expect(isDatabaseFault(drizzleWrapped(postgresError("42601")))).toBe(false);
    expect(isDatabaseFault(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseFault(null)).toBe(false);
  });
});

describe("isDeadConnection", () => {
  it("is a connection that died, not a database that refuses", () => {
    expect(isDeadConnection(postgresError("CONNECTION_CLOSED"))).toBe(true);
    expect(isDeadConnection(postgresError("57P01"))).toBe(true);
    expect(isDeadConnection(postgresError("25006"))).toBe(false);
  });
});
