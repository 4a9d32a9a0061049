// What the admin panel's category and forum forms accept, parsed with zod in one place: the server
// actions pass raw form values and the library functions parse them again (they never trust callers).
import { z } from "zod";
import { FORUM_DESCRIPTION, FORUM_TITLE } from "../limits/sizes";
import { rowId } from "../row-id";
import { multiLine, singleLine } from "../validation/text";

export const titleSchema = singleLine(FORUM_TITLE, {
  message: "Enter a title.",
  empty: "Enter a title.",
});
/** Optional: blank means none. */
export const descriptionSchema = multiLine(FORUM_DESCRIPTION, {
  message: "Descriptions are text.",
})
  .optional()
  .transform((text) => text || null);

export const categoryIdSchema = rowId("Choose a category.");
export const forumIdSchema = rowId("This forum does not exist any more.");
export const directionSchema = z.enum(["up", "down"], "Choose up or down.");

export const viewRuleSchema = z.enum(
  ["everyone", "members", "staff"],
  "Choose who may view the forum.",
);
export const postRuleSchema = z.enum(["members", "staff"], "Choose who may post.");

export const namedSchema = z.object({ title: titleSchema, description: descriptionSchema });

export const forumRulesSchema = z.object({
  viewRule: viewRuleSchema,
  startThreadRule: postRuleSchema,
  replyRule: postRuleSchema,
});
