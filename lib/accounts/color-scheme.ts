// The colour scheme a member chose in the header, kept on their row so every device they sign in on
// gets it through the personal answer (lib/personal/answer.ts).
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";
import { z } from "zod";
import { COLOR_SCHEME_CHOICES, storedScheme, type StoredColorScheme } from "../theme/color-scheme";

const colorSchemeChoice = z.enum(COLOR_SCHEME_CHOICES, {
  error: "Choose light, dark or system.",
});

export async function saveColorScheme(
  viewer: Viewer,
  choice: unknown,
): Promise<Result<{ colorScheme: StoredColorScheme }>> {
  const parsed = colorSchemeChoice.safeParse(choice);
  if (!parsed.success) return refuse(parsed.error.issues[0]!.message);
  if (!viewer.id || !can(viewer, "editOwnAccount"))
    return refuse("Sign in to keep your colour scheme on every device.");
  const colorScheme = storedScheme(parsed.data);
  const saved = await db
    .update(users)
    .set({ colorScheme })
    .where(eq(users.id, viewer.id))
    .returning({ id: users.id });
  if (saved.length === 0) return refuse("This account no longer exists.");
  return ok({ colorScheme });
}
