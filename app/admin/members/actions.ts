"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for /admin/members: parse the form, ask who is acting, and let
// lib/members/roles.ts load the member, check lib/permissions and write. Anything refused comes
// back as a message for the member's row; nothing is written.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { after } from "next/server";
import { siteOrigin } from "@/lib/mail/site-origin";
import {
  resendMemberVerification,
  sendMemberPasswordReset,
  setMemberEmail,
} from "@/lib/members/member-email";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { MEMBER_ID_MAX } from "@/lib/limits/sizes";
import {
  customTitleSchema,
  roleSchema,
  setCustomTitle,
  setMemberRole,
  type MemberChange,
} from "@/lib/members/roles";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface MemberFormState {
  status: "idle" | "success" | "error";
  message: string;
  /** What was typed, shown again after an error. */
  value?: string;
}

// Form values are strings (or missing, or files in a crafted request): anything else is refused here.
const memberId = z
  .string("Choose a member.")
  .trim()
  .min(1, "Choose a member.")
  .max(MEMBER_ID_MAX, "Choose a member.");
const roleForm = z.object({ memberId, role: roleSchema });
const titleForm = z.object({ memberId, title: customTitleSchema });

function toState(result: MemberChange, value?: string): MemberFormState {
  if (result.ok) return { status: "success", message: result.message };
  return { status: "error", message: result.error, value };
}

function revalidateMemberPages() {
  revalidatePath("/admin/members");
  revalidatePath("/members");
  revalidatePath("/members/[slug]", "page");
}

export const changeRoleAction = saving(
  (message, previous: MemberFormState): MemberFormState => ({
    ...previous,
    status: "error",
    message,
  }),
  async function changeRoleAction(
    _previous: MemberFormState,
    form: FormData,
  ): Promise<MemberFormState> {
    const parsed = roleForm.safeParse(textFields(formDataOf(form), "memberId", "role"));
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
      };
    const actor = await getViewer();
    const result = await setMemberRole({
      actor,
      targetId: parsed.data.memberId,
      role: parsed.data.role,
    });
    if (result.ok) revalidateMemberPages();
    return toState(result);
  },
);

export const setCustomTitleAction = saving(
  (message, previous: MemberFormState): MemberFormState => ({
    ...previous,
    status: "error",
    message,
  }),
  async function setCustomTitleAction(
    _previous: MemberFormState,
    form: FormData,
  ): Promise<MemberFormState> {
    const raw = textFields(formDataOf(form), "memberId", "title");
    const typed = raw.title?.slice(0, 500) ?? "";
    const parsed = titleForm.safeParse(raw);
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        value: typed,
      };
    const actor = await getViewer();
    // setCustomTitle validates the title itself (length, characters) before it loads the member.
    const result = await setCustomTitle({
      actor,
      targetId: parsed.data.memberId,
      title: parsed.data.title,
    });
    if (result.ok) revalidateMemberPages();
    return toState(result, typed);
  },
);

const emailForm = z.object({
  memberId,
  intent: z.enum(["reset", "verify", "email"], "That request was not understood."),
  email: z.string().max(300, "That email address is too long.").optional(),
});

/** The member's email tools: mail a password reset, resend the confirmation, or set the address. */
export const memberEmailAction = saving(
  (message, previous: MemberFormState): MemberFormState => ({
    ...previous,
    status: "error",
    message,
  }),
  async function memberEmailAction(
    _previous: MemberFormState,
    form: FormData,
  ): Promise<MemberFormState> {
    const fields = textFields(formDataOf(form), "memberId", "intent", "email");
    const parsed = emailForm.safeParse(fields);
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        value: fields.email,
      };
    const actor = await getViewer();
    const origin = siteOrigin(await headers());
    const { memberId: id, intent, email } = parsed.data;
    const result =
      intent === "reset"
        ? await sendMemberPasswordReset(actor, id, origin)
        : intent === "verify"
          ? await resendMemberVerification(actor, id, origin)
          : await setMemberEmail(actor, id, email ?? "", origin);
    if (!result.ok) return { status: "error", message: result.error, value: email };
    const delivery = result.delivery;
    if (delivery) after(() => delivery.then(() => undefined));
    if (intent === "email") revalidatePath("/admin/members");
    return { status: "success", message: result.message, value: email };
  },
);
