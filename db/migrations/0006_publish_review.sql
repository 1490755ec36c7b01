ALTER TABLE "accounts" ADD COLUMN "access_token_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "token_refresh_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "job_started_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "posts_status_next_attempt_at_index" ON "posts" USING btree ("status","next_attempt_at");--> statement-breakpoint
-- Tokens connected before this column existed: Instagram's long-lived tokens last 60 days, so
-- their issue time is 60 days before expiry; TikTok's refresh is driven by expiry alone.
UPDATE "accounts" SET "access_token_issued_at" = CASE
  WHEN "platform" = 'instagram' AND "access_token_expires_at" IS NOT NULL THEN "access_token_expires_at" - interval '60 days'
  ELSE "updated_at" END;
