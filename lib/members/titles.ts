// The member title ladder: what a member is called by message count, as on the source forums.
// Imported members keep the title their seed page showed (stored in users.member_title).

const MEMBER_TITLE_LADDER: readonly { minMessages: number; title: string }[] = [
  { minMessages: 5000, title: "ELITE MEMBER" },
  { minMessages: 1000, title: "Senior Member" },
  { minMessages: 100, title: "Regular Member" },
  { minMessages: 20, title: "Member" },
  { minMessages: 0, title: "New member" },
];

function titleForMessageCount(messages: number): string {
  return MEMBER_TITLE_LADDER.find((step) => messages >= step.minMessages)?.title ?? "New member";
}

export function memberTitle(member: { memberTitle: string | null; messageCount: number }): string {
  return member.memberTitle ?? titleForMessageCount(member.messageCount);
}
