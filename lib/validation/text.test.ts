import { describe, expect, it } from "vitest";
import type { TextLimit } from "../limits/sizes";
import { cleanText, multiLine, plainText, singleLine } from "./text";

const LIMIT: TextLimit = { min: 2, max: 5, tooShort: "Too short.", tooLong: "Too long." };

describe("cleanText", () => {
  it("drops NUL, the other C0 and C1 controls, DEL and lone surrogates", () => {
    const hostile =
      "a\u0000b\u0001\u0008c\u000b\u000c\u001b\u007fd\u0080\u0085\u009fe\ud800f\udfffg";
    expect(cleanText(hostile, "single")).toBe("abcdefg");
    expect(cleanText(hostile, "multi")).toBe("abcdefg");
  });
  it("keeps what people write: emoji (surrogate pairs), joiners, accents", () => {
    const text = "café 👩‍💻 ✔️ ﷺ";
    expect(cleanText(text, "single")).toBe(text);
    expect(cleanText(text, "multi")).toBe(text);
  });
  it("turns tabs and line breaks into spaces on one line, and keeps them (as \\n) on many", () => {
    expect(cleanText("a\tb\r\nc\rd\ne", "single")).toBe("a b  c d e");
    expect(cleanText("a\tb\r\nc\rd\ne", "multi")).toBe("a\tb\nc\nd\ne");
  });
});

describe("singleLine and multiLine", () => {
  it("clean before they count, so a control character never reaches the limit or Postgres", () => {
    expect(singleLine(LIMIT).parse(" a\u0000b\n c ")).toBe("ab c");
    expect(multiLine(LIMIT).parse(" a\u0000b\r\nc ")).toBe("ab\nc");
    expect(singleLine(LIMIT).safeParse("\u0000\u0000\u0000x").error?.issues[0]?.message).toBe(
      LIMIT.tooShort,
    );
  });
  it("count code points as Postgres does and answer with the limit's messages", () => {
    expect(singleLine(LIMIT).parse("👩👩👩👩👩")).toBe("👩👩👩👩👩");
    expect(singleLine(LIMIT).safeParse("abcdef").error?.issues[0]?.message).toBe(LIMIT.tooLong);
    expect(
      singleLine(LIMIT, { empty: "Enter a name." }).safeParse(" ").error?.issues[0]?.message,
    ).toBe("Enter a name.");
  });
  it("refuse what is not text with the message given", () => {
    for (const value of [undefined, null, 42, {}, ["ab"]])
      expect(plainText("single", "Enter text.").safeParse(value).error?.issues[0]?.message).toBe(
        "Enter text.",
      );
  });
});
