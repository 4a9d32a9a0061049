// Imported first by scripts/start.ts, so a bad variable stops the start before any other module loads
// and before Postgres starts: one line per problem, naming the variable and what it expects.
import { envProblems } from "../lib/env";

const problems = envProblems();
if (problems.length > 0) {
  console.error(
    `Parley cannot start: fix these environment variables (see README, Configuration).\n  ${problems.join("\n  ")}`,
  );
  process.exit(1);
}
