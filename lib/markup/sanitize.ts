// Last line of defence for stored post HTML. The renderer already escapes everything it does not build
// itself; this allowlist makes a renderer bug or a future plugin unable to ship markup, attributes or
// URLs the thread page was never designed to show.
import sanitizeHtml from "sanitize-html";
import { isAttachmentSrc } from "./attachments";

const SCHEME = /^([a-z][a-z0-9+.\-]*):/i;

/**
 * Links may go to http(s), mailto, or a path on this site. Protocol-relative ("//host", and "/\host"
 * which browsers read the same way) counts as off-site without a scheme, so it is refused.
 */
export function isAllowedHref(href: string): boolean {
  const url = href.trim();
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) return scheme === "http" || scheme === "https" || scheme === "mailto";
  // Without a scheme, only this site's own paths and in-page anchors: a bare "java\uFFFDscript:x"
  // is harmless to browsers today, but there is no reason to let anything that looks like it through.
  return (/^\/(?![/\\])/.test(url) || url.startsWith("#")) && !/[\x00-\x1f]/.test(url);
}

/** Images are only ever loaded from absolute http(s) URLs. */
export function isAllowedImageSrc(src: string): boolean {
  return /^https?:\/\/[^/\\]/i.test(src.trim());
}

/** Same-site paths do not need nofollow; everything else a member links to does. */
function isSameSite(href: string): boolean {
  return /^\/(?![/\\])/.test(href) || href.startsWith("#");
}

const EXTERNAL_REL = "nofollow ugc noopener";

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "s",
    "u",
    "a",
    "blockquote",
    "div",
    "details",
    "summary",
    "span",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "img",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
  ],
  allowedAttributes: {
    a: ["href", "rel", "class", "title"],
    blockquote: ["class", "data-post-id"],
    p: ["class"],
    div: ["class", "style"],
    details: ["class"],
    span: ["class", "role", "aria-label", "title", "style"],
    img: ["src", "alt", "title", "loading", "class"],
    ol: ["start"],
    code: ["class"],
  },
  allowedClasses: {
    a: ["mention"],
    blockquote: ["quote"],
    p: ["quote-attribution"],
    div: ["quote-body", "spoiler-body"],
    details: ["spoiler"],
    span: ["smilie", "mention", "attachment-missing"],
    img: ["attachment"],
    code: [/^language-[\w+#.\-]+$/],
  },
  // BBCode's [color], [size] and [center]: only these properties, only values bbcode-values.ts writes.
  allowedStyles: {
    span: {
      color: [/^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i, /^[a-z]{3,12}$/i],
      "font-size": [/^\d{1,2}px$/],
    },
    div: { "text-align": [/^center$/] },
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      // rel is decided here, never taken from the renderer, so no code path can forget nofollow.
      const out = { ...attribs };
      delete out.rel;
      const href = out.href;
      if (href === undefined || !isAllowedHref(href)) delete out.href;
      else if (!isSameSite(href)) out.rel = EXTERNAL_REL;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return {
        tagName,
        attribs:
          src !== undefined && (isAllowedImageSrc(src) || isAttachmentSrc(src))
            ? { ...rest, src, loading: "lazy" }
            : rest,
      };
    },
    // Only the attachment placeholder has a role. (sanitize-html's own value lists would leave an empty
    // `role` behind instead of dropping it.)
    span: (tagName, attribs) => {
      const { role, ...rest } = attribs;
      return { tagName, attribs: role === "img" ? { ...attribs } : rest };
    },
    blockquote: (tagName, attribs) => {
      const { "data-post-id": postId, ...rest } = attribs;
      return {
        tagName,
        attribs: postId !== undefined && /^\d{1,15}$/.test(postId) ? { ...attribs } : rest,
      };
    },
  },
  // A link whose URL was refused keeps its text; an image without a usable source is dropped.
  exclusiveFilter: (frame) => {
    if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
    if (frame.tag === "img" && !frame.attribs.src) return true;
    return false;
  },
};

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}
