// Attachments in a post's text. The editor inserts `![name](attachment:ID)` for an image (shown in
// place, full size within the column) and `[name](attachment:ID)` for a file (a download link); both
// become paths of this forum's attachment route, which decides who may fetch the file. Imported
// posts' `![name](attachment:name)` (a name, not a number) stay the "file not kept" placeholder
// (./images.ts). Pure: the HTML is the same for every reader.
import type { MarkdownIt, StateCore } from "markdown-it";

const ATTACHMENT_ID = /^attachment:(\d{1,9})$/i;

/** The attachment an `attachment:ID` address names, or null. */
export function attachmentIdOf(address: string): number | null {
  const match = ATTACHMENT_ID.exec(address.trim());
  return match ? Number(match[1]) : null;
}

export const attachmentPath = (id: number) => `/attachments/${id}`;
export const attachmentThumbnailPath = (id: number) => `/attachments/${id}/thumb`;

/** An attachment path as the sanitizer sees it (only these same-site image sources are kept). */
export function isAttachmentSrc(src: string): boolean {
  return /^\/attachments\/\d{1,9}$/.test(src);
}

/** Every attachment id the text refers to, first use first, each once. */
export function attachmentIdsIn(source: string): number[] {
  const ids = new Set<number>();
  for (const match of source.matchAll(/\]\(\s*<?attachment:(\d{1,9})\s*>?[\s)]/gi))
    ids.add(Number(match[1]));
  return [...ids];
}

/** The markup the editor inserts for an uploaded file: brackets in the name are escaped. */
export function attachmentMarkup(attachment: {
  id: number;
  fileName: string;
  isImage: boolean;
}): string {
  const label = attachment.fileName.replace(/([\\[\]])/g, "\\$1");
  return `${attachment.isImage ? "!" : ""}[${label}](attachment:${attachment.id})`;
}

/** `[name](attachment:ID)` links point at the file before unsafe links are dropped. */
function linkAttachments(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const child of block.children) {
      if (child.type !== "link_open") continue;
      const id = attachmentIdOf(String(child.attrGet("href") ?? ""));
      if (id !== null) child.attrSet("href", attachmentPath(id));
    }
  }
}

export function forumAttachments(md: MarkdownIt): void {
  md.core.ruler.before("parley_drop_unsafe_links", "parley_attachment_links", linkAttachments);
}
