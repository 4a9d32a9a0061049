import Link from "next/link";
import { formatDateTime } from "@/lib/format";

export interface LastPostLink {
  url: string;
  authorName: string;
  authorUrl: string | null;
  at: Date;
}

/** "<time> by <author>", a thread's last post as every thread list shows it: the time links to the post. */
export function LastPost({ post }: { post: LastPostLink }) {
  return (
    <>
      <Link href={post.url}>
        <time dateTime={post.at.toISOString()}>{formatDateTime(post.at)}</time>
      </Link>{" "}
      by {post.authorUrl ? <Link href={post.authorUrl}>{post.authorName}</Link> : post.authorName}
    </>
  );
}
