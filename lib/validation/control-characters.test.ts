// Issue 13, finding 6: NUL in any text field made Postgres fail (22021) and the page or action answer
// 500. Each text entry point, against the real Postgres: the text is stored or searched without its
// control characters, and nothing throws.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { posts, threads, users } from "@/db/schema";
import { signInSchema } from "../accounts/rules";
import { updateProfile } from "../accounts/settings";
import { editPost } from "../forum/posting";
import { listMembersForAdmin, searchSchema } from "../members/roles";
import { listModLog } from "../moderation/log-listing";
import { ANONYMOUS } from "../permissions";
import { runSearch } from "../search/search";
import { cleanUp, makeForum, makeMember, newThread, type Member } from "../testing/factories";

let member: Member;
let admin: Member;
let forumId: number;
beforeAll(async () => {
  [member, admin] = await Promise.all([makeMember(), makeMember({ role: "admin" })]);
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

describe("text with NUL and other control characters", () => {
  it("starts a thread and edits its post without them", async () => {
    const posted = await newThread({
      author: member,
      forumId,
      title: "Hello\u0000 wor\u0085ld",
      message: "First\u0000 line\r\nsecond\u0007 line",
    });
    const [thread] = await db.select().from(threads).where(eq(threads.id, posted.threadId));
    const [post] = await db.select().from(posts).where(eq(posts.id, posted.postId));
    expect(thread?.title).toBe("Hello world");
    expect(post?.source).toBe("First line\nsecond line");

    const edited = await editPost(member, {
      postId: posted.postId,
      message: "Edited\u0000\ud800!",
    });
    expect(edited.ok).toBe(true);
    const [after] = await db.select().from(posts).where(eq(posts.id, posted.postId));
    expect(after?.source).toBe("Edited!");
  });

  it("saves a location and a signature without them", async () => {
    const result = await updateProfile(member.id, {
      countryCode: "",
      location: "Par\u0000is",
      signature: "Bye\u0000\u001b[31m\r\nfor now",
    });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row?.location).toBe("Paris");
    expect(row?.signature).toBe("Bye[31m\nfor now");
  });

  it("searches members, the moderator log and posts without them", async () => {
    const page = await listMembersForAdmin(admin, {
      search: searchSchema.parse(`${member.name.slice(0, 3)}\u0000${member.name.slice(3)}`),
      page: 1,
    });
    expect(page?.members.map((m) => m.id)).toContain(member.id);
    await expect(listModLog({ actor: "a\u0000b", page: 1 })).resolves.toBeTruthy();
    const search = await runSearch(ANONYMOUS, { q: "hello\u0000", member: "a\u0000b" });
    expect(search).toBeTruthy();
  });

  it("signs in with the name as typed, less the control characters", () => {
    expect(signInSchema.parse({ identifier: "a\u0000b ", password: "x" }).identifier).toBe("ab");
  });
});
