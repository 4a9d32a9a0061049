"use client";

import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass } from "@/app/_components/form-controls";
import { inviteAction, leaveAction, lockAction, type ToolState } from "../actions";

const IDLE: ToolState = { status: "idle", message: "" };
const secondary =
  "cursor-pointer rounded border border-slate-300 bg-surface px-3 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-50";

/** The tools lib/permissions gave this participant: invite (staff), lock (starter, staff), leave. */
export function ManageConversation({
  conversationId,
  canInvite,
  canLock,
  canLeave,
  isLocked,
}: {
  conversationId: number;
  canInvite: boolean;
  canLock: boolean;
  canLeave: boolean;
  isLocked: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      {canInvite && <InviteForm conversationId={conversationId} />}
      {canLock && <LockForm conversationId={conversationId} isLocked={isLocked} />}
      {canLeave && <LeaveForm conversationId={conversationId} />}
    </div>
  );
}

function InviteForm({ conversationId }: { conversationId: number }) {
  const [state, action] = useActionState(inviteAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Invite members">
      <input type="hidden" name="conversationId" value={conversationId} />
      <div className="space-y-1">
        <label htmlFor="field-invite" className="block text-sm font-semibold">
          Invite members
        </label>
        <input
          id="field-invite"
          name="invite"
          defaultValue={state.status === "error" ? state.typed : ""}
          key={state.status === "success" ? state.message : "typing"}
          placeholder="Names, separated by commas"
          aria-invalid={state.status === "error" ? true : undefined}
          aria-describedby={state.status === "idle" ? undefined : "invite-answer"}
          className={`${controlClass} py-1`}
        />
      </div>
      <SubmitButton className="py-1">Invite</SubmitButton>
      {state.status !== "idle" && (
        <div id="invite-answer" className="basis-full">
          <FormMessage
            tone={state.status === "success" ? "success" : "error"}
            message={state.message}
          />
        </div>
      )}
    </form>
  );
}

function LockForm({ conversationId, isLocked }: { conversationId: number; isLocked: boolean }) {
  const [state, action] = useActionState(lockAction, IDLE);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="conversationId" value={conversationId} />
      <input type="hidden" name="lock" value={isLocked ? "0" : "1"} />
      <button type="submit" className={secondary}>
        {isLocked ? "Unlock conversation" : "Lock conversation"}
      </button>
      {state.status === "error" && <FormMessage message={state.message} />}
    </form>
  );
}

function LeaveForm({ conversationId }: { conversationId: number }) {
  const [state, action] = useActionState(leaveAction, IDLE);
  return (
    <form
      action={action}
      className="space-y-1"
      onSubmit={(event) => {
        if (!window.confirm("Leave this conversation? You will no longer see it."))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="conversationId" value={conversationId} />
      <button type="submit" className={secondary}>
        Leave conversation
      </button>
      {state.status === "error" && <FormMessage message={state.message} />}
    </form>
  );
}
