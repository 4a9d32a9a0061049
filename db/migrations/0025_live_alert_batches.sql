-- Live updates for new alerts, batched (issue 12): one notice per member made every instance parse
-- as many notices as a reply alerted watchers (hundreds per reply on a busy thread, most of them
-- for members with no page open), and Postgres queue each. Now a statement's alerted members go out
-- in notices of up to 100 ids (a notice's payload is limited to 8,000 bytes; 100 ids take about 4,000).
CREATE OR REPLACE FUNCTION parley_live_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('parley_live', json_build_object('members', json_agg(user_id))::text)
  FROM (SELECT user_id, (row_number() OVER ()) / 100 AS batch
        FROM (SELECT DISTINCT user_id FROM added) alerted) numbered
  GROUP BY batch;
  RETURN NULL;
END $$;
