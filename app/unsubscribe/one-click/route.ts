// The List-Unsubscribe address of alert mails (RFC 8058): a mail client's own Unsubscribe button
// POSTs `List-Unsubscribe=One-Click` here, without cookies, and the member's alert mail is off. A GET
// (someone opening the header's address) changes nothing: it leads to the page that asks first.
import { z } from "zod";
import { unsubscribe } from "@/lib/alert-mail/unsubscribe";
import { clientAddress } from "@/lib/auth/client-address";

const NO_STORE = { "Cache-Control": "no-store" };
const oneClickBody = z.object({ "List-Unsubscribe": z.literal("One-Click") });

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const body = oneClickBody.safeParse(form ? Object.fromEntries(form) : null);
  if (!body.success) return text("Send List-Unsubscribe=One-Click.", 400);
  const token = new URL(request.url).searchParams.get("token");
  const result = await unsubscribe(token, clientAddress(request.headers));
  if (result.ok) return text(result.message, 200);
  return text(result.error, result.field === "token" ? 400 : 429);
}

export function GET(request: Request): Response {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `/unsubscribe?${new URLSearchParams({ token })}` },
  });
}
