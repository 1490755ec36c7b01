ALTER TABLE "posts" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "posts_account_id_sent_at_index" ON "posts" USING btree ("account_id","sent_at");