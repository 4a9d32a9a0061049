// Latest activity: posts, reactions and new members, newest first, merged into one list. Each source
// is read newest-first down its own time index (posts_created_idx, reactions_created_idx,
// users_created_idx) and stops after the rows the requested page can need, so a page costs at most
// page × 20 rows per source whatever the size of the forum; the merge then sorts those few.
import { EVERYONE_ONLY, inReadableForum } from "../forum/forum-access";
import type { ForumViewRule } from "../permissions";
import "server-only";
import { and, isNull, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, reactions, threads, users, type ReactionKind } from "@/db/schema";
import { notIgnoredBy } from "../members/ignore-filter";
import { plainExcerpt } from "../markup/excerpt";
import { postShownTo, threadShownTo } from "../moderation/visibility";
import { memberUrl, postUrl, threadUrl } from "../urls";
import type { WhatsNewPage } from "./whats-new";

export const ACTIVITY_PER_PAGE = 20;
/** Older activity is found elsewhere (threads, profiles); the cap bounds how far each source is read. */
export const ACTIVITY_MAX_PAGES = 25;

interface Who {
  /** The member's id (null for a guest's post): pages hide ignored members' items in the browser. */
  id: string | null;
  name: string;
  url: string | null;
}
interface PostRef {
  id: number;
  url: string;
  position: number;
  excerpt: string;
  author: Who;
  thread: { title: string; url: string };
}
export type ActivityItem =
  | { kind: "post"; key: string; at: Date; actor: Who; post: PostRef }
  | { kind: "reaction"; key: string; at: Date; actor: Who; reaction: ReactionKind; post: PostRef }
  | { kind: "member"; key: string; at: Date; actor: Who };

export interface ActivityOptions {
  page: number;
  /** For tests; the page uses ACTIVITY_PER_PAGE. */
  perPage?: number;
  /** The forums' view rules the reader may read (readableRules); a guest's by default. */
  viewRules?: readonly ForumViewRule[];
}

/** A post everyone may see in a list: the post and its thread visible, the author not ignored. */
function postListable(viewerId: string | null, rules: readonly ForumViewRule[]): SQL {
  return and(
    isNull(posts.deletedAt),
    inReadableForum(rules),
    postShownTo(viewerId),
    isNull(threads.deletedAt),
    threadShownTo(viewerId),
    notIgnoredBy(viewerId, posts.authorId),
  )!;
}

/** The three sources as (kind, at, tiebreak, post, actor, reaction) rows, each newest first and cut
 * at `limit`. Parenthesised so each keeps its own ORDER BY / LIMIT inside the UNION ALL. "desc nulls
 * last" as the indexes are built: a plain "desc" (nulls first) cannot use them. */
function sources(viewerId: string | null, limit: number, rules: readonly ForumViewRule[]): SQL {
  return sql`
    (select 'post' as kind, ${posts.createdAt} as at, ${posts.id}::text as tiebreak, ${posts.id} as post_id, ${posts.authorId} as actor_id, null::reaction_kind as reaction
      from ${posts} join ${threads} on ${threads.id} = ${posts.threadId}
      where ${postListable(viewerId, rules)}
      order by ${posts.createdAt} desc nulls last, ${posts.id} desc nulls last limit ${limit})
    union all
    (select 'reaction', ${reactions.createdAt}, ${reactions.postId}::text || ':' || ${reactions.userId}, ${reactions.postId}, ${reactions.userId}, ${reactions.kind}
      from ${reactions} join ${posts} on ${posts.id} = ${reactions.postId} join ${threads} on ${threads.id} = ${posts.threadId}
      where ${postListable(viewerId, rules)} and ${notIgnoredBy(viewerId, reactions.userId)}
      order by ${reactions.createdAt} desc nulls last limit ${limit})
    union all
    (select 'member', ${users.createdAt}, ${users.id}, null, ${users.id}, null
      from ${users}
      where ${notIgnoredBy(viewerId, users.id)}
      order by ${users.createdAt} desc nulls last limit ${limit})`;
}

type Row = {
  kind: "post" | "reaction" | "member";
  at: string | Date;
  tiebreak: string;
  reaction: ReactionKind | null;
  actor_id: string | null;
  actor_number: number | null;
  actor_name: string | null;
  post_id: number | null;
  post_position: number | null;
  post_author_id: string | null;
  post_author_name: string | null;
  post_author_number: number | null;
  post_author_account: string | null;
  excerpt: string | null;
  thread_id: number | null;
  thread_slug: string | null;
  thread_title: string | null;
};

export async function latestActivity(
  viewerId: string | null,
  options: ActivityOptions,
): Promise<WhatsNewPage<ActivityItem>> {
  const perPage = options.perPage ?? ACTIVITY_PER_PAGE;
  const cap = ACTIVITY_MAX_PAGES * perPage;
  const page = options.page;
  const counted = db.execute<{ n: number }>(
    sql`select count(*)::int as n from (${sources(viewerId, cap, options.viewRules ?? EVERYONE_ONLY)}) as activity`,
  );
  const listed = async () => {
    if (page > ACTIVITY_MAX_PAGES) return [];
    // Details are joined after the merge, for the page's rows only.
    return db.execute<Row>(sql`
      select a.kind, a.at, a.tiebreak, a.reaction,
        actor.id as actor_id, actor.number as actor_number, actor.name as actor_name,
        p.id as post_id, p.position as post_position, pa.id as post_author_id, p.author_name as post_author_name, pa.number as post_author_number, pa.name as post_author_account,
        left(p.source, 1000) as excerpt,
        t.id as thread_id, t.slug as thread_slug, t.title as thread_title
      from (
        select * from (${sources(viewerId, page * perPage, options.viewRules ?? EVERYONE_ONLY)}) as merged
        order by at desc, kind, tiebreak desc
        limit ${perPage} offset ${(page - 1) * perPage}
      ) as a
      left join users actor on actor.id = a.actor_id
      left join posts p on p.id = a.post_id
      left join users pa on pa.id = p.author_id
      left join threads t on t.id = p.thread_id
      order by a.at desc, a.kind, a.tiebreak desc`);
  };
  const [[total], rows] = await Promise.all([counted, listed()]);
  return {
    page,
    pageCount: Math.max(1, Math.ceil(Math.min(total?.n ?? 0, cap) / perPage)),
    items: rows.map(toItem),
  };
}

function who(
  id: string | null,
  number: number | null,
  name: string | null,
  fallback: string | null,
): Who {
  return id !== null && number !== null && name !== null
    ? { id, name, url: memberUrl({ number, name }) }
    : { id: null, name: fallback ?? "Guest", url: null };
}

function toItem(row: Row): ActivityItem {
  const at = new Date(row.at);
  const key = `${row.kind}:${row.tiebreak}`;
  if (row.kind === "member")
    return {
      kind: "member",
      key,
      at,
      actor: who(row.actor_id, row.actor_number, row.actor_name, null),
    };
  const post: PostRef = {
    id: row.post_id!,
    url: postUrl(row.post_id!),
    position: row.post_position!,
    excerpt: plainExcerpt(row.excerpt ?? "", 140),
    author: who(
      row.post_author_id,
      row.post_author_number,
      row.post_author_account,
      row.post_author_name,
    ),
    thread: {
      title: row.thread_title!,
      url: threadUrl({ id: row.thread_id!, slug: row.thread_slug! }),
    },
  };
  if (row.kind === "reaction")
    return {
      kind: "reaction",
      key,
      at,
      actor: who(row.actor_id, row.actor_number, row.actor_name, null),
      reaction: row.reaction!,
      post,
    };
  return { kind: "post", key, at, actor: post.author, post };
}
