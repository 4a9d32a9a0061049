// GET /api/members/suggest?q=Raz → { members: [{ name, avatarUrl }] }: the post editor's @mention
// completion. Public (member names are public on /members); answers 400 with a message for a bad q,
// and 429 (with Retry-After) past the per-address rate in lib/limits/request-rates.ts.
import { clientAddress } from "@/lib/auth/client-address";
import { REQUEST_RATES, suggestionRate } from "@/lib/limits/request-rates";
import { MEMBER_NAME } from "@/lib/limits/sizes";
import { suggestMembers } from "@/lib/members/suggest";
import { singleLine } from "@/lib/validation/text";

const querySchema = singleLine(MEMBER_NAME, {
  message: "Give the start of a member name as q.",
  empty: "Give the start of a member name as q.",
});

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: Request): Promise<Response> {
  const q = querySchema.safeParse(new URL(request.url).searchParams.get("q") ?? undefined);
  if (!q.success)
    return Response.json({ error: q.error.issues[0]!.message }, { status: 400, headers: NO_STORE });
  const rate = await suggestionRate.take(clientAddress(request.headers) ?? "unknown");
  if (!rate.ok) {
    return Response.json(
      {
        error: `Too many member lookups (${REQUEST_RATES.suggestionsPerMinute} a minute at most). Try again in ${rate.retryAfterSeconds} seconds.`,
      },
      { status: 429, headers: { ...NO_STORE, "Retry-After": String(rate.retryAfterSeconds) } },
    );
  }
  const members = await suggestMembers(q.data);
  return Response.json({ members }, { headers: { "Cache-Control": "private, max-age=30" } });
}
