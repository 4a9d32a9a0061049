import { describe, expect, it } from "vitest";
import { rowId } from "./row-id";

describe("rowId", () => {
  const schema = rowId("No such row.");
  it("takes a form's positive integer, as text or number", () => {
    expect(schema.parse("42")).toBe(42);
    expect(schema.parse(2_147_483_647)).toBe(2_147_483_647);
  });
  it("refuses what cannot name a row, with the form's message (Postgres would fail on it)", () => {
    for (const bad of ["2147483648", "0", "-3", "1.5", "abc", null]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("No such row.");
    }
  });
});
