import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { withSafeCallbackUrl } from "@/lib/redirects/auth-request";

export const GET = (request: NextRequest) => handlers.GET(withSafeCallbackUrl(request));
export const POST = (request: NextRequest) => handlers.POST(withSafeCallbackUrl(request));
