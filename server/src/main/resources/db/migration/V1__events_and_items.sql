-- Items as the store sent them (our JSON shape); the catalog index is rebuilt from here at start.
CREATE TABLE items (
  id          text PRIMARY KEY,
  data        jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every accepted shopper event, append-only: the system of record for profiles and models.
CREATE TABLE events (
  id                bigserial PRIMARY KEY,
  received_at       timestamptz NOT NULL DEFAULT now(),
  occurred_at       timestamptz NOT NULL,
  name              text        NOT NULL,
  visitor_id        text,
  customer_id       text,
  items             jsonb       NOT NULL DEFAULT '[]',
  query             text,
  list_id           text,
  attribution_token text
);
CREATE INDEX events_occurred_at ON events (occurred_at);

-- Visitor ids seen together with a customer id: the identity graph models stitch with.
CREATE TABLE identities (
  visitor_id  text PRIMARY KEY,
  customer_id text        NOT NULL,
  first_seen  timestamptz NOT NULL DEFAULT now()
);
