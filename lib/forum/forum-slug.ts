// A forum's address is its slug alone, and slugs do not change; what can be wrong is the spelling
// of a hand-typed or pasted address ("/forums/World-Affairs", "/forums/world_affairs"), which is
// sent to the forum it names.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { forums } from "@/db/schema";
import { slugify } from "../urls";

/** The slug of the forum this differently spelt slug names, or null. */
export async function forumSlugSpeltAs(param: string): Promise<string | null> {
  let decoded = param;
  try {
    decoded = decodeURIComponent(param);
  } catch {
    // A malformed escape is read as it stands, as idFromSlug does.
  }
  const slug = slugify(decoded);
  if (slug === decoded) return null;
  const [forum] = await db
    .select({ slug: forums.slug })
    .from(forums)
    .where(eq(forums.slug, slug))
    .limit(1);
  return forum?.slug ?? null;
}
