import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { signatureSchema, locationSchema } from "../accounts/settings";
import { usernameSchema } from "../accounts/rules";
import { messageSchema, titleSchema } from "../forum/posting-rules";
import { customTitleSchema } from "../members/roles";
import { banReasonSchema } from "../moderation/bans";
import { reasonSchema } from "../moderation/inputs";
import { reportNoteSchema, reportReasonSchema } from "../moderation/reports";
import * as sizes from "./sizes";
import {
  CUSTOM_TITLE,
  LOCATION,
  MESSAGE,
  NOTE,
  REASON,
  SIGNATURE,
  TITLE,
  USERNAME,
  type TextLimit,
} from "./sizes";

const count = (n: number) => n.toLocaleString("en-US");

/** The schema takes `max` characters and refuses one more with a message quoting that very `max`. */
function expectLimit(schema: z.ZodType, limit: TextLimit, char = "a") {
  expect(schema.safeParse(char.repeat(limit.max)).success).toBe(true);
  const refused = schema.safeParse(char.repeat(limit.max + 1));
  expect(refused.success).toBe(false);
  expect(refused.error?.issues[0]?.message).toBe(limit.tooLong);
  expect(limit.tooLong).toContain(` ${count(limit.max)} characters`);
}

describe("each text limit's message quotes the number it checks", () => {
  // The moderator forms (ban, report, decision note, thread and post tools) use these schemas as they
  // are; their own bounds once read 5000 while their messages said 500.
  it("reasons and notes: 500", () => {
    expect(REASON.max).toBe(500);
    expectLimit(banReasonSchema, REASON);
    expectLimit(reportReasonSchema, REASON);
    expectLimit(reasonSchema, REASON);
    expectLimit(reportNoteSchema, NOTE);
    expect(NOTE.tooLong).toBe("Notes are at most 500 characters long.");
  });

  // The admin title form's bound once read 500 while its message said 50.
  it("custom titles: 50", () => {
    expect(CUSTOM_TITLE.max).toBe(50);
    expectLimit(customTitleSchema, CUSTOM_TITLE);
  });

  it("posts: titles of 3 to 150 characters, messages of 50,000", () => {
    expectLimit(titleSchema, TITLE);
    expect(titleSchema.safeParse("ab").error?.issues[0]?.message).toBe(
      "Titles are at least 3 characters long.",
    );
    expectLimit(messageSchema, MESSAGE);
    expect(MESSAGE.tooLong).toBe("Messages are at most 50,000 characters long.");
  });

  it("accounts: usernames, locations, signatures", () => {
    expectLimit(usernameSchema, USERNAME);
    expectLimit(locationSchema, LOCATION);
    expectLimit(signatureSchema, SIGNATURE);
  });

  it("every limit's messages are built from its own numbers", () => {
    const limits = Object.values(sizes).filter(
      (value): value is TextLimit => typeof value === "object" && "tooLong" in value,
    );
    expect(limits.length).toBeGreaterThan(5);
    for (const limit of limits) {
      expect(limit.tooLong).toContain(`at most ${count(limit.max)} characters`);
      expect(limit.tooShort).toContain(`at least ${count(limit.min)} characters`);
    }
  });
});
