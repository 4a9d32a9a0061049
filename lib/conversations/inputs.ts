// What a conversation form sends, parsed: recipients as typed names, and the title, message and
// idempotency key exactly as posts take them (lib/forum/posting-rules.ts), so the two never differ.
import { z } from "zod";
import { CONVERSATION_RECIPIENTS, MEMBER_NAME } from "../limits/sizes";
import { plainText } from "../validation/text";

export { idempotencyKeySchema, messageSchema, titleSchema } from "../forum/posting-rules";

/** "Alice, Bob" → ["Alice", "Bob"]: names separated by commas, each once (case aside). */
export const recipientNamesSchema = plainText("single", "Enter the members to write to.")
  .transform((text) => {
    const seen = new Set<string>();
    const names: string[] = [];
    for (const part of text.normalize("NFC").split(",")) {
      const name = part.replace(/\s+/g, " ").trim().replace(/^@/, "");
      if (!name || seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      names.push(name);
    }
    return names;
  })
  .pipe(
    z
      .array(z.string().max(MEMBER_NAME.max, MEMBER_NAME.tooLong))
      .min(1, "Enter at least one member to write to.")
      .max(CONVERSATION_RECIPIENTS.max, CONVERSATION_RECIPIENTS.tooMany),
  );
