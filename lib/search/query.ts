// What /search accepts, parsed with zod in one place: the search string and its filters as they
// arrive in the URL (a GET form, so results have addresses people can share), turned into criteria
// the SQL can use or into a message for each field that is wrong. Parameters the form does not have
// are ignored; a parameter given twice counts once (the first).
import { z } from "zod";
import { MEMBER_NAME, SEARCH_QUERY } from "../limits/sizes";
import { cleanText } from "../validation/text";

export const RESULTS_PER_PAGE = 20;
/** The most results one search lists (50 pages). See search-posts.ts for why there is a cap. */
export const MAX_RESULTS = 1000;

export const SEARCH_ORDERS = [
  { key: "relevance", label: "Relevance" },
  { key: "date", label: "Newest first" },
] as const;
export type SearchOrder = (typeof SEARCH_ORDERS)[number]["key"];

export const MESSAGES = {
  empty: "Enter something to search for.",
  tooLong: SEARCH_QUERY.tooLong,
  date: "Enter a date as YYYY-MM-DD, for example 2024-05-31.",
  noSuchDate: "There is no such date.",
  year: "Enter a year from 1000 to 2999.",
  fromAfterTo: "The “from” date is after the “to” date.",
  order: "Order the results by relevance or by date.",
  page: "Page numbers are whole numbers from 1.",
  memberTooLong: MEMBER_NAME.tooLong,
} as const;

/** The form as the visitor filled it in, shown back to them whether or not it was valid. */
export interface SearchForm {
  q: string;
  forum: string;
  member: string;
  from: string;
  to: string;
  titles: boolean;
  order: SearchOrder;
}

export interface SearchCriteria {
  /** What to look for (may be empty when a member is given: then it lists their content). */
  words: string;
  forumSlug: string | null;
  memberName: string | null;
  /** Start of the first day, in UTC (dates on the site are shown in UTC). */
  from: Date | null;
  /** Start of the day after the last one. */
  before: Date | null;
  titlesOnly: boolean;
  order: SearchOrder;
  page: number;
}

export type SearchField = "q" | "forum" | "member" | "from" | "to" | "order" | "page";
export type SearchErrors = Partial<Record<SearchField, string>>;

export type ParsedSearch =
  /** Nothing asked yet: the bare /search page shows the empty form, not an error. */
  | { state: "idle"; form: SearchForm }
  | { state: "invalid"; form: SearchForm; errors: SearchErrors }
  | { state: "valid"; form: SearchForm; criteria: SearchCriteria };

export type RawSearchParams = Record<string, string | string[] | undefined>;

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = z
  .preprocess(one, z.string().optional())
  .transform((value) => cleanText(value ?? "", "single").trim());

const day = text.pipe(
  z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, MESSAGES.date)
    .refine((value) => value === "" || isCalendarDay(value), MESSAGES.noSuchDate)
    // Postgres has no year 0, and a day after 9999-12-31 has no four-digit year.
    .refine((value) => value === "" || (value >= "1000" && value < "3000"), MESSAGES.year),
);

const schema = z
  .object({
    q: text.pipe(
      z.string().refine((value) => [...value].length <= SEARCH_QUERY.max, MESSAGES.tooLong),
    ),
    forum: text,
    member: text.pipe(z.string().max(MEMBER_NAME.max, MESSAGES.memberTooLong)),
    from: day,
    to: day,
    titles: z.preprocess(one, z.unknown()).transform((value) => value === "1"),
    order: text
      .pipe(z.enum(["", "relevance", "date"], MESSAGES.order))
      .transform((value) => (value || "relevance") as SearchOrder),
    page: text.pipe(
      z
        .string()
        .regex(/^\d{0,6}$/, MESSAGES.page)
        .transform((value) => (value === "" ? 1 : Number(value)))
        .pipe(z.number().min(1, MESSAGES.page)),
    ),
  })
  .superRefine((input, ctx) => {
    if (input.from && input.to && input.from > input.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: MESSAGES.fromAfterTo });
    if (!input.q && !input.member)
      ctx.addIssue({ code: "custom", path: ["q"], message: MESSAGES.empty });
  });

function dayStart(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}

/** "2021-02-30" has the right shape, but Date would roll it over to March. */
function isCalendarDay(isoDay: string): boolean {
  const date = dayStart(isoDay);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === isoDay;
}

function formFrom(raw: RawSearchParams): SearchForm {
  const value = (key: string) => {
    const v = one(raw[key]);
    return typeof v === "string" ? v : "";
  };
  const order = value("order");
  return {
    q: value("q"),
    forum: value("forum"),
    member: value("member"),
    from: value("from"),
    to: value("to"),
    titles: value("titles") === "1",
    order: order === "date" ? "date" : "relevance",
  };
}

export function parseSearch(raw: RawSearchParams): ParsedSearch {
  const form = formFrom(raw);
  const asked = ["q", "member", "forum", "from", "to", "titles"].some(
    (key) => raw[key] !== undefined,
  );
  if (!asked) return { state: "idle", form };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors: SearchErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SearchField;
      errors[field] ??= issue.message;
    }
    return { state: "invalid", form, errors };
  }
  const input = parsed.data;
  const before = input.to ? dayStart(input.to) : null;
  before?.setUTCDate(before.getUTCDate() + 1);
  return {
    state: "valid",
    form,
    criteria: {
      words: input.q,
      forumSlug: input.forum || null,
      memberName: input.member || null,
      from: input.from ? dayStart(input.from) : null,
      before,
      titlesOnly: input.titles,
      order: input.order,
      page: input.page,
    },
  };
}

/** The address of a search: only the fields that are set, so shared links stay short. */
export function searchUrl(form: Partial<SearchForm>, page = 1): string {
  const params = new URLSearchParams();
  if (form.q) params.set("q", form.q);
  if (form.forum) params.set("forum", form.forum);
  if (form.member) params.set("member", form.member);
  if (form.from) params.set("from", form.from);
  if (form.to) params.set("to", form.to);
  if (form.titles) params.set("titles", "1");
  if (form.order && form.order !== "relevance") params.set("order", form.order);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}

/** "Find all content" on a member's profile. */
export const memberContentUrl = (name: string) => searchUrl({ member: name });
