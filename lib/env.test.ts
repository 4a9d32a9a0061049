import { afterEach, describe, expect, it } from "vitest";
import { env, EnvError, envProblems, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives every variable its default when nothing is set, and treats empty as unset", () => {
    const parsed = parseEnv({ PORT: "", SITE_URL: "" });
    expect(parsed).toMatchObject({
      PORT: 3000,
      HOSTNAME: "0.0.0.0",
      DATA_DIR: ".data",
      DATABASE_POOL_SIZE: 10,
      TRUST_PROXY: null,
      GUEST_PAGE_CACHE: "on",
      POST_RATE_LIMIT_PER_MINUTE: 10,
      PREVIEW_RATE_LIMIT_PER_MINUTE: 30,
      SUGGEST_RATE_LIMIT_PER_MINUTE: 120,
      ADMIN_USERNAME: "admin",
    });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.SITE_URL).toBeUndefined();
    expect(parsed.ADMIN_PASSWORD).toBeUndefined();
  });

  it("turns set values into their types", () => {
    const parsed = parseEnv({
      PORT: "8080",
      POST_RATE_LIMIT_PER_MINUTE: " 25 ",
      TRUST_PROXY: "1",
      GUEST_PAGE_CACHE: "off",
      SITE_URL: "https://forum.example/",
      DATABASE_URL: "postgres://parley:secret@db:5432/parley",
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "secret",
      ADMIN_USERNAME: "  Chief ",
    });
    expect(parsed).toMatchObject({
      PORT: 8080,
      POST_RATE_LIMIT_PER_MINUTE: 25,
      TRUST_PROXY: { hops: 1 },
      GUEST_PAGE_CACHE: "off",
      SITE_URL: "https://forum.example/",
      DATABASE_URL: "postgres://parley:secret@db:5432/parley",
      AUTH_GITHUB_ID: "id",
      ADMIN_USERNAME: "Chief",
    });
  });

  it("refuses a rate that is not a whole number ≥ 1, naming the variable and the value", () => {
    // Number("ten") is NaN, and every post was then refused as "too fast".
    for (const bad of ["ten", "0", "-5", "2.5", "1e3"])
      expect(envProblems({ POST_RATE_LIMIT_PER_MINUTE: bad })).toEqual([
        `POST_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got '${bad}'`,
      ]);
    expect(() => parseEnv({ PREVIEW_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(EnvError);
    expect(() => parseEnv({ PREVIEW_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(
      "PREVIEW_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got 'lots'",
    );
  });

  it("lists every bad variable with what it expects", () => {
    expect(
      envProblems({
        PORT: "70000",
        DATABASE_POOL_SIZE: "none",
        SITE_URL: "forum.example",
        DATABASE_URL: "mysql://db/parley",
        TRUST_PROXY: "yes",
        GUEST_PAGE_CACHE: "maybe",
        SUGGEST_RATE_LIMIT_PER_MINUTE: "0",
      }),
    ).toEqual([
      "PORT must be a whole number from 1 to 65535, got '70000'",
      "DATABASE_URL must be an absolute postgres or postgresql address such as postgres://user:password@host:5432/parley, got 'mysql://db/parley'",
      "DATABASE_POOL_SIZE must be a whole number ≥ 1, got 'none'",
      "SITE_URL must be an absolute http or https address such as https://forum.example, got 'forum.example'",
      "TRUST_PROXY must be a number of proxy hops (0: none; 1: one reverse proxy such as nginx) or the proxies' addresses, comma-separated (such as 10.0.0.1, 172.16.0.0/12, ::1), got 'yes'",
      "GUEST_PAGE_CACHE must be on or off, got 'maybe'",
      "SUGGEST_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got '0'",
    ]);
  });

  it("refuses one half of an OAuth pair", () => {
    expect(envProblems({ AUTH_GOOGLE_ID: "id" })).toEqual([
      "AUTH_GOOGLE_SECRET must be set with AUTH_GOOGLE_ID (or neither)",
    ]);
    expect(envProblems({ AUTH_GITHUB_SECRET: "secret" })).toEqual([
      "AUTH_GITHUB_ID must be set with AUTH_GITHUB_SECRET (or neither)",
    ]);
  });
});

describe("env", () => {
  const saved = process.env.POST_RATE_LIMIT_PER_MINUTE;
  afterEach(() => {
    if (saved === undefined) delete process.env.POST_RATE_LIMIT_PER_MINUTE;
    else process.env.POST_RATE_LIMIT_PER_MINUTE = saved;
  });

  it("reads the process environment when used, so values set after import count", () => {
    process.env.POST_RATE_LIMIT_PER_MINUTE = "7";
    expect(env.POST_RATE_LIMIT_PER_MINUTE).toBe(7);
    process.env.POST_RATE_LIMIT_PER_MINUTE = "8";
    expect(env.POST_RATE_LIMIT_PER_MINUTE).toBe(8);
    process.env.POST_RATE_LIMIT_PER_MINUTE = "ten";
    expect(() => env.POST_RATE_LIMIT_PER_MINUTE).toThrow(
      "POST_RATE_LIMIT_PER_MINUTE must be a whole number ≥ 1, got 'ten'",
    );
  });

  it("sees a variable changed after another one was read", () => {
    process.env.POST_RATE_LIMIT_PER_MINUTE = "7";
    process.env.REACTION_RATE_LIMIT_PER_MINUTE = "30";
    expect(env.POST_RATE_LIMIT_PER_MINUTE).toBe(7);
    process.env.REACTION_RATE_LIMIT_PER_MINUTE = "31";
    expect(env.POST_RATE_LIMIT_PER_MINUTE).toBe(7);
    expect(env.REACTION_RATE_LIMIT_PER_MINUTE).toBe(31);
    delete process.env.POST_RATE_LIMIT_PER_MINUTE;
    delete process.env.REACTION_RATE_LIMIT_PER_MINUTE;
  });
});
