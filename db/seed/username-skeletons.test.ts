// Integration: a database from before the skeleton column, with look-alike members already in it, is
// started as `npm start` starts it: every member keeps their name and can still be found, the pairs
// are reported, and a new look-alike is refused by the unique index itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { db } from "../client";
import { createDatabase, type Database } from "../connect";
import { prepareDatabase } from "../prepare";
import { users } from "../schema";
import { fillUsernameSkeletons } from "./username-skeletons";
import { usernameSkeleton } from "@/lib/accounts/username-skeleton";

let own: Database;
const ownName = `skeletons_test_${process.pid}`;

beforeAll(async () => {
  await db.execute(sql.raw(`create database "${ownName}"`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${ownName}`;
  own = createDatabase(url.toString(), 2);
});
afterAll(async () => {
  await own.$client.end();
  await db.execute(sql.raw(`drop database "${ownName}"`));
  await db.$client.end();
});

describe("filling username skeletons at start", () => {
  it("fills every member's, keeps look-alike pairs working and reports them, then refuses a third", async () => {
    const log: string[] = [];
    await prepareDatabase(own, (m) => log.push(m));
    // Members from before the column: their skeleton is null, as migration 0008 leaves it.
    const names = ["ace", "\u0430\u0441\u0435", "ace\u034F", "Quill", "rn", "m"];
    await own.insert(users).values(names.map((name) => ({ name })));
    await own.execute(sql`update users set username_skeleton = null`);

    log.length = 0;
    await prepareDatabase(own, (m) => log.push(m));
    const rows = await own
      .select({ name: users.name, skeleton: users.usernameSkeleton })
      .from(users)
      .where(inArray(users.name, names))
      .orderBy(asc(users.number));
    expect(rows).toEqual([
      { name: "ace", skeleton: "ace" },
      { name: "\u0430\u0441\u0435", skeleton: null },
      { name: "ace\u034F", skeleton: null },
      { name: "Quill", skeleton: usernameSkeleton("Quill") },
      { name: "rn", skeleton: "rn" },
      { name: "m", skeleton: null },
    ]);
    // The seed members and the administrator got theirs back too.
    expect(
      await own
        .select({ name: users.name })
        .from(users)
        .where(and(isNull(users.usernameSkeleton), notInArray(users.name, names))),
    ).toEqual([]);
    expect(log.filter((l) => l.includes("looks like"))).toEqual([
      expect.stringMatching(/^Member #\d+ "асе" looks like member #\d+ "ace": both keep/),
      expect.stringMatching(/^Member #\d+ "ace\u034F" looks like member #\d+ "ace"/),
      expect.stringMatching(/^Member #\d+ "m" looks like member #\d+ "rn"/),
    ]);

    // Later starts have nothing new to fill and say the same about the pairs.
    const again = await fillUsernameSkeletons(own, () => {});
    expect(again.map((c) => c.member.name)).toEqual(["\u0430\u0441\u0435", "ace\u034F", "m"]);

    await expect(
      own.insert(users).values({ name: "ACE\uFE0F", usernameSkeleton: usernameSkeleton("ACE") }),
    ).rejects.toMatchObject({ cause: { constraint_name: "users_username_skeleton_idx" } });
  });
});
