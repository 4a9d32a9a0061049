import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { REQUEST_BODY_MAX_BYTES, REQUEST_BODY_TOO_LARGE } from "../lib/limits/sizes";
import { refuseOversizedBody } from "./body-limit";

// A server in front of a handler that reads whole bodies, as Next does.
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (refuseOversizedBody(req, res)) return;
    let size = 0;
    req.on("data", (chunk: Buffer) => (size += chunk.length));
    req.on("end", () => res.end(`read ${size}`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  // The first 413 test leaves its client mid-body on purpose.
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends the headers and `body` (a first part of it, when the declared length is larger). */
function send(headers: http.OutgoingHttpHeaders, body = "", method = "POST") {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", method, path: "/", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (headers["content-length"] === undefined || Number(headers["content-length"]) <= body.length)
      req.end(body);
    else req.write(body);
  });
}

describe("the request body cap", () => {
  it("answers 413 with a message for a 10 MB body, at once and after the client sent it all", async () => {
    const tenMegabytes = 10 * 1024 * 1024;
    const early = await send({ "content-length": String(tenMegabytes) }, "x".repeat(1000));
    expect(early).toEqual({ status: 413, text: REQUEST_BODY_TOO_LARGE });
    const whole = await send({ "content-length": String(tenMegabytes) }, "x".repeat(tenMegabytes));
    expect(whole).toEqual({ status: 413, text: REQUEST_BODY_TOO_LARGE });
  });

  it("lets a body up to the cap through", async () => {
    expect(await send({ "content-length": "5" }, "hello")).toEqual({ status: 200, text: "read 5" });
    const atCap = await send(
      { "content-length": String(REQUEST_BODY_MAX_BYTES) },
      "x".repeat(REQUEST_BODY_MAX_BYTES),
    );
    expect(atCap).toEqual({ status: 200, text: `read ${REQUEST_BODY_MAX_BYTES}` });
    expect(await send({}, "", "GET")).toEqual({ status: 200, text: "read 0" });
  });

  it("answers 411 for a body of undeclared length", async () => {
    const answer = await send({ "transfer-encoding": "chunked" }, "x".repeat(1000));
    expect(answer.status).toBe(411);
  });

  it("is the limit Next is configured with for server actions", async () => {
    // Imported by a path TypeScript does not follow: next.config.js has no declarations.
    const configFile = "../next.config.js";
    const { default: nextConfig } = (await import(configFile)) as { default: NextConfig };
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(REQUEST_BODY_MAX_BYTES);
  });
});
