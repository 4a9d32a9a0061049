import "server-only";
import { db } from "@/db/client";
import { rewriteRemoteImages } from "../remote-images/rewrite";
import { ok, refuse, type Result } from "../result";
import { messageSchema } from "./posting-rules";
import { renderForSaving } from "./render-context";

/** Exactly what the post will look like: the same checks, lookups and renderer as posting. */
export async function previewHtml(source: string): Promise<Result<{ html: string }>> {
  const message = messageSchema.safeParse(source);
  if (!message.success) return refuse(message.error.issues[0]!.message);
  const rendered = await renderForSaving(db, message.data);
  if (rendered.refusal) return refuse(rendered.refusal);
  return ok({ html: rewriteRemoteImages(rendered.html) });
}
