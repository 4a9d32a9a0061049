// Global set-up of the multi-instance test (playwright.instances.config.ts): one Postgres, two
// `npm start` instances started at the same moment on it (racing start-ups), and nginx in front of
// them with deploy/nginx.conf. Everything lives under .data/instances and is stopped afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadEmbeddedPostgres } from "../../db/test/embedded-for-tests";
import { CLUSTER, CLUSTER_FILE, INSTANCE_PORTS, NGINX_PORT } from "./ports";

async function answers(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const status = await fetch(url, { redirect: "manual" }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer 200 in time; see ${CLUSTER}/*.log`);
}

function startInstance(name: string, port: number, env: Record<string, string>): ChildProcess {
  const log = createWriteStream(path.join(CLUSTER, `${name}.log`));
  const child = spawn(
    path.resolve("node_modules/.bin/tsx"),
    ["--max-old-space-size=256", "scripts/start.ts"],
    {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATA_DIR: path.join(CLUSTER, name),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

async function startNginx(): Promise<ChildProcess> {
  const dir = path.join(CLUSTER, "nginx");
  await mkdir(dir, { recursive: true });
  const site = (await readFile("deploy/nginx.conf", "utf8"))
    .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${INSTANCE_PORTS.a};`)
    .replace("server 127.0.0.1:3001;", `server 127.0.0.1:${INSTANCE_PORTS.b};`)
    .replace("listen 80;", `listen 127.0.0.1:${NGINX_PORT};`);
  const temp = (what: string) => `${what}_temp_path ${path.join(dir, what)};`;
  await writeFile(
    path.join(dir, "nginx.conf"),
    [
      process.getuid?.() === 0 ? "user root;" : "",
      "worker_processes 1;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "error.log")} warn;`,
      "events { worker_connections 512; }",
      "http {",
      "access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp),
      site,
      "}",
    ].join("\n"),
  );
  const nginx = spawn(
    "nginx",
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  return nginx;
}

export default async function startCluster(): Promise<() => Promise<void>> {
  if (spawnSync("nginx", ["-v"]).error)
    throw new Error("nginx is not installed: `npm test` installs Debian's nginx-light first.");
  await rm(CLUSTER, { recursive: true, force: true });
  await mkdir(CLUSTER, { recursive: true });
  const { startEmbeddedPostgres } = await loadEmbeddedPostgres();
  const postgres = await startEmbeddedPostgres(path.join(CLUSTER, "db"), () => {});
  const shared = {
    DATABASE_URL: postgres.url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TRUST_PROXY: "1",
    ADMIN_USERNAME: "cluster-admin",
    ADMIN_PASSWORD: "cluster-admin-password-1",
    SIGN_UP_LIMIT_PER_HOUR: "100",
  };
  // Both at once on a fresh database: start-up's advisory lock lets one migrate and seed.
  const instances = [
    startInstance("a", INSTANCE_PORTS.a, shared),
    startInstance("b", INSTANCE_PORTS.b, shared),
  ];
  const nginx = await startNginx();
  await writeFile(CLUSTER_FILE, JSON.stringify({ databaseUrl: postgres.url }));
  const deadline = Date.now() + 300_000;
  await Promise.all([
    answers(`http://127.0.0.1:${INSTANCE_PORTS.a}/`, deadline),
    answers(`http://127.0.0.1:${INSTANCE_PORTS.b}/`, deadline),
  ]);
  await answers(`http://127.0.0.1:${NGINX_PORT}/`, deadline);

  return async () => {
    nginx.kill("SIGQUIT");
    const exited = instances.map((child) => new Promise((resolve) => child.once("exit", resolve)));
    instances.forEach((child) => child.kill("SIGTERM"));
    await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 10_000))]);
    await postgres.stop();
  };
}
