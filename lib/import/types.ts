// What the importer recovers from one scraped seed document. Pure data: the writer in db/seed turns
// it into rows, so parsing can be tested without a database.

export interface ImportedMember {
  username: string;
  /** Staff-granted title shown above the member title, e.g. "STABLE GENIUS". */
  customTitle: string | null;
  /** The ladder title the source forum showed, e.g. "Senior Member". */
  memberTitle: string;
  /** ISO date, YYYY-MM-DD. */
  joinedOn: string;
  messageCount: number;
  /** "Reaction score" on one forum style, "Likes" on the other. */
  reactionScore: number;
  /** ISO 3166-1 alpha-2, when the text names the country. */
  countryCode: string | null;
  location: string | null;
}

/** A post is a run of blocks: the author's own text and quotes of earlier posts of the same thread. */
export type PostBlock =
  | { kind: "text"; text: string }
  /** postIndex: 0-based index of the quoted post in the same thread's posts. */
  | { kind: "quote"; postIndex: number; text: string };

export interface ImportedPost {
  /** null where the scrape lost the author: shown as a Guest. */
  authorUsername: string | null;
  blocks: PostBlock[];
  /** The post ended in "Last edited:". */
  edited: boolean;
}

export interface ImportedThread {
  sourceFile: string;
  kind: "discussion" | "article";
  title: string;
  /** For articles: the names in the byline ("Tsuneo Akaha and Anna Vassilieva"), if any. */
  byline: string | null;
  posts: ImportedPost[];
}

export interface ImportedDocument {
  thread: ImportedThread;
  /** Every member whose user block appears, once each, in order of first appearance. */
  members: ImportedMember[];
}
