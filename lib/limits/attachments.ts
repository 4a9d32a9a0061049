// How large and how many attachments, from the environment (lib/env.ts), with the sentences that
// quote the same numbers. Server code only: the editor shows the server's messages as they come.
import { env } from "../env";
import { formatBytes } from "../format";

const count = (n: number) => n.toLocaleString("en-US");

export interface AttachmentLimits {
  maxBytes: number;
  perPost: number;
  perDay: number;
  /** Allowed types besides images, by their usual extension. */
  fileTypes: readonly ("pdf" | "txt" | "zip")[];
  tooLarge: string;
  tooManyInPost: string;
  tooManyToday: string;
  wrongType: string;
}

export function attachmentLimits(): AttachmentLimits {
  const maxBytes = env.ATTACHMENT_MAX_BYTES;
  const fileTypes = env.ATTACHMENT_FILE_TYPES;
  const kinds = ["PNG", "JPEG", "WebP", "GIF", ...fileTypes.map((t) => t.toUpperCase())];
  return {
    maxBytes,
    perPost: env.ATTACHMENTS_PER_POST,
    perDay: env.ATTACHMENTS_PER_DAY,
    fileTypes,
    tooLarge: `Attachments must be ${formatBytes(maxBytes)} or smaller.`,
    tooManyInPost: `A post may have at most ${count(env.ATTACHMENTS_PER_POST)} attachments.`,
    tooManyToday: `You may upload at most ${count(env.ATTACHMENTS_PER_DAY)} attachments a day. Try again tomorrow.`,
    wrongType: `Attachments must be ${kinds.slice(0, -1).join(", ")} or ${kinds.at(-1)} files, and be what their name says.`,
  };
}
