import Link from "next/link";
import { MarkReadButtonIsland, MembersOnlyIsland } from "@/app/_components/personal/islands";
import { can, type Viewer } from "@/lib/permissions";
import { whatsNewUrl } from "@/lib/urls";

type WhatsNewTab = "posts" | "threads" | "activity";

const TABS: { tab: WhatsNewTab; label: string }[] = [
  { tab: "posts", label: "New posts" },
  { tab: "threads", label: "New threads" },
  { tab: "activity", label: "Latest activity" },
];

/** The heading, the three tabs (links: each is its own page) and, for members, "Mark all read". */
export function WhatsNewHeader({ current, viewer }: { current: WhatsNewTab; viewer: Viewer }) {
  return (
    <div className="mb-3 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">What&apos;s new</h1>
        <MembersOnlyIsland signedIn={can(viewer, "keepReadingState")}>
          <MarkReadButtonIsland />
        </MembersOnlyIsland>
      </div>
      <nav aria-label="What's new" className="flex flex-wrap gap-1 border-b border-slate-300">
        {TABS.map(({ tab, label }) =>
          tab === current ? (
            <Link
              key={tab}
              href={whatsNewUrl(tab)}
              aria-current="page"
              className="-mb-px rounded-t border border-slate-300 border-b-white bg-surface px-3 py-2 text-sm font-semibold text-slate-900 hover:no-underline"
            >
              {label}
            </Link>
          ) : (
            <Link
              key={tab}
              href={whatsNewUrl(tab)}
              className="rounded-t px-3 py-2 text-sm text-link"
            >
              {label}
            </Link>
          ),
        )}
      </nav>
    </div>
  );
}
