// Integration: account settings against the real test Postgres (db/test/global-setup.ts), with real
// images and real argon2 hashes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { storedFiles, users } from "@/db/schema";
import { authenticate } from "../auth/sign-in";
import { verifyPassword } from "../auth/password";
import { AVATAR_SIZE_MESSAGE, AVATAR_TYPE_MESSAGE, readAvatar } from "../members/avatar";
import { refuseFields } from "../result";
import { registerMember } from "./sign-up";
import {
  changeEmail,
  changePassword,
  getAccountSettings,
  getSignatureHtml,
  updateProfile,
} from "./settings";

const PASSWORD = "correct horse battery staple";
let dataDir: string;
let counter = 0;

async function newMember(): Promise<{ id: string; name: string; email: string }> {
  counter += 1;
  const name = `settings${Date.now().toString(36)}${counter}`;
  const email = `${name}@example.test`;
  const result = await registerMember({ username: name, email, password: PASSWORD });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { id: result.userId, name, email };
}

async function row(id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user!;
}

const png = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .toBuffer();
const profile = (
  fields: Partial<{ countryCode: string; location: string; signature: string }>,
) => ({
  countryCode: "",
  location: "",
  signature: "",
  ...fields,
});
/** The avatars stored (in Postgres: every instance serves them). */
const avatars = async () =>
  (await db.select({ name: storedFiles.name }).from(storedFiles)).map((file) => file.name);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "parley-settings-"));
  process.env.DATA_DIR = dataDir;
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await db.$client.end();
});

describe("profile: country, location, signature", () => {
  it("saves a country code (any case) and a location, and clears them", async () => {
    const member = await newMember();
    const saved = await updateProfile(
      member.id,
      profile({ countryCode: "fr", location: "  Lyon,   Rhône  " }),
    );
    expect(saved).toMatchObject({
      ok: true,
      settings: { countryCode: "FR", location: "Lyon, Rhône" },
    });
    expect(await row(member.id)).toMatchObject({ countryCode: "FR", location: "Lyon, Rhône" });

    const tricky = "Tel\u202Evia\u202C\n\tAviv 👨\u200D👩\u200D👧";
    expect(
      await updateProfile(member.id, profile({ countryCode: "IL", location: tricky })),
    ).toMatchObject({ ok: true });
    expect((await row(member.id)).location).toBe("Telvia Aviv 👨\u200D👩\u200D👧");

    expect(await updateProfile(member.id, profile({}))).toMatchObject({ ok: true });
    expect(await row(member.id)).toMatchObject({
      countryCode: null,
      location: null,
      signature: null,
      signatureHtml: null,
    });
  });

  it("refuses codes that are not ISO 3166-1 countries, changing nothing", async () => {
    const member = await newMember();
    await updateProfile(member.id, profile({ countryCode: "JP", location: "Osaka" }));
    for (const countryCode of ["XX", "FRA", "France", "EU", "1F"]) {
      expect(
        await updateProfile(member.id, profile({ countryCode, location: "Elsewhere" })),
      ).toEqual(refuseFields({ countryCode: "Choose a country from the list." }));
    }
    expect(await row(member.id)).toMatchObject({ countryCode: "JP", location: "Osaka" });
  });

  it("allows 50 characters of location, counted as people count them, and no more", async () => {
    const member = await newMember();
    const fifty = "🇫🇷".repeat(10) + "é".repeat(30);
    expect([...fifty]).toHaveLength(50);
    expect(await updateProfile(member.id, profile({ location: fifty }))).toMatchObject({
      ok: true,
    });
    expect((await row(member.id)).location).toBe(fifty);

    expect(await updateProfile(member.id, profile({ location: "x".repeat(51) }))).toEqual(
      refuseFields({ location: "Locations are at most 50 characters long." }),
    );
    expect((await row(member.id)).location).toBe(fifty);
  });

  it("renders the signature like a post, sanitized, and shows it by member number", async () => {
    const member = await newMember();
    const source =
      "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) [site](https://example.test)";
    expect(await updateProfile(member.id, profile({ signature: source }))).toMatchObject({
      ok: true,
    });
    const saved = await row(member.id);
    expect(saved.signature).toBe(source);
    expect(saved.signatureHtml).toContain("<strong>Bold</strong>");
    expect(saved.signatureHtml).toContain("&lt;script&gt;");
    expect(saved.signatureHtml).not.toMatch(/<script|href="javascript/i);
    expect(saved.signatureHtml).toContain('href="https://example.test"');
    expect(await getSignatureHtml(saved.number)).toBe(saved.signatureHtml);

    expect(await updateProfile(member.id, profile({ signature: "y".repeat(501) }))).toEqual(
      refuseFields({ signature: "Signatures are at most 500 characters long." }),
    );
    expect((await row(member.id)).signature).toBe(source);
  });
});

describe("profile: avatar", () => {
  it("stores an uploaded image as /avatars/<file>.webp and replaces the old file on a new upload", async () => {
    const member = await newMember();
    const first = await updateProfile(member.id, {
      ...profile({ countryCode: "FR" }),
      avatar: await png(),
    });
    expect(first.ok).toBe(true);
    const image = (await row(member.id)).image!;
    expect(image).toMatch(new RegExp(`^/avatars/${member.id}-\\d+\\.webp$`));
    const file = image.slice("/avatars/".length);
    expect(await avatars()).toContain(file);
    const meta = await sharp((await readAvatar(file))!).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 192, height: 192 });

    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateProfile(member.id, {
      ...profile({ countryCode: "FR" }),
      avatar: await png(50, 50),
    });
    const next = (await row(member.id)).image!;
    expect(next).not.toBe(image);
    expect(await avatars()).toContain(next.slice("/avatars/".length));
    expect(await avatars()).not.toContain(file);

    expect(
      await updateProfile(member.id, { ...profile({ countryCode: "FR" }), removeAvatar: true }),
    ).toMatchObject({ ok: true, settings: { image: null } });
    expect((await row(member.id)).image).toBeNull();
    expect((await avatars()).filter((f) => f.startsWith(member.id))).toEqual([]);
  });

  it("refuses a text file named .png and a file over 1 MB; nothing else is saved either", async () => {
    const member = await newMember();
    await updateProfile(member.id, { ...profile({ location: "Before" }), avatar: await png() });
    const before = await row(member.id);
    const text = new TextEncoder().encode("I am not a picture, whatever my name says.\n");
    expect(
      await updateProfile(member.id, {
        ...profile({ countryCode: "DE", location: "After" }),
        avatar: text,
      }),
    ).toEqual(refuseFields({ avatar: AVATAR_TYPE_MESSAGE }));
    expect(
      await updateProfile(member.id, {
        ...profile({ countryCode: "DE", location: "After" }),
        avatar: new Uint8Array(5 * 1024 * 1024),
      }),
    ).toEqual(refuseFields({ avatar: AVATAR_SIZE_MESSAGE }));
    // Both problems at once are both reported.
    expect(
      await updateProfile(member.id, { ...profile({ location: "z".repeat(60) }), avatar: text }),
    ).toMatchObject({
      ok: false,
      errors: {
        avatar: AVATAR_TYPE_MESSAGE,
        location: "Locations are at most 50 characters long.",
      },
    });
    expect(await row(member.id)).toMatchObject({
      image: before.image,
      location: "Before",
      countryCode: null,
    });
    expect((await avatars()).filter((f) => f.startsWith(member.id))).toEqual([
      before.image!.slice("/avatars/".length),
    ]);
  });
});

describe("email", () => {
  it("is unique without regard to case, stored lower-case, and unverified after a change", async () => {
    const taken = await newMember();
    const member = await newMember();
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, member.id));

    expect(
      await changeEmail(member.id, { email: taken.email.toUpperCase(), currentPassword: PASSWORD }),
    ).toEqual(refuseFields({ email: "An account with that email address already exists." }));
    expect(
      await changeEmail(member.id, { email: "not-an-email", currentPassword: PASSWORD }),
    ).toEqual(refuseFields({ email: "Enter a valid email address." }));
    expect((await row(member.id)).email).toBe(member.email);

    // One's own address, in another case, is no clash and no change.
    expect(
      await changeEmail(member.id, {
        email: member.email.toUpperCase(),
        currentPassword: PASSWORD,
      }),
    ).toEqual({
      ok: true,
      email: member.email,
      changed: false,
    });

    const fresh = `New.${member.name}@Example.TEST`;
    // The current password first, so a borrowed browser cannot move the account's resets elsewhere.
    expect(await changeEmail(member.id, { email: fresh })).toEqual(
      refuseFields({ currentPassword: "Enter your current password." }),
    );
    expect(await changeEmail(member.id, { email: fresh, currentPassword: "wrong one" })).toEqual(
      refuseFields({ currentPassword: "That is not your current password." }),
    );
    expect(
      await changeEmail(member.id, { email: ` ${fresh} `, currentPassword: PASSWORD }),
    ).toEqual({
      ok: true,
      email: fresh.toLowerCase(),
      changed: true,
    });
    expect(await row(member.id)).toMatchObject({ email: fresh.toLowerCase(), emailVerified: null });
    expect((await getAccountSettings(member.id))?.email).toBe(fresh.toLowerCase());
  });
});

describe("password", () => {
  it("needs the current password, follows the new-password rules, and bumps the session version", async () => {
    const member = await newMember();
    const before = await row(member.id);
    const NEW = "a brand new passphrase";

    expect(
      await changePassword(member.id, { currentPassword: "wrong password!", newPassword: NEW }),
    ).toEqual(refuseFields({ currentPassword: "That is not your current password." }));
    expect(await changePassword(member.id, { currentPassword: "", newPassword: NEW })).toEqual(
      refuseFields({ currentPassword: "Enter your current password." }),
    );
    expect(
      await changePassword(member.id, { currentPassword: PASSWORD, newPassword: "short" }),
    ).toEqual(refuseFields({ newPassword: "Passwords are at least 10 characters long." }));
    expect(
      await changePassword(member.id, { currentPassword: PASSWORD, newPassword: "qwertyuiop" }),
    ).toMatchObject({ ok: false, errors: { newPassword: expect.stringContaining("common") } });
    expect(
      await changePassword(member.id, {
        currentPassword: PASSWORD,
        newPassword: member.name.toUpperCase(),
      }),
    ).toMatchObject({
      ok: false,
      errors: { newPassword: "Your password cannot be your username." },
    });
    expect(await row(member.id)).toMatchObject({
      passwordHash: before.passwordHash,
      sessionVersion: before.sessionVersion,
    });

    expect(
      await changePassword(member.id, { currentPassword: PASSWORD, newPassword: NEW }),
    ).toEqual({
      ok: true,
      identifier: member.name,
      sessionVersion: before.sessionVersion + 1,
    });
    const after = await row(member.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash!, NEW)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, PASSWORD)).toBe(false);
    expect(await authenticate(member.name, NEW, null)).toMatchObject({
      ok: true,
      user: { sessionVersion: after.sessionVersion },
    });
    expect(await authenticate(member.name, PASSWORD, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("lets a member without a password (signed up elsewhere) set one", async () => {
    const member = await newMember();
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, member.id));
    expect((await getAccountSettings(member.id))?.hasPassword).toBe(false);
    expect(
      await changePassword(member.id, { currentPassword: "", newPassword: "a first passphrase" }),
    ).toMatchObject({ ok: true });
    expect(await getAccountSettings(member.id)).toMatchObject({ hasPassword: true });
  });
});
