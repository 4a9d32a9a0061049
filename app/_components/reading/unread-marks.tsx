// How an unread thread looks in a list: a bold title (the caller sets the weight), the word "Unread"
// for screen readers (bold is not announced), and a link to the first post the member has not read.

/** Put just before the title link, outside it, so the link keeps the thread title as its name. */
export function UnreadCue({ unread }: { unread: boolean }) {
  return unread ? <span className="sr-only">Unread: </span> : null;
}

/** A plain <a>: the route answers with a redirect to "page#post-id", which a full navigation follows
 * to the anchor; the client router would drop the fragment. Several per page, so the name carries
 * the thread title. */
export function JumpToUnread({ href, title }: { href: string; title: string }) {
  return (
    <a
      href={href}
      aria-label={`Jump to first unread post in ${title}`}
      className="text-sm font-normal whitespace-nowrap"
    >
      Jump to first unread
    </a>
  );
}

export const titleWeight = (unread: boolean) => (unread ? "font-bold" : "font-normal");
