-- accounts.last_post_at = the greatest scheduled_at among the account's live posts
-- (scheduled, pending, retrying, awaiting_creator, complete). Auto-selection sorts pools of
-- thousands of accounts by it, so it is kept up to date here instead of computed per request.
-- Statement-level triggers see all changed rows at once (bulk inserts update each account once).
CREATE FUNCTION postdeck_is_live(s post_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT s IN ('scheduled', 'pending', 'retrying', 'awaiting_creator', 'complete')
$$;
--> statement-breakpoint
CREATE FUNCTION postdeck_refresh_last_post_at(account_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE accounts a
     SET last_post_at = (SELECT max(p.scheduled_at) FROM posts p WHERE p.account_id = a.id AND postdeck_is_live(p.status))
   WHERE a.id = ANY(account_ids)
$$;
--> statement-breakpoint
CREATE FUNCTION postdeck_posts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An insert can only raise the maximum.
  UPDATE accounts a SET last_post_at = n.latest
    FROM (SELECT account_id, max(scheduled_at) AS latest FROM new_rows WHERE postdeck_is_live(status) GROUP BY account_id) n
   WHERE a.id = n.account_id AND (a.last_post_at IS NULL OR a.last_post_at < n.latest);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION postdeck_posts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of time, account or liveness can move the maximum (pending → complete cannot).
  PERFORM postdeck_refresh_last_post_at(ARRAY(
    SELECT DISTINCT x.account_id FROM (
      SELECT o.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE o.scheduled_at <> n.scheduled_at OR o.account_id <> n.account_id
          OR postdeck_is_live(o.status) <> postdeck_is_live(n.status)
      UNION
      SELECT n.account_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE o.scheduled_at <> n.scheduled_at OR o.account_id <> n.account_id
          OR postdeck_is_live(o.status) <> postdeck_is_live(n.status)
    ) x));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION postdeck_posts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM postdeck_refresh_last_post_at(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posts_last_post_at_insert AFTER INSERT ON posts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_posts_inserted();
--> statement-breakpoint
CREATE TRIGGER posts_last_post_at_update AFTER UPDATE ON posts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_posts_updated();
--> statement-breakpoint
CREATE TRIGGER posts_last_post_at_delete AFTER DELETE ON posts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION postdeck_posts_deleted();
--> statement-breakpoint
SELECT postdeck_refresh_last_post_at(ARRAY(SELECT id FROM accounts));
