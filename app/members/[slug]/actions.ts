"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for the ban tools on a member's profile: parse the form, ask who is acting,
// and let lib/moderation/bans.ts lock the member, check lib/permissions, write and log. Anything
// refused comes back as a message for the form; nothing is written.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { MEMBER_ID_MAX } from "@/lib/limits/sizes";
import {
  banMember,
  banReasonSchema,
  unbanMember,
  type BanField,
  type BanResult,
} from "@/lib/moderation/bans";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface BanFormState {
  status: "idle" | "success" | "error";
  message: string;
  field?: BanField | "form";
  /** What was typed, shown again after an error. */
  reason?: string;
  endsOn?: string;
  /** When the server answered: the form shows the newer of the ban and unban outcomes. */
  at?: number;
}

const memberId = z
  .string("Choose a member.")
  .trim()
  .min(1, "Choose a member.")
  .max(MEMBER_ID_MAX, "Choose a member.");
const banForm = z.object({
  memberId,
  reason: banReasonSchema,
  endsOn: z
    .union([
      z.literal(""),
      z.iso.date("Enter the end date as a date, or leave it empty for a permanent ban."),
    ])
    .default(""),
});
const unbanForm = z.object({ memberId });

/** "2026-06-05" → the start of that day, UTC (the forum shows dates in UTC). */
const startOfDay = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

function toState(
  result: BanResult,
  typed: { reason?: string; endsOn?: string } = {},
): BanFormState {
  if (result.ok) return { status: "success", message: result.message, at: Date.now() };
  return {
    status: "error",
    message: result.error,
    field: result.field ?? "form",
    ...typed,
    at: Date.now(),
  };
}

function revalidateMemberPages() {
  revalidatePath("/members/[slug]", "page");
  revalidatePath("/admin/members");
  revalidatePath("/moderation/log");
}

export const banAction = saving(
  (message, previous: BanFormState): BanFormState => ({
    ...previous,
    status: "error",
    message,
    field: "form",
  }),
  async function banAction(_previous: BanFormState, form: FormData): Promise<BanFormState> {
    const raw = textFields(formDataOf(form), "memberId", "reason", "endsOn");
    const typed = {
      reason: raw.reason?.slice(0, 5000) ?? "",
      endsOn: raw.endsOn?.slice(0, 20) ?? "",
    };
    const parsed = banForm.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field =
        issue?.path[0] === "reason" ? "reason" : issue?.path[0] === "endsOn" ? "endsAt" : "form";
      return {
        status: "error",
        field,
        message: issue?.message ?? "That request was not understood.",
        ...typed,
        at: Date.now(),
      };
    }
    const viewer = await getViewer();
    const { memberId: userId, reason, endsOn } = parsed.data;
    const result = await banMember(viewer, {
      userId,
      reason,
      endsAt: endsOn ? startOfDay(endsOn) : null,
    });
    if (result.ok) revalidateMemberPages();
    return toState(result, typed);
  },
);

export const unbanAction = saving(
  (message, previous: BanFormState): BanFormState => ({
    ...previous,
    status: "error",
    message,
    field: "form",
  }),
  async function unbanAction(_previous: BanFormState, form: FormData): Promise<BanFormState> {
    const parsed = unbanForm.safeParse(textFields(formDataOf(form), "memberId"));
    if (!parsed.success)
      return {
        status: "error",
        field: "form",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        at: Date.now(),
      };
    const viewer = await getViewer();
    const result = await unbanMember(viewer, { userId: parsed.data.memberId });
    if (result.ok) revalidateMemberPages();
    return toState(result);
  },
);
