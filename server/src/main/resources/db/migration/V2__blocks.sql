-- Named recommendation blocks as the store configured them (our JSON shape, see BlockJson).
CREATE TABLE blocks (
  name        text PRIMARY KEY,
  definition  jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
