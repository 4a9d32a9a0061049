// Which staff copy of the reading pages a Cookie header earns (server/guest-page-cache.ts), decided by
// the member row in Postgres, with session cookies sealed by Auth.js's own encoder.
import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { makeMember } from "@/lib/testing/factories";
import { staffRoleOf } from "./request-viewer";
import { SESSION_COOKIE } from "./session-cookie";

const secret = "request-viewer-test-secret-0123456789abcdef";
beforeAll(() => {
  process.env.AUTH_SECRET = secret;
});
afterAll(async () => {
  await db.$client.end();
});

const cookieFor = async (uid: string, sv = 0) =>
  `${SESSION_COOKIE}=${await encode({ token: { uid, sv }, secret, salt: SESSION_COOKIE })}`;

describe("staffRoleOf", () => {
  it("names the role of active moderators and administrators", async () => {
    const moderator = await makeMember({ role: "moderator" });
    const admin = await makeMember({ role: "admin" });
    expect(await staffRoleOf(await cookieFor(moderator.id))).toBe("moderator");
    expect(await staffRoleOf(await cookieFor(admin.id))).toBe("admin");
  });

  it("names none for members, guests, banned staff and stale sessions", async () => {
    const member = await makeMember();
    const banned = await makeMember({ role: "moderator", banned: true });
    const signedOut = await makeMember({ role: "admin" });
    const cookie = await cookieFor(signedOut.id);
    await db
      .update(users)
      .set({ sessionVersion: signedOut.sessionVersion + 1 })
      .where(eq(users.id, signedOut.id));
    expect(await staffRoleOf(await cookieFor(member.id))).toBeNull();
    expect(await staffRoleOf(await cookieFor(banned.id))).toBeNull();
    expect(await staffRoleOf(cookie)).toBeNull();
    expect(await staffRoleOf(undefined)).toBeNull();
    expect(await staffRoleOf(`${SESSION_COOKIE}=forged`)).toBeNull();
  });

  it("follows a demotion at the next request", async () => {
    const moderator = await makeMember({ role: "moderator" });
    const cookie = await cookieFor(moderator.id);
    expect(await staffRoleOf(cookie)).toBe("moderator");
    await db.update(users).set({ role: "member" }).where(eq(users.id, moderator.id));
    expect(await staffRoleOf(cookie)).toBeNull();
  });
});
