// Integration: quoting a post does not alert the members it mentions again; a mention written
// outside the quote still alerts.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { alerts } from "@/db/schema";
import { makeForum, makeMember, newThread, reply } from "../testing/factories";
import { outsideQuotes } from "./render-context";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

const alertsFor = async (postId: number) =>
  new Map(
    (
      await db
        .select({ userId: alerts.userId, kind: alerts.kind })
        .from(alerts)
        .where(eq(alerts.postId, postId))
    ).map((a) => [a.userId, a.kind]),
  );

describe("mentions inside quotes", () => {
  it("keeps only the HTML outside block quotes, however deeply nested", () => {
    expect(
      outsideQuotes(
        'a<blockquote class="quote"><p>b</p><blockquote><p>c</p></blockquote><p>d</p></blockquote>e<blockquote>f</blockquote>g',
      ),
    ).toBe("aeg");
  });

  it("alerts a member mentioned in the new text, not one mentioned only in the quoted post", async () => {
    const [opener, quotedAuthor, mentionedBefore, mentionedNow, quoter] = [
      await makeMember(),
      await makeMember(),
      await makeMember(),
      await makeMember(),
      await makeMember({ autoWatch: false }),
    ];
    const { threadId } = await newThread({ author: opener, forumId });
    const original = await reply({
      author: quotedAuthor,
      threadId,
      message: `What do you think, @${mentionedBefore.name}?`,
    });
    expect((await alertsFor(original.postId)).get(mentionedBefore.id)).toBe("mention");

    const quote = await reply({
      author: quoter,
      threadId,
      message: `::: quote ${original.postId} ${quotedAuthor.name}\nWhat do you think, @${mentionedBefore.name}?\n:::\n\nAsking @${mentionedNow.name} too.`,
    });
    const got = await alertsFor(quote.postId);
    expect(got.get(mentionedBefore.id)).toBeUndefined();
    expect(got.get(mentionedNow.id)).toBe("mention");
    expect(got.get(quotedAuthor.id)).toBe("quote");
  });
});
