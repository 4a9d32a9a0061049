// A forum's rules (issue 15): who may view it (everyone, members, staff), and who may start threads
// and reply (members, staff). lib/permissions applies them; this only stores them, with a log line.
import "server-only";
import { eq } from "drizzle-orm";
import { forums } from "@/db/schema";
import { logModAction } from "../moderation/log-entry";
import type { Viewer } from "../permissions";
import { ok, refuse } from "../result";
import { asAdmin, type AdminResult } from "./guard";
import { forumIdSchema, forumRulesSchema } from "./inputs";

const rulesInput = forumRulesSchema.extend({ forumId: forumIdSchema });

export function setForumRules(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, rulesInput, input, async (tx, { forumId, ...rules }, actorId) => {
    const [was] = await tx.select().from(forums).where(eq(forums.id, forumId)).for("update");
    if (!was) return refuse("This forum does not exist any more.");
    const from = {
      viewRule: was.viewRule,
      startThreadRule: was.startThreadRule,
      replyRule: was.replyRule,
    };
    if (JSON.stringify(from) === JSON.stringify(rules)) return ok({ message: "Nothing changed." });
    await tx.update(forums).set(rules).where(eq(forums.id, forumId));
    await logModAction(tx, {
      actorId,
      action: "forum.rules",
      targetType: "forum",
      targetId: forumId,
      targetLabel: was.title,
      details: { from, to: rules },
    });
    return ok({ message: `The rules of “${was.title}” were saved.` });
  });
}
