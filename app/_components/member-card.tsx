import Link from "next/link";
import type { MemberCard as Card } from "@/lib/members/card";
import type { Role } from "@/lib/permissions";
import { formatCount, formatDay } from "@/lib/format";
import { Avatar } from "./avatar";
import { Flag } from "./flag";
import { IgnoreToggle } from "./personal/ignore-toggle";
import { StartConversationLink } from "./personal/start-conversation-link";

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
      className="member-card flex gap-3 border-b border-slate-200 bg-slate-50 p-3 sm:w-48 sm:shrink-0 sm:flex-col sm:items-center sm:border-r sm:border-b-0 sm:text-center"
    >
      <div className="shrink-0">
        <Avatar name={card.name} url={card.avatarUrl} size="card" />
      </div>
      <div className="min-w-0 flex-1 sm:w-full">
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
          <p className="text-xs font-bold tracking-wide text-brand-700 uppercase">
            {card.customTitle}
          </p>
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
          <p className="mt-2 flex items-center gap-1.5 text-xs text-slate-600 sm:justify-center">
            {card.countryCode && card.countryName && (
              <Flag code={card.countryCode} name={card.countryName} />
            )}
            {card.location && <span>{card.location}</span>}
          </p>
        )}
        {ignore && (
          <StartConversationLink
            member={{ id: ignore.member.id, name: card.name }}
            className="mt-2 block"
          />
        )}
        {ignore && (
          <IgnoreToggle
            member={ignore.member}
            server={ignore.ignoring === undefined ? undefined : { ignoring: ignore.ignoring }}
            className="mt-2"
          />
        )}
      </div>
    </aside>
  );
}
