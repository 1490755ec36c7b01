CREATE TABLE "post_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"status" "post_status" NOT NULL,
	"error" text,
	"scheduled_at" timestamp with time zone NOT NULL,
	"account_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "post_events" ADD CONSTRAINT "post_events_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_events_post_id_at_index" ON "post_events" USING btree ("post_id","at");--> statement-breakpoint
CREATE INDEX "posts_organization_id_updated_at_index" ON "posts" USING btree ("organization_id","updated_at");--> statement-breakpoint
-- A post's history, kept by triggers so every writer (use-cases, worker, pauses) is recorded.
-- Only a change a person would want to see makes a row: status, error, time or account.
CREATE FUNCTION postdeck_post_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO post_events (post_id, status, error, scheduled_at, account_id, at)
    VALUES (NEW.id, NEW.status, NEW.last_error, NEW.scheduled_at, NEW.account_id, NEW.created_at);
  ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.last_error IS DISTINCT FROM OLD.last_error
     OR NEW.scheduled_at IS DISTINCT FROM OLD.scheduled_at OR NEW.account_id IS DISTINCT FROM OLD.account_id THEN
    INSERT INTO post_events (post_id, status, error, scheduled_at, account_id, at)
    VALUES (NEW.id, NEW.status, NEW.last_error, NEW.scheduled_at, NEW.account_id, NEW.updated_at);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posts_history AFTER INSERT OR UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION postdeck_post_event();
--> statement-breakpoint
-- Posts from before the history began: one row with what they are now.
INSERT INTO post_events (post_id, status, error, scheduled_at, account_id, at)
SELECT id, status, last_error, scheduled_at, account_id, updated_at FROM posts;
