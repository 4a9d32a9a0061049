// DATABASE_URL naming a Unix socket as libpq does (?host=/folder), and npm start's embedded Postgres
// reached through one (db/embedded.ts socketUrl).
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { createDatabase } from "./connect";
import { connectPostgres, postgresTarget, socketFolder, withSocket } from "./postgres-url";

describe("postgresTarget", () => {
  it("takes a socket folder out of the query and gives it as the host", () => {
    expect(postgresTarget("postgres://u:p@localhost:5433/forum?host=%2Frun%2Fpostgresql")).toEqual({
      url: "postgres://u:p@localhost:5433/forum",
      host: "/run/postgresql",
    });
    expect(
      postgresTarget("postgres://u:p@localhost/forum?sslmode=disable&host=/tmp&application_name=x"),
    ).toEqual({
      url: "postgres://u:p@localhost/forum?sslmode=disable&application_name=x",
      host: "/tmp",
    });
  });

  it("leaves a TCP address alone", () => {
    expect(postgresTarget("postgres://u:p@db.internal:5432/forum")).toEqual({
      url: "postgres://u:p@db.internal:5432/forum",
    });
    expect(postgresTarget("postgres://u:p@db:5432/forum?host=db.internal")).toEqual({
      url: "postgres://u:p@db:5432/forum?host=db.internal",
    });
  });

  it("round-trips a folder through withSocket, and refuses paths the system cannot take", () => {
    const folder = "/srv/forum data/pg";
    expect(postgresTarget(withSocket("postgres://u:p@127.0.0.1:5000/forum", folder)).host).toBe(
      folder,
    );
    expect(socketFolder(folder, 5000)).toBe(folder);
    expect(socketFolder(`/${"x".repeat(100)}`, 5000)).toBe("");
    expect(socketFolder("/a,b", 5000)).toBe("");
    expect(withSocket("postgres://u:p@127.0.0.1:5000/forum", "")).toBe(
      "postgres://u:p@127.0.0.1:5000/forum",
    );
  });
});

describe("the embedded Postgres through its socket", () => {
  const socketUrl = inject("databaseSocketUrl");

  it("is what the app's pool and a plain client connect through", async () => {
    expect(postgresTarget(socketUrl).host).toMatch(/^\//);
    const db = createDatabase(socketUrl, 1);
    const plain = connectPostgres(socketUrl, { max: 1, onnotice: () => {} });
    try {
      // A Unix-socket connection has no server address.
      const [row] = await db.execute<{ address: string | null }>(
        sql`select inet_server_addr()::text as address`,
      );
      expect(row!.address).toBeNull();
      const [same] = await plain<
        { address: string | null }[]
      >`select inet_server_addr()::text as address`;
      expect(same!.address).toBeNull();
    } finally {
      await db.$client.end();
      await plain.end();
    }
  });
});
