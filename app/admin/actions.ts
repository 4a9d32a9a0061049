"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for /admin: read the form's fields, ask who is acting, and let lib/forum-admin
// (and lib/site-settings) check lib/permissions, parse and write with the moderator log line.
// Refusals come back as the form's message with what was typed; nothing is written.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import {
  createCategory,
  deleteCategory,
  moveCategory,
  updateCategory,
} from "@/lib/forum-admin/categories";
import {
  changeForumCategory,
  createForum,
  deleteForum,
  moveForum,
  updateForum,
} from "@/lib/forum-admin/forums";
import type { AdminResult } from "@/lib/forum-admin/guard";
import { setForumRules } from "@/lib/forum-admin/rules";
import { fieldErrorsOf } from "@/lib/result";
import { saveSiteSettings, type SettingsField } from "@/lib/site-settings/save";
import type { Viewer } from "@/lib/permissions";
import { counterOf, formDataOf, textField, textFields } from "@/lib/validation/form";
import type { ChangeState } from "./_components/change-state";

type Change = (viewer: Viewer, form: FormData) => Promise<AdminResult>;

const FIELDS = [
  "title",
  "description",
  "categoryId",
  "forumId",
  "direction",
  "moveThreadsTo",
  "viewRule",
  "startThreadRule",
  "replyRule",
] as const;
const fields = (form: FormData) => {
  // Missing fields stay undefined so each schema says what it needs.
  const raw = textFields(form, ...FIELDS);
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
};

const CHANGES = {
  "create-category": (viewer, form) => createCategory(viewer, fields(form)),
  "update-category": (viewer, form) => updateCategory(viewer, fields(form)),
  "move-category": (viewer, form) => moveCategory(viewer, fields(form)),
  "delete-category": (viewer, form) => deleteCategory(viewer, fields(form)),
  "create-forum": (viewer, form) => createForum(viewer, fields(form)),
  "update-forum": (viewer, form) => updateForum(viewer, fields(form)),
  "move-forum": (viewer, form) => moveForum(viewer, fields(form)),
  "forum-category": (viewer, form) => changeForumCategory(viewer, fields(form)),
  "delete-forum": (viewer, form) => deleteForum(viewer, fields(form)),
  "forum-rules": (viewer, form) => setForumRules(viewer, fields(form)),
} satisfies Record<string, Change>;

const intentSchema = z.enum(
  Object.keys(CHANGES) as [keyof typeof CHANGES, ...(keyof typeof CHANGES)[]],
  "That request was not understood.",
);

export const changeForumsAction = saving(
  (message, previous: ChangeState): ChangeState => ({
    ...previous,
    status: "error",
    message,
    seq: previous.seq + 1,
  }),
  async function changeForumsAction(
    previous: ChangeState,
    argument: FormData,
  ): Promise<ChangeState> {
    const seq = counterOf(previous, "seq") + 1;
    const form = formDataOf(argument);
    const intent = intentSchema.safeParse(textField(form, "intent"));
    if (!intent.success) return { status: "error", message: intent.error.issues[0]!.message, seq };
    const viewer = await getViewer();
    const result = await CHANGES[intent.data](viewer, form);
    if (!result.ok) {
      const typed = textFields(form, "title", "description");
      return { status: "error", message: result.error, seq, typed };
    }
    revalidatePath("/", "layout");
    return { status: "success", message: result.message, seq };
  },
);

export interface SettingsFormState {
  status: "idle" | "success" | "error";
  message: string;
  seq: number;
  errors?: Partial<Record<SettingsField | "form", string>>;
  /** What was typed, shown again after an error. */
  typed?: Partial<Record<SettingsField, string>>;
}

const SETTINGS_FIELDS: SettingsField[] = [
  "name",
  "description",
  "registration",
  "approvalCount",
  "timeZone",
  "warningBanPoints",
  "warningBanDays",
];

export const saveSiteSettingsAction = saving(
  (message, previous: SettingsFormState): SettingsFormState => ({
    ...previous,
    status: "error",
    message,
    errors: { form: message },
    seq: previous.seq + 1,
  }),
  async function saveSiteSettingsAction(
    previous: SettingsFormState,
    argument: FormData,
  ): Promise<SettingsFormState> {
    const seq = counterOf(previous, "seq") + 1;
    const raw = textFields(formDataOf(argument), ...SETTINGS_FIELDS);
    const result = await saveSiteSettings(await getViewer(), raw);
    if (!result.ok) {
      const typed = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, (v ?? "").slice(0, 1000)]),
      );
      return { status: "error", message: result.error, seq, errors: fieldErrorsOf(result), typed };
    }
    revalidatePath("/", "layout");
    return { status: "success", message: result.message, seq };
  },
);
