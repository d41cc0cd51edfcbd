-- Jobs that run once per cluster (cluster.JobScheduler): one row per job, claimed by one node at a
-- time. A node claims a job that is due and not held by setting holder and held_until, renews
-- held_until while the run lasts, and at the end clears held_until and sets the next due time. A
-- node that dies holding a job loses it once held_until has passed. holder stays after the end: the
-- node that holds the job, or held it last. Times are the database's, so that nodes need no common
-- clock.
CREATE TABLE cluster_jobs (
  store_id      text        NOT NULL DEFAULT 'default',
  name          text        NOT NULL,
  holder        text,
  held_until    timestamptz,
  next_due      timestamptz NOT NULL,
  last_started  timestamptz,
  last_finished timestamptz,
  PRIMARY KEY (store_id, name)
);
