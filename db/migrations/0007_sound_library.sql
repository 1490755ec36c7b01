ALTER TABLE "sounds" ADD COLUMN "music_title" text;--> statement-breakpoint
ALTER TABLE "sounds" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sounds_organization_id_usage_count_index" ON "sounds" USING btree ("organization_id","usage_count");