ALTER TABLE "accounts" ADD COLUMN "rules_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "bookings_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- rules_version: raised whenever one of the scheduling rules of an account changes (those of
-- lib/domain/scheduling SchedAccount). The row's own counter, raised before the update is
-- written: no shared row is locked, so concurrent edits of different accounts never wait on
-- each other. last_post_at (one update per create, by the posts triggers), tokens and labels
-- are not rules and leave it alone.
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
--> statement-breakpoint
-- bookings_version: the posts triggers of migration 0002 touch the account of every post that
-- is added, removed, moved, or made live or not; now they also raise its bookings version, in
-- the same update. A create that read the account's posts writes only while the version is the
-- one it read (db/queries/posts insertPostIfUnchanged), so nothing it did not see can slip in.
CREATE OR REPLACE FUNCTION postdeck_refresh_last_post_at(account_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE accounts a
     SET last_post_at = (SELECT max(p.scheduled_at) FROM posts p WHERE p.account_id = a.id AND postdeck_is_live(p.status)),
         bookings_version = a.bookings_version + 1
   WHERE a.id = ANY(account_ids)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION postdeck_posts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An insert can only raise the maximum; every live insert is a new booking.
  UPDATE accounts a SET last_post_at = greatest(a.last_post_at, n.latest), bookings_version = a.bookings_version + 1
    FROM (SELECT account_id, max(scheduled_at) AS latest FROM new_rows WHERE postdeck_is_live(status) GROUP BY account_id) n
   WHERE a.id = n.account_id;
  RETURN NULL;
END $$;
