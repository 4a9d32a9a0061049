import { LocalTime } from "@/app/_components/time/local-time";
import { WarningHistory } from "./_components/warning-history";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { Avatar } from "@/app/_components/avatar";
import { Flag } from "@/app/_components/flag";
import {
  IgnoreToggleIsland,
  StartConversationLinkIsland,
} from "@/app/_components/personal/islands";
import { getViewer } from "@/lib/auth/viewer";
import { isIgnoring } from "@/lib/members/ignore-list";
import { can, ownerOf } from "@/lib/permissions";
import { getMemberProfile } from "@/lib/forum/member-profile";
import { getSignatureHtml } from "@/lib/accounts/settings";
import { formatCount, formatDay } from "@/lib/format";
import { memberContentUrl } from "@/lib/search/query";
import { idFromSlug, slugRedirect, type QueryParams } from "@/lib/urls";
import { BannedBadge, BanPanel } from "./_components/ban-panel";
import { rewriteRemoteImages } from "@/lib/remote-images/rewrite";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<QueryParams> };

// generateMetadata and the page both need the profile: one set of queries per request.
const loadProfile = cache((number: number) => getMemberProfile(number));

async function load({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const number = idFromSlug(slug);
  const profile = number === null ? null : await loadProfile(number);
  if (!profile) notFound();
  // A member who changed their name keeps their number: the old address leads to the new one.
  const canonical = profile.card.url && slugRedirect(slug, profile.card.url, query);
  if (canonical) permanentRedirect(canonical);
  return profile;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { card } = await load(props);
  return { title: card.name, alternates: card.url ? { canonical: card.url } : undefined };
}

export default async function MemberPage(props: Props) {
  const { id, card, lastSeenAt, recentPosts } = await load(props);
  // The Ignore button is the reader's own: on a shared rendering their personal answer decides it.
  const viewer = ownerOf(await getViewer());
  const mayIgnore = card.role !== null && can(viewer, "ignoreMember", { id, role: card.role });
  const ignoring = mayIgnore && (await isIgnoring(viewer.id, id));
  const signatureHtml = card.url
    ? await getSignatureHtml(idFromSlug((await props.params).slug)!)
    : null;
  const facts: [string, React.ReactNode][] = [
    ["Joined", card.joinedOn ? formatDay(card.joinedOn) : "—"],
    ["Last seen", lastSeenAt ? <LocalTime at={lastSeenAt} /> : "—"],
    ["Messages", formatCount(card.messageCount ?? 0)],
    ["Reaction score", formatCount(card.reactionScore ?? 0)],
  ];
  return (
    <div className="space-y-4">
      <section
        aria-labelledby="member-name"
        className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-surface p-4 shadow-sm sm:flex-row"
      >
        <Avatar name={card.name} url={card.avatarUrl} size={128} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h1 id="member-name" className="text-2xl font-bold break-words">
              {card.name}
            </h1>
            <div className="flex flex-wrap items-center gap-3">
              {card.role !== null && (
                <StartConversationLinkIsland member={{ id, name: card.name }} />
              )}
              {card.role !== null && (
                <IgnoreToggleIsland
                  member={{ id, role: card.role }}
                  server={mayIgnore ? { ignoring } : undefined}
                />
              )}
            </div>
          </div>
          <BannedBadge memberNumber={idFromSlug((await props.params).slug)!} />
          {card.customTitle && (
            <p className="text-sm font-bold tracking-wide text-link uppercase">
              {card.customTitle}
            </p>
          )}
          <p className="text-slate-600">{card.memberTitle}</p>
          {(card.countryCode || card.location) && (
            <p className="mt-1 flex items-center gap-2 text-slate-700">
              {card.countryCode && card.countryName && (
                <>
                  <Flag code={card.countryCode} name={card.countryName} />
                  <span>{card.countryName}</span>
                </>
              )}
              {card.location && <span>· From {card.location}</span>}
            </p>
          )}
          <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500 uppercase">{label}</dt>
                <dd className="font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          {signatureHtml && (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <h2 className="text-xs text-slate-500 uppercase">Signature</h2>
              {/* Rendered and sanitized on save (lib/markup/render.ts), like posts. */}
              <div
                className="post-body text-sm text-slate-700"
                dangerouslySetInnerHTML={{ __html: rewriteRemoteImages(signatureHtml) }}
              />
            </div>
          )}
        </div>
      </section>
      <BanPanel memberNumber={idFromSlug((await props.params).slug)!} />
      <WarningHistory memberId={id} name={card.name} />
      <section
        aria-labelledby="recent-posts"
        className="rounded-lg border border-slate-300 bg-surface shadow-sm"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 border-b border-slate-200 px-4 py-2">
          <h2 id="recent-posts" className="font-semibold">
            Recent posts
          </h2>
          <Link href={memberContentUrl(card.name)} className="text-sm">
            Find all content
          </Link>
        </div>
        {recentPosts.length === 0 ? (
          <p className="p-4 text-slate-600">{card.name} has not posted here yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {recentPosts.map((post) => (
              <li key={post.id} className="px-4 py-3">
                <Link href={post.url} className="font-medium">
                  {post.threadTitle}
                </Link>
                <p className="text-sm text-slate-700">{post.excerpt}</p>
                <LocalTime at={post.createdAt} className="text-xs text-slate-500" />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
