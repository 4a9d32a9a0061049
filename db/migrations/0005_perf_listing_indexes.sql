DROP INDEX "posts_author_idx";--> statement-breakpoint
DROP INDEX "threads_forum_listing_idx";--> statement-breakpoint
CREATE INDEX "posts_not_approved_idx" ON "posts" USING btree ("id") WHERE "posts"."approval_state" <> 'approved';--> statement-breakpoint
CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "threads_forum_listing_idx" ON "threads" USING btree ("forum_id","is_sticky" DESC NULLS FIRST,"last_post_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"first_post_id") WHERE "threads"."deleted_at" is null;