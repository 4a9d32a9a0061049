-- The partial index of unread alerts also orders each member's by id (issue 12), so the personal
-- answer's look at whether they changed (lib/alerts/unread-count-memo.ts: how many, up to a cap, and
-- the newest id) reads the index alone: it read every unread alert's row, 12.7 ms of Postgres per
-- page view for a member with 1,900 of them.
DROP INDEX "alerts_unread_idx";--> statement-breakpoint
CREATE INDEX "alerts_unread_idx" ON "alerts" USING btree ("user_id","id") WHERE "alerts"."read_at" is null;