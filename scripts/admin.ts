// `npm run admin -- reset-password NAME`: prints a one-time link (valid one hour) to choose a new
// password for that member, the way out when the only administrator's password is lost. Reaches the
// forum's database as backup and restore do (db/script-database.ts): the running embedded Postgres,
// DATABASE_URL, or one started for the run.
import "./check-env";
import { allowServerOnlyImports } from "../server/allow-server-only";
import { scriptDatabase } from "../db/script-database";

const USAGE = "Usage: npm run admin -- reset-password NAME";

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const name = rest.join(" ").trim();
  if (command !== "reset-password" || !name) {
    console.error(USAGE);
    return 2;
  }
  const database = await scriptDatabase((message) => console.log(message));
  // db/client.ts connects to whatever DATABASE_URL says when first imported.
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = "1";
  allowServerOnlyImports();
  const { db } = await import("../db/client");
  try {
    const { resetLinkForName } = await import("../lib/accounts/password-reset");
    const { siteOrigin } = await import("../lib/mail/site-origin");
    const link = await resetLinkForName(name, siteOrigin());
    if (!link) {
      console.error(`No member is named "${name}".`);
      return 1;
    }
    console.log(
      `Open this link within one hour to choose a new password for "${name}" (it works once):\n\n  ${link}\n`,
    );
    return 0;
  } finally {
    await db.$client.end();
    await database.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
