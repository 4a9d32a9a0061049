// Images. The importer could not keep attached files, so it writes `![name](attachment:name)`; those
// become a visible, announced placeholder instead of a broken image. Other images load only from
// http(s): anything else (relative paths, data: URLs) shows its alt text.
import type { MarkdownIt, RendererRule } from "markdown-it";
import { attachmentIdOf, attachmentPath } from "./attachments";
import { tallyOf } from "./bounds";
import { isAllowedImageSrc } from "./sanitize";

const ATTACHMENT_SCHEME = "attachment:";

export function forumImages(md: MarkdownIt): void {
  const escape = md.utils.escapeHtml;

  const renderImage: RendererRule = (tokens, idx, options, env, renderer) => {
    const token = tokens[idx];
    if (!token) return "";
    const src = String(token.attrGet("src") ?? "");
    const alt = renderer.renderInlineAsText(token.children ?? [], options, env);
    // Past the post's cap an image shows its alt text, as one from a refused source does.
    if (!tallyOf(env).allow("images")) return escape(alt);

    // A member's upload (./attachments.ts), shown in place.
    const attachmentId = attachmentIdOf(src);
    if (attachmentId !== null)
      return `<img src="${attachmentPath(attachmentId)}" alt="${escape(alt)}" class="attachment" loading="lazy">`;
    if (src.toLowerCase().startsWith(ATTACHMENT_SCHEME)) {
      const fileName =
        md.normalizeLinkText(src.slice(ATTACHMENT_SCHEME.length)).trim() || alt || "attachment";
      const label = `Image ${fileName} (file not kept)`;
      return `<span class="attachment-missing" role="img" aria-label="${escape(label)}">🖼 ${escape(fileName)}</span>`;
    }
    if (!isAllowedImageSrc(src)) return escape(alt);

    const title = token.attrGet("title");
    const titleAttr = title ? ` title="${escape(String(title))}"` : "";
    return `<img src="${escape(src)}" alt="${escape(alt)}"${titleAttr} loading="lazy">`;
  };

  md.renderer.rules.image = renderImage;
}
