// Integration: sign-up rules against the real Postgres.
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { importSeedsIfEmpty } from "@/db/seed/import-seeds";
import { refuseFields } from "../result";
import { registerMember, SIGN_UP_REFUSED } from "./sign-up";

afterAll(async () => {
  await db.$client.end();
});

let n = 0;
const fresh = (prefix = "signup") => `${prefix}${process.pid}x${++n}`;
/** A suffix that goes with a name in any script. */
const digits = () => `${process.pid}${String(++n).padStart(3, "0")}`;
const password = "a perfectly fine passphrase";

describe("registerMember", () => {
  it("creates a member with an argon2id hash, the email lower-cased", async () => {
    const username = fresh();
    const result = await registerMember({
      username,
      email: `${username.toUpperCase()}@Example.TEST`,
      password,
    });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.name, username));
    expect(row).toMatchObject({
      role: "member",
      email: `${username}@example.test`,
      messageCount: 0,
    });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it.each([
    ["ab", "Usernames are at least 3 characters long."],
    ["x".repeat(33), "Usernames are at most 32 characters long."],
    ["bad<name>", "Use letters, digits, spaces, _ - and . only."],
    ["two  spaces", "Use single spaces between words."],
  ])("refuses the username %j", async (username, message) => {
    const result = await registerMember({ username, email: `${fresh()}@example.test`, password });
    expect(result).toMatchObject({ ok: false, errors: { username: message } });
  });

  it("accepts letters of any script, digits, spaces, _ - and .", async () => {
    for (const username of [
      `Иван ${digits()}`,
      `山田_${digits()}`,
      `Tokyo東京${digits()}`,
      `o'k`.replace("'", ".") + fresh(""),
    ]) {
      expect(
        (await registerMember({ username, email: `${fresh()}@example.test`, password })).ok,
        username,
      ).toBe(true);
    }
  });

  it.each([
    ["short", "Passwords are at least 10 characters long."],
    ["password123", "This password is one of the most common ones: choose another."],
    ["QWERTYUIOP", "This password is one of the most common ones: choose another."],
  ])("refuses the password %j", async (pw, message) => {
    const result = await registerMember({
      username: fresh(),
      email: `${fresh()}@example.test`,
      password: pw,
    });
    expect(result).toMatchObject({ ok: false, errors: { password: message } });
  });

  it("refuses a password equal to the username", async () => {
    const username = fresh("samepassword");
    const result = await registerMember({
      username,
      email: `${fresh()}@example.test`,
      password: username,
    });
    expect(result).toMatchObject({
      ok: false,
      errors: { password: "Your password cannot be your username." },
    });
  });

  it("keeps usernames unique without regard to case, seed members' names included", async () => {
    const username = fresh("Case");
    expect(
      (await registerMember({ username, email: `${fresh()}@example.test`, password })).ok,
    ).toBe(true);
    const again = await registerMember({
      username: username.toLowerCase(),
      email: `${fresh()}@example.test`,
      password,
    });
    expect(again).toEqual(refuseFields({ username: "That username is taken." }));

    await importSeedsIfEmpty(db, () => {});
    const seed = await registerMember({
      username: "NO SMOKING",
      email: `${fresh()}@example.test`,
      password,
    });
    expect(seed).toEqual(refuseFields({ username: "That username is taken." }));
  });

  it("keeps email addresses unique without regard to case, without saying which are taken", async () => {
    const email = `${fresh()}@example.test`;
    expect((await registerMember({ username: fresh(), email, password })).ok).toBe(true);
    const username = fresh();
    const again = await registerMember({ username, email: email.toUpperCase(), password });
    expect(again).toEqual({ ok: false, error: SIGN_UP_REFUSED, field: "form" });
    expect(JSON.stringify(again)).not.toMatch(/email|exists|already (in use|registered)/i);
    expect(await db.select().from(users).where(eq(users.name, username))).toEqual([]);
  });

  it("lets the database decide when two sign-ups race for one name", async () => {
    const username = fresh("race");
    const results = await Promise.all([
      registerMember({ username, email: `${fresh()}@example.test`, password }),
      registerMember({
        username: username.toUpperCase(),
        email: `${fresh()}@example.test`,
        password,
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const [{ count }] = (await db.execute<{ count: number }>(
      sql`select count(*)::int as count from users where lower(name) = lower(${username})`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(1);
  });
});
