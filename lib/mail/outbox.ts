// The outbox as administrators read it (/admin/outbox): the newest mails first.
import "server-only";
import { desc } from "drizzle-orm";
import { db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { OUTBOX_LISTED_MAX } from "../limits/sizes";

export type OutboxMail = typeof mailOutbox.$inferSelect;

export async function listOutbox(): Promise<OutboxMail[]> {
  return db
    .select()
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(OUTBOX_LISTED_MAX);
}
