import { LocalTime } from "@/app/_components/time/local-time";
import type { Metadata } from "next";
import { readableRules } from "@/lib/forum/forum-access";
import Link from "next/link";
import { Pagination } from "@/app/_components/pagination";
import { IgnoredRowsIsland } from "@/app/_components/personal/islands";
import { rowAuthors } from "@/app/_components/personal/row-authors";
import { getViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import {
  MAX_RESULTS,
  parseSearch,
  type RawSearchParams,
  type SearchErrors,
  type SearchForm,
} from "@/lib/search/query";
import { forumChoices } from "@/lib/forum/forum-choices";
import { runSearch, type SearchOutcome } from "@/lib/search/search";
import { SearchTooBroadError, type SearchHit } from "@/lib/search/search-posts";
import { SearchForm as SearchFormView } from "./_components/search-form";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { q, member } = await searchParams;
  const words = typeof q === "string" ? q.trim().slice(0, 80) : "";
  if (words) return { title: `Search: ${words}` };
  return {
    title:
      typeof member === "string" && member.trim()
        ? `Content by ${member.trim().slice(0, 40)}`
        : "Search",
  };
}

const TOO_BROAD =
  "This search takes too long to answer. Narrow it down: choose a forum, a member or dates, or add a more specific word.";

async function search(
  raw: RawSearchParams,
): Promise<SearchOutcome | { state: "too-broad"; form: SearchForm }> {
  // Searching is reading, open to everyone. Members share the guests' rendering (the page cache):
  // the members they ignore are hidden in the browser (<IgnoredRowsIsland>). A rendering for one
  // viewer (staff; members while a members-only forum exists) finds what they may see.
  const viewer = await getViewer();
  try {
    return await runSearch(viewer, raw);
  } catch (error) {
    if (!(error instanceof SearchTooBroadError)) throw error;
    return { state: "too-broad", form: parseSearch(raw).form };
  }
}

export default async function SearchPage({ searchParams }: Props) {
  const raw = await searchParams;
  const [outcome, forums] = await Promise.all([
    search(raw),
    getViewer().then((viewer) => forumChoices(readableRules(viewer))),
  ]);
  const errors: SearchErrors = outcome.state === "invalid" ? outcome.errors : {};
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Search</h1>
      {Object.keys(errors).length > 0 && (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <ul className="space-y-1">
            {[...new Set(Object.values(errors))].map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <SearchFormView form={outcome.form} errors={errors} forums={forums} />
      {outcome.state === "too-broad" && (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          {TOO_BROAD}
        </p>
      )}
      {outcome.state === "past-end" && (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          There is no page {formatCount(outcome.page)} of these results: they fill{" "}
          {outcome.pageCount === 1 ? "one page" : `${formatCount(outcome.pageCount)} pages`}.{" "}
          <Link href={outcome.firstPageUrl} className="font-semibold">
            Go to the first page
          </Link>
        </p>
      )}
      {outcome.state === "results" && <Results outcome={outcome} />}
    </div>
  );
}

function Results({ outcome }: { outcome: Extract<SearchOutcome, { state: "results" }> }) {
  const { results, page, form, memberName } = outcome;
  const what = form.q.trim() ? `for “${form.q.trim()}”` : memberName ? `by ${memberName}` : "";
  const count = results.capped
    ? `More than ${formatCount(MAX_RESULTS)} results`
    : `${formatCount(results.total)} ${results.total === 1 ? "result" : "results"}`;
  return (
    <section aria-labelledby="results-heading" className="space-y-2">
      <h2 id="results-heading" className="text-lg font-semibold">
        {count} {what}
      </h2>
      {results.capped && (
        <p className="text-sm text-slate-600">
          Only the newest {formatCount(MAX_RESULTS)} are listed
          {form.q.trim() && form.order === "relevance" ? ", best matches first" : ""}. To reach
          older ones, narrow the search with a forum, a member or dates.
        </p>
      )}
      {results.total === 0 ? (
        <p className="rounded-lg border border-slate-300 bg-surface p-4 text-slate-700 shadow-sm">
          Nothing found{what ? ` ${what}` : ""}. Try other words, or fewer filters.
        </p>
      ) : (
        <>
          <Pagination page={page} pageCount={results.pageCount} hrefFor={outcome.hrefFor} />
          <IgnoredRowsIsland>
            <ol className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-300 bg-surface shadow-sm">
              {results.hits.map((hit) => (
                <Hit key={hit.postId} hit={hit} />
              ))}
            </ol>
          </IgnoredRowsIsland>
          <Pagination page={page} pageCount={results.pageCount} hrefFor={outcome.hrefFor} />
        </>
      )}
    </section>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  return (
    <li
      data-authors={rowAuthors(hit.author.id)}
      className="px-4 py-3 [&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-inherit"
    >
      <h3 className="font-semibold break-words">
        {/* titleHtml and snippetHtml are escaped text with <mark> only (lib/search/snippet.ts). */}
        <Link href={hit.url}>
          <span dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        </Link>
      </h3>
      <p
        className="mt-1 text-sm break-words text-slate-700"
        dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
      />
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs leading-6 text-slate-500 [&_a]:inline-block">
        <span>
          {hit.author.url ? (
            <Link href={hit.author.url} className="username">
              {hit.author.name}
            </Link>
          ) : (
            hit.author.name
          )}
        </span>
        <span aria-hidden="true">·</span>
        <LocalTime at={hit.createdAt} />
        <span aria-hidden="true">·</span>
        <span>
          in <Link href={hit.forum.url}>{hit.forum.title}</Link>
        </span>
      </p>
    </li>
  );
}
