import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { pageTemplate, stamp } from "./nonce-template";
import { newNonce } from "./security-headers";

/** A page as Next writes it: scripts carrying the nonce between text of varied lengths. */
function page(nonce: string, scripts = 40): string {
  let html = `<!doctype html><html><head><script nonce="${nonce}" src="/a.js"></script></head><body>`;
  for (let i = 0; i < scripts; i++)
    html += `<p>${"post text ".repeat(i * 7 + 1)}</p><script nonce="${nonce}">self.__next_f.push([1,"${i}"])</script>`;
  return html + "</body></html>";
}

describe("pageTemplate and stamp", () => {
  it("give a gzip page a fresh nonce every time, with a CRC gunzip accepts", async () => {
    const n0 = newNonce();
    const html = page(n0);
    const template = (await pageTemplate(zlib.gzipSync(html), "gzip", n0))!;
    expect(template.encoding).toBe("gzip");
    expect(template.nonceAt).toHaveLength(41);
    for (let i = 0; i < 200; i++) {
      const n1 = newNonce();
      // gunzip checks the CRC-32 and the length in the trailer.
      expect(zlib.gunzipSync(stamp(template, n1)).toString()).toBe(html.replaceAll(n0, n1));
    }
  });

  it("handles a nonce at the very start and end, and a page larger than 64 KB between nonces", async () => {
    const n0 = newNonce();
    const html = `${n0}${"x".repeat(70_000)}${n0}${"y".repeat(3)}${n0}`;
    const template = (await pageTemplate(zlib.gzipSync(html), "gzip", n0))!;
    const n1 = newNonce();
    expect(zlib.gunzipSync(stamp(template, n1)).toString()).toBe(html.replaceAll(n0, n1));
  });

  it("stamps an uncompressed page, and keeps a deflate or brotli page uncompressed", async () => {
    const n0 = newNonce();
    const html = page(n0, 3);
    for (const [body, encoding] of [
      [Buffer.from(html), undefined],
      [zlib.deflateSync(html), "deflate"],
      [zlib.brotliCompressSync(html), "br"],
    ] as const) {
      const template = (await pageTemplate(body, encoding, n0))!;
      expect(template.encoding).toBeUndefined();
      const n1 = newNonce();
      expect(stamp(template, n1).toString()).toBe(html.replaceAll(n0, n1));
    }
  });

  it("keeps a page without the nonce as it came, and refuses an unknown encoding", async () => {
    const gz = zlib.gzipSync("<p>no scripts</p>");
    const template = (await pageTemplate(gz, "gzip", newNonce()))!;
    expect(template.body).toBe(gz);
    expect(stamp(template, newNonce())).toBe(gz);
    expect(await pageTemplate(Buffer.from("x"), "zstd", newNonce())).toBeNull();
    expect(await pageTemplate(Buffer.from("not gzip"), "gzip", newNonce())).toBeNull();
  });
});
