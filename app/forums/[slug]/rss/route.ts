// RSS 2.0 feed of one forum's newest threads (lib/feeds); 404 for a forum that does not exist.
import { forumFeed } from "@/lib/feeds/latest-threads";
import { requestOrigin, rssResponse } from "@/lib/feeds/response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const channel = slug.length <= 200 ? await forumFeed(requestOrigin(request), slug) : null;
  if (!channel)
    return new Response("There is no such forum.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  return rssResponse(request, channel);
}
