// Integration: what issue 13 found at sign-up (look-alike names, unlimited sign-ups, a bot, an answer
// that told which emails have accounts), against the real Postgres.
import { afterAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signUpAttempts, users } from "@/db/schema";
import { REQUEST_RATES } from "../limits/request-rates";
import { refuseFields } from "../result";
import { LOOKALIKE_USERNAME, registerMember, SIGN_UP_REFUSED } from "./sign-up";
import { usernameSkeleton } from "./username-skeleton";

afterAll(async () => {
  await db.$client.end();
});

let n = 0;
const password = "a perfectly fine passphrase";
const email = () => `abuse${process.pid}x${++n}@example.test`;
/** Digits only, so a name stays in one script whatever letters come before. */
const suffix = () => `${process.pid}${String(++n).padStart(3, "0")}`;
const membersNamed = (names: string[]) =>
  db.select({ name: users.name }).from(users).where(inArray(users.name, names));
const INVISIBLE = (points: string) => `Usernames cannot contain invisible characters (${points}).`;

describe("look-alike usernames", () => {
  it("refuses each of the 9 look-alikes the attack got through, beside the names they copy", async () => {
    const id = suffix();
    const ace = `ace${id}`;
    const ff = `ff${id}`;
    for (const username of [ace, ff])
      expect((await registerMember({ username, email: email(), password })).ok).toBe(true);
    const bold = (s: string) =>
      [...s]
        .map((c) => (/[a-z]/.test(c) ? String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97) : c))
        .join("");
    const fullwidth = (s: string) =>
      [...s].map((c) => String.fromCodePoint(c.charCodeAt(0) + 0xfee0)).join("");
    const cases: [string, string][] = [
      // NFKC turns these into the very name, so it is simply taken.
      [fullwidth(ace), "That username is taken."],
      [`\uFB00${id}`, "That username is taken."],
      [bold("ace") + id, "That username is taken."],
      // Cyrillic а, с, е: other letters that look the same.
      [`\u0430\u0441\u0435${id}`, LOOKALIKE_USERNAME],
      [`\u0410\u0421\u0415${id}`, LOOKALIKE_USERNAME],
      [`${ace}\u034F`, INVISIBLE("U+034F")],
      [`${ace}\uFE0F`, INVISIBLE("U+FE0F")],
      [`${ace}\u3164`, INVISIBLE("U+3164")],
      [`\u115F${ace}`, INVISIBLE("U+115F")],
    ];
    for (const [username, message] of cases)
      expect(
        await registerMember({ username, email: email(), password }),
        JSON.stringify(username),
      ).toEqual(refuseFields({ username: message }));
    expect(await membersNamed(cases.map(([name]) => name))).toEqual([]);
  });

  it("refuses names that mix scripts, and keeps Latin with Japanese or Chinese", async () => {
    const mixed = await registerMember({
      username: `p\u0430ypal${suffix()}`,
      email: email(),
      password,
    });
    expect(mixed).toEqual(
      refuseFields({
        username:
          "Use letters of one script (Latin, Cyrillic, Greek…); digits, spaces, _ - and . go with any.",
      }),
    );
    for (const username of [`Tokyo東京${suffix()}`, `すし_寿司${suffix()}`, `Ελένη ${suffix()}`])
      expect((await registerMember({ username, email: email(), password })).ok, username).toBe(
        true,
      );
  });

  it("stores the skeleton, and lets the unique index decide between two look-alikes racing", async () => {
    const id = suffix();
    const results = await Promise.all([
      registerMember({ username: `ace${id}`, email: email(), password }),
      registerMember({ username: `\u0430\u0441\u0435${id}`, email: email(), password }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual(refuseFields({ username: LOOKALIKE_USERNAME }));
    const [row] = await db
      .select({ skeleton: users.usernameSkeleton })
      .from(users)
      .where(eq(users.usernameSkeleton, usernameSkeleton(`ace${id}`)));
    expect(row).toBeDefined();
  });
});

describe("sign-up from one address", () => {
  it(`allows ${REQUEST_RATES.signUpsPerHour} an hour, counted in Postgres, then says when to come back`, async () => {
    const address = `192.0.2.${(process.pid % 200) + 1}`;
    await db.delete(signUpAttempts).where(eq(signUpAttempts.address, address));
    // A form sent back for a wrong field is a person fixing it: it does not count.
    expect(
      await registerMember({ username: "ab", email: email(), password }, { address }),
    ).toMatchObject({ ok: false, errors: { username: expect.any(String) } });
    for (let i = 0; i < REQUEST_RATES.signUpsPerHour; i++)
      expect(
        (
          await registerMember(
            { username: `many${suffix()}`, email: email(), password },
            { address },
          )
        ).ok,
      ).toBe(true);
    const username = `many${suffix()}`;
    const refused = await registerMember({ username, email: email(), password }, { address });
    expect(refused).toEqual({
      ok: false,
      field: "form",
      error:
        "Too many accounts were made from your network in the last hour. Try again in 60 minutes.",
    });
    expect(await membersNamed([username])).toEqual([]);
    // Another address is not held back.
    expect(
      (await registerMember({ username, email: email(), password }, { address: `${address}1` })).ok,
    ).toBe(true);

    // The count is rows in Postgres, which every instance reads: an hour later it is free again.
    await db
      .update(signUpAttempts)
      .set({ at: sql`now() - interval '61 minutes'` })
      .where(eq(signUpAttempts.address, address));
    expect(
      (await registerMember({ username: `many${suffix()}`, email: email(), password }, { address }))
        .ok,
    ).toBe(true);
  });

  it("answers a bot that fills the hidden field like a known email, and makes no account", async () => {
    const address = "198.51.100.201";
    const username = `bot${suffix()}`;
    const bot = await registerMember(
      { username, email: email(), password },
      { address, trap: "https://spam.example" },
    );
    expect(bot).toEqual({ ok: false, error: SIGN_UP_REFUSED, field: "form" });
    expect(await membersNamed([username])).toEqual([]);

    const known = email();
    expect((await registerMember({ username: `own${suffix()}`, email: known, password })).ok).toBe(
      true,
    );
    const probe = await registerMember(
      { username: `probe${suffix()}`, email: known, password },
      { address },
    );
    expect(probe).toEqual(bot);
    // Both counted towards the address's limit, like any sign-up.
    const [{ count }] = (await db.execute<{ count: number }>(
      sql`select count(*)::int as count from sign_up_attempts where address = ${address}`,
    )) as unknown as [{ count: number }];
    expect(count).toBe(2);
  });
});
