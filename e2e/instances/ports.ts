import path from "node:path";

/** Where the multi-instance test keeps its Postgres, instances' data directories and nginx. */
export const CLUSTER = path.resolve(".data/instances");
export const CLUSTER_FILE = path.join(CLUSTER, "cluster.json");
export const NGINX_PORT = Number(process.env.INSTANCES_PORT ?? 3210);
export const INSTANCE_PORTS = { a: NGINX_PORT + 1, b: NGINX_PORT + 2 } as const;
export const instanceUrl = (name: keyof typeof INSTANCE_PORTS) =>
  `http://127.0.0.1:${INSTANCE_PORTS[name]}`;
