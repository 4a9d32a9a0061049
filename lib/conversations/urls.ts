// Addresses of conversations. Pure: forms in the browser use them too.
export const CONVERSATIONS_URL = "/conversations";
export const NEW_CONVERSATION_URL = "/conversations/new";

export const conversationUrl = (id: number, page = 1) =>
  page > 1 ? `/conversations/${id}?page=${page}` : `/conversations/${id}`;

export const conversationMessageUrl = (conversationId: number, messageId: number, page = 1) =>
  `${conversationUrl(conversationId, page)}#message-${messageId}`;

/** "Start conversation" with a member already named (their card and profile link here). */
export const newConversationWithUrl = (name: string) =>
  `${NEW_CONVERSATION_URL}?${new URLSearchParams({ to: name })}`;
