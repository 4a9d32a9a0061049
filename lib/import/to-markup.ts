// Turns a recovered post (own text and quotes) into the forum's markup source.
import { quoteMarkup } from "../markup/quote";
import type { ImportedPost } from "./types";

const IMAGE_FILE_LINE = /^[\w.\-]+\.(?:jpe?g|png|gif|webp)$/i;

/** Attached images whose files were not kept become placeholders that say so. */
function textToMarkup(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      IMAGE_FILE_LINE.test(line.trim()) ? `![${line.trim()}](attachment:${line.trim()})` : line,
    )
    .join("\n");
}

export interface QuotedPostRef {
  author: string;
  postId: number;
}

export function importedPostMarkup(
  post: ImportedPost,
  quotedPost: (postIndex: number) => QuotedPostRef,
): string {
  return post.blocks
    .map((block) =>
      block.kind === "text"
        ? textToMarkup(block.text)
        : quoteMarkup(quotedPost(block.postIndex), textToMarkup(block.text)),
    )
    .join("\n\n");
}
