// POST /api/csp-report: where browsers report what the Content-Security-Policy blocked
// (server/security-headers.ts). Each report is logged as one line, so an operator sees an attack
// or a page of ours that breaks the policy. Anyone can post here, so the body is capped, the lines
// are rate-limited per address, and every value logged is cut short and stripped of control
// characters. The answer is 204 whatever was sent: a browser does nothing with it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { clientAddress } from "../lib/auth/client-address";
import { cspReportRate } from "../lib/limits/request-rates";
import { CSP_REPORT_MAX_BYTES } from "../lib/limits/sizes";

// report-uri sends {"csp-report": {...}} with kebab-case keys; the Reporting API (report-to) sends
// [{type: "csp-violation", body: {...}}] with camelCase keys. Both are read.
const field = z.string().max(4096).optional().catch(undefined);
const legacyReport = z.object({
  "csp-report": z.object({
    "document-uri": field,
    "violated-directive": field,
    "effective-directive": field,
    "blocked-uri": field,
    "source-file": field,
    "line-number": z.number().optional().catch(undefined),
  }),
});
const reportingApiReport = z
  .array(
    z.object({
      type: z.string(),
      body: z.object({
        documentURL: field,
        effectiveDirective: field,
        blockedURL: field,
        sourceFile: field,
        lineNumber: z.number().optional().catch(undefined),
      }),
    }),
  )
  .max(50);

export interface Violation {
  page?: string;
  directive?: string;
  blocked?: string;
  source?: string;
  line?: number;
}

/** The violations in a report body of either format; none for anything else. */
export function violationsIn(body: unknown): Violation[] {
  const legacy = legacyReport.safeParse(body);
  if (legacy.success) {
    const r = legacy.data["csp-report"];
    return [
      {
        page: r["document-uri"],
        directive: r["effective-directive"] ?? r["violated-directive"],
        blocked: r["blocked-uri"],
        source: r["source-file"],
        line: r["line-number"],
      },
    ];
  }
  const batch = reportingApiReport.safeParse(body);
  if (!batch.success) return [];
  return batch.data
    .filter((r) => r.type === "csp-violation")
    .map(({ body: b }) => ({
      page: b.documentURL,
      directive: b.effectiveDirective,
      blocked: b.blockedURL,
      source: b.sourceFile,
      line: b.lineNumber,
    }));
}

const printable = (value: string | number | undefined) =>
  String(value ?? "-")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")
    .slice(0, 300);

export function violationLine(v: Violation, from: string | null): string {
  return `CSP violation: ${printable(v.directive)} blocked ${printable(v.blocked)} on ${printable(v.page)} (${printable(v.source)}:${printable(v.line)}) from ${printable(from ?? undefined)}`;
}

async function readCapped(req: IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers["content-length"] ?? 0) > CSP_REPORT_MAX_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > CSP_REPORT_MAX_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, extra: Record<string, string> = {}) {
  res.writeHead(status, { "cache-control": "no-store", ...extra });
  res.end();
}

export async function handleCspReport(
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void = console.warn,
): Promise<void> {
  if (req.method !== "POST") return answer(res, 405, { allow: "POST" });
  const from = clientAddress(
    new Headers({ "x-forwarded-for": String(req.headers["x-forwarded-for"] ?? "") }),
  );
  const rate = await cspReportRate.take(from ?? "unknown");
  if (!rate.ok) {
    // Not read: the connection closes after the answer.
    res.setHeader("connection", "close");
    return answer(res, 429, { "retry-after": String(rate.retryAfterSeconds) });
  }
  let body: Buffer | null;
  try {
    body = await readCapped(req);
  } catch {
    return;
  }
  if (body === null) {
    res.setHeader("connection", "close");
    return answer(res, 413);
  }
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    // Not a report: nothing to log.
  }
  for (const violation of violationsIn(parsed)) log(violationLine(violation, from));
  answer(res, 204);
}
