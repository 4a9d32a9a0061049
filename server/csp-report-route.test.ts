import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_RATES } from "../lib/limits/request-rates";
import { CSP_REPORT_MAX_BYTES } from "../lib/limits/sizes";
import { handleCspReport, violationsIn } from "./csp-report-route";

let server: http.Server;
let base: string;
const logged: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.headers["x-forwarded-for"] = String(req.headers["x-test-address"]);
    void handleCspReport(req, res, (line) => logged.push(line));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const legacy = {
  "csp-report": {
    "document-uri": "http://forum.test/threads/1-a",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "blocked-uri": "inline",
    "line-number": 3,
  },
};

const post = (address: string, body: string, type = "application/csp-report") =>
  fetch(base, {
    method: "POST",
    body,
    headers: { "content-type": type, "x-test-address": address },
  });

describe("the CSP report endpoint", () => {
  it("logs a report of either format as one line and answers 204", async () => {
    logged.length = 0;
    expect((await post("10.0.0.1", JSON.stringify(legacy))).status).toBe(204);
    expect(logged).toEqual([
      "CSP violation: script-src-elem blocked inline on http://forum.test/threads/1-a (-:3) from 10.0.0.1",
    ]);
    const batch = [
      {
        type: "csp-violation",
        body: { effectiveDirective: "img-src", blockedURL: "x\n\u001bforged" },
      },
    ];
    expect((await post("10.0.0.1", JSON.stringify(batch), "application/reports+json")).status).toBe(
      204,
    );
    // Control characters cannot forge log lines.
    expect(logged[1]).toContain("blocked x??forged on -");
    expect((await post("10.0.0.1", "not json")).status).toBe(204);
    expect(logged).toHaveLength(2);
  });

  it("refuses a body over the cap and GETs", async () => {
    const big = JSON.stringify({
      "csp-report": { "blocked-uri": "x".repeat(CSP_REPORT_MAX_BYTES) },
    });
    expect((await post("10.0.0.2", big)).status).toBe(413);
    expect((await fetch(base, { headers: { "x-test-address": "10.0.0.2" } })).status).toBe(405);
  });

  it("limits what one address can make it log", async () => {
    logged.length = 0;
    const statuses: number[] = [];
    for (let i = 0; i < REQUEST_RATES.cspReportsPerMinute + 5; i++)
      statuses.push((await post("10.0.0.3", JSON.stringify(legacy))).status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(REQUEST_RATES.cspReportsPerMinute);
    expect(statuses.at(-1)).toBe(429);
    expect(logged).toHaveLength(REQUEST_RATES.cspReportsPerMinute);
    // Another address is still heard.
    expect((await post("10.0.0.4", JSON.stringify(legacy))).status).toBe(204);
  });

  it("reads nothing from a body of another shape", () => {
    for (const body of [null, 1, "x", {}, { "csp-report": 1 }, [{ type: "deprecation", body: {} }]])
      expect(violationsIn(body)).toEqual([]);
  });
});
