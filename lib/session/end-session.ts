// Sign-out for sealed-cookie sessions: the sign-in's id is written down until its cookie would have
// expired, and loadViewer treats a session with that id as none (lib/permissions/load-viewer.ts).
import "server-only";
import { lt } from "drizzle-orm";
import { db } from "@/db/client";
import { endedSessions } from "@/db/schema";
import { SESSION_MAX_AGE_S } from "./session-cookie";

/** Ends the sign-in `sessionId`, whose cookie expires at `expiresAtS` (seconds since the epoch). */
export async function endSession(sessionId: string, expiresAtS?: number): Promise<void> {
  const expiresAt = new Date((expiresAtS ?? Date.now() / 1000 + SESSION_MAX_AGE_S) * 1000);
  await db.insert(endedSessions).values({ sessionId, expiresAt }).onConflictDoNothing();
  // Rows whose cookies have expired on their own protect nothing any more.
  await db.delete(endedSessions).where(lt(endedSessions.expiresAt, new Date()));
}
