import { describe, expect, it } from "vitest";
import { composeMail } from "./compose";

describe("composeMail", () => {
  it("writes the same words as text and as escaped HTML", () => {
    const mail = composeMail({
      to: "a@example.test",
      subject: "New reply in <b>\r\nBcc: x@evil.test",
      paragraphs: ['Reply in "<script>alert(1)</script>" & more'],
      action: { label: "Read it", url: 'https://forum.test/t?a=1&b="2"' },
      footer: ["<i>why</i>"],
    });
    expect(mail.subject).toBe("New reply in <b> Bcc: x@evil.test");
    expect(mail.text).toContain('Reply in "<script>alert(1)</script>" & more');
    expect(mail.text).toContain('Read it:\nhttps://forum.test/t?a=1&b="2"');
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<i>");
    expect(mail.html).toContain("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more");
    expect(mail.html).toContain('href="https://forum.test/t?a=1&amp;b=&quot;2&quot;"');
    expect(mail.links).toEqual(['https://forum.test/t?a=1&b="2"']);
  });

  it("adds an unsubscribe link and the one-click headers only when asked", () => {
    const plain = composeMail({ to: "a@example.test", subject: "S", paragraphs: ["P"] });
    expect(plain.headers).toBeUndefined();
    const mail = composeMail({
      to: "a@example.test",
      subject: "S",
      paragraphs: ["P"],
      unsubscribe: {
        pageUrl: "https://forum.test/unsubscribe?token=1.x",
        oneClickUrl: "https://forum.test/unsubscribe/one-click?token=1.x",
      },
    });
    expect(mail.text).toContain("Unsubscribe:\nhttps://forum.test/unsubscribe?token=1.x");
    expect(mail.html).toContain('<a href="https://forum.test/unsubscribe?token=1.x"');
    expect(mail.headers).toEqual({
      "List-Unsubscribe": "<https://forum.test/unsubscribe/one-click?token=1.x>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
