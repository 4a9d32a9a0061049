// The attachment settings as an operator writes them, and the messages built from them.
import { describe, expect, it } from "vitest";
import { envProblems, parseEnv } from "../env";
import { attachmentLimits } from "./attachments";

describe("attachment settings", () => {
  it("default to 8 MB, 10 a post, 50 a day, PDF, TXT and ZIP, and the proxy", () => {
    expect(parseEnv({})).toMatchObject({
      ATTACHMENT_MAX_BYTES: 8 * 1024 * 1024,
      ATTACHMENTS_PER_POST: 10,
      ATTACHMENTS_PER_DAY: 50,
      ATTACHMENT_FILE_TYPES: ["pdf", "txt", "zip"],
      REMOTE_IMAGES: "proxy",
    });
  });

  it("take a list of types, or none, and refuse anything else by name", () => {
    expect(parseEnv({ ATTACHMENT_FILE_TYPES: " PDF, txt " }).ATTACHMENT_FILE_TYPES).toEqual([
      "pdf",
      "txt",
    ]);
    expect(parseEnv({ ATTACHMENT_FILE_TYPES: "none" }).ATTACHMENT_FILE_TYPES).toEqual([]);
    expect(envProblems({ ATTACHMENT_FILE_TYPES: "pdf,exe", REMOTE_IMAGES: "off" })).toEqual([
      "ATTACHMENT_FILE_TYPES must list pdf, txt or zip, comma-separated (or none), got 'pdf,exe'",
      "REMOTE_IMAGES must be proxy or links, got 'off'",
    ]);
  });

  it("are quoted by the messages, which follow a changed setting", () => {
    const saved = process.env.ATTACHMENTS_PER_POST;
    try {
      process.env.ATTACHMENTS_PER_POST = "3";
      expect(attachmentLimits().perPost).toBe(3);
      expect(attachmentLimits().tooManyInPost).toBe("A post may have at most 3 attachments.");
      process.env.ATTACHMENTS_PER_POST = "4";
      expect(attachmentLimits().tooManyInPost).toBe("A post may have at most 4 attachments.");
    } finally {
      if (saved === undefined) delete process.env.ATTACHMENTS_PER_POST;
      else process.env.ATTACHMENTS_PER_POST = saved;
    }
  });
});
