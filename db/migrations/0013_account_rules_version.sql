ALTER TABLE "accounts" ADD COLUMN "rules_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The scheduling rules of an account (lib/domain/scheduling SchedAccount). The row's own counter, raised before the update is written: no shared row is
-- locked, so concurrent edits of different accounts never wait on each other. last_post_at (one
-- update per create, by the posts triggers), tokens and labels are not rules and leave it alone.
CREATE FUNCTION postdeck_accounts_rules_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.rules_version := OLD.rules_version + 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_rules_version BEFORE UPDATE OF platform, status, timezone, posting_times, min_gap_minutes, daily_cap ON accounts
  FOR EACH ROW
  WHEN (OLD.platform IS DISTINCT FROM NEW.platform OR OLD.status IS DISTINCT FROM NEW.status
     OR OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.posting_times IS DISTINCT FROM NEW.posting_times
     OR OLD.min_gap_minutes IS DISTINCT FROM NEW.min_gap_minutes OR OLD.daily_cap IS DISTINCT FROM NEW.daily_cap)
  EXECUTE FUNCTION postdeck_accounts_rules_version();
