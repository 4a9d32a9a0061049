import { formatCount } from "@/lib/format";
import { LastPost, type LastPostLink } from "./last-post";

/** The right-hand cells of a thread list row (a forum page, What's new): replies (and views where
 * the list has them), then the last post. */
export function ThreadRowStats({
  replyCount,
  viewCount,
  lastPost,
}: {
  replyCount: number;
  viewCount?: number;
  lastPost: LastPostLink | null;
}) {
  return (
    <>
      <dl className="flex gap-4 text-sm text-slate-600 sm:block">
        <div className="flex gap-1 sm:justify-between">
          <dt>Replies</dt>
          <dd className="font-medium text-slate-800">{formatCount(replyCount)}</dd>
        </div>
        {viewCount !== undefined && (
          <div className="flex gap-1 sm:justify-between">
            <dt>Views</dt>
            <dd className="font-medium text-slate-800">{formatCount(viewCount)}</dd>
          </div>
        )}
      </dl>
      {lastPost && (
        <p className="text-sm text-slate-600">
          Last post: <LastPost post={lastPost} />
        </p>
      )}
    </>
  );
}
