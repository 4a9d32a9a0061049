"use client";

import Link from "next/link";
import { newConversationWithUrl } from "@/lib/conversations/urls";
import { can } from "@/lib/permissions";
import { asViewer } from "@/lib/personal/types";
import { usePersonal } from "./store";

/** "Start conversation" with one member, on pages rendered for everyone (profiles, member cards):
 * shown once the personal answer names a reader who may start one and is someone else. Whether this
 * member takes conversations from them is asked when the form is sent, and answered there in words. */
export function StartConversationLink({
  member,
  className = "",
}: {
  member: { id: string; name: string };
  className?: string;
}) {
  const viewer = usePersonal()?.viewer;
  if (!viewer || viewer.id === member.id || !can(asViewer(viewer), "startConversation"))
    return null;
  return (
    <Link href={newConversationWithUrl(member.name)} className={`text-sm ${className}`}>
      Start conversation
    </Link>
  );
}
