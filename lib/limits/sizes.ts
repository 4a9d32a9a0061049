// How long or how many: every size Parley accepts, stated once, with the message that quotes it built
// from the same number, so a form's maxLength, a schema's check and the words a member reads can
// never disagree. Pure (no server imports, no environment): forms in the browser import it too.
// Rates (how often) are request-rates.ts's and lib/env.ts's.

const count = (n: number) => n.toLocaleString("en-US");

export interface TextLimit {
  /** Characters at least (0: may be empty). */
  readonly min: number;
  /** Characters at most. */
  readonly max: number;
  readonly tooShort: string;
  readonly tooLong: string;
}

/** `plural` as a sentence starts: "Titles" → "Titles are at most 150 characters long." */
function characters(plural: string, min: number, max: number): TextLimit {
  return {
    min,
    max,
    tooShort: `${plural} are at least ${count(min)} characters long.`,
    tooLong: `${plural} are at most ${count(max)} characters long.`,
  };
}

// Posts.
export const TITLE = characters("Titles", 3, 150);
export const MESSAGE = characters("Messages", 1, 50_000);
// Polls (lib/polls).
export const POLL_QUESTION = characters("Poll questions", 3, 200);
export const POLL_ANSWER = characters("Poll answers", 1, 150);
export const POLL_ANSWERS = {
  min: 2,
  max: 20,
  tooFew: "A poll needs at least 2 answers.",
  tooMany: `A poll has at most ${count(20)} answers.`,
} as const;
/** "Close after N days": up to a year. */
export const POLL_DAYS = countLimit(365, (n) => `A poll closes after at most ${n} days.`);
/** The post editor shows a character count from this length on. */
export const MESSAGE_COUNT_FROM = 45_000;

// Accounts.
export const USERNAME = characters("Usernames", 3, 32);
/** A member's name as others type it (search, @mentions, ignore by name): any existing name fits. */
export const MEMBER_NAME = characters("Member names", 1, USERNAME.max);
/** argon2 hashes anything, but a megabyte of "password" is a denial of service, not a password. */
export const PASSWORD = characters("Passwords", 10, 256);
/** RFC 5321's longest address. */
export const EMAIL_MAX = 254;
export const LOCATION = characters("Locations", 0, 50);
export const SIGNATURE = characters("Signatures", 0, 500);
export const CUSTOM_TITLE = characters("Custom titles", 0, 50);
/** Member ids as forms send them back (ids are generated, so this only bounds the request). */
export const MEMBER_ID_MAX = 64;

// Moderation: reasons for reports and bans, and every staff tool's optional reason or note.
export const REASON = characters("Reasons", 0, 500);
export const NOTE = characters("Notes", 0, REASON.max);
/** Points one warning may carry. */
export const WARNING_POINTS = { min: 1, max: 100 } as const;
export const WARNING_POINTS_MESSAGE = `Points are a whole number from ${WARNING_POINTS.min} to ${WARNING_POINTS.max}.`;
/** The site settings' warning ban: active points that ban a member, and the ban's length in days. */
export const WARNING_BAN_POINTS = { min: 1, max: 1000 } as const;
export const WARNING_BAN_DAYS = { min: 1, max: 3650 } as const;
/** How many posts one bulk action may touch. */
export const BULK_POSTS_MAX = 200;
export const BULK_POSTS_TOO_MANY = `Choose at most ${count(BULK_POSTS_MAX)} posts at a time.`;
/** The approval queue's setting: a member's first this-many posts wait for a moderator. */
export const APPROVAL_MAX = 100;
export const APPROVAL_TOO_MANY = `Enter at most ${count(APPROVAL_MAX)}.`;
/** The moderator log's filter fields (an action name, a moderator's name). */
export const MOD_LOG_FILTER_MAX = 64;

// The admin panel: categories, forums and the site's own name (issue 15).
export const FORUM_TITLE = characters("Titles", 2, 100);
export const FORUM_DESCRIPTION = characters("Descriptions", 0, 500);
export const SITE_NAME = characters("Forum names", 2, 60);
export const SITE_DESCRIPTION = characters("Descriptions", 0, 300);

// Search and member lists.
export const SEARCH_QUERY = characters("Searches", 0, 200);
/** /admin/members' name search. */
export const MEMBER_SEARCH_MAX = 50;

/** The account page's list of signed-in devices: the most recently active this many. */
export const SESSIONS_LISTED_MAX = 50;
/** Mails /admin/outbox lists, the newest first. */
export const OUTBOX_LISTED_MAX = 50;

/** Enough for any honest use; bounds the per-page query and the list page. */
export const IGNORE_LIST_CAP = 1000;
export const IGNORE_LIST_FULL = `Your ignore list is full (${count(IGNORE_LIST_CAP)} members). Unignore someone first.`;

// What one post may expand to once formatted (lib/markup/render.ts). Past a cap the renderer leaves
// the rest as typed, so a post stored before these caps still renders within them; preview and saving
// refuse a message that goes past one. 20 posts a page × renderedPostBudget(50,000 characters) bounds
// the HTML of any thread page, whatever members posted.
export interface CountLimit {
  readonly max: number;
  readonly tooMany: string;
}

function countLimit(max: number, tooMany: (n: string) => string): CountLimit {
  return { max, tooMany: tooMany(count(max)) };
}

export const POST_SMILIES = countLimit(200, (n) => `A post may show at most ${n} smilies.`);
export const POST_MENTIONS = countLimit(50, (n) => `A post may mention at most ${n} members.`);
/** Images and the placeholders of imported attachments, together. */
export const POST_IMAGES = countLimit(100, (n) => `A post may show at most ${n} images.`);
/** Quotes, spoilers, block quotes and lists inside one another. */
export const POST_NESTING = countLimit(
  8,
  (n) => `Quotes, spoilers and lists may be nested at most ${n} deep.`,
);
/** A post's HTML is at most RATIO × its source's length + SLACK characters (the slack is for short
 * posts: one quote's attribution is longer than "ok"). Links and lists of short items stay well
 * under it; past it the renderer shows the post as plain text. */
export const RENDERED_POST = {
  ratio: 4,
  slack: 10_000,
  tooLarge:
    "This message would be too large once formatted: use fewer quotes, lists, links or line breaks.",
} as const;

/** The most HTML a post of `sourceLength` characters may render to. */
export function renderedPostBudget(sourceLength: number): number {
  return RENDERED_POST.ratio * sourceLength + RENDERED_POST.slack;
}

/** Bytes of one Content-Security-Policy violation report (server/csp-report-route.ts); a real one is
 * well under 2 KB. */
export const CSP_REPORT_MAX_BYTES = 16 * 1024;

/** Any one request's body: an avatar (1 MB) with room to spare, so an oversized image still reaches
 * the avatar check and its message. next.config.js's serverActions.bodySizeLimit is the same number;
 * server/body-limit.ts answers 413 above it before Next reads a byte. */
export const REQUEST_BODY_MAX_BYTES = 6 * 1024 * 1024;
export const REQUEST_BODY_TOO_LARGE = `That request is too large: at most ${count(REQUEST_BODY_MAX_BYTES / 1024 / 1024)} MB can be sent at once.`;

// Passkeys.
export const PASSKEY_NAME = characters("Passkey names", 0, 60);
export const PASSKEYS_PER_MEMBER = countLimit(
  20,
  (n) => `A member may have at most ${n} passkeys. Remove one first.`,
);
/** A WebAuthn response as JSON: a few kilobytes even with attestation; far more is not one. */
export const PASSKEY_RESPONSE_MAX_CHARS = 64 * 1024;

// Conversations.
/** Members one conversation may have besides its starter (recipients, then staff's invitations). */
export const CONVERSATION_RECIPIENTS = countLimit(
  20,
  (n) => `A conversation may have at most ${n} recipients.`,
);
/** Conversations and messages a page of /conversations lists or shows. */
export const CONVERSATIONS_PER_PAGE = 20;
export const CONVERSATION_MESSAGES_PER_PAGE = 20;
