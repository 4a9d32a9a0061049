import { describe, expect, it } from "vitest";
import { parseQuoteInfo, quoteMarkup } from "./quote";
import { renderPost } from "./render";

describe("quoteMarkup", () => {
  it("writes the fence line, body and closing fence", () => {
    expect(quoteMarkup({ author: "Razor", postId: 123 }, "Almost certainly.\n")).toBe(
      "::: quote 123 Razor\nAlmost certainly.\n:::\n",
    );
    expect(quoteMarkup({ author: "no smoking", postId: null }, "hi")).toBe(
      "::: quote - no smoking\nhi\n:::\n",
    );
  });

  it("makes the fence longer than any run of colons in the body", () => {
    const inner = quoteMarkup({ author: "A", postId: 1 }, "x");
    expect(quoteMarkup({ author: "B", postId: 2 }, inner)).toBe(
      ":::: quote 2 B\n::: quote 1 A\nx\n:::\n::::\n",
    );
    expect(
      quoteMarkup({ author: "C", postId: 3 }, "ratio 1::::::2").startsWith("::::::: quote 3 C\n"),
    ).toBe(true);
  });

  it("round-trips three levels deep", () => {
    const a = quoteMarkup({ author: "A", postId: 1 }, "first");
    const b = quoteMarkup({ author: "B", postId: 2 }, `${a}\nsecond`);
    const c = quoteMarkup({ author: "C", postId: 3 }, `${b}\nthird`);
    const html = renderPost(c);
    expect(html.match(/<blockquote class="quote"/g)).toHaveLength(3);
    expect(html.match(/<\/blockquote>/g)).toHaveLength(3);
    expect(html.indexOf("C said:")).toBeLessThan(html.indexOf("B said:"));
    expect(html.indexOf("B said:")).toBeLessThan(html.indexOf("A said:"));
    expect(html).toMatch(
      /<p>first<\/p>\n<\/div><\/blockquote>\n<p>second<\/p>\n<\/div><\/blockquote>\n<p>third<\/p>\n<\/div><\/blockquote>\n$/,
    );
  });

  it("keeps names on the fence line", () => {
    const source = quoteMarkup(
      { author: "Eve\n:::\n<script>x</script>\r\u2028\u202Eevil", postId: 4 },
      "body",
    );
    expect(source.split("\n")[0]).toBe("::: quote 4 Eve ::: <script>x</script> evil");
    const html = renderPost(`${source}\nafter`);
    expect(html).toContain(
      '<a href="/posts/4">Eve ::: &lt;script&gt;x&lt;/script&gt; evil said:</a>',
    );
    expect(html).toMatch(/<p>body<\/p>\n<\/div><\/blockquote>\n<p>after<\/p>\n$/);
  });

  it("writes invalid post ids as '-' and a numeric name unambiguously", () => {
    for (const postId of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      expect(quoteMarkup({ author: "A", postId }, "x").split("\n")[0]).toBe("::: quote - A");
    }
    const source = quoteMarkup({ author: "1984", postId: null }, "x");
    expect(parseQuoteInfo(source.split("\n")[0]!.replace(/^:+/, ""))).toEqual({
      postId: null,
      author: "1984",
    });
  });

  it("handles an empty body and an empty author", () => {
    expect(quoteMarkup({ author: "  ", postId: 8 }, "\n\n")).toBe("::: quote 8\n:::\n");
    expect(renderPost(quoteMarkup({ author: "", postId: 8 }, ""))).toBe(
      '<blockquote class="quote" data-post-id="8"><div class="quote-body">\n</div></blockquote>\n',
    );
  });
});

describe("parseQuoteInfo", () => {
  it("reads id and author", () => {
    expect(parseQuoteInfo(" quote 123 Razor")).toEqual({ postId: 123, author: "Razor" });
    expect(parseQuoteInfo(" quote - no  smoking ")).toEqual({ postId: null, author: "no smoking" });
    expect(parseQuoteInfo(" quote 123")).toEqual({ postId: 123, author: "" });
    expect(parseQuoteInfo(" quote")).toEqual({ postId: null, author: "" });
    expect(parseQuoteInfo(" quote 12abc")).toEqual({ postId: null, author: "12abc" });
    expect(parseQuoteInfo(" quote 0 Zero")).toEqual({ postId: null, author: "Zero" });
  });
});
