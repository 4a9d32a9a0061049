// The left cell of a thread list's row (a forum page, What's new): the title, bold while unread, and
// the byline under it ("Jump to first unread · starter · started"). Both lists are rendered once for
// everyone; the unread parts follow the personal answer (list-marks.tsx).
import Link from "next/link";
import { ThreadTitleIsland, UnreadJumpIsland } from "@/app/_components/personal/islands";
import { LocalTime } from "@/app/_components/time/local-time";

export function ThreadRowHeading({
  thread,
  starter,
  unreadUrl,
  badges,
  after,
  titleClassName,
}: {
  thread: { id: number; title: string; url: string; createdAt: Date };
  starter: { name: string; url: string | null };
  /** What the server knew of the reader's unread mark (null for the shared rendering). */
  unreadUrl: string | null;
  /** Labels before the title (Sticky, Locked…). */
  badges?: React.ReactNode;
  /** More of the byline, after the start time. */
  after?: React.ReactNode;
  titleClassName?: string;
}) {
  return (
    <>
      <ThreadTitleIsland threadId={thread.id} unreadUrl={unreadUrl} className={titleClassName}>
        {badges}
        {/* At least 24 px tall: the byline's links sit right below (WCAG 2.2 target size). */}
        <Link href={thread.url} className="inline-block min-h-6">
          {thread.title}
        </Link>
      </ThreadTitleIsland>
      <p className="text-sm text-slate-600 [&_a]:underline">
        <UnreadJumpIsland threadId={thread.id} unreadUrl={unreadUrl} title={thread.title} />
        {starter.url ? <Link href={starter.url}>{starter.name}</Link> : starter.name} ·{" "}
        <LocalTime at={thread.createdAt} />
        {after}
      </p>
    </>
  );
}
