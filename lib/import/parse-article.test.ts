import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSeedDocument } from "./parse-document";
import type { ImportedDocument } from "./types";

const DOCS = fileURLToPath(new URL("../../db/seed/documents/", import.meta.url));
const load = (file: string): ImportedDocument =>
  parseSeedDocument(file, readFileSync(DOCS + file, "utf8"));
const FILES = {
  elite: "000_68ffb54545db6918.txt",
  news: "001_ffc651fd4dd45c8a.txt",
  blog: "002_bd15427755b608ca.txt",
  senior: "003_4c2f5da5c24a5470.txt",
  noisy: "004_6269b3003b5fdee4.txt",
} as const;

describe("articles", () => {
  const news = load(FILES.news);
  const blog = load(FILES.blog);
  const noisy = load(FILES.noisy);
  const body = (doc: ImportedDocument): string => doc.thread.posts[0]?.blocks[0]?.text ?? "";

  it("are single anonymous posts without members", () => {
    for (const doc of [news, blog, noisy]) {
      expect(doc.thread.kind).toBe("article");
      expect(doc.members).toEqual([]);
      expect(doc.thread.posts).toHaveLength(1);
      expect(doc.thread.posts[0]).toMatchObject({ authorUsername: null, edited: false });
      expect(doc.thread.posts[0]?.blocks.map((b) => b.kind)).toEqual(["text"]);
    }
  });

  it("take the title from the first line that is not furniture", () => {
    expect(news.thread.title).toBe("Russo-Japanese ties thaw after long freeze");
    expect(blog.thread.title).toBe("Cause for optimism in Russia–Japan relations?");
    expect(noisy.thread.title).toBe("Japan and russia relationship");
  });

  it("read the names from the byline and keep the byline line in the body", () => {
    expect(news.thread.byline).toBeNull();
    expect(blog.thread.byline).toBe("Tsuneo Akaha and Anna Vassilieva");
    expect(noisy.thread.byline).toBe("Dmitry Streltsov");
    expect(
      body(blog).startsWith(
        "Authors: Tsuneo Akaha and Anna Vassilieva, MIIS\n\nAccording to conventional wisdom",
      ),
    ).toBe(true);
    expect(body(noisy)).toContain(
      "\n\nAuthor: Dmitry Streltsov, MGIMO University. On 7 September , Japan's Prime Minister",
    );
  });

  it("drop the site furniture of 001", () => {
    expect(body(news).startsWith("Japan and Russia have yet to sign a peace treaty")).toBe(true);
    expect(body(news).endsWith("are likely to be regarded as an even bigger success.")).toBe(true);
    expect(body(news)).not.toMatch(/Source Article from|Leave a Reply|Yahoo News/);
  });

  it("drop the site furniture of 002", () => {
    expect(body(blog)).not.toMatch(
      /Get Even More Visitors|Share the post|Subscribe to East Asia Forum|Thank you for your subscription|×/,
    );
    expect(
      body(blog).endsWith(
        "This post first appeared on East Asia Forum, please read the originial post: here",
      ),
    ).toBe(true);
    expect(body(blog).split("Cause for optimism")).toHaveLength(1);
  });

  it("import 004 as it is, gaps and repeats included, without its navigation", () => {
    const text = body(noisy);
    expect(
      text.startsWith(
        "Russia–Japan relations are robust irrespective of island impasses | East Asia Forum\n\njapan and russia relationship\n\n",
      ),
    ).toBe(true);
    expect(text.split("\n").filter((l) => l === "japan and russia relationship")).toHaveLength(3);
    expect(text).toContain("• TOKYO (5 p.m.)");
    expect(text).not.toContain("Navigation menu");
    expect(text).toContain("As early asit hinted");
    expect(text.endsWith("wind power and waste reduction.")).toBe(true);
  });

  it("never leave more than one blank line in a row, here or in the threads", () => {
    for (const doc of [news, blog, noisy, load(FILES.elite), load(FILES.senior)]) {
      expect(
        doc.thread.posts.every((p) =>
          p.blocks.every((b) => !b.text.includes("\n\n\n") && b.text === b.text.trim()),
        ),
      ).toBe(true);
    }
  });
});
