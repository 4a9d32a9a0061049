"use server";

import { headers } from "next/headers";
import { saving } from "@/app/_components/saving";
import { unsubscribe } from "@/lib/alert-mail/unsubscribe";
import { clientAddress } from "@/lib/auth/client-address";
import { formDataOf, textField } from "@/lib/validation/form";

export interface UnsubscribeState {
  message?: string;
  ok?: boolean;
}

export const unsubscribeAction = saving(
  (message): UnsubscribeState => ({ message, ok: false }),
  async function unsubscribeAction(
    _previous: UnsubscribeState,
    form: FormData,
  ): Promise<UnsubscribeState> {
    const result = await unsubscribe(
      textField(formDataOf(form), "token"),
      clientAddress(await headers()),
    );
    return result.ok ? { ok: true, message: result.message } : { ok: false, message: result.error };
  },
);
