"use client";

import { useActionState, useId } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import type { Role } from "@/lib/permissions";
import { changeRoleAction, setCustomTitleAction, type MemberFormState } from "../actions";

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: "member", label: "Member" },
  { value: "moderator", label: "Moderator" },
  { value: "admin", label: "Administrator" },
];
const IDLE: MemberFormState = { status: "idle", message: "" };

const control =
  "w-full min-w-0 rounded border border-slate-300 bg-surface px-2 py-1.5 text-base shadow-sm aria-invalid:border-red-600";
const button = "px-3 py-1.5 text-sm whitespace-nowrap";

function Message({ state, id }: { state: MemberFormState; id: string }) {
  return (
    <div id={id} className="empty:hidden">
      <FormMessage message={state.message} tone={state.status === "error" ? "error" : "success"} />
    </div>
  );
}

export function RoleForm({ memberId, name, role }: { memberId: string; name: string; role: Role }) {
  const [state, action] = useActionState(changeRoleAction, IDLE);
  const id = useId();
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="memberId" value={memberId} />
      <label htmlFor={`${id}-role`} className="block text-xs font-semibold text-slate-700">
        Role for {name}
      </label>
      <div className="flex gap-2">
        {/* Keyed on the saved role: after a save the select shows the role the member now has. */}
        <select
          key={role}
          id={`${id}-role`}
          name="role"
          defaultValue={role}
          aria-describedby={`${id}-message`}
          className={`${control} flex-1`}
        >
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <SubmitButton className={button}>Save role</SubmitButton>
      </div>
      <Message state={state} id={`${id}-message`} />
    </form>
  );
}

export function TitleForm({
  memberId,
  name,
  customTitle,
  maxLength,
  hintId,
}: {
  memberId: string;
  name: string;
  customTitle: string | null;
  maxLength: number;
  /** The page's one explanation of the title rules, announced with every title field. */
  hintId: string;
}) {
  const [state, action] = useActionState(setCustomTitleAction, IDLE);
  const id = useId();
  const value =
    state.status === "error" && state.value !== undefined ? state.value : (customTitle ?? "");
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="memberId" value={memberId} />
      <label htmlFor={`${id}-title`} className="block text-xs font-semibold text-slate-700">
        Custom title for {name}
      </label>
      <div className="flex gap-2">
        <input
          id={`${id}-title`}
          name="title"
          defaultValue={value}
          key={value}
          maxLength={maxLength}
          placeholder="None"
          autoComplete="off"
          aria-invalid={state.status === "error" ? true : undefined}
          aria-describedby={`${hintId} ${id}-message`}
          className={`${control} flex-1`}
        />
        <SubmitButton className={button}>Save title</SubmitButton>
      </div>
      <Message state={state} id={`${id}-message`} />
    </form>
  );
}
