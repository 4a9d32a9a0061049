// Integration: a member's colour scheme saved on their row and given back by the personal answer,
// against the real test Postgres.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { ANONYMOUS } from "../permissions";
import { personalAnswer } from "../personal/answer";
import { makeMember } from "../testing/factories";
import { saveColorScheme } from "./color-scheme";

afterAll(async () => {
  await db.$client.end();
});

const answerFor = (member: { id: string }) =>
  personalAnswer({
    session: { uid: member.id, sv: 0, sid: null },
    scope: { thread: null, posts: [], threads: [] },
    isPageView: true,
  });

describe("saveColorScheme", () => {
  it("keeps a member's light or dark choice, and forgets it for system", async () => {
    const member = await makeMember();
    expect((await answerFor(member)).colorScheme).toBeNull();

    expect(await saveColorScheme(member, "dark")).toEqual({ ok: true, colorScheme: "dark" });
    expect((await answerFor(member)).colorScheme).toBe("dark");

    expect(await saveColorScheme(member, "system")).toEqual({ ok: true, colorScheme: null });
    expect((await answerFor(member)).colorScheme).toBeNull();
  });

  it("refuses other values in words, and guests", async () => {
    const member = await makeMember();
    expect(await saveColorScheme(member, "sepia")).toEqual({
      ok: false,
      error: "Choose light, dark or system.",
    });
    expect(await saveColorScheme(member, { scheme: "dark" })).toMatchObject({ ok: false });
    expect(await saveColorScheme(ANONYMOUS, "dark")).toEqual({
      ok: false,
      error: "Sign in to keep your colour scheme on every device.",
    });
    expect((await answerFor(member)).colorScheme).toBeNull();
  });
});
