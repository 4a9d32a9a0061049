// Every client component that may appear on a page served with the islands runtime, by the name its
// server wrapper (./island.tsx) writes into the page: the component's export name. The browser
// bundle (./client.tsx) imports this list; a name missing here is a component that stays server HTML
// only. Client components drawn only by one of these (ReactionPicker, ReplyForm, …) are part of its
// bundle and need no entry; staff tools (ThreadTools, PostModeration, WarnTool, BulkBar, a
// profile's BanControls) are only on staff copies, which keep Next's runtime.
import type { ComponentType } from "react";
// The root layout: the header, the ban notice, the personal answer and live updates.
import { BanNotice } from "@/app/_components/ban-notice";
import { AccountNav } from "@/app/_components/header/account-nav";
import { ColorSchemeToggle } from "@/app/_components/header/color-scheme-toggle";
import { HeaderMenu } from "@/app/_components/header/header-menu";
import { StaffLinks } from "@/app/_components/header/staff-links";
import { LiveUpdates } from "@/app/_components/personal/live-updates";
import { PersonalLoader } from "@/app/_components/personal/personal-loader";
import { ZoneReporter } from "@/app/_components/time/zone-reporter";
// Every date (app/_components/time/local-time.tsx).
import { LocalisedTime } from "@/app/_components/time/localised-time";
// Member cards and profiles.
import { IgnoreToggle } from "@/app/_components/personal/ignore-toggle";
import { StartConversationLink } from "@/app/_components/personal/start-conversation-link";
// The lists (home, forum pages, What's new, search): unread marks, ignored members' rows, Mark read.
import {
  IgnoredRows,
  MembersOnly,
  ThreadTitle,
  UnreadJump,
} from "@/app/_components/personal/list-marks";
import { MarkReadButton } from "@/app/_components/reading/mark-read-button";
// The thread page.
import { IgnoredQuotes } from "@/app/threads/[slug]/_components/ignored-quotes";
import { NewReplies } from "@/app/threads/[slug]/_components/new-replies";
import {
  IgnoredWhen,
  ReplyArea,
  WatchArea,
} from "@/app/threads/[slug]/_components/personal-thread";
import { PollBox } from "@/app/threads/[slug]/_components/poll/poll-box";
import { PostTools } from "@/app/threads/[slug]/_components/post-tools";
import { QuoteExpander } from "@/app/threads/[slug]/_components/quote-expander";
import { WarningNotice } from "@/app/threads/[slug]/_components/warning-notice";

export const islands = {
  AccountNav,
  BanNotice,
  ColorSchemeToggle,
  HeaderMenu,
  IgnoreToggle,
  IgnoredQuotes,
  IgnoredRows,
  IgnoredWhen,
  LiveUpdates,
  LocalisedTime,
  MarkReadButton,
  MembersOnly,
  NewReplies,
  PersonalLoader,
  PollBox,
  PostTools,
  QuoteExpander,
  ReplyArea,
  StaffLinks,
  StartConversationLink,
  ThreadTitle,
  UnreadJump,
  WarningNotice,
  WatchArea,
  ZoneReporter,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each island has its own props
} satisfies Record<string, ComponentType<any>>;

export type IslandName = keyof typeof islands & string;
