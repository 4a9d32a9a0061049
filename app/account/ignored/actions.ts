"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for the ignore list: parse the form, ask who is asking, and let
// lib/members/ignore-list.ts check lib/permissions and write. The Ignore/Unignore buttons on member
// cards and profiles post here too.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { MEMBER_ID_MAX, MEMBER_NAME } from "@/lib/limits/sizes";
import { ignoreMember, unignoreMember, type IgnoreResult } from "@/lib/members/ignore-list";
import { messageOf } from "@/lib/result";
import { formDataOf, textField, textFields } from "@/lib/validation/form";
import { singleLine } from "@/lib/validation/text";
import type { IgnoreState } from "./_components/state";

const memberId = z
  .string("Choose a member.")
  .trim()
  .min(1, "Choose a member.")
  .max(MEMBER_ID_MAX, "Choose a member.");
const byName = z.object({
  username: singleLine(MEMBER_NAME, {
    message: "Enter a username.",
    empty: "Enter the username of the member to ignore.",
  }),
});

function toState(result: IgnoreResult): IgnoreState {
  // Thread pages, profiles, this list and the lists that leave ignored members out all change. A
  // refusal may also follow a change made elsewhere (another tab already ignored the member, or they
  // were made staff or deleted): refresh then too, so this page shows it.
  revalidatePath("/", "layout");
  return { status: result.ok ? "success" : "error", message: messageOf(result), at: Date.now() };
}

const invalid = (message: string): IgnoreState => ({ status: "error", message, at: Date.now() });

export const ignoreByNameAction = saving(
  (message): IgnoreState => invalid(message),
  async function ignoreByNameAction(_previous: IgnoreState, form: FormData): Promise<IgnoreState> {
    const raw = textField(formDataOf(form), "username");
    const typed = raw?.slice(0, 64) ?? "";
    const parsed = byName.safeParse({ username: raw });
    if (!parsed.success)
      return { ...invalid(parsed.error.issues[0]?.message ?? "Enter a username."), typed };
    const state = toState(
      await ignoreMember(await getViewer(), { username: parsed.data.username }),
    );
    return state.status === "error" ? { ...state, typed } : state;
  },
);

/** The Ignore / Unignore toggle: `ignore` says which of the two the button showed. */
export const toggleIgnoreAction = saving(
  (message): IgnoreState => invalid(message),
  async function toggleIgnoreAction(_previous: IgnoreState, form: FormData): Promise<IgnoreState> {
    const parsed = z
      .object({ memberId, ignore: z.enum(["1", "0"]) })
      .safeParse(textFields(formDataOf(form), "memberId", "ignore"));
    if (!parsed.success)
      return invalid(parsed.error.issues[0]?.message ?? "That request was not understood.");
    const viewer = await getViewer();
    const { memberId: id, ignore } = parsed.data;
    const result =
      ignore === "1"
        ? await ignoreMember(viewer, { memberId: id })
        : await unignoreMember(viewer, id);
    return { ...toState(result), ...(result.ok ? { ignoring: ignore === "1" } : {}) };
  },
);
