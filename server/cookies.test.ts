import { describe, expect, it } from "vitest";
import { cookieValue } from "./cookies";

describe("cookieValue", () => {
  it("finds a cookie by its exact name, wherever it sits in the header", () => {
    expect(cookieValue("parley-staff=1", "parley-staff")).toBe("1");
    expect(cookieValue("a=b; parley-staff=1; c=d", "parley-staff")).toBe("1");
    expect(cookieValue("a=b;parley-wrote=", "parley-wrote")).toBe("");
  });

  it("does not take another cookie whose name merely contains it", () => {
    expect(cookieValue("xparley-staff=1", "parley-staff")).toBeUndefined();
    expect(cookieValue("parley-staff-old=1", "parley-staff")).toBeUndefined();
    expect(cookieValue(undefined, "parley-staff")).toBeUndefined();
  });
});
