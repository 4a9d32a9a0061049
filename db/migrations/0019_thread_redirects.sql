CREATE TABLE "thread_redirects" (
	"old_thread_id" integer PRIMARY KEY NOT NULL,
	"target_thread_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "thread_redirects" ADD CONSTRAINT "thread_redirects_target_thread_id_threads_id_fk" FOREIGN KEY ("target_thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "thread_redirects_target_idx" ON "thread_redirects" USING btree ("target_thread_id");