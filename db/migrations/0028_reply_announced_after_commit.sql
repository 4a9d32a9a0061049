-- A reply is announced on "parley_live" after it commits, not in its transaction (issue 12).
-- Postgres serialises the commits of every transaction that notified (one lock for the whole
-- notify queue, held until the commit has reached the disk), so each reply's announcement made the
-- next reply wait for this one's disk flush, and its alerts (a statement of their own, notifying
-- too) for another. Replies queued there at about 200 a second whatever else they cost.
--
-- A transaction that sets parley.live_post_later (lib/forum/reply-writes.ts) announces its posts
-- itself once committed (lib/alerts/create.ts alertNewPost, in the statement that writes
-- the reply's alerts). Every other insert into posts is announced here as before.
CREATE OR REPLACE FUNCTION parley_live_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('parley.live_post_later', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('parley_live', json_build_object('thread', thread_id, 'post', id, 'author', author_id)::text)
  FROM (SELECT DISTINCT ON (thread_id) thread_id, id, author_id FROM added
        WHERE approval_state = 'approved' ORDER BY thread_id, id DESC) shown;
  RETURN NULL;
END $$;
