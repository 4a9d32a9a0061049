-- Live updates (issue 14): every instance LISTENs on "parley_live" (server/live-updates.ts) and passes
-- these notices to the browsers that show the thread or belong to the member. Statement-level
-- triggers: a bulk insert (the seed import, a thread's thousand watchers alerted) sends one notice
-- per thread or member, not one per row; NOTIFY is transactional, so nothing is announced that
-- did not commit.
CREATE FUNCTION parley_live_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parley_live', json_build_object('thread', thread_id, 'post', id, 'author', author_id)::text)
  FROM (SELECT DISTINCT ON (thread_id) thread_id, id, author_id FROM added
        WHERE approval_state = 'approved' ORDER BY thread_id, id DESC) shown;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER posts_live AFTER INSERT ON posts REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION parley_live_posts();
--> statement-breakpoint
CREATE FUNCTION parley_live_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parley_live', json_build_object('member', user_id)::text)
  FROM (SELECT DISTINCT user_id FROM added) alerted;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER alerts_live AFTER INSERT ON alerts REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION parley_live_alerts();
