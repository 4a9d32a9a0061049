// Unit: ts_headline's output made safe. The integration tests (search.test.ts) cover the SQL side.
import { describe, expect, it } from "vitest";
import { headlineToHtml } from "./snippet";

const [LT, START, STOP] = ["\u0001", "\u0002", "\u0003"];

describe("headlineToHtml", () => {
  it("escapes everything, then marks the matches", () => {
    expect(headlineToHtml(`a ${LT}b onclick="x">${START}bold${STOP} & 'c'`)).toBe(
      "a &lt;b onclick=&quot;x&quot;&gt;<mark>bold</mark> &amp; &#39;c&#39;",
    );
  });

  it("keeps <mark> balanced whatever the markers", () => {
    expect(headlineToHtml(`${STOP}a${START}b${START}c`)).toBe("a<mark>bc</mark>");
    expect(headlineToHtml(`${START}${START}a${STOP}${STOP}b`)).toBe("<mark>a</mark>b");
  });

  it("puts the snippet on one line and drops other control characters", () => {
    expect(headlineToHtml("one\n\ntwo\u0007\tthree")).toBe("one two three");
  });
});
