-- A reaction toggle counts against the member's rate inside its own round trip (issue 12). The rate
-- was a statement of its own before the CALL (lib/limits/request-rates.ts, rate-limiter-flexible's
-- upsert): one of three round trips per toggle. parley_take_rate is that upsert: same row, same
-- key, same arithmetic (a request takes one point; a window that has run out starts again; a
-- refused request counts too). The toggle itself stays 0024_reaction_toggle.sql's procedure.
--
-- And the toggle commits without waiting for its WAL to reach the disk (synchronous_commit off, for
-- this transaction only, and the CALL is a transaction of its own): every toggle waited for a flush
-- of the disk, for the one write a member would not miss. A Postgres crash (not an app crash) can
-- lose the toggles of its last fraction of a second (at most three wal_writer_delay, 0.6 s by
-- default), each whole or not at all, so counts, scores and alerts stay exact. Replies, edits and
-- everything else still wait for the disk.

-- Takes one point of `p_key`'s rate (`p_points` per `p_ms`). Answers null when the request is within
-- the rate, else the milliseconds until the window starts again.
CREATE FUNCTION parley_take_rate(p_key text, p_points integer, p_ms integer)
RETURNS integer LANGUAGE sql AS $$
  WITH taken AS (
    INSERT INTO rate_limits AS r (key, points, expire)
    VALUES (p_key, 1, now() + p_ms * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN r.expire <= now() THEN 1 ELSE r.points + 1 END,
      expire = CASE WHEN r.expire <= now() THEN excluded.expire ELSE r.expire END
    RETURNING r.points, r.expire
  )
  SELECT CASE WHEN points > p_points
    THEN greatest(1, ceil(extract(epoch FROM expire - now()) * 1000))::integer END
  FROM taken
$$;
--> statement-breakpoint
CREATE PROCEDURE parley_toggle_reaction_within_rate(
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
BEGIN
  SET LOCAL synchronous_commit = off;
  retry_after_ms := parley_take_rate(p_rate_key, p_rate_points, p_rate_ms);
  IF retry_after_ms IS NOT NULL THEN
    RETURN;
  END IF;
  CALL parley_toggle_reaction(p_post, p_user, p_kind, p_scoring, gone, reaction);
END $$;
