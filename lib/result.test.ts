// The shared result shape: what forms read from a refusal.
import { describe, expect, it } from "vitest";
import { fieldErrorsOf, messageOf, ok, refuse, refuseFields } from "./result";

describe("results", () => {
  it("a refusal about no field is shown as the form's message", () => {
    expect(refuse("Sign in first.")).toEqual({ ok: false, error: "Sign in first." });
    expect("field" in refuse("Sign in first.")).toBe(false);
    expect(fieldErrorsOf(refuse("Sign in first."))).toEqual({ form: "Sign in first." });
  });

  it("a refusal about one field is shown beside that field", () => {
    expect(fieldErrorsOf(refuse("Too long.", "title"))).toEqual({ title: "Too long." });
  });

  it("a form checked at once keeps every field's message, the first as its error", () => {
    const refusal = refuseFields({ username: "Taken.", email: "Invalid." });
    expect(refusal).toMatchObject({ ok: false, error: "Taken.", field: "username" });
    expect(fieldErrorsOf(refusal)).toEqual({ username: "Taken.", email: "Invalid." });
  });

  it("an answer that says something either way has one sentence", () => {
    expect(messageOf(ok({ message: "Done." }))).toBe("Done.");
    expect(messageOf(refuse("No."))).toBe("No.");
  });
});
