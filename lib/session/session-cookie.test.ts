// The session cookie reader against tokens made by Auth.js's own encoder (next-auth/jwt, which is
// @auth/core/jwt): what Auth.js issues, it reads; what it would refuse, it refuses.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import {
  decodeSessionToken,
  readSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  sessionToken,
} from "./session-cookie";

const secret = "a-test-secret-of-reasonable-length-0123456789";
const secrets = [secret];

const tokenFor = (claims: Record<string, unknown>, salt = SESSION_COOKIE, maxAge?: number) =>
  encode({ token: { name: "someone", ...claims }, secret, salt, maxAge });

/** The chunks Auth.js's SessionStore writes for a long token: 4096 - 160 characters each. */
function chunked(name: string, token: string): string {
  const size = 4096 - 160;
  const parts: string[] = [];
  for (let i = 0; i * size < token.length; i++)
    parts.push(`${name}.${i}=${token.slice(i * size, (i + 1) * size)}`);
  // Browsers send cookies in no particular order.
  return parts.reverse().join("; ");
}

describe("readSession", () => {
  it("reads the member and session version from a cookie Auth.js encoded", async () => {
    const token = await tokenFor({ uid: "user-1", sv: 3, sid: "sign-in-1" });
    const header = `theme=dark; ${SESSION_COOKIE}=${token}; other=1`;
    expect(readSession(header, { secure: false, secrets })).toMatchObject({
      uid: "user-1",
      sv: 3,
      sid: "sign-in-1",
    });
  });

  it("reads the __Secure- cookie over https, whose name is also the key's salt", async () => {
    const token = await tokenFor({ uid: "user-2", sv: 0 }, SECURE_SESSION_COOKIE);
    const header = `${SECURE_SESSION_COOKIE}=${token}`;
    expect(readSession(header, { secure: true, secrets })).toMatchObject({
      uid: "user-2",
      sv: 0,
      sid: null,
    });
    // The plain name over http is another cookie: this one is not it.
    expect(readSession(header, { secure: false, secrets })).toBeNull();
  });

  it("joins a chunked cookie", async () => {
    const token = await tokenFor({ uid: "user-3", sv: 1, padding: "x".repeat(9000) });
    expect(token.length).toBeGreaterThan(2 * (4096 - 160));
    const header = `a=b; ${chunked(SESSION_COOKIE, token)}`;
    expect(sessionToken(header, SESSION_COOKIE)).toBe(token);
    expect(readSession(header, { secure: false, secrets })).toMatchObject({
      uid: "user-3",
      sv: 1,
      sid: null,
    });
  });

  it("counts a token from before session versions as version 0", async () => {
    const token = await tokenFor({ uid: "user-4" });
    expect(readSession(`${SESSION_COOKIE}=${token}`, { secure: false, secrets })).toMatchObject({
      uid: "user-4",
      sv: 0,
      sid: null,
    });
  });

  it("accepts a token sealed with a rotated secret still listed", async () => {
    const token = await tokenFor({ uid: "user-5", sv: 2 });
    expect(
      readSession(`${SESSION_COOKIE}=${token}`, {
        secure: false,
        secrets: ["the-new-secret-0123456789abcdef", secret],
      }),
    ).toMatchObject({ uid: "user-5", sv: 2, sid: null });
  });

  it("refuses a forged tag, a changed ciphertext or header, and another secret", async () => {
    const token = await tokenFor({ uid: "user-6", sv: 0 });
    const [header, key, iv, ciphertext, tag] = token.split(".") as [
      string,
      string,
      string,
      string,
      string,
    ];
    const flip = (s: string, at: number) =>
      s.slice(0, at) + (s[at] === "A" ? "B" : "A") + s.slice(at + 1);
    const forgedTag = [header, key, iv, ciphertext, flip(tag, 3)].join(".");
    const changedText = [header, key, iv, flip(ciphertext, 5), tag].join(".");
    const changedIv = [header, key, flip(iv, 2), ciphertext, tag].join(".");
    const changedHeader = [flip(header, 10), key, iv, ciphertext, tag].join(".");
    for (const bad of [forgedTag, changedText, changedIv, changedHeader])
      expect(decodeSessionToken(bad, { secrets, salt: SESSION_COOKIE })).toBeNull();
    expect(
      decodeSessionToken(token, { secrets: ["another-secret-0123456789"], salt: SESSION_COOKIE }),
    ).toBeNull();
    // The right secret with another cookie's salt is another key.
    expect(decodeSessionToken(token, { secrets, salt: SECURE_SESSION_COOKIE })).toBeNull();
    // The untouched token still reads, so the refusals above are the changes'.
    expect(decodeSessionToken(token, { secrets, salt: SESSION_COOKIE })).toMatchObject({
      uid: "user-6",
      sv: 0,
      sid: null,
    });
  });

  it("refuses an expired token", async () => {
    const token = await tokenFor({ uid: "user-7", sv: 0 }, SESSION_COOKIE, 60);
    const header = `${SESSION_COOKIE}=${token}`;
    expect(readSession(header, { secure: false, secrets })).not.toBeNull();
    const later = Date.now() + 2 * 60 * 1000;
    expect(readSession(header, { secure: false, secrets, now: later })).toBeNull();
  });

  it("refuses garbage, an empty cookie and a missing secret without throwing", async () => {
    const token = await tokenFor({ uid: "user-8", sv: 0 });
    for (const header of [
      undefined,
      "",
      `${SESSION_COOKIE}=`,
      `${SESSION_COOKIE}=not-a-token`,
      `${SESSION_COOKIE}=a.b.c.d.e`,
      `${SESSION_COOKIE}=${"x".repeat(40_000)}`,
      `${SESSION_COOKIE}=%E0%A4%A`,
      `${SESSION_COOKIE}=${token.replace(/\./g, "")}`,
      `${SESSION_COOKIE}.1=${token}`,
    ])
      expect(readSession(header, { secure: false, secrets })).toBeNull();
    expect(readSession(`${SESSION_COOKIE}=${token}`, { secure: false, secrets: [] })).toBeNull();
  });

  it("refuses a genuine token that names no member", async () => {
    const token = await tokenFor({ sv: 0 });
    expect(readSession(`${SESSION_COOKIE}=${token}`, { secure: false, secrets })).toBeNull();
  });
});
