import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users, verificationTokens } from "@/db/schema";
import { USERNAME } from "../limits/sizes";
import { usernameSkeleton } from "../accounts/username-skeleton";

/** A username for someone arriving through GitHub or Google: their name without invisible characters,
 * made unique by name and by look-alike skeleton (so a provider's name cannot pose as a member). */
async function uniqueUsername(wanted: string): Promise<string> {
  const base =
    wanted
      .normalize("NFKC")
      .replace(/\p{Default_Ignorable_Code_Point}/gu, "")
      .replace(/[^\p{L}\p{M}\p{N} _.\-]+/gu, "")
      .replace(/ {2,}/g, " ")
      .trim()
      .slice(0, USERNAME.max - 4) || "member";
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base.padEnd(3, "_") : `${base}${n}`;
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        sql`lower(${users.name}) = lower(${candidate}) or ${users.usernameSkeleton} = ${usernameSkeleton(candidate)}`,
      );
    if (!taken) return candidate;
  }
}

export function drizzleAdapter(): Adapter {
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...adapter,
    async createUser(data: AdapterUser) {
      const name = await uniqueUsername(data.name ?? data.email?.split("@")[0] ?? "member");
      const [row] = await db
        .insert(users)
        .values({
          name,
          usernameSkeleton: usernameSkeleton(name),
          email: data.email?.toLowerCase() ?? null,
          emailVerified: data.emailVerified,
          image: data.image,
        })
        .returning();
      return { ...row!, email: row!.email ?? "" };
    },
  };
}
