-- A/B experiments, one row each: the definition as the admin API shows it (arms, weights,
-- traffic, goals, status, phases), with its placement and status beside it so that PostgreSQL
-- itself keeps one experiment running per placement, whichever nodes start them. version
-- increases with every change: a change is made against the version it read.
CREATE TABLE experiments (
  store_id   text        NOT NULL DEFAULT 'default',
  id         text        NOT NULL,
  placement  text        NOT NULL,
  status     text        NOT NULL,
  definition jsonb       NOT NULL,
  version    bigint      NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, id)
);
CREATE UNIQUE INDEX experiments_one_running_per_placement ON experiments (store_id, placement)
  WHERE status = 'running';
