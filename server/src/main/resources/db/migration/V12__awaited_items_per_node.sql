-- Lines of events awaiting items the catalog lacked now live in each node's memory, where the
-- profiles they count into live: one shared table let the first node that saw an item arrive
-- settle the lines for every node, and the others never counted them.
DROP TABLE events_awaiting_items;
