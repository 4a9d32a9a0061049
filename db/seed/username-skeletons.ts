// Fills users.username_skeleton for members who have none: every member on the first start after the
// column came (migration 0008 cannot compute it: the skeleton is TypeScript, from Unicode's
// confusables data), then only those whose name looks like an older member's. Those keep their names
// and can sign in as before; they are listed at every start so an administrator can settle each pair.
import { asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "../connect";
import { users } from "../schema";
import { usernameSkeleton } from "@/lib/accounts/username-skeleton";

export interface SkeletonCollision {
  member: { number: number; name: string };
  looksLike: { number: number; name: string };
}

export async function fillUsernameSkeletons(
  db: Database,
  log = (m: string) => console.log(m),
): Promise<SkeletonCollision[]> {
  const missing = await db
    .select({ id: users.id, number: users.number, name: users.name })
    .from(users)
    .where(isNull(users.usernameSkeleton))
    .orderBy(asc(users.number));
  if (missing.length === 0) return [];

  const holders = new Map(
    (
      await db
        .select({ number: users.number, name: users.name, skeleton: users.usernameSkeleton })
        .from(users)
        .where(isNotNull(users.usernameSkeleton))
    ).map((u) => [u.skeleton!, { number: u.number, name: u.name }]),
  );
  const collisions: SkeletonCollision[] = [];
  let filled = 0;
  // Oldest first: the member who had the name first keeps the skeleton.
  for (const member of missing) {
    const skeleton = usernameSkeleton(member.name);
    const holder = holders.get(skeleton);
    if (holder) {
      collisions.push({ member: { number: member.number, name: member.name }, looksLike: holder });
      continue;
    }
    try {
      await db.update(users).set({ usernameSkeleton: skeleton }).where(eq(users.id, member.id));
    } catch (error) {
      // Another instance, already serving, let a new member take it meanwhile: they keep it.
      if ((error as { cause?: { code?: string } }).cause?.code !== "23505") throw error;
      const [taker] = await db
        .select({ number: users.number, name: users.name })
        .from(users)
        .where(eq(users.usernameSkeleton, skeleton));
      if (taker)
        collisions.push({ member: { number: member.number, name: member.name }, looksLike: taker });
      continue;
    }
    holders.set(skeleton, { number: member.number, name: member.name });
    filled += 1;
  }
  if (filled > 0) log(`Computed the look-alike skeleton of ${filled} member names.`);
  for (const { member, looksLike } of collisions)
    log(
      `Member #${member.number} ${JSON.stringify(member.name)} looks like member #${looksLike.number} ${JSON.stringify(looksLike.name)}: both keep their names; new members cannot take a third.`,
    );
  return collisions;
}
