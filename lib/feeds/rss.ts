// RSS 2.0 written by hand: the whole format used here is a channel and a list of items, and the one
// thing that must be right, escaping, is a few lines kept beside the tests that parse the output.

export interface FeedItem {
  title: string;
  /** Absolute URL of the thread; also its guid. */
  link: string;
  author: string;
  publishedAt: Date;
  category: string;
  /** Plain text: escaped here for HTML (what readers render descriptions as), then for XML. */
  excerpt: string;
}

export interface FeedChannel {
  title: string;
  /** Absolute URL of the page the feed follows. */
  link: string;
  /** Absolute URL of the feed itself, for <atom:link rel="self">. */
  self: string;
  description: string;
  items: FeedItem[];
}

// Characters XML 1.0 forbids even when escaped (C0 controls but tab and line breaks, lone
// surrogates, U+FFFE/U+FFFF): scraped posts carry a few, and one would make the whole feed unreadable.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

/** RFC 822 dates, as RSS 2.0 asks ("Sun, 22 Nov 2026 21:30:00 GMT"). */
const rfc822 = (at: Date) => at.toUTCString();

function item(entry: FeedItem): string {
  return [
    "<item>",
    element("title", entry.title),
    element("link", entry.link),
    `<guid isPermaLink="true">${escapeXml(entry.link)}</guid>`,
    // RSS's own <author> must be an email address; members have none to publish.
    element("dc:creator", entry.author),
    element("pubDate", rfc822(entry.publishedAt)),
    element("category", entry.category),
    // HTML-escaped first, so a reader showing it as HTML shows the member's words as they wrote them.
    element("description", escapeXml(entry.excerpt)),
    "</item>",
  ].join("\n");
}

export function renderRss(channel: FeedChannel): string {
  const newest = channel.items.reduce<Date | null>(
    (latest, i) => (!latest || i.publishedAt > latest ? i.publishedAt : latest),
    null,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    element("title", channel.title),
    element("link", channel.link),
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    element("description", channel.description),
    element("language", "en"),
    ...(newest ? [element("lastBuildDate", rfc822(newest))] : []),
    element("generator", "Parley"),
    element("ttl", "5"),
    ...channel.items.map(item),
    "</channel>",
    "</rss>",
    "",
  ].join("\n");
}
