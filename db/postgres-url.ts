// DATABASE_URL may name a Unix socket as libpq's URLs do: the folder holding the socket in a `host`
// query parameter (postgres://parley:secret@localhost:5432/parley?host=/run/postgresql). psql and
// pg_dump read it so; postgres.js would send it to the server as a setting, which the server
// refuses. A socket spares both sides the TCP stack on every round trip, which on this project's
// 2-core machines was about a sixth of a simple query's CPU (issue 12): npm start's embedded
// Postgres is reached through one.
import postgres from "postgres";

/** postgres.js's URL and host for a DATABASE_URL: the socket's folder as the host when the URL
 * names one (postgres.js then connects to `<folder>/.s.PGSQL.<port>`). */
export function postgresTarget(url: string): { url: string; host?: string } {
  const query = url.indexOf("?");
  if (query < 0) return { url };
  const params = new URLSearchParams(url.slice(query + 1));
  const host = params.get("host");
  if (!host?.startsWith("/")) return { url };
  params.delete("host");
  const rest = params.toString();
  return { url: url.slice(0, query) + (rest ? `?${rest}` : ""), host };
}

/** postgres(url, options), with a socket named as libpq names it. */
export function connectPostgres(
  url: string,
  options: postgres.Options<Record<string, postgres.PostgresType>> = {},
): postgres.Sql {
  const target = postgresTarget(url);
  return postgres(target.url, target.host ? { ...options, host: target.host } : options);
}

/** The longest socket path the operating system takes (sun_path is 108 bytes on Linux). */
const MAX_SOCKET_PATH = 107;

/** The folder for Postgres's socket for `port` (its unix_socket_directories setting): `folder`, or
 * "" (no socket) when the socket's path would be too long for the operating system or the folder's
 * name holds a comma (the setting is a comma-separated list). */
export function socketFolder(folder: string, port: number): string {
  return `${folder}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH && !folder.includes(",")
    ? folder
    : "";
}

/** `url` through the socket Postgres keeps in `folder` (socketFolder's answer; "": `url` itself). */
export function withSocket(url: string, folder: string): string {
  if (!folder) return url;
  return `${url}${url.includes("?") ? "&" : "?"}host=${encodeURIComponent(folder)}`;
}
