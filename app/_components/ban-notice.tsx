import { getViewer } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/format";
import { orNull } from "./fail-soft";

/** Under the header on every page while the viewer's ban is in force: why, and until when. */
export async function BanNotice() {
  const viewer = await orNull(getViewer(), "the viewer's ban");
  if (!viewer?.isBanned) return null;
  return (
    <section aria-label="Your ban" className="border-b border-red-300 bg-red-50 text-red-900">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm break-words">
        <strong>You are banned{viewer.banReason ? `: ${viewer.banReason}` : ""}.</strong>{" "}
        {viewer.banEndsAt ? (
          <>
            Until{" "}
            <time dateTime={viewer.banEndsAt.toISOString()}>
              {formatDateTime(viewer.banEndsAt)}
            </time>
            .
          </>
        ) : (
          "Permanently."
        )}{" "}
        You can read the forum, but not post, react or report.
      </p>
    </section>
  );
}
