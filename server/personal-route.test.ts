// GET /api/personal over real HTTP, with session cookies sealed by Auth.js's own encoder.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { makeForum, makeMember, newThread } from "@/lib/testing/factories";
import { GUEST_ANSWER, type PersonalAnswer } from "@/lib/personal/types";
import { SESSION_COOKIE } from "@/lib/session/session-cookie";
import { handlePersonal } from "./personal-route";

const secret = "personal-route-test-secret-0123456789abcdef";
let server: http.Server;
let base: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  server = http.createServer((req, res) => void handlePersonal(req, res, { trustProxy: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/personal`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.$client.end();
});

const cookieFor = async (uid: string, sv = 0, key = secret) =>
  `${SESSION_COOKIE}=${await encode({ token: { uid, sv }, secret: key, salt: SESSION_COOKIE })}`;

async function get(query: string, cookie?: string) {
  const response = await fetch(`${base}${query}`, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as PersonalAnswer & { error?: string },
  };
}

describe("GET /api/personal", () => {
  it("answers a member's cookie with their answer, uncached, and sets the member hint", async () => {
    const member = await makeMember();
    const thread = await newThread({ author: member, forumId: (await makeForum()).id });
    const answer = await get(
      `?thread=${thread.threadId}&posts=${thread.postId}`,
      await cookieFor(member.id),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.viewer?.name).toBe(member.name);
    expect(answer.body.posts[thread.postId]?.canEdit).toBe(true);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(answer.headers.get("set-cookie")).toContain("parley-member=1");
    expect(answer.headers.get("set-cookie")).not.toContain("parley-staff=1");
  });

  it("answers a forged, foreign or revoked cookie as a guest, and clears stale hints", async () => {
    const member = await makeMember();
    const real = await cookieFor(member.id);
    const forged = real.slice(0, -4) + (real.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const cookie of [
      forged,
      await cookieFor(member.id, 0, "another-secret-another-secret-another"),
      await cookieFor(member.id, 7),
      `${SESSION_COOKIE}=garbage`,
    ]) {
      const answer = await get("", `${cookie}; parley-member=1; parley-staff=1`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(GUEST_ANSWER);
      expect(answer.headers.get("set-cookie")).toContain("parley-member=; Max-Age=0");
      expect(answer.headers.get("set-cookie")).toContain("parley-staff=; Max-Age=0");
    }
  });

  it("renews a member's session cookie once it is a day old, so active members stay signed in", async () => {
    const member = await makeMember();
    const fresh = await get("", await cookieFor(member.id));
    expect(fresh.headers.get("set-cookie")).not.toContain(SESSION_COOKIE);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const old = await cookieFor(member.id);
    vi.useRealTimers();
    const renewed = await get("", `${old}; parley-member=1`);
    expect(renewed.body.viewer?.name).toBe(member.name);
    const setCookie = renewed.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      new RegExp(`${SESSION_COOKIE}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`),
    );
    // The new cookie names the same member, and is not due for renewal again.
    const next = `${SESSION_COOKIE}=${new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)![1]}`;
    const again = await get("", `${next}; parley-member=1`);
    expect(again.body.viewer?.name).toBe(member.name);
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("sets the staff hint for a moderator", async () => {
    const moderator = await makeMember({ role: "moderator" });
    const answer = await get("", await cookieFor(moderator.id));
    expect(answer.headers.get("set-cookie")).toContain("parley-staff=1");
  });

  it("refuses a malformed scope with 400 before touching Postgres", async () => {
    for (const query of [
      "?thread=abc",
      "?thread=99999999999",
      "?posts=1,x",
      `?posts=${Array.from({ length: 51 }, (_, i) => i + 1).join(",")}`,
    ]) {
      const answer = await get(query);
      expect(answer.status, query).toBe(400);
    }
  });
});
