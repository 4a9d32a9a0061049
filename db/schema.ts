// The whole forum's data model. Counters (message counts, reply counts, forum totals) are stored
// denormalised because every list page shows them; each write that moves one updates it in the
// same transaction.
import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
  date,
  uuid,
  jsonb,
  customType,
} from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";

export const roleEnum = pgEnum("role", ["member", "moderator", "admin"]);
export const approvalStateEnum = pgEnum("approval_state", ["approved", "pending", "rejected"]);
export const reportStateEnum = pgEnum("report_state", ["open", "resolved", "rejected"]);
/** Per-forum rules (issue 15): who may read a forum, and who may start threads or reply in it. */
export const forumViewRuleEnum = pgEnum("forum_view_rule", ["everyone", "members", "staff"]);
export const forumPostRuleEnum = pgEnum("forum_post_rule", ["members", "staff"]);
/** Whom a member takes new conversations from (account settings): everyone, or staff only. Staff can
 * always start one, so a moderator can reach any member. */
export const conversationPrivacyEnum = pgEnum("conversation_privacy", ["everyone", "staff"]);
export const reactionEnum = pgEnum("reaction_kind", [
  "like",
  "love",
  "haha",
  "wow",
  "sad",
  "angry",
]);

/** Postgres full-text document; only ever written by generated columns. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

/** Members. Named `users` with Auth.js's columns (id, name, email, emailVerified, image) so the
 * Drizzle adapter can use it; `name` is the username. */
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .default(sql`gen_random_uuid()::text`)
      .$defaultFn(() => crypto.randomUUID()),
    /** Short public number used in URLs (/members/12-razor). */
    number: integer("number").generatedAlwaysAsIdentity().notNull().unique(),
    name: text("name").notNull(),
    /** The name's look-alike skeleton (lib/accounts/username-skeleton.ts), unique so that no two
     * members read the same. Null until start-up fills it, and for a member whose name already
     * looked like an older member's when the column came (both keep their names; start-up logs it). */
    usernameSkeleton: text("username_skeleton"),
    email: text("email").unique(),
    emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
    image: text("image"),
    passwordHash: text("password_hash"),
    role: roleEnum("role").notNull().default("member"),
    /** Fixed member title (imported members keep the one the seed shows); null: from the ladder. */
    memberTitle: text("member_title"),
    customTitle: text("custom_title"),
    joinedOn: date("joined_on", { mode: "string" })
      .notNull()
      .default(sql`current_date`),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    messageCount: integer("message_count").notNull().default(0),
    reactionScore: integer("reaction_score").notNull().default(0),
    countryCode: char("country_code", { length: 2 }),
    location: varchar("location", { length: 50 }),
    signature: text("signature"),
    signatureHtml: text("signature_html"),
    bannedAt: timestamp("banned_at", { withTimezone: true }),
    banReason: text("ban_reason"),
    banEndsAt: timestamp("ban_ends_at", { withTimezone: true }),
    /** Bumped on ban and password change: older sessions stop working at once. (Roles need no bump:
     * they are re-read from the database on every request.) */
    sessionVersion: integer("session_version").notNull().default(0),
    /** Watch threads one starts or replies to (a setting on the account page). */
    autoWatch: boolean("auto_watch").notNull().default(true),
    /** Mail me about replies in threads I watch, quotes and mentions (account page); off until the
     * member asks, and turned off again by the unsubscribe link those mails carry. */
    alertMail: boolean("alert_mail").notNull().default(false),
    /** The member's IANA time zone ("Europe/Paris"); null until their browser first tells it. */
    timeZone: text("time_zone"),
    conversationsFrom: conversationPrivacyEnum("conversations_from").notNull().default("everyone"),
    /** "Mark all read": every thread whose last post is older than this counts as read. */
    allReadAt: timestamp("all_read_at", { withTimezone: true }),
    /** The colour scheme the member chose in the header (lib/theme); null: follow the device. */
    colorScheme: text("color_scheme").$type<"light" | "dark">(),
    importedFrom: text("imported_from"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_name_lower_idx").on(sql`lower(${t.name})`),
    uniqueIndex("users_username_skeleton_idx").on(t.usernameSkeleton),
    index("users_message_count_idx").on(t.messageCount),
    index("users_reaction_score_idx").on(t.reactionScore),
    index("users_created_idx").on(t.createdAt.desc()),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

/** One row per sign-in. Auth.js's sessions are sealed cookies with nothing on the server, so this is
 * what the account page lists and how a sign-in is ended before its cookie expires: loadViewer
 * refuses a session whose row has `endedAt`. A session with no row (its cookie issued before this
 * table) stays valid, and gets a row the first time it is used (lib/session/sessions.ts). */
export const sessions = pgTable(
  "sessions",
  {
    /** The `sid` claim the jwt callback gives a sign-in (lib/auth/auth.ts). */
    id: text("id").primaryKey(),
    /** Null only for sign-outs recorded before this table, which named no member. */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The member's session version when signed in: a password change or ban bumps it, which ends
     * every earlier sign-in without touching these rows, so listings skip older versions. */
    sessionVersion: integer("session_version").notNull().default(0),
    /** Null for a sign-in from before this table, first seen later. */
    createdAt: timestamp("created_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** No earlier than the cookie's own expiry, so deleting expired rows never revives an ended one. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** "Firefox on Windows": a summary, not the whole user agent. */
    device: text("device"),
    clientAddress: text("client_address"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId, t.lastSeenAt.desc()),
    index("sessions_expires_idx").on(t.expiresAt),
  ],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const categories = pgTable("categories", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description"),
  position: integer("position").notNull().default(0),
});

export const forums = pgTable(
  "forums",
  {
    id: serial("id").primaryKey(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
    viewRule: forumViewRuleEnum("view_rule").notNull().default("everyone"),
    startThreadRule: forumPostRuleEnum("start_thread_rule").notNull().default("members"),
    replyRule: forumPostRuleEnum("reply_rule").notNull().default("members"),
    threadCount: integer("thread_count").notNull().default(0),
    messageCount: integer("message_count").notNull().default(0),
    lastPostId: integer("last_post_id"),
  },
  (t) => [index("forums_category_idx").on(t.categoryId, t.position)],
);

export const threads = pgTable(
  "threads",
  {
    id: serial("id").primaryKey(),
    forumId: integer("forum_id")
      .notNull()
      .references(() => forums.id),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept beside authorId so guest and deleted authors still have a name. */
    authorName: text("author_name").notNull(),
    replyCount: integer("reply_count").notNull().default(0),
    /** Page views, counted in memory and added in batches every few seconds (lib/reading/view-counts.ts). */
    viewCount: integer("view_count").notNull().default(0),
    firstPostId: integer("first_post_id"),
    lastPostId: integer("last_post_id"),
    lastPostAt: timestamp("last_post_at", { withTimezone: true }).notNull().defaultNow(),
    isSticky: boolean("is_sticky").notNull().default(false),
    isLocked: boolean("is_locked").notNull().default(false),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: text("deleted_by_id").references(() => users.id, { onDelete: "set null" }),
    deleteReason: text("delete_reason"),
    importedFrom: text("imported_from").unique(),
    titleSearch: tsvector("title_search").generatedAlwaysAs(
      sql`to_tsvector('english'::regconfig, title)`,
    ),
    ...timestamps,
  },
  (t) => [
    // What's new: threads by last activity and by creation, across forums.
    index("threads_last_post_idx")
      .on(t.lastPostAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index("threads_created_idx")
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`${t.deletedAt} is null`),
    index("threads_title_search_idx").using("gin", t.titleSearch),
    // The forum page: sticky first, then by last activity, visible threads only. first_post_id rides
    // along so a page is found by an index-only scan (the opening post's approval is checked against
    // posts_not_approved_idx), however deep the page. NULLS FIRST is what ORDER BY … DESC means: an
    // index built DESC NULLS LAST does not give that order, and Postgres would sort instead.
    index("threads_forum_listing_idx")
      .on(
        t.forumId,
        t.isSticky.desc().nullsFirst(),
        t.lastPostAt.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
        t.firstPostId,
      )
      .where(sql`${t.deletedAt} is null`),
    index("threads_author_idx").on(t.authorId),
  ],
);

export const posts = pgTable(
  "posts",
  {
    id: serial("id").primaryKey(),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    /** 1-based order within the thread; pages are ranges of it. */
    position: integer("position").notNull(),
    source: text("source").notNull(),
    html: text("html").notNull(),
    isEdited: boolean("is_edited").notNull().default(false),
    /** null on an edited post means the edit time was not kept (imported posts). */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedById: text("deleted_by_id").references(() => users.id, { onDelete: "set null" }),
    deleteReason: text("delete_reason"),
    importedFrom: text("imported_from").unique(),
    /** Sum of the post's reactions, kept with the reactions in one transaction. */
    reactionCount: integer("reaction_count").notNull().default(0),
    /** New members' first posts wait for a moderator (see the approval setting); only approved ones count. */
    approvalState: approvalStateEnum("approval_state").notNull().default("approved"),
    /** Sent by the form that created the post: a resubmitted form finds its post instead of a twin. */
    idempotencyKey: uuid("idempotency_key"),
    /** Search document of the post's text (its Markdown source). */
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('english'::regconfig, source)`),
    ...timestamps,
  },
  (t) => [
    index("posts_search_idx").using("gin", t.search),
    index("posts_created_idx").on(t.createdAt.desc(), t.id.desc()),
    uniqueIndex("posts_thread_position_idx").on(t.threadId, t.position),
    uniqueIndex("posts_author_idempotency_idx").on(t.authorId, t.idempotencyKey),
    // A member's latest posts in the order the profile shows them (id breaks ties), so it reads ten
    // index entries instead of sorting all of a prolific member's posts.
    index("posts_author_idx").on(
      t.authorId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The few posts waiting for approval or rejected: what listings hide, as one small hashed set.
    index("posts_not_approved_idx")
      .on(t.id)
      .where(sql`${t.approvalState} <> 'approved'`),
  ],
);

export const reactions = pgTable(
  "reactions",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: reactionEnum("kind").notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId] }),
    index("reactions_user_idx").on(t.userId),
    index("reactions_created_idx").on(t.createdAt.desc()),
  ],
);

/** Which quoted post a post quotes: lets moves and merges keep quotes pointing at the right place. */
export const postQuotes = pgTable(
  "post_quotes",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    quotedPostId: integer("quoted_post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.quotedPostId] }),
    index("post_quotes_quoted_idx").on(t.quotedPostId),
  ],
);

/** Earlier versions of edited posts, for moderators. */
export const postEdits = pgTable(
  "post_edits",
  {
    id: serial("id").primaryKey(),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    editorId: text("editor_id").references(() => users.id, { onDelete: "set null" }),
    /** The source as it was before this edit. */
    previousSource: text("previous_source").notNull(),
    ...timestamps,
  },
  (t) => [index("post_edits_post_idx").on(t.postId, t.createdAt)],
);

export const alertKindEnum = pgEnum("alert_kind", [
  "quote",
  "mention",
  "reply",
  "reaction",
  "warning",
]);

/** Something a member should hear about: being quoted, mentioned, replied to or reacted to. */
export const alerts = pgTable(
  "alerts",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: alertKindEnum("kind").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "cascade" }),
    postId: integer("post_id").references(() => posts.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("alerts_user_idx").on(t.userId, t.createdAt.desc()),
    // A new post's alerts, read back to mail them (lib/alert-mail/queue.ts); also what the check
    // against alerting twice and a post's deletion look up.
    index("alerts_post_idx").on(t.postId),
    // The bell's unread count, and whether it changed (lib/alerts/unread-count-memo.ts: the member's
    // newest unread alert is the last entry for them).
    index("alerts_unread_idx")
      .on(t.userId, t.id)
      .where(sql`${t.readAt} is null`),
  ],
);

/** A reported post: one open report per post, however many members report it. */
export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    state: reportStateEnum("state").notNull().default("open"),
    handledById: text("handled_by_id").references(() => users.id, { onDelete: "set null" }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("reports_open_post_idx")
      .on(t.postId)
      .where(sql`${t.state} = 'open'`),
    index("reports_state_created_idx").on(t.state, t.createdAt.desc()),
  ],
);

/** Each member's reason for a report. */
export const reportReasons = pgTable(
  "report_reasons",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("report_reasons_reporter_idx").on(t.reportId, t.reporterId)],
);

/** Every moderator and administrator action: who, what, on what, why, when. */
export const modLog = pgTable(
  "mod_log",
  {
    id: serial("id").primaryKey(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** e.g. "thread.lock", "post.delete", "user.ban", "report.resolve" */
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** A human-readable name of the target at the time (a thread title, a username). */
    targetLabel: text("target_label"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ...timestamps,
  },
  (t) => [
    index("mod_log_created_idx").on(t.createdAt.desc()),
    index("mod_log_action_idx").on(t.action, t.createdAt.desc()),
    index("mod_log_actor_idx").on(t.actorId, t.createdAt.desc()),
  ],
);

/** Failed and successful sign-ins, counted per account and per address to refuse guessing. Kept in
 * Postgres so the limit holds across app instances and restarts. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    /** "user:<id>" for an existing account, "name:<typed identifier>" otherwise, "ip:<address>". */
    key: text("key").notNull(),
    succeeded: boolean("succeeded").notNull(),
    /** Where an account's attempt came from: an address that signed in to the account before is not
     * locked out by failures from elsewhere. Successes are kept 90 days for that. */
    address: text("address"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_key_at_idx").on(t.key, t.at)],
);

/** One row per sign-up an address submitted (accounts made, and refusals that look like them), so the
 * per-address limit holds across instances and restarts. Rows older than a day are deleted. */
export const signUpAttempts = pgTable(
  "sign_up_attempts",
  {
    id: serial("id").primaryKey(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_up_attempts_address_at_idx").on(t.address, t.at)],
);

/** How far each member has read each thread they opened: one row per member and thread, upserted at
 * most once per page view. A thread is unread when its last post is newer than the newest of this,
 * the forum's mark-read time and the member's mark-all-read time. */
export const threadReads = pgTable(
  "thread_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    /** Highest post position the member has seen. */
    lastReadPosition: integer("last_read_position").notNull(),
    /** Creation time of the newest post the member has seen. */
    lastReadPostAt: timestamp("last_read_post_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

/** "Mark forum read": threads in the forum whose last post is older than readAt count as read. */
export const forumReads = pgTable(
  "forum_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    forumId: integer("forum_id")
      .notNull()
      .references(() => forums.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.forumId] })],
);

/** Threads a member watches: a reply in one alerts them. */
export const threadWatches = pgTable(
  "thread_watches",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.threadId] }),
    index("thread_watches_thread_idx").on(t.threadId),
  ],
);

/** The last alert mail a member was sent about a thread (lib/alert-mail/queue.ts): no further mail
 * about that thread until their read marks pass `postAt`, so a busy thread mails once per visit. */
export const alertMails = pgTable(
  "alert_mails",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    /** The mailed post's time, to the microsecond, as read marks compare it. */
    postAt: timestamp("post_at", { withTimezone: true }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.threadId] }),
    // Deleting a thread (a merge, a purge) removes its rows.
    index("alert_mails_thread_idx").on(t.threadId),
  ],
);

/** Members a member has put on their ignore list (never staff). */
export const ignoredMembers = pgTable(
  "ignored_members",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ignoredId: text("ignored_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.ignoredId] })],
);

/** Key/value settings the app keeps for itself (for example, that the seed import ran). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type User = typeof users.$inferSelect;
export type Forum = typeof forums.$inferSelect;
export type Thread = typeof threads.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type ReactionKind = (typeof reactionEnum.enumValues)[number];

/** Uploaded files the forum serves (avatars), kept in Postgres rather than on one machine's disk:
 * every instance serves every file, and a database backup holds them all. Names are generated. */
export const storedFiles = pgTable("stored_files", {
  name: text("name").primaryKey(),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Request rates (previews, @mention lookups, reactions) counted in Postgres, so a limit holds
 * across every instance: rate-limiter-flexible's Drizzle store (lib/limits/request-rates.ts) owns
 * these rows and deletes expired ones. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});

/** A member's authenticator-app (TOTP) secret, AES-GCM encrypted with a key derived from AUTH_SECRET
 * (lib/auth/two-factor/keys.ts), so a copy of the database alone cannot produce codes. Without
 * confirmedAt it is an enrolment in progress: sign-in ignores it until the member entered a code. */
export const totpCredentials = pgTable("totp_credentials", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  /** The newest time step a code was accepted for: no code is accepted twice. */
  lastStep: integer("last_step"),
  ...timestamps,
});

/** One-time codes that stand in for an authenticator code, stored as HMACs (they are random, so no
 * slow hash is needed); a used one keeps its row with usedAt so the page can say how many are left. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_idx").on(t.userId, t.codeHash)],
);

/** A member's passkeys (WebAuthn credentials). Signing in with one needs no password and no code:
 * the device holds the private key and checked the member (user verification), so it counts as both
 * factors. The id and public key are base64url as the browser names them. */
export const passkeys = pgTable(
  "passkeys",
  {
    credentialId: text("credential_id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    publicKey: text("public_key").notNull(),
    /** The authenticator's signature counter; many passkeys always say 0. */
    counter: integer("counter").notNull().default(0),
    transports: text("transports")
      .array()
      .notNull()
      .default(sql`'{}'`),
    name: text("name").notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/** Files members attach to posts. The bytes live in stored_files under their content hash (the same
 * file uploaded twice is kept once); an upload belongs to no post until a post's text uses it, and
 * until then only its uploader may fetch it. A post's attachments are shown to whoever sees the post. */
export const attachments = pgTable(
  "attachments",
  {
    id: serial("id").primaryKey(),
    uploaderId: text("uploader_id").references(() => users.id, { onDelete: "set null" }),
    postId: integer("post_id").references(() => posts.id, { onDelete: "cascade" }),
    /** The member's file name, cleaned; shown and offered as the download name. */
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    /** stored_files names: the file, and for images a small WebP thumbnail. */
    storedName: text("stored_name").notNull(),
    thumbName: text("thumb_name"),
    byteSize: integer("byte_size").notNull(),
    width: integer("width"),
    height: integer("height"),
    ...timestamps,
  },
  (t) => [
    index("attachments_post_idx").on(t.postId),
    // The per-day count of one member's uploads.
    index("attachments_uploader_created_idx").on(t.uploaderId, t.createdAt),
  ],
);

/** A thread's poll, made with the thread (at most one). Votes are counted from pollVotes when shown:
 * a poll has at most a few thousand, and an exact count needs no counter kept in step. */
export const polls = pgTable("polls", {
  id: serial("id").primaryKey(),
  threadId: integer("thread_id")
    .notNull()
    .unique()
    .references(() => threads.id, { onDelete: "cascade" }),
  question: text("question").notNull(),
  /** Members may pick several answers (one vote on each). */
  multipleChoice: boolean("multiple_choice").notNull().default(false),
  /** Members may change their vote later. */
  allowVoteChange: boolean("allow_vote_change").notNull().default(false),
  /** Everyone sees the results; otherwise a member sees them once they voted (or the poll closed). */
  resultsBeforeVoting: boolean("results_before_voting").notNull().default(true),
  /** Closes by itself at this time. */
  closesAt: timestamp("closes_at", { withTimezone: true }),
  /** Closed by staff (reopening clears it). */
  closedAt: timestamp("closed_at", { withTimezone: true }),
  ...timestamps,
});

export const pollAnswers = pgTable(
  "poll_answers",
  {
    id: serial("id").primaryKey(),
    pollId: integer("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("poll_answers_poll_position_idx").on(t.pollId, t.position)],
);

/** One row per member per answer they picked: the primary key is what makes a second vote on the
 * same answer impossible, whatever the requests race. */
export const pollVotes = pgTable(
  "poll_votes",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => pollAnswers.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pollId: integer("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.answerId, t.userId] }),
    index("poll_votes_poll_user_idx").on(t.pollId, t.userId),
  ],
);

/** Where a thread merged into another went (issue 17): the merged thread's row is deleted, and its
 * old addresses answer a permanent redirect to the thread that holds its posts. Merging that thread
 * in turn re-points these rows, so a redirect is never a chain. */
export const threadRedirects = pgTable(
  "thread_redirects",
  {
    oldThreadId: integer("old_thread_id").primaryKey(),
    targetThreadId: integer("target_thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [index("thread_redirects_target_idx").on(t.targetThreadId)],
);

/** Mail that was not handed to an SMTP server: with no SMTP_URL (a one-machine install) every mail
 * lands here, and a mail the server refused lands here with the reason, so an administrator can
 * still read the link it carried at /admin/outbox. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** Why it was not sent: null when no SMTP server is configured, else the server's error. */
    error: text("error"),
    ...timestamps,
  },
  (t) => [index("mail_outbox_created_idx").on(t.createdAt.desc())],
);

/** Single-use links mailed to a member (password reset, email verification). Only a SHA-256 of the
 * token is kept, so a copy of the database cannot be used to reset anyone's password. */
export const accountTokens = pgTable(
  "account_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"reset-password" | "verify-email">().notNull(),
    /** The address a verification link confirms: a later change of address makes it worthless. */
    email: text("email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

/** A moderator's warning to a member for one of their posts. Its points count towards a ban
 * (lib/moderation/warnings.ts) until `expiresAt` (null: they never expire). */
export const warnings = pgTable(
  "warnings",
  {
    id: serial("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The post warned for; null once it is deleted for good (the warning and its points stay). */
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    points: integer("points").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index("warnings_user_idx").on(t.userId, t.createdAt.desc()),
    index("warnings_post_idx").on(t.postId),
  ],
);

/** Private conversations between members (/conversations). Nothing outside lib/conversations reads
 * these tables: no search, feed, What's new or public list knows they exist. The counters are kept
 * in the transaction that adds a message, under this row's lock. */
export const conversations = pgTable("conversations", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  starterId: text("starter_id").references(() => users.id, { onDelete: "set null" }),
  starterName: text("starter_name").notNull(),
  /** A locked conversation takes no new messages (its starter or staff lock it). */
  isLocked: boolean("is_locked").notNull().default(false),
  /** Messages in it, the first included: replies are one fewer. */
  messageCount: integer("message_count").notNull().default(0),
  lastMessageId: integer("last_message_id").notNull().default(0),
  lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
  ...timestamps,
});

/** Who is in a conversation. A member who left keeps the row (with leftAt) so that the list of who
 * took part stays readable, but reads nothing more; staff may invite them again. */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The newest message id they have read: the conversation is unread while lastMessageId is past it. */
    lastReadMessageId: integer("last_read_message_id").notNull().default(0),
    leftAt: timestamp("left_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    // The inbox list and the header's unread count: a member's current conversations.
    index("conversation_participants_user_idx")
      .on(t.userId)
      .where(sql`${t.leftAt} is null`),
  ],
);

export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: serial("id").primaryKey(),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    source: text("source").notNull(),
    html: text("html").notNull(),
    /** As posts': a resubmitted form finds its message instead of sending a twin. */
    idempotencyKey: uuid("idempotency_key"),
    ...timestamps,
  },
  (t) => [
    index("conversation_messages_conversation_idx").on(t.conversationId, t.id),
    uniqueIndex("conversation_messages_author_idempotency_idx").on(t.authorId, t.idempotencyKey),
    // The per-minute rate, counted as posts' is.
    index("conversation_messages_author_created_idx").on(t.authorId, t.createdAt),
  ],
);

/** A participant's report of a conversation message. Staff handle it in the report queue, where they
 * see the reported message and nothing else of the conversation. One open report per message. */
export const conversationReports = pgTable(
  "conversation_reports",
  {
    id: serial("id").primaryKey(),
    messageId: integer("message_id")
      .notNull()
      .references(() => conversationMessages.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    state: reportStateEnum("state").notNull().default("open"),
    handledById: text("handled_by_id").references(() => users.id, { onDelete: "set null" }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("conversation_reports_open_idx")
      .on(t.messageId)
      .where(sql`${t.state} = 'open'`),
    index("conversation_reports_state_idx").on(t.state, t.createdAt.desc()),
  ],
);
