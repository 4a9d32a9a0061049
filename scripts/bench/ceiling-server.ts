// Child process: the ceiling. A plain Node `http` server that answers every request with the bytes
// of the thread page (as fetched once from the app, with the same headers) from memory.
import { readFileSync } from "node:fs";
import http from "node:http";

const [bodyFile, headersFile] = process.argv.slice(2);
if (!bodyFile || !headersFile)
  throw new Error("usage: ceiling-server <body file> <headers json file>");
const body = readFileSync(bodyFile);
const headers = {
  ...(JSON.parse(readFileSync(headersFile, "utf8")) as Record<string, string>),
  "content-length": String(body.length),
};

const server = http.createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`bench-ceiling-ready ${typeof address === "object" && address ? address.port : 0}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
