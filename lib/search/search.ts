// /search from the URL's parameters to what the page shows: parse them (query.ts), look up the
// forum and the member they name, make sure the words leave something to search for, then search
// (search-posts.ts) as the viewer: their ignore list and their own posts awaiting approval count.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, users } from "@/db/schema";
import { ownerOf, type ForumViewRule, type Viewer } from "../permissions";
import { readableRules } from "../forum/forum-access";
import {
  parseSearch,
  searchUrl,
  type RawSearchParams,
  type SearchErrors,
  type SearchForm,
} from "./query";
import { inspectWords, searchPosts, type SearchResults } from "./search-posts";

export type SearchOutcome =
  | { state: "idle"; form: SearchForm }
  | { state: "invalid"; form: SearchForm; errors: SearchErrors }
  /** A page past the last one: the message says how many there are and links to the first. */
  | { state: "past-end"; form: SearchForm; page: number; pageCount: number; firstPageUrl: string }
  | {
      state: "results";
      form: SearchForm;
      page: number;
      results: SearchResults;
      /** The member whose content this lists, as spelt in their account. */
      memberName: string | null;
      hrefFor: (page: number) => string;
    };

export const searchMessages = {
  unknownForum: (slug: string) => `There is no forum “${slug}”. Choose one from the list.`,
  unknownMember: (name: string) => `No member is called “${name}”.`,
  noWords: (words: string) =>
    // "or" between words is an operator, not a word.
    /[\p{L}\p{N}]/u.test(words.replace(/(^|[^\p{L}\p{N}])or(?![\p{L}\p{N}])/giu, "$1"))
      ? `There are no searchable words in “${words}”: very common words (such as “the” or “and”) are left out of searches. Add a more specific word.`
      : `There are no searchable words in “${words}”: symbols and operators on their own find nothing. Enter a word to search for.`,
  onlyExclusions: "Add a word to search for: a search cannot consist only of words to leave out.",
};

/** A forum the searcher may read; one they may not is as unknown as a forum that does not exist. */
async function forumIdBySlug(slug: string, rules: ForumViewRule[]): Promise<number | null> {
  const [row] = await db
    .select({ id: forums.id })
    .from(forums)
    .where(and(eq(forums.slug, slug), inArray(forums.viewRule, rules)))
    .limit(1);
  return row?.id ?? null;
}

/** Usernames are unique without regard to case (users_name_lower_idx): both sides lowered by
 * Postgres, as that index is. The length is checked with the form (query.ts). */
async function memberByName(name: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.name})`, sql`lower(${name})`))
    .limit(1);
  return row ?? null;
}

export async function runSearch(viewer: Viewer, raw: RawSearchParams): Promise<SearchOutcome> {
  const parsed = parseSearch(raw);
  if (parsed.state !== "valid") return parsed;
  const { form, criteria } = parsed;

  const [forumId, member, words] = await Promise.all([
    criteria.forumSlug ? forumIdBySlug(criteria.forumSlug, readableRules(viewer)) : null,
    criteria.memberName ? memberByName(criteria.memberName) : null,
    criteria.words ? inspectWords(criteria.words) : null,
  ]);
  const errors: SearchErrors = {};
  if (criteria.forumSlug && forumId === null)
    errors.forum = searchMessages.unknownForum(criteria.forumSlug);
  if (criteria.memberName && !member)
    errors.member = searchMessages.unknownMember(criteria.memberName);
  if (words === "nothing") errors.q = searchMessages.noWords(criteria.words);
  if (words === "only-exclusions") errors.q = searchMessages.onlyExclusions;
  if (Object.keys(errors).length > 0) return { state: "invalid", form, errors };

  const results = await searchPosts(ownerOf(viewer).id, {
    words: criteria.words,
    forumId,
    authorId: member?.id ?? null,
    from: criteria.from,
    before: criteria.before,
    titlesOnly: criteria.titlesOnly,
    order: criteria.order,
    page: criteria.page,
    viewRules: readableRules(viewer),
  });
  if (criteria.page > results.pageCount) {
    return {
      state: "past-end",
      form,
      page: criteria.page,
      pageCount: results.pageCount,
      firstPageUrl: searchUrl(form),
    };
  }
  return {
    state: "results",
    form,
    page: criteria.page,
    results,
    memberName: member?.name ?? null,
    hrefFor: (page) => searchUrl(form, page),
  };
}
