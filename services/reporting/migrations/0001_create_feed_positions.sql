-- How far reporting has applied each producer's event feed. The position is
-- stored in the same transaction as the events' effects, so each event
-- takes effect exactly once; the apply locks this row and checks that it is
-- the position just before its first event.
CREATE TABLE feed_positions (
  -- "partner-registry", "campaign" or "customer-experience".
  feed VARCHAR(32) NOT NULL,
  -- The position of the last event applied.
  position BIGINT NOT NULL,
  -- The producer's head as last heard by the replica that applied.
  head_position BIGINT NOT NULL,
  -- When the position last moved.
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (feed),
  CONSTRAINT feed_positions_not_negative CHECK (position >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO feed_positions (feed, position, head_position, update_time) VALUES
  ('partner-registry', 0, 0, UTC_TIMESTAMP(6)),
  ('campaign', 0, 0, UTC_TIMESTAMP(6)),
  ('customer-experience', 0, 0, UTC_TIMESTAMP(6));

-- One row every application of a batch (any feed) locks after its feed's
-- position: applications are serialized, so read models that join several
-- feeds (a purchase from customer-experience against a campaign's window
-- from campaign) see each other's effects in one order, whatever order the
-- feeds deliver in.
CREATE TABLE apply_lock (
  id TINYINT NOT NULL,
  -- Customers known (customers rows), kept here so no query counts them.
  customer_count BIGINT NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT apply_lock_single_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO apply_lock (id, customer_count) VALUES (1, 0);
