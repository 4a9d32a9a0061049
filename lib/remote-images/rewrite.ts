// Remote images in stored post HTML, as readers get them: through the forum's proxy (./proxy.ts), or,
// when REMOTE_IMAGES=links, as links the reader may choose to follow. Done when a page shows the
// HTML rather than when a post is saved, so posts written before the proxy existed, and a change of
// the setting, take effect at once. The HTML is the sanitizer's (lib/markup/sanitize.ts): attribute
// values are double-quoted with any quote inside escaped, so reading them by pattern is exact.
import { env } from "../env";
import { proxiedImageUrl } from "./proxy";

const IMG = /<img\b([^>]*)>/g;
const ATTRIBUTE = /\s([a-z-]+)="([^"]*)"/g;

const unescape = (value: string) =>
  value.replace(/&(amp|quot|lt|gt|#39);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "quot" ? '"' : name === "lt" ? "<" : name === "gt" ? ">" : "'",
  );
const escape = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rewriteRemoteImages(html: string, mode = env.REMOTE_IMAGES): string {
  if (!html.includes("<img")) return html;
  return html.replace(IMG, (tag, attributes: string) => {
    const values = new Map([...attributes.matchAll(ATTRIBUTE)].map((m) => [m[1]!, m[2]!]));
    const src = values.get("src");
    if (src === undefined || !/^https?:\/\//i.test(src)) return tag;
    const address = unescape(src);
    if (mode === "links") {
      const text = values.get("alt") || escape(address);
      return `<a href="${escape(address)}" rel="nofollow ugc noopener" class="remote-image">${text}</a>`;
    }
    return tag.replace(` src="${src}"`, () => ` src="${escape(proxiedImageUrl(address))}"`);
  });
}
