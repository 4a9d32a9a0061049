// The first administrator, made on first start from ADMIN_USERNAME / ADMIN_PASSWORD (or a random
// password printed once), so a fresh forum can be run without editing the database by hand.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { users } from "../schema";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { usernameSkeleton } from "@/lib/accounts/username-skeleton";

/** Creates the first administrator when there is none. Answers the notice with a generated password
 * (null otherwise), which scripts/start.ts prints last, after the build, where it is not missed. */
export async function ensureFirstAdmin(
  db: Database,
  log = (m: string) => console.log(m),
): Promise<string | null> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, "admin"))
    .limit(1);
  if (existing) return null;
  const username = env.ADMIN_USERNAME;
  const generated = !env.ADMIN_PASSWORD;
  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.name}) = lower(${username})`);
  if (taken) {
    // A member of that name exists (say, made before an admin was configured): promote them.
    await db
      .update(users)
      .set({ role: "admin", passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, taken.id));
  } else {
    // An ADMIN_USERNAME that looks like an existing member's name still makes the administrator (the
    // operator chose it), without the skeleton, and says so.
    const skeleton = usernameSkeleton(username);
    const [lookalike] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.usernameSkeleton, skeleton));
    if (lookalike)
      log(`ADMIN_USERNAME "${username}" looks like the member name "${lookalike.name}".`);
    await db.insert(users).values({
      name: username,
      usernameSkeleton: lookalike ? null : skeleton,
      role: "admin",
      passwordHash,
    });
  }
  if (!generated) {
    log(`Created administrator "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
    return null;
  }
  log(`Created administrator "${username}"; its password is printed once the forum is ready.`);
  return [
    `Administrator "${username}" was created with this password:`,
    ``,
    `    ${password}`,
    ``,
    `It is shown once. Lost it? npm run admin -- reset-password ${username}`,
  ].join("\n");
}
