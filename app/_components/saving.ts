import "server-only";
import { unstable_rethrow } from "next/navigation";
import { CANNOT_SAVE, isDatabaseFault } from "@/lib/faults/database-fault";

/**
 * A server action that answers, instead of throwing, when the database can't take its write (a
 * read-only failover, a full disk, a restart): `whenDown` builds the state its form shows, so the
 * member reads why under what they typed rather than Next's error page taking the page and the
 * text with it. Other errors (bugs) still throw; Next's redirects and not-found pass through.
 */
export function saving<F extends (...args: never[]) => Promise<unknown>>(
  whenDown: (message: string, ...args: Parameters<F>) => Awaited<ReturnType<F>>,
  action: F,
): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await action(...args);
    } catch (error) {
      unstable_rethrow(error);
      if (!isDatabaseFault(error)) throw error;
      console.error("A write failed: the database can't take it now.", error);
      return whenDown(CANNOT_SAVE, ...args);
    }
  }) as F;
}
