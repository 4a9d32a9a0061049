"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSessionId, getViewer } from "@/lib/auth/viewer";
import { endOtherSessions, endOwnSession } from "@/lib/session/sessions";
import type { SessionsState } from "./state";

const endSessionsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("one"), sessionId: z.uuid() }),
  z.object({ intent: z.literal("others") }),
]);

/** Signs out one of the member's other devices, or all of them. Whose sign-in it is, is checked in
 * lib/session/sessions.ts against the member asking, never taken from the form. */
export const endSessionsAction = saving(
  (error, previous: SessionsState): SessionsState => ({ ...previous, error }),
  async function endSessionsAction(
    _previous: SessionsState,
    form: FormData,
  ): Promise<SessionsState> {
    const input = endSessionsForm.safeParse(
      form instanceof FormData
        ? { intent: form.get("intent"), sessionId: form.get("sessionId") ?? undefined }
        : null,
    );
    if (!input.success) return { error: "That is not one of your sessions." };
    // A session ended from another device is refused here too: getViewer answers as for a guest.
    const viewer = await getViewer();
    if (!viewer.id) return { error: "You are signed out. Sign in again to manage your sessions." };

    if (input.data.intent === "one") {
      if (input.data.sessionId === (await getSessionId()))
        return { error: "To sign out of this device, use Sign out at the top of the page." };
      const result = await endOwnSession(viewer, input.data.sessionId);
      revalidatePath("/account");
      return result.ok ? { done: "That device is signed out." } : { error: result.error };
    }
    const result = await endOtherSessions(viewer, await getSessionId());
    revalidatePath("/account");
    if (!result.ok) return { error: result.error };
    return {
      done:
        result.ended === 0
          ? "No other device was signed in."
          : result.ended === 1
            ? "The other device is signed out."
            : `All ${result.ended} other devices are signed out.`,
    };
  },
);
