"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { staffTwoStepAction, type StaffTwoStepState } from "./actions";

export function StaffTwoStepForm({ required }: { required: boolean }) {
  const [state, action] = useActionState<StaffTwoStepState, FormData>(staffTwoStepAction, {
    status: "idle",
    message: "",
  });
  return (
    <form action={action} className="space-y-2">
      <FormMessage
        tone={state.status === "success" ? "success" : "error"}
        message={state.message || undefined}
      />
      <label className="flex items-center gap-2">
        <input type="checkbox" name="required" defaultChecked={required} />
        Staff must use two-step verification
      </label>
      <p className="text-sm text-slate-600">
        Moderators and administrators without it act as members until they turn it on in their
        account settings.
      </p>
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
