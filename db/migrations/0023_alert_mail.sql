CREATE TABLE "alert_mails" (
	"user_id" text NOT NULL,
	"thread_id" integer NOT NULL,
	"post_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_mails_user_id_thread_id_pk" PRIMARY KEY("user_id","thread_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "alert_mail" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_mails" ADD CONSTRAINT "alert_mails_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_mails" ADD CONSTRAINT "alert_mails_thread_id_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_mails_thread_idx" ON "alert_mails" USING btree ("thread_id");--> statement-breakpoint
CREATE INDEX "alerts_post_idx" ON "alerts" USING btree ("post_id");