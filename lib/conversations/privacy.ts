// The account setting "Who may start conversations with me": everyone (the default), or staff only.
// Ignored members are refused either way (lib/permissions' messageMember). Parley has no "follow", so
// XenForo's "members I follow" choice has no counterpart here.
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { conversationPrivacyEnum, users } from "@/db/schema";
import { can, type ConversationPrivacy, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";

export const CONVERSATION_PRIVACY_CHOICES: { value: ConversationPrivacy; label: string }[] = [
  { value: "everyone", label: "Any member" },
  { value: "staff", label: "Only moderators and administrators" },
];

export async function getConversationPrivacy(userId: string): Promise<ConversationPrivacy> {
  const [row] = await db
    .select({ from: users.conversationsFrom })
    .from(users)
    .where(eq(users.id, userId));
  return row?.from ?? "everyone";
}

export async function setConversationPrivacy(
  viewer: Viewer,
  value: unknown,
): Promise<Result<{ from: ConversationPrivacy }>> {
  if (!can(viewer, "editOwnAccount") || !viewer.id)
    return refuse("Sign in to change your settings.");
  const parsed = z.enum(conversationPrivacyEnum.enumValues).safeParse(value);
  if (!parsed.success) return refuse("Choose who may start conversations with you.");
  await db.update(users).set({ conversationsFrom: parsed.data }).where(eq(users.id, viewer.id));
  return ok({ from: parsed.data });
}
