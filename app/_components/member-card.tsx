import Link from "next/link";
import type { MemberCard as Card } from "@/lib/members/card";
import type { Role } from "@/lib/permissions";
import { formatCount, formatDay } from "@/lib/format";
import { Avatar } from "./avatar";
import { Flag } from "./flag";
import { IgnoreToggleIsland, StartConversationLinkIsland } from "./personal/islands";

/** The block beside each post: who wrote it, as members of the source forums saw it. `ignore` names
 * the author's account (imported authors have none); whether the reader may ignore them is asked of
 * lib/permissions with the personal answer, or was by the server (`ignoring` set) on a page rendered
 * for its reader. */
export function MemberCard({
  card,
  ignore,
}: {
  card: Card;
  ignore?: { member: { id: string; role: Role }; ignoring?: boolean };
}) {
  const stats: [string, string][] = [];
  if (card.joinedOn) stats.push(["Joined", formatDay(card.joinedOn)]);
  if (card.messageCount !== null) stats.push(["Messages", formatCount(card.messageCount)]);
  if (card.reactionScore !== null) stats.push(["Reaction score", formatCount(card.reactionScore)]);
  return (
    <aside
      aria-label={`About ${card.name}`}
      className="member-card flex items-center gap-2.5 border-b border-slate-200 bg-slate-50 px-3 py-2 sm:w-48 sm:shrink-0 sm:flex-col sm:items-center sm:gap-3 sm:border-r sm:border-b-0 sm:p-3 sm:text-center"
    >
      <div className="shrink-0">
        <Avatar name={card.name} url={card.avatarUrl} size="card" />
      </div>
      {/* On a phone: one line (avatar, name, title, flag), as XenForo's phone style draws it. */}
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 sm:block sm:w-full">
        <h3 className="font-bold break-words">
          {card.url ? (
            <Link href={card.url} className="username">
              {card.name}
            </Link>
          ) : (
            <span className="username text-slate-700">{card.name}</span>
          )}
        </h3>
        {card.customTitle && (
          <p className="text-xs font-bold tracking-wide text-link uppercase">{card.customTitle}</p>
        )}
        <p className="member-title text-xs text-slate-600">{card.memberTitle}</p>
        {stats.length > 0 && (
          <dl className="member-stats">
            {stats.map(([label, value]) => (
              <div key={label} className="contents">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {(card.countryCode || card.location) && (
          <p className="flex items-center gap-1.5 text-xs text-slate-600 sm:mt-2 sm:justify-center">
            {/* Labelled: a flag beside a different place ("where I am from", "where I live") is not a mistake. */}
            {card.countryCode && card.countryName && (
              <span>
                <span className="sr-only">Country: </span>
                <Flag code={card.countryCode} name={card.countryName} />
              </span>
            )}
            {/* On a phone the card is one line: the place waits for the profile. */}
            {card.location && (
              <span className="hidden sm:inline">
                <span className="text-slate-500">Location:</span> {card.location}
              </span>
            )}
          </p>
        )}
        {ignore && (
          <StartConversationLinkIsland
            member={{ id: ignore.member.id, name: card.name }}
            className="mt-2 block"
          />
        )}
        {ignore && (
          <IgnoreToggleIsland
            member={ignore.member}
            server={ignore.ignoring === undefined ? undefined : { ignoring: ignore.ignoring }}
            className="ml-auto sm:mt-2 sm:ml-0"
          />
        )}
      </div>
    </aside>
  );
}
