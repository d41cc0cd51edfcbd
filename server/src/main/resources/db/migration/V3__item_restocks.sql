-- When an item last came back in stock (out of stock before an upsert, in stock after it), for the
-- back_in_stock block; the catalog index learns it again from here at start.
ALTER TABLE items ADD COLUMN restocked_at timestamptz;
