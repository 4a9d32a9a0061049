"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { isStaff } from "@/lib/permissions/viewer";
import { asViewer } from "@/lib/personal/types";
import { readPageScope } from "./personal-scope";
import { loadPersonal, usePersonal } from "./store";

const RELOADED_FOR_STAFF = "parley-staff-reloaded";

/** One personal answer per page view: on the first load and after every client-side navigation
 * (the root layout that holds this is not drawn again then). Staff who were shown the page rendered
 * for everyone (their first page since signing in, before the staff hint cookie existed) get it
 * once more, rendered for them, with their tools. */
export function PersonalLoader({ renderedFor }: { renderedFor: "everyone" | "viewer" }) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const answer = usePersonal();

  useEffect(() => {
    void loadPersonal(readPageScope());
  }, [pathname, search]);

  const staff = answer?.viewer ? isStaff(asViewer(answer.viewer)) : false;
  useEffect(() => {
    if (!staff || renderedFor !== "everyone") return;
    if (sessionStorage.getItem(RELOADED_FOR_STAFF) === location.href) return;
    sessionStorage.setItem(RELOADED_FOR_STAFF, location.href);
    location.reload();
  }, [staff, renderedFor]);
  return null;
}
