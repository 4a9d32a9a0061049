import "server-only";
import { EVERYONE_ONLY, inReadableForum } from "./forum-access";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, threads, users } from "@/db/schema";
import { toMemberCard, type MemberCard } from "../members/card";
import { stripQuotes } from "../markup/quote";
import { postUrl } from "../urls";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import { cardColumns } from "./card-columns";

export interface MemberProfile {
  id: string;
  card: MemberCard;
  lastSeenAt: Date | null;
  recentPosts: { id: number; url: string; threadTitle: string; excerpt: string; createdAt: Date }[];
}

const RECENT_POSTS = 10;

export async function getMemberProfile(number: number): Promise<MemberProfile | null> {
  const [member] = await db
    .select({ id: users.id, lastSeenAt: users.lastSeenAt, ...cardColumns })
    .from(users)
    .where(eq(users.number, number))
    .limit(1);
  if (!member) return null;
  const recent = await db
    .select({
      id: posts.id,
      source: posts.source,
      createdAt: posts.createdAt,
      threadTitle: threads.title,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(
        eq(posts.authorId, member.id),
        isNull(posts.deletedAt),
        isNull(threads.deletedAt),
        postShownTo(null),
        threadShownTo(null),
        // The profile is rendered once for everyone (the page cache): public forums only.
        inReadableForum(EVERYONE_ONLY),
      ),
    )
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(RECENT_POSTS);
  return {
    id: member.id,
    card: toMemberCard(member, member.name),
    lastSeenAt: member.lastSeenAt,
    recentPosts: recent.map((p) => ({
      id: p.id,
      url: postUrl(p.id),
      threadTitle: p.threadTitle,
      excerpt: excerpt(p.source),
      createdAt: p.createdAt,
    })),
  };
}

/** Plain-text start of a post's own words: quotes and markup left out. */
function excerpt(source: string, length = 200): string {
  const text = stripQuotes(source)
    .replace(/[*_`#>\[\]()!]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
