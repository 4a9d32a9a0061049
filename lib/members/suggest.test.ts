// Integration: mention suggestions read from a real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { escapeLike, suggestMembers } from "./suggest";

// A prefix no other test's members share (the test database is shared by every file).
const p = `sg${process.pid}`;

beforeAll(async () => {
  await db
    .insert(users)
    .values([
      { name: `${p}Alpha`, messageCount: 5 },
      { name: `${p}alpine`, messageCount: 50, image: "/avatars/x-1.webp" },
      { name: `${p}Alps Climber`, messageCount: 5 },
      { name: `${p}Beta`, messageCount: 999 },
      { name: `${p}50%off`, messageCount: 1 },
      { name: `${p}50xoff`, messageCount: 2 },
      { name: `${p}a_b`, messageCount: 1 },
      { name: `${p}axb`, messageCount: 3 },
      { name: `${p}back\\slash`, messageCount: 1 },
      ...Array.from({ length: 10 }, (_, i) => ({ name: `${p}many${i}`, messageCount: i })),
    ]);
});

afterAll(async () => {
  await db.$client.end();
});

const names = async (prefix: string, limit?: number) =>
  (await suggestMembers(prefix, limit)).map((m) => m.name);

describe("suggestMembers", () => {
  it("finds names starting with the prefix in any case, most messages first, then by name", async () => {
    expect(await names(`${p}AL`)).toEqual([`${p}alpine`, `${p}Alpha`, `${p}Alps Climber`]);
    expect(await names(`${p}alps c`)).toEqual([`${p}Alps Climber`]);
    expect(await names(`${p}zzz`)).toEqual([]);
  });

  it("returns the avatar URL", async () => {
    expect(await suggestMembers(`${p}alpi`)).toEqual([
      { name: `${p}alpine`, avatarUrl: "/avatars/x-1.webp" },
    ]);
    expect(await suggestMembers(`${p}alph`)).toEqual([{ name: `${p}Alpha`, avatarUrl: null }]);
  });

  it("treats %, _ and \\ as themselves", async () => {
    expect(await names(`${p}50%`)).toEqual([`${p}50%off`]);
    expect(await names(`${p}a_`)).toEqual([`${p}a_b`]);
    expect(await names(`${p}back\\`)).toEqual([`${p}back\\slash`]);
    expect(await names("%")).toEqual([]);
  });

  it("returns at most 8, or the limit asked for", async () => {
    expect(await names(`${p}many`)).toEqual([9, 8, 7, 6, 5, 4, 3, 2].map((i) => `${p}many${i}`));
    expect(await names(`${p}many`, 3)).toEqual([9, 8, 7].map((i) => `${p}many${i}`));
    expect(await names(`${p}many`, 100)).toHaveLength(8);
  });

  it("returns nothing for an empty prefix", async () => {
    expect(await names("")).toEqual([]);
  });
});

describe("escapeLike", () => {
  it("escapes the pattern characters", () => {
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });
});
