// A post owns the uploads its text uses: saving a post (new thread, reply, edit) gives it the
// author's own uploads that no post has yet, so they are shown with it and follow its visibility. A
// post that names someone else's upload, or one already in another post, claims nothing (the file
// shows only where the reader may see it anyway).
import { and, eq, inArray, isNull } from "drizzle-orm";
import { attachments } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { attachmentLimits } from "../limits/attachments";
import { attachmentIdsIn } from "../markup/attachments";

export async function claimAttachments(
  tx: Tx,
  input: { postId: number; authorId: string | null; source: string },
): Promise<void> {
  const ids = attachmentIdsIn(input.source);
  if (!input.authorId || ids.length === 0) return;
  await tx
    .update(attachments)
    .set({ postId: input.postId })
    .where(
      and(
        inArray(attachments.id, ids),
        eq(attachments.uploaderId, input.authorId),
        isNull(attachments.postId),
      ),
    );
}

/** The refusal for a text that uses more attachments than a post may have, or null. */
export function attachmentCountRefusal(source: string): string | null {
  const count = attachmentIdsIn(source).length;
  // Most posts have none: the limits' sentences are not built for them (every reply asks, and
  // building them was about 1.5 % of a reply's CPU; issue 12).
  if (count === 0) return null;
  const limits = attachmentLimits();
  return count > limits.perPost ? limits.tooManyInPost : null;
}
