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
});
