import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectSeedStyle, parseSeedDocument } from "./parse-document";
import type { ImportedDocument, ImportedPost, PostBlock } from "./types";

const DOCS = fileURLToPath(new URL("../../db/seed/documents/", import.meta.url));
const FILES = {
  elite: "000_68ffb54545db6918.txt",
  news: "001_ffc651fd4dd45c8a.txt",
  blog: "002_bd15427755b608ca.txt",
  senior: "003_4c2f5da5c24a5470.txt",
  noisy: "004_6269b3003b5fdee4.txt",
} as const;

const read = (file: string): string => readFileSync(DOCS + file, "utf8");
const load = (file: string): ImportedDocument => parseSeedDocument(file, read(file));

/** "[own]" / "[quote→i]" per block: the shape of a post at a glance. */
const shape = (post: ImportedPost | undefined): string[] =>
  (post?.blocks ?? []).map((b) => (b.kind === "text" ? "own" : `quote→${b.postIndex}`));
const shapes = (doc: ImportedDocument): string[] => doc.thread.posts.map((p) => shape(p).join(" "));
const block = (doc: ImportedDocument, post: number, index: number): PostBlock | undefined =>
  doc.thread.posts[post]?.blocks[index];
const allLines = (doc: ImportedDocument): string[] =>
  doc.thread.posts.flatMap((p) => p.blocks.flatMap((b) => b.text.split("\n").map((l) => l.trim())));

describe("detectSeedStyle", () => {
  it("reads the layout from the text, not the file name", () => {
    expect(detectSeedStyle(read(FILES.elite))).toBe("xenforo-elite");
    expect(detectSeedStyle(read(FILES.senior))).toBe("xenforo-senior");
    expect(detectSeedStyle(read(FILES.news))).toBe("article");
    expect(detectSeedStyle(read(FILES.blog))).toBe("article");
    expect(detectSeedStyle(read(FILES.noisy))).toBe("article");
    expect(parseSeedDocument("renamed.txt", read(FILES.senior)).thread.posts).toHaveLength(7);
  });
});

describe("000: XenForo thread, ELITE MEMBER style", () => {
  const doc = load(FILES.elite);

  it("has the title after the chrome and 13 posts, only the first with an author", () => {
    expect(doc.thread.title).toBe("Japan-Russia Relations: Toward a Peace Treaty and Beyond");
    expect(doc.thread.kind).toBe("discussion");
    expect(doc.thread.byline).toBeNull();
    expect(doc.thread.sourceFile).toBe(FILES.elite);
    expect(doc.thread.posts.map((p) => p.authorUsername)).toEqual([
      "Aepsilons",
      ...Array<null>(12).fill(null),
    ]);
    expect(doc.thread.posts.map((p) => p.edited)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads the single user block", () => {
    expect(doc.members).toEqual([
      {
        username: "Aepsilons",
        customTitle: null,
        memberTitle: "ELITE MEMBER",
        joinedOn: "2014-05-29",
        messageCount: 24960,
        reactionScore: 118,
        countryCode: "JP",
        location: "United States",
      },
    ]);
  });

  it("recovers every quote and attributes it to the post that wrote the text", () => {
    expect(shapes(doc)).toEqual([
      "own",
      "own",
      "quote→1 own",
      "own quote→2",
      "own",
      "quote→4 own",
      "quote→4 own quote→3 own",
      "quote→6 own",
      "own",
      "quote→8 own",
      "quote→6 own",
      "own",
      "quote→5 own quote→6 own",
    ]);
  });

  it("keeps the opening post free of the user block and chrome", () => {
    const first = block(doc, 0, 0)?.text ?? "";
    expect(first.startsWith("In the 18th and 19th centuries")).toBe(true);
    expect(first.endsWith("deepens its own relationship with Russia.")).toBe(true);
    const lines = allLines(doc);
    for (const chrome of [
      "What's new",
      "Back",
      "Top Bottom",
      "Aepsilons",
      "ELITE MEMBER",
      "Joined",
      ".",
      ". . .",
      "Last edited:",
    ]) {
      expect(lines).not.toContain(chrome);
    }
  });

  it("quotes a whole post and keeps its paragraphs", () => {
    const quote = block(doc, 2, 0);
    expect(quote).toMatchObject({ kind: "quote", postIndex: 1 });
    expect(
      quote?.text.startsWith(
        "Policy Recommendations\n\nCreate a flexible policy toward Russia\n\n",
      ),
    ).toBe(true);
    expect(
      quote?.text.endsWith(
        "Reference:\n\nJapan-Russia Relations: Toward a Peace Treaty and Beyond / ISN\n\n@vostok , @senheiser , --- your input ? Spasebo!",
      ),
    ).toBe(true);
    expect(block(doc, 2, 1)?.text).toMatch(/^Bear will find comfort in Japan/);
    expect(block(doc, 2, 1)?.text).toContain(
      'The time for "мир" is nigh.\n\n4d426f3bdb3ba77a907b964beb3f6118.jpg\n\ntreaty-stall-years-japan.si.jpg',
    );
  });

  it("keeps single line breaks inside a paragraph", () => {
    expect(block(doc, 3, 0)).toEqual({
      kind: "text",
      text: "As an ally of US, Japan has no independent policy regarding Russia..\nIf US want sanction on Russia, Japan will surely follow..\nThere is no solution...",
    });
    expect(block(doc, 3, 1)).toMatchObject({ kind: "quote", postIndex: 2 });
  });

  it("splits a post that interleaves two quotes with its own text", () => {
    expect(block(doc, 6, 0)).toEqual({
      kind: "quote",
      postIndex: 4,
      text: "American will respect our policy regarding Russia. That is clear.",
    });
    const own = block(doc, 6, 1)?.text ?? "";
    expect(own).toMatch(/^As they should, as they will\./);
    expect(own).toContain("You have too (made your position clear).");
    expect(own.endsWith("мир not проблемы")).toBe(true);
    expect(block(doc, 6, 2)).toMatchObject({ kind: "quote", postIndex: 3 });
    expect(block(doc, 6, 2)?.text).toMatch(/^As an ally of US/);
    expect(block(doc, 6, 3)?.text).toMatch(/^The US already wants Japan to sanction Russia/);
    expect(block(doc, 6, 3)?.text).toContain("assuming he doesn't have you on his ignore list");
  });

  it("matches a quote of the version of a post from before it was edited, in the reply's wording", () => {
    const quote = block(doc, 7, 0);
    expect(quote).toMatchObject({ kind: "quote", postIndex: 6 });
    const text = quote?.text ?? "";
    expect(text).toContain(
      "Greece is a US ally, it maintains a strong relationship with Russia. Turkey",
    );
    expect(text).toContain("\n\nYou have too. Japan, though a strong US friend");
    expect(text).toContain("\n\nBut frankly, who cares when someone says otherwise.");
    expect(text).toContain("(that's already been explained), but I'm a Russian-borne US citizen");
    expect(text).not.toContain("made your position clear");
    expect(text).not.toContain("TPP");
    expect(text).not.toContain("\n\n\n");
    expect(block(doc, 7, 1)).toEqual({
      kind: "text",
      text: "It's different. Europe has solved the WWII history issues completely. Japanese still keep a sick mentality under the protection of America. Japan escaped from the WWII punishment.",
    });
  });

  it("points a repeated quote back to the post that first wrote it", () => {
    expect(block(doc, 10, 0)).toMatchObject({ kind: "quote", postIndex: 6 });
    expect(block(doc, 10, 0)?.text).toContain("\n\nмир not проблемы\n\nThe US already wants");
    expect(block(doc, 12, 0)).toEqual({
      kind: "quote",
      postIndex: 5,
      text: "Is it? Then why sanction Russia, Indian, China has independent foreign policy, Japan wants to make nice but can't.\n\nEverything said in OP is pre Crimea sanctions.",
    });
    expect(block(doc, 12, 1)?.text).toBe(
      "It considers the Peri-Crimea situation. Japan's strategic relationship with Russia is deep and comprehensive.",
    );
    expect(block(doc, 12, 2)).toMatchObject({ kind: "quote", postIndex: 6 });
    expect(block(doc, 12, 2)?.text).toMatch(
      /Indonesia has been helping Japan and China ease their tensions, perhaps Japan can do the same for the US and Russia\?$/,
    );
  });

  it("leaves image names, mentions and the last post's tail as written", () => {
    const last = block(doc, 12, 3)?.text ?? "";
    expect(last).toMatch(/^Western media doesn't really publish/);
    expect(
      last.endsWith(
        "042-043.jpg\n\n044-045.jpg\n\nJapanese-Warships-Complete-Visit-to-Vladivostok.jpg\n\nsailors-in-formation.jpg",
      ),
    ).toBe(true);
    expect(block(doc, 1, 0)?.text).toContain("@vostok , @senheiser , --- your input ? Spasebo!");
  });
});

describe("003: XenForo thread, Senior Member style", () => {
  const doc = load(FILES.senior);

  it("has seven posts with their authors and edit flags", () => {
    expect(doc.thread.title).toBe("Why is Japan's Abe Seeking Better Ties with Russia's Putin?");
    expect(doc.thread.posts.map((p) => p.authorUsername)).toEqual([
      "Srinivas_K",
      "Razor",
      "Srinivas_K",
      "Razor",
      "northernarunachalpradesh",
      "no smoking",
      "amoy",
    ]);
    expect(doc.thread.posts.map((p) => p.edited)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(shapes(doc)).toEqual([
      "own",
      "own",
      "quote→1 own",
      "quote→2 own",
      "quote→3 own",
      "quote→2 own",
      "quote→0 own",
    ]);
  });

  it("lists each member once, with custom titles and without a country", () => {
    expect(doc.members.map((m) => m.username)).toEqual([
      "Srinivas_K",
      "Razor",
      "northernarunachalpradesh",
      "no smoking",
      "amoy",
    ]);
    expect(doc.members[1]).toEqual({
      username: "Razor",
      customTitle: "STABLE GENIUS",
      memberTitle: "Senior Member",
      joinedOn: "2011-02-07",
      messageCount: 7701,
      reactionScore: 9099,
      countryCode: null,
      location: null,
    });
    expect(doc.members[0]).toMatchObject({
      customTitle: null,
      memberTitle: "Senior Member",
      joinedOn: "2009-06-17",
      messageCount: 7417,
      reactionScore: 12935,
    });
    expect(doc.members[2]).toMatchObject({
      memberTitle: "Regular Member",
      joinedOn: "2013-10-28",
      messageCount: 367,
      reactionScore: 278,
      countryCode: null,
    });
    expect(doc.members[3]).toMatchObject({
      joinedOn: "2009-08-14",
      messageCount: 5000,
      reactionScore: 2302,
    });
    expect(doc.members[4]).toMatchObject({
      joinedOn: "2010-01-17",
      messageCount: 5982,
      reactionScore: 1849,
    });
  });

  it("keeps the opening post's own title line, which is part of the post", () => {
    const op = block(doc, 0, 0)?.text ?? "";
    expect(
      op.startsWith(
        "Why is Japan's Abe Seeking Better Ties with Russia's Putin?\n\nJapanese Prime Minister Shinzo Abe",
      ),
    ).toBe(true);
    expect(
      op.endsWith("she said.\n\nWhy is Japan's Abe Seeking Better Ties with Russia's Putin?"),
    ).toBe(true);
  });

  it("recovers the quotes", () => {
    expect(block(doc, 2, 0)).toMatchObject({ kind: "quote", postIndex: 1 });
    expect(block(doc, 2, 0)?.text).toMatch(/^Almost certainly Russia-China relations/);
    expect(block(doc, 5, 0)).toEqual({
      kind: "quote",
      postIndex: 2,
      text: "Gone are the days when Russia and West used to see each of them as enemies.",
    });
    // A leading part of the opening post's line, cut short by the reply.
    expect(block(doc, 6, 0)).toEqual({
      kind: "quote",
      postIndex: 0,
      text: '"For Russia, making the Japanese hopeful about an eventual signing of a treaty is a very good thing, because it can be dangled as a prize to entice Japanese investment and other types of cooperation',
    });
    expect(block(doc, 6, 1)?.text).toMatch(/^:thumb: The above has said it all\..*:rofl:$/);
  });

  it("keeps single line breaks and drops chrome and user blocks", () => {
    expect(block(doc, 3, 1)?.text).toMatch(
      /threat priority of Russia\.\nWhat are you trying to say \?/,
    );
    const lines = allLines(doc);
    for (const chrome of [
      "Latest Replies",
      "Global Defence",
      "New threads",
      "Articles",
      "Top",
      "Country flag",
      "Likes",
      "Senior Member",
      "STABLE GENIUS",
      "Last edited:",
    ]) {
      expect(lines).not.toContain(chrome);
    }
  });
});
