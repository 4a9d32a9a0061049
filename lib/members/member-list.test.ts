// Integration: the member list over the imported seed members, on the real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { importSeedsIfEmpty } from "@/db/seed/import-seeds";
import { getMemberList, MEMBERS_PER_PAGE, memberListUrl, memberSortFromParam } from "./member-list";

const created: string[] = [];

beforeAll(async () => {
  await importSeedsIfEmpty(db, () => {});
});

afterAll(async () => {
  if (created.length) await db.delete(users).where(inArray(users.id, created));
  await db.$client.end();
});

describe("sort parameters", () => {
  it("knows three sorts, defaults to messages and refuses anything else", () => {
    expect(memberSortFromParam(undefined)).toBe("messages");
    expect(memberSortFromParam("joined")).toBe("joined");
    expect(memberSortFromParam("reaction-score")).toBe("reaction-score");
    expect(memberSortFromParam("name; drop table users")).toBeNull();
    expect(memberSortFromParam(["joined", "messages"])).toBeNull();
    expect(memberListUrl()).toBe("/members");
    expect(memberListUrl("joined", 2)).toBe("/members?sort=joined&page=2");
  });
});

describe("the member list", () => {
  it("shows the imported members with their counts, most messages first", async () => {
    const list = await getMemberList("messages", 1);
    expect(list?.members.slice(0, 3).map((m) => [m.card.name, m.card.messageCount])).toEqual([
      ["Aepsilons", 24960],
      ["Razor", 7701],
      ["Srinivas_K", 7417],
    ]);
    expect(list?.members[0]?.card).toMatchObject({
      memberTitle: "ELITE MEMBER",
      countryName: "Japan",
      joinedOn: "2014-05-29",
      reactionScore: 118,
    });
    expect(list?.members[1]?.card).toMatchObject({
      customTitle: "STABLE GENIUS",
      memberTitle: "Senior Member",
    });
    expect(list?.members[0]?.card.url).toMatch(/^\/members\/\d+-aepsilons$/);
  });

  it("sorts by reaction score and by earliest join date", async () => {
    const byScore = await getMemberList("reaction-score", 1);
    expect(byScore?.members.slice(0, 2).map((m) => [m.card.name, m.card.reactionScore])).toEqual([
      ["Srinivas_K", 12935],
      ["Razor", 9099],
    ]);
    const byJoined = await getMemberList("joined", 1);
    expect(byJoined?.members.slice(0, 2).map((m) => [m.card.name, m.card.joinedOn])).toEqual([
      ["Srinivas_K", "2009-06-17"],
      ["no smoking", "2009-08-14"],
    ]);
  });

  it("pages through members 50 at a time and answers null past the last page", async () => {
    // Fill up to some full pages plus 5 on the last one, whatever other test files left behind.
    const before = (await getMemberList("messages", 1))!.total;
    const fullPages = Math.max(1, Math.ceil((before - 5) / MEMBERS_PER_PAGE));
    const total = fullPages * MEMBERS_PER_PAGE + 5;
    if (total > before) {
      const rows = await db
        .insert(users)
        .values(
          Array.from({ length: total - before }, (_, i) => ({
            name: `list-filler-${Date.now().toString(36)}-${i}`,
            messageCount: 0,
          })),
        )
        .returning({ id: users.id });
      created.push(...rows.map((r) => r.id));
    }

    const pageCount = fullPages + 1;
    const pages = await Promise.all(
      Array.from({ length: pageCount }, (_, i) => getMemberList("joined", i + 1)),
    );
    expect(pages[0]).toMatchObject({ total, pageCount, page: 1 });
    expect(pages.map((p) => p?.members.length)).toEqual([
      ...Array<number>(fullPages).fill(MEMBERS_PER_PAGE),
      5,
    ]);
    // Every member exactly once across the pages: the order is total (ties broken by number).
    const names = new Set(pages.flatMap((p) => p!.members.map((m) => m.card.name)));
    expect(names.size).toBe(total);
    expect(await getMemberList("joined", pageCount + 1)).toBeNull();
  });
});
