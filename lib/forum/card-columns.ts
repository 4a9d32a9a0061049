import { users } from "@/db/schema";

/** The user columns a member card needs, for `select({...})` joins. */
export const cardColumns = {
  number: users.number,
  name: users.name,
  image: users.image,
  customTitle: users.customTitle,
  memberTitle: users.memberTitle,
  joinedOn: users.joinedOn,
  messageCount: users.messageCount,
  reactionScore: users.reactionScore,
  countryCode: users.countryCode,
  location: users.location,
  role: users.role,
};
