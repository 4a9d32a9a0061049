import { LocalTime } from "@/app/_components/time/local-time";
import Link from "next/link";

export interface LastPostLink {
  url: string;
  authorName: string;
  authorUrl: string | null;
  at: Date;
}

/** "<time> by <author>", a thread's last post as every thread list shows it: the time links to the
 * post. The links are underlined: told from the words around them by colour alone, they are too faint
 * for some readers (WCAG link-in-text-block). */
export function LastPost({ post }: { post: LastPostLink }) {
  return (
    <>
      <Link href={post.url} className="underline">
        <LocalTime at={post.at} />
      </Link>{" "}
      by{" "}
      {post.authorUrl ? (
        <Link href={post.authorUrl} className="underline">
          {post.authorName}
        </Link>
      ) : (
        post.authorName
      )}
    </>
  );
}
