import { redirect } from "next/navigation";
import { pageFromParam } from "@/lib/urls";

/** The requested page number; anything that is not one (page=abc, page=0, page=1&page=2) is sent to
 * the first page rather than answered with an error. */
export function pageOrRedirect(value: string | string[] | undefined, firstPage: string): number {
  const page = pageFromParam(value);
  if (page === null) redirect(firstPage);
  return page;
}
