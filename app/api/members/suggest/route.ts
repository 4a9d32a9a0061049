// GET /api/members/suggest?q=Raz → { members: [{ name, avatarUrl }] }: the post editor's @mention
// completion. Public (member names are public on /members); answers 400 with a message for a bad q.
import { z } from "zod";
import { suggestMembers } from "@/lib/members/suggest";

const querySchema = z
  .string({ error: "Give the start of a member name as q." })
  .trim()
  .min(1, "Give the start of a member name as q.")
  .max(32, "Member names are at most 32 characters long.");

export async function GET(request: Request): Promise<Response> {
  const q = querySchema.safeParse(new URL(request.url).searchParams.get("q") ?? undefined);
  if (!q.success) {
    return Response.json({ error: q.error.issues[0]!.message }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const members = await suggestMembers(q.data);
  return Response.json({ members }, { headers: { "Cache-Control": "private, max-age=30" } });
}
