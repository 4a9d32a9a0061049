import { inject } from "vitest";

// Runs before each test file's imports, so db/client.ts connects to the test database.
process.env.DATABASE_URL = inject("databaseUrl");
