// Integration: credentials checking and the Postgres-backed lockout.
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { registerMember } from "../accounts/sign-up";
import { authenticate, LOCKOUT } from "./sign-in";

afterAll(async () => {
  await db.$client.end();
});

let n = 0;
const password = "a perfectly fine passphrase";
async function member() {
  const username = `signin${process.pid}x${++n}`;
  const result = await registerMember({ username, email: `${username}@example.test`, password });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { username, email: `${username}@example.test`, id: result.userId };
}
const address = () => `198.51.100.${++n % 250}`;

describe("authenticate", () => {
  it("accepts the username or the email, in any case", async () => {
    const m = await member();
    expect(await authenticate(m.username.toUpperCase(), password, address())).toMatchObject({
      ok: true,
      user: { id: m.id },
    });
    expect(await authenticate(m.email.toUpperCase(), password, address())).toMatchObject({
      ok: true,
      user: { id: m.id },
    });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const m = await member();
    const wrong = await authenticate(m.username, "not the password", address());
    const unknown = await authenticate(`nobody-${m.username}`, "not the password", address());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it(`locks an account after ${LOCKOUT.perAccount} failures, even with the right password, and for unknown names too`, async () => {
    const m = await member();
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      expect(await authenticate(m.username, "wrong password", address())).toEqual({
        ok: false,
        reason: "invalid",
      });
    expect(await authenticate(m.username, password, address())).toEqual({
      ok: false,
      reason: "locked",
    });
    // Via the email it is the same account, so the same lock.
    expect(await authenticate(m.email, password, address())).toEqual({
      ok: false,
      reason: "locked",
    });

    const ghost = `ghost-${m.username}`;
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      await authenticate(ghost, "wrong password", address());
    expect(await authenticate(ghost, "wrong password", address())).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it("does not lock the owner out from an address they signed in from before; strangers stay locked", async () => {
    const m = await member();
    const home = "203.0.113.10";
    expect((await authenticate(m.username, password, home)).ok).toBe(true);
    // Someone else makes the account's failures from elsewhere, enough to lock it.
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      await authenticate(m.username, "wrong password", `198.51.100.${200 + i}`);
    expect(await authenticate(m.username, password, "198.51.100.250")).toEqual({
      ok: false,
      reason: "locked",
    });
    expect((await authenticate(m.email, password, home)).ok).toBe(true);

    // From the owner's own address, its own failures still count.
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      await authenticate(m.username, "wrong password", home);
    expect(await authenticate(m.username, password, home)).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it(`forgets a known address after ${LOCKOUT.knownAddressDays} days`, async () => {
    const m = await member();
    const home = "203.0.113.11";
    expect((await authenticate(m.username, password, home)).ok).toBe(true);
    await db
      .update(signInAttempts)
      .set({ at: sql`now() - make_interval(days => ${LOCKOUT.knownAddressDays + 1})` })
      .where(eq(signInAttempts.key, `user:${m.id}`));
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      await authenticate(m.username, "wrong password", `198.51.100.${210 + i}`);
    expect(await authenticate(m.username, password, home)).toEqual({
      ok: false,
      reason: "locked",
    });
  });

  it("lifts the lock once the window has passed (the counter lives in Postgres)", async () => {
    const m = await member();
    for (let i = 0; i < LOCKOUT.perAccount; i++)
      await authenticate(m.username, "wrong password", address());
    expect((await authenticate(m.username, password, address())).ok).toBe(false);
    await db
      .update(signInAttempts)
      .set({ at: sql`now() - make_interval(mins => ${LOCKOUT.windowMinutes + 1})` })
      .where(eq(signInAttempts.key, `user:${m.id}`));
    expect((await authenticate(m.username, password, address())).ok).toBe(true);
  });

  it(`refuses one address after ${LOCKOUT.perAddress} failures across accounts`, async () => {
    const from = "203.0.113.77";
    for (let i = 0; i < LOCKOUT.perAddress; i++)
      await authenticate(`spray${i}-${process.pid}`, "wrong password", from);
    const m = await member();
    expect(await authenticate(m.username, password, from)).toEqual({ ok: false, reason: "locked" });
    expect((await authenticate(m.username, password, "203.0.113.78")).ok).toBe(true);
  });

  it("records the sign-in time as last seen", async () => {
    const m = await member();
    await authenticate(m.username, password, address());
    const [row] = await db
      .select({ lastSeenAt: users.lastSeenAt })
      .from(users)
      .where(eq(users.id, m.id));
    expect(row!.lastSeenAt).toBeInstanceOf(Date);
  });
});
