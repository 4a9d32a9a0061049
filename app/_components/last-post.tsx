import { LocalTime } from "@/app/_components/time/local-time";
import Link from "next/link";

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
        <LocalTime at={post.at} />
      </Link>{" "}
      by {post.authorUrl ? <Link href={post.authorUrl}>{post.authorName}</Link> : post.authorName}
    </>
  );
}
