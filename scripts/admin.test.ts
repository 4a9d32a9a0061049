// `npm run admin -- reset-password NAME` as an operator runs it, against the test database: it prints
// a one-time link that opens the reset page for that member, and says so when there is no such member.
import { spawnSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { db } from "@/db/client";
import { resetLinkMember } from "@/lib/accounts/password-reset";
import { cleanUp, makeMember } from "@/lib/testing/factories";

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

const run = (...args: string[]) =>
  spawnSync("npx", ["tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, SITE_URL: "https://forum.example" },
    encoding: "utf8",
    timeout: 60_000,
  });

it("prints a working one-time reset link for a member, and refuses an unknown name", async () => {
  const chief = await makeMember({ role: "admin", prefix: "chief" });
  const printed = run("reset-password", chief.name);
  expect(printed.stderr).toBe("");
  expect(printed.status).toBe(0);
  const link = printed.stdout.match(/https:\/\/forum\.example\/reset-password\?token=\S+/)?.[0];
  expect(link).toBeDefined();
  expect(await resetLinkMember(new URL(link!).searchParams.get("token"))).toEqual({
    name: chief.name,
  });

  const unknown = run("reset-password", "nobody-of-this-name");
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('No member is named "nobody-of-this-name".');
  const usage = run("frobnicate");
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain("Usage: npm run admin -- reset-password NAME");
}, 120_000);
