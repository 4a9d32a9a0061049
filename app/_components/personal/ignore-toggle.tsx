"use client";

import { can, type Role } from "@/lib/permissions";
import { asViewer } from "@/lib/personal/types";
import { IgnoreButton } from "../ignore-button";
import { usePersonal } from "./store";

/** Ignore / Unignore for one member on a page rendered for everyone: shown once the personal answer
 * names a reader that lib/permissions lets ignore this member (the action asks again). `server` is
 * what a page rendered for its reader already knew. */
export function IgnoreToggle({
  member,
  server,
  className,
}: {
  member: { id: string; role: Role };
  server?: { ignoring: boolean };
  className?: string;
}) {
  const answer = usePersonal();
  if (!answer) {
    return server ? (
      <IgnoreButton memberId={member.id} ignoring={server.ignoring} className={className} />
    ) : null;
  }
  if (!answer.viewer || !can(asViewer(answer.viewer), "ignoreMember", member)) return null;
  return (
    <IgnoreButton
      // A new answer (after the toggle) starts the form again from what it says.
      key={String(answer.ignored.includes(member.id))}
      memberId={member.id}
      ignoring={answer.ignored.includes(member.id)}
      className={className}
    />
  );
}
