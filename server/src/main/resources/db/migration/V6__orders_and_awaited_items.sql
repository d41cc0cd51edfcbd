-- Revenue: the order a purchase or a refund belongs to and what it was worth, as GA4 sends them.
-- Rows of one store for now; the store id is in the keys so that several stores can share a table.
ALTER TABLE events
  ADD COLUMN store_id       text NOT NULL DEFAULT 'default',
  ADD COLUMN transaction_id text,
  ADD COLUMN value          numeric,
  ADD COLUMN currency       text;

-- A purchase counts once per order, however often it is sent (a tracker's retry, a server postback
-- of the same order): the insert skips what this index already holds.
CREATE UNIQUE INDEX events_purchase_once ON events (store_id, transaction_id)
  WHERE name = 'purchase' AND transaction_id IS NOT NULL;
-- So does the refund of a whole order; a refund of some of its items may come more than once (each
-- is its own return).
CREATE UNIQUE INDEX events_order_refund_once ON events (store_id, transaction_id)
  WHERE name = 'refund' AND items = '[]'::jsonb;

-- Lines of accepted events that named an item the catalog did not have yet: when the item arrives,
-- the profiles count what they skipped. Written only for such lines, with the event; applied is
-- set once the event went through the online state without the item (a row still false belongs to
-- an event on its way there, or to a stop before it got there: the next start settles it).
CREATE TABLE events_awaiting_items (
  store_id  text    NOT NULL DEFAULT 'default',
  item_id   text    NOT NULL,
  event_id  bigint  NOT NULL,
  applied   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (store_id, item_id, event_id)
);
