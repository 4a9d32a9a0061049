-- A reaction toggle in one round trip (issue 12): lib/forum/reactions.ts decides in TypeScript whether
-- the member may react (lib/permissions), then CALLs this. It was a transaction of up to ten
-- statements, each a round trip; here they run inside Postgres.
--
-- Why a procedure and not one SQL statement: in READ COMMITTED every statement of a PL/pgSQL routine
-- takes a fresh snapshot, so the reaction read after the post's lock sees a toggle by the same member
-- that committed while this one waited for the lock. A single statement keeps the snapshot taken
-- before the lock was granted, misses that toggle and inserts a duplicate.
--
-- p_scoring: the kinds that add to the author's reaction score (REACTIONS in
-- lib/forum/reaction-kinds.ts stays the one list). The alert part mirrors what lib/alerts/create.ts
-- does for new posts: one alert per reacting member, none to members ignoring them (unless they have
-- since become staff), withdrawn with the reaction; a changed reaction keeps its alert.
CREATE PROCEDURE parley_toggle_reaction(
  p_post integer,
  p_user text,
  p_kind reaction_kind,
  p_scoring reaction_kind[],
  OUT gone boolean,
  OUT reaction reaction_kind
) LANGUAGE plpgsql AS $$
DECLARE
  v_author text;
  v_old reaction_kind;
  v_count_delta integer;
  v_score_delta integer;
BEGIN
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
