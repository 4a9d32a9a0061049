import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  asRoleRender,
  dropRoleHeader,
  ROLE_RENDER_HEADER,
  roleOfRenderHeader,
  startRoleRenders,
} from "./role-render";

const request = (headers: Record<string, string> = {}) =>
  ({
    headers: { ...headers },
    rawHeaders: Object.entries(headers).flat(),
  }) as unknown as IncomingMessage;

describe("role renders", () => {
  it("means nothing before serve.ts starts them (next start alone)", () => {
    expect(roleOfRenderHeader("admin.AAAA")).toBeNull();
    expect(() => asRoleRender(request(), "admin")).toThrow(/not started/);
  });

  it("names the role only with this process's secret", () => {
    startRoleRenders();
    const marked = asRoleRender(request(), "moderator");
    const value = marked.headers[ROLE_RENDER_HEADER] as string;
    expect(roleOfRenderHeader(value)).toBe("moderator");
    expect(marked.rawHeaders).toEqual([ROLE_RENDER_HEADER, value]);
    // Another role with the same secret is that role; a changed secret or an unknown role is none.
    const secret = value.slice(value.indexOf(".") + 1);
    expect(roleOfRenderHeader(`admin.${secret}`)).toBe("admin");
    expect(roleOfRenderHeader(`member.${secret}`)).toBeNull();
    expect(roleOfRenderHeader(`admin.${secret.slice(0, -2)}AA`)).toBeNull();
    expect(roleOfRenderHeader("admin.")).toBeNull();
    expect(roleOfRenderHeader(secret)).toBeNull();
  });

  it("drops a role header that came with the request, raw copy included", () => {
    const req = request({ "X-Parley-Role-Render": "admin.forged", accept: "text/html" });
    req.headers[ROLE_RENDER_HEADER] = "admin.forged";
    dropRoleHeader(req);
    expect(req.headers[ROLE_RENDER_HEADER]).toBeUndefined();
    expect(req.rawHeaders).toEqual(["accept", "text/html"]);
  });
});
