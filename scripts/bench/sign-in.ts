// Signs the bench accounts in over HTTP, as the /login form does through Auth.js: fetch a CSRF token,
// post the credentials, keep the session cookie, and check it with /api/auth/session. Then, as the
// browser does on its first page after signing in, ask for the personal answer and keep the hint
// cookies it sets (server/personal-route.ts): the staff one is what sends a moderator's reading
// pages to a per-request render.

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signIn(base: string, identifier: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map(cookiePairs(csrf).map((pair) => [pair.slice(0, pair.indexOf("=")), pair]));

  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar.values()].join("; "),
      origin: base,
    },
    body: new URLSearchParams({ csrfToken, identifier, password, callbackUrl: `${base}/` }),
  });
  for (const pair of cookiePairs(response)) jar.set(pair.slice(0, pair.indexOf("=")), pair);
  const session = [...jar.entries()].find(([name]) => /(^|\.)session-token$/.test(name));
  if (!session)
    throw new Error(
      `signing in ${identifier} gave no session cookie (status ${response.status}, location ${response.headers.get("location")})`,
    );
  const cookie = session[1];

  const check = await fetch(`${base}/api/auth/session`, { headers: { cookie } });
  const body = (await check.json()) as { uid?: string } | null;
  if (!body?.uid)
    throw new Error(`the session of ${identifier} is not signed in: ${JSON.stringify(body)}`);
  return withHintCookies(base, cookie);
}

async function withHintCookies(base: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}/api/personal`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET /api/personal answered ${response.status}`);
  await response.body?.cancel();
  const hints = cookiePairs(response).filter((pair) => pair.endsWith("=1"));
  return [cookie, ...hints].join("; ");
}
