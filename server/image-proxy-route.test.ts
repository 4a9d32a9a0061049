// GET /image-proxy over real HTTP: only addresses the forum signed are fetched, and a signed address
// that leads to a private host is still refused.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { proxiedImageUrl } from "@/lib/remote-images/proxy";
import { handleImageProxy, IMAGE_PROXY_PATH } from "./image-proxy-route";

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith(`${IMAGE_PROXY_PATH}?`)) void handleImageProxy(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it("refuses unsigned addresses, and signed ones that lead to this very host", async () => {
  const unsigned = await fetch(
    `${origin}${IMAGE_PROXY_PATH}?${new URLSearchParams({ url: "https://img.example/a.png", sig: "forged" })}`,
  );
  expect(unsigned.status).toBe(403);
  expect((await fetch(`${origin}${IMAGE_PROXY_PATH}?url=x`)).status).toBe(400);

  for (const address of [`${origin}/secret.png`, "http://169.254.169.254/latest/meta-data"]) {
    const refused = await fetch(`${origin}${proxiedImageUrl(address)}`);
    expect(refused.status).toBe(502);
    expect(await refused.text()).toBe("The image's address is not a public one.");
  }
});
