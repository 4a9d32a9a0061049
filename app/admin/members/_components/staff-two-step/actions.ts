"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formDataOf } from "@/lib/validation/form";
import { getViewer } from "@/lib/auth/viewer";
import { setStaffTwoFactorRequired } from "@/lib/auth/two-factor/staff-requirement";

export interface StaffTwoStepState {
  status: "idle" | "success" | "error";
  message: string;
}

// An unticked checkbox is absent from the form.
const formSchema = z.object({ required: z.literal("on").optional() });

export const staffTwoStepAction = saving(
  (message): StaffTwoStepState => ({ status: "error", message }),
  async function staffTwoStepAction(
    _previous: StaffTwoStepState,
    form: FormData,
  ): Promise<StaffTwoStepState> {
    const parsed = formSchema.safeParse(Object.fromEntries(formDataOf(form)));
    if (!parsed.success) return { status: "error", message: "Tick the box or leave it empty." };
    const result = await setStaffTwoFactorRequired(
      await getViewer(),
      parsed.data.required === "on",
    );
    if (!result.ok) return { status: "error", message: result.error };
    revalidatePath("/admin/members");
    return { status: "success", message: result.message };
  },
);
