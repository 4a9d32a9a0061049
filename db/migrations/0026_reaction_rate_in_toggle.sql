-- A reaction toggle counts against the member's rate inside its own round trip (issue 12). The rate
-- was a statement of its own before the CALL (lib/limits/request-rates.ts, rate-limiter-flexible's
-- upsert): one of three round trips per toggle. Same row, same key, same arithmetic: a toggle takes
-- one point; a window that has run out starts again; a refused toggle counts too, as it did.
--
-- And it commits without waiting for its WAL to reach the disk (synchronous_commit off, for this
-- transaction only, and the CALL is a transaction of its own): every toggle waited for a flush of
-- the disk, for the one write a member would not miss. A Postgres crash (not an app crash) can lose
-- the toggles of its last fraction of a second (at most three wal_writer_delay, 0.6 s by default),
-- each whole or not at all, so counts, scores and alerts stay exact. Replies, edits and everything
-- else still wait for the disk.
--
-- Otherwise the toggle is 0024_reaction_toggle.sql's, unchanged.
DROP PROCEDURE parley_toggle_reaction(integer, text, reaction_kind, reaction_kind[], boolean, reaction_kind);
--> statement-breakpoint
CREATE PROCEDURE parley_toggle_reaction(
  p_post integer,
  p_user text,
  p_kind reaction_kind,
  p_scoring reaction_kind[],
  p_rate_key text,
  p_rate_points integer,
  p_rate_ms integer,
  OUT gone boolean,
  OUT reaction reaction_kind,
  OUT retry_after_ms integer
) LANGUAGE plpgsql AS $$
DECLARE
  v_points integer;
  v_expire timestamptz;
  v_author text;
  v_old reaction_kind;
  v_count_delta integer;
  v_score_delta integer;
BEGIN
  SET LOCAL synchronous_commit = off;
  INSERT INTO rate_limits AS r (key, points, expire)
  VALUES (p_rate_key, 1, now() + p_rate_ms * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN r.expire <= now() THEN 1 ELSE r.points + 1 END,
    expire = CASE WHEN r.expire <= now() THEN excluded.expire ELSE r.expire END
  RETURNING r.points, r.expire INTO v_points, v_expire;
  IF v_points > p_rate_points THEN
    retry_after_ms := greatest(1, ceil(extract(epoch FROM v_expire - now()) * 1000));
    RETURN;
  END IF;

  -- The post row lock serialises toggles on one post, so counts and scores cannot drift. The checks
  -- are made again here, under the lock (FOR UPDATE re-evaluates them on the newest row version):
  -- the post may have been deleted or sent back to approval since the caller read it.
  SELECT p.author_id INTO v_author
  FROM posts p JOIN threads t ON t.id = p.thread_id
  WHERE p.id = p_post AND p.deleted_at IS NULL AND p.approval_state = 'approved'
    AND t.deleted_at IS NULL
  FOR UPDATE OF p;
  IF NOT FOUND THEN
    gone := true;
    RETURN;
  END IF;
  gone := false;

  SELECT r.kind INTO v_old FROM reactions r WHERE r.post_id = p_post AND r.user_id = p_user;
  -- Choosing the same kind again removes it; another kind replaces it.
  reaction := CASE WHEN v_old = p_kind THEN NULL ELSE p_kind END;
  IF v_old IS NULL THEN
    INSERT INTO reactions (post_id, user_id, kind) VALUES (p_post, p_user, reaction);
  ELSIF reaction IS NULL THEN
    DELETE FROM reactions r WHERE r.post_id = p_post AND r.user_id = p_user;
  ELSE
    UPDATE reactions r SET kind = reaction, created_at = now()
    WHERE r.post_id = p_post AND r.user_id = p_user;
  END IF;

  v_count_delta := (reaction IS NOT NULL)::integer - (v_old IS NOT NULL)::integer;
  v_score_delta := coalesce(reaction = ANY (p_scoring), false)::integer
    - coalesce(v_old = ANY (p_scoring), false)::integer;
  IF v_count_delta <> 0 THEN
    UPDATE posts SET reaction_count = reaction_count + v_count_delta WHERE id = p_post;
  END IF;
  IF v_score_delta <> 0 AND v_author IS NOT NULL THEN
    UPDATE users SET reaction_score = reaction_score + v_score_delta WHERE id = v_author;
  END IF;

  IF v_count_delta = 0 OR v_author IS NULL OR v_author = p_user THEN
    RETURN;
  END IF;
  IF reaction IS NULL THEN
    DELETE FROM alerts a
    WHERE a.user_id = v_author AND a.post_id = p_post AND a.actor_id = p_user
      AND a.kind = 'reaction';
  ELSIF NOT EXISTS (
      SELECT 1 FROM ignored_members ignoring JOIN users actor ON actor.id = ignoring.ignored_id
      WHERE ignoring.user_id = v_author AND ignoring.ignored_id = p_user AND actor.role = 'member')
    AND NOT EXISTS (
      SELECT 1 FROM alerts a
      WHERE a.user_id = v_author AND a.post_id = p_post AND a.actor_id = p_user
        AND a.kind = 'reaction') THEN
    INSERT INTO alerts (user_id, kind, actor_id, post_id)
    VALUES (v_author, 'reaction', p_user, p_post);
  END IF;
END $$;
