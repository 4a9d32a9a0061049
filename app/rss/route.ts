// RSS 2.0 feed of the newest threads across every forum (lib/feeds). Only what guests may read: the
// viewer is never consulted, so a cached copy can be shared.
import { siteFeed } from "@/lib/feeds/latest-threads";
import { requestOrigin, rssResponse } from "@/lib/feeds/response";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return rssResponse(request, await siteFeed(requestOrigin(request)));
}
