// The member's own parts of pages rendered for everyone, as islands (app/_islands): the buttons on
// the member cards beside posts and on profiles, and the lists' personal marks (./list-marks.tsx) and
// their Mark read buttons.
import { island } from "@/app/_islands/island";
import { MarkReadButton } from "../reading/mark-read-button";
import { IgnoreToggle } from "./ignore-toggle";
import { IgnoredRows, MembersOnly, ThreadTitle, UnreadJump } from "./list-marks";
import { StartConversationLink } from "./start-conversation-link";

export const IgnoreToggleIsland = island("IgnoreToggle", IgnoreToggle);
export const StartConversationLinkIsland = island("StartConversationLink", StartConversationLink);
export const ThreadTitleIsland = island("ThreadTitle", ThreadTitle);
export const UnreadJumpIsland = island("UnreadJump", UnreadJump);
export const IgnoredRowsIsland = island("IgnoredRows", IgnoredRows);
export const MembersOnlyIsland = island("MembersOnly", MembersOnly);
export const MarkReadButtonIsland = island("MarkReadButton", MarkReadButton);
