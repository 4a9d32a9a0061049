import { describe, expect, it } from "vitest";
import { recoverQuotes } from "./recover-quotes";
import { parseCount, parseForumDate } from "./user-block";

describe("recoverQuotes", () => {
  it("leaves unrelated and short coincidental lines as own text", () => {
    const blocks = recoverQuotes([
      [
        "Thanks",
        "",
        "Russia and Japan have signed a new fisheries agreement covering the Kuril waters this year.",
      ],
      [
        "Thanks",
        "",
        "Japan and Russia have not signed any agreement about fisheries in the waters of the Kurils so far.",
      ],
    ]);
    expect(blocks[1]?.map((b) => b.kind)).toEqual(["text"]);
  });

  it("attributes text quoted twice to the post that wrote it", () => {
    const line = "This is a long enough original line written by the first poster in the thread.";
    const blocks = recoverQuotes([[line], [line, "", "I agree with that."], [line, "", "Me too."]]);
    expect(blocks[2]?.[0]).toEqual({ kind: "quote", postIndex: 0, text: line });
    expect(blocks[2]?.[1]).toEqual({ kind: "text", text: "Me too." });
  });
});

describe("user block values", () => {
  it("parses dates without timezone shifts and counts with separators", () => {
    expect(parseForumDate("May 29, 2014")).toBe("2014-05-29");
    expect(parseForumDate("Feb 7, 2011")).toBe("2011-02-07");
    expect(parseForumDate("Jan 1, 2010")).toBe("2010-01-01");
    expect(parseCount("24,960")).toBe(24960);
    expect(() => parseForumDate("yesterday")).toThrow();
  });
});
