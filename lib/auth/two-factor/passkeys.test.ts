// Integration: registering a passkey and signing in with it, against the real Postgres, with a
// software authenticator (lib/testing/soft-authenticator.ts) making real ES256 attestations and
// assertions, so @simplewebauthn/server checks real signatures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeys } from "@/db/schema";
import { SoftAuthenticator } from "@/lib/testing/soft-authenticator";
import { registerMember } from "../../accounts/sign-up";
import { signToken } from "./keys";
import { parseAuthenticationResponse, parseRegistrationResponse } from "./passkey-input";
import {
  beginPasskeyRegistration,
  beginPasskeySignIn,
  completePasskeySignIn,
  finishPasskeyRegistration,
  listPasskeys,
  removePasskey,
} from "./passkeys";
import { relyingPartyFor } from "./relying-party";

beforeAll(() => {
  process.env.AUTH_SECRET ||= "a test secret that is long enough to derive keys from";
});
afterAll(async () => {
  await db.$client.end();
});

const rp = { id: "forum.test", origin: "https://forum.test" };
let n = 0;
async function member() {
  const username = `pk${process.pid}x${++n}`;
  const result = await registerMember({
    username,
    email: `${username}@example.test`,
    password: "a perfectly fine passphrase",
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { id: result.userId, name: username };
}

/** A member with one passkey on `device`, added through the same steps the account page takes. */
async function withPasskey(device = new SoftAuthenticator(rp.origin)) {
  const user = await member();
  const begun = await beginPasskeyRegistration(user, rp);
  if (!begun.ok) throw new Error(begun.error);
  const added = await finishPasskeyRegistration(
    user.id,
    { token: begun.token, response: device.register(begun.options), name: "Laptop" },
    rp,
  );
  expect(added).toEqual({ ok: true });
  return { user, device };
}

async function signInWith(device: SoftAuthenticator, origin = rp.origin) {
  // A token issued in the very millisecond of the passkey's last use counts as spent: wait for the
  // clock to pass the millisecond this began in. (A 2 ms timer was not enough: Node measures timers
  // from the event loop's cached time, which lags behind the clock on a busy machine.)
  const began = Date.now();
  while (Date.now() <= began) await new Promise((resolve) => setTimeout(resolve, 1));
  const { options, token } = await beginPasskeySignIn(rp);
  return completePasskeySignIn(token, device.authenticate(options, origin), rp);
}

describe("adding a passkey", () => {
  it("stores the credential with its name, for the member only", async () => {
    const { user, device } = await withPasskey();
    const list = await listPasskeys(user.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      credentialId: device.credentialId.toString("base64url"),
      name: "Laptop",
      lastUsedAt: null,
    });
    const other = await member();
    expect(await listPasskeys(other.id)).toEqual([]);
  });

  it("asks for a discoverable key with user verification, excluding the member's own keys", async () => {
    const { user, device } = await withPasskey();
    const begun = await beginPasskeyRegistration(user, rp);
    if (!begun.ok) throw new Error(begun.error);
    expect(begun.options.rp.id).toBe("forum.test");
    expect(begun.options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(begun.options.excludeCredentials?.map((c) => c.id)).toEqual([
      device.credentialId.toString("base64url"),
    ]);
  });

  it("refuses an answer from another origin, for another member's token, or to another challenge", async () => {
    const user = await member();
    const begun = await beginPasskeyRegistration(user, rp);
    if (!begun.ok) throw new Error(begun.error);
    const device = new SoftAuthenticator(rp.origin);

    const elsewhere = device.register(begun.options, "https://evil.test");
    expect(
      await finishPasskeyRegistration(
        user.id,
        { token: begun.token, response: elsewhere, name: "" },
        rp,
      ),
    ).toMatchObject({ ok: false });

    const other = await member();
    const mine = device.register(begun.options);
    expect(
      await finishPasskeyRegistration(
        other.id,
        { token: begun.token, response: mine, name: "" },
        rp,
      ),
    ).toMatchObject({ ok: false });

    const again = await beginPasskeyRegistration(user, rp);
    if (!again.ok) throw new Error(again.error);
    // The answer signs the first challenge; the second token holds another.
    expect(
      await finishPasskeyRegistration(
        user.id,
        { token: again.token, response: mine, name: "" },
        rp,
      ),
    ).toMatchObject({ ok: false });
    expect(await listPasskeys(user.id)).toEqual([]);

    expect(
      await finishPasskeyRegistration(
        user.id,
        { token: begun.token, response: mine, name: "" },
        rp,
      ),
    ).toEqual({ ok: true });
    expect((await listPasskeys(user.id))[0]?.name).toBe("Passkey");
  });

  it("refuses an expired token", async () => {
    const user = await member();
    const begun = await beginPasskeyRegistration(user, rp);
    if (!begun.ok) throw new Error(begun.error);
    const expired = signToken(
      { k: "passkey-register", uid: user.id, ch: begun.options.challenge, rp: rp.id },
      -1,
    );
    const response = new SoftAuthenticator(rp.origin).register(begun.options);
    expect(
      await finishPasskeyRegistration(user.id, { token: expired, response, name: "" }, rp),
    ).toMatchObject({ ok: false, error: expect.stringContaining("too long") });
  });
});

describe("signing in with a passkey", () => {
  it("signs the member in and records the counter and the time of use", async () => {
    const { user, device } = await withPasskey();
    const signedIn = await signInWith(device);
    expect(signedIn).toMatchObject({ id: user.id, name: user.name, sessionVersion: 0 });
    const [row] = await db.select().from(passkeys).where(eq(passkeys.userId, user.id));
    expect(row?.counter).toBe(1);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    expect(await signInWith(device)).toMatchObject({ id: user.id });
  });

  it("spends a token: the same token with a fresh signature does not sign in twice", async () => {
    const { device } = await withPasskey();
    const { options, token } = await beginPasskeySignIn(rp);
    expect(await completePasskeySignIn(token, device.authenticate(options), rp)).not.toBeNull();
    expect(await completePasskeySignIn(token, device.authenticate(options), rp)).toBeNull();
  });

  it("refuses another origin, another challenge, a bad signature and an unknown key", async () => {
    const { device } = await withPasskey();
    expect(await signInWith(device, "https://evil.test")).toBeNull();

    const first = await beginPasskeySignIn(rp);
    const second = await beginPasskeySignIn(rp);
    expect(
      await completePasskeySignIn(second.token, device.authenticate(first.options), rp),
    ).toBeNull();

    const answer = device.authenticate(second.options);
    const signature = Buffer.from(answer.response.signature, "base64url");
    signature[signature.length - 1]! ^= 1;
    const forged = {
      ...answer,
      response: { ...answer.response, signature: signature.toString("base64url") },
    };
    expect(await completePasskeySignIn(second.token, forged, rp)).toBeNull();

    expect(await signInWith(new SoftAuthenticator(rp.origin))).toBeNull();
    // None of that spent the token or broke the passkey.
    expect(
      await completePasskeySignIn(second.token, device.authenticate(second.options), rp),
    ).not.toBeNull();
  });

  it("refuses a counter that went backwards (a cloned key)", async () => {
    const { device } = await withPasskey();
    expect(await signInWith(device)).not.toBeNull();
    device.counter = -1; // the next answer says 0, below the 1 stored
    expect(await signInWith(device)).toBeNull();
  });

  it("no longer signs in with a removed passkey", async () => {
    const { user, device } = await withPasskey();
    const other = await member();
    const id = device.credentialId.toString("base64url");
    expect(await removePasskey(other.id, id)).toBe(false);
    expect(await removePasskey(user.id, id)).toBe(true);
    expect(await signInWith(device)).toBeNull();
  });
});

describe("inputs", () => {
  it("parses what browsers send and rejects other shapes", () => {
    const device = new SoftAuthenticator(rp.origin);
    const registration = device.register({
      rp: { id: rp.id, name: "Parley" },
      user: { id: "u", name: "u", displayName: "" },
      challenge: "abc",
      pubKeyCredParams: [],
    });
    expect(parseRegistrationResponse(JSON.stringify(registration))).toMatchObject({
      id: registration.id,
    });
    expect(parseRegistrationResponse("not json")).toBeNull();
    expect(parseRegistrationResponse(JSON.stringify({ id: "x" }))).toBeNull();
    expect(parseRegistrationResponse(42)).toBeNull();
    const assertion = device.authenticate({ challenge: "abc", rpId: rp.id });
    expect(parseAuthenticationResponse(JSON.stringify(assertion))).toMatchObject({
      id: assertion.id,
    });
    expect(
      parseAuthenticationResponse(JSON.stringify({ ...assertion, type: "password" })),
    ).toBeNull();
  });

  it("takes the relying party from the request only when Origin names the host asked for", () => {
    const at = (h: Record<string, string>) => relyingPartyFor(new Headers(h));
    expect(at({ host: "localhost:3000", origin: "http://localhost:3000" })).toEqual({
      id: "localhost",
      origin: "http://localhost:3000",
    });
    expect(at({ host: "forum.test", origin: "https://evil.test" })).toBeNull();
    expect(at({ host: "forum.test" })).toBeNull();
  });
});
