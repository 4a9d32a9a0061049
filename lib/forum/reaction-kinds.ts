// The six reactions, as on XenForo. Not server-only: the post's buttons in the browser know them too,
// so a page sends each post's counts by kind, not the labels and emoji twenty times over.
import type { ReactionKind } from "@/db/schema";

export const REACTIONS: readonly {
  kind: ReactionKind;
  label: string;
  emoji: string;
  score: 0 | 1;
}[] = [
  { kind: "like", label: "Like", emoji: "👍", score: 1 },
  { kind: "love", label: "Love", emoji: "❤️", score: 1 },
  { kind: "haha", label: "Haha", emoji: "😂", score: 1 },
  { kind: "wow", label: "Wow", emoji: "😮", score: 1 },
  { kind: "sad", label: "Sad", emoji: "😢", score: 0 },
  { kind: "angry", label: "Angry", emoji: "😠", score: 0 },
];

export const reactionOf = (kind: ReactionKind) => REACTIONS.find((r) => r.kind === kind)!;

/** "You, Razor and 3 others" */
export function reactionSummary(
  reactors: readonly { name: string; isViewer: boolean }[],
  shown = 2,
): string {
  const names = reactors.map((r) => (r.isViewer ? "You" : r.name));
  if (names.length <= shown + 1)
    return names.length > 1
      ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`
      : (names[0] ?? "");
  const others = names.length - shown;
  return `${names.slice(0, shown).join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
}
