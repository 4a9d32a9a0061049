// The member card shown beside every post and on profiles, shaped once for every page.
import { countryShortName } from "../countries";
import { memberUrl } from "../urls";
import { memberTitle } from "./titles";
import type { User } from "@/db/schema";

export interface MemberCard {
  /** null for guests (authors the imported scrape lost). */
  url: string | null;
  name: string;
  avatarUrl: string | null;
  customTitle: string | null;
  memberTitle: string;
  joinedOn: string | null;
  messageCount: number | null;
  reactionScore: number | null;
  countryCode: string | null;
  countryName: string | null;
  location: string | null;
  role: User["role"] | null;
}

export type CardColumns = Pick<
  User,
  | "number"
  | "name"
  | "image"
  | "customTitle"
  | "memberTitle"
  | "joinedOn"
  | "messageCount"
  | "reactionScore"
  | "countryCode"
  | "location"
  | "role"
>;

export function toMemberCard(member: CardColumns | null, fallbackName: string): MemberCard {
  if (!member) {
    return {
      url: null,
      name: fallbackName,
      avatarUrl: null,
      customTitle: null,
      memberTitle: "Guest",
      joinedOn: null,
      messageCount: null,
      reactionScore: null,
      countryCode: null,
      countryName: null,
      location: null,
      role: null,
    };
  }
  return {
    url: memberUrl(member),
    name: member.name,
    avatarUrl: member.image,
    customTitle: member.customTitle,
    memberTitle: memberTitle(member),
    joinedOn: member.joinedOn,
    messageCount: member.messageCount,
    reactionScore: member.reactionScore,
    countryCode: member.countryCode,
    countryName: countryShortName(member.countryCode),
    location: member.location,
    role: member.role,
  };
}
