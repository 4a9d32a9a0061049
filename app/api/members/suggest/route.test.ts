// GET /api/members/suggest through its route handler, against the real Postgres: a q with NUL in
// it (issue 13, finding 6) answered 500; now the control characters are dropped before the lookup,
// and a q that is nothing else is a 400 with a message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { cleanUp, makeMember, type Member } from "@/lib/testing/factories";
import { GET } from "./route";

let member: Member;
beforeAll(async () => {
  member = await makeMember({ prefix: "suggestnul" });
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

const suggest = (q: string) =>
  GET(
    new Request(`http://localhost/api/members/suggest?q=${q}`, {
      headers: { "x-forwarded-for": "192.0.2.7" },
    }),
  );

describe("GET /api/members/suggest", () => {
  it("looks up a name with NUL and other control characters left out", async () => {
    const response = await suggest(`${member.name.slice(0, 4)}%00%01%C2%85${member.name.slice(4)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { members: { name: string }[] };
    expect(body.members.map((m) => m.name)).toEqual([member.name]);
  });

  it("answers 400 with a message when q is only control characters", async () => {
    const response = await suggest("%00%00");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Give the start of a member name as q." });
  });
});
