// The member's own buttons on pages rendered for everyone, as islands (app/_islands): on the member
// cards beside posts and on profiles.
import { island } from "@/app/_islands/island";
import { IgnoreToggle } from "./ignore-toggle";
import { StartConversationLink } from "./start-conversation-link";

export const IgnoreToggleIsland = island("IgnoreToggle", IgnoreToggle);
export const StartConversationLinkIsland = island("StartConversationLink", StartConversationLink);
