CREATE TYPE "public"."forum_post_rule" AS ENUM('members', 'staff');--> statement-breakpoint
CREATE TYPE "public"."forum_view_rule" AS ENUM('everyone', 'members', 'staff');--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "view_rule" "forum_view_rule" DEFAULT 'everyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "start_thread_rule" "forum_post_rule" DEFAULT 'members' NOT NULL;--> statement-breakpoint
ALTER TABLE "forums" ADD COLUMN "reply_rule" "forum_post_rule" DEFAULT 'members' NOT NULL;