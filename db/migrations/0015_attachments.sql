CREATE TABLE "attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"uploader_id" text,
	"post_id" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"stored_name" text NOT NULL,
	"thumb_name" text,
	"byte_size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_post_idx" ON "attachments" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "attachments_uploader_created_idx" ON "attachments" USING btree ("uploader_id","created_at");