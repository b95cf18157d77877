-- The event feed's outbox (common/events). Every producing service has this
-- migration, word for word (a test compares them): a service writes its
-- domain events here in the same transaction as the change, and serves them
-- with partnerhub.events.v1.EventFeed.

-- The feed's head: the last position given out. Appending events locks this
-- one row until commit, so positions are handed out in commit order and a
-- reader never sees position N+1 committed before N.
CREATE TABLE event_feed (
  id TINYINT NOT NULL,
  head_position BIGINT NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT event_feed_single_row CHECK (id = 1),
  CONSTRAINT event_feed_head_not_negative CHECK (head_position >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO event_feed (id, head_position) VALUES (1, 0);

-- The events, by position (1, 2, 3, ... with no gaps; a prefix is pruned).
CREATE TABLE outbox_events (
  position BIGINT NOT NULL,
  -- When the change was made.
  event_time DATETIME(6) NOT NULL,
  -- partnerhub.events.v1.Event, serialized, without position and feed.
  payload MEDIUMBLOB NOT NULL,
  PRIMARY KEY (position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- How far each consumer has applied the feed: pruning never passes the
-- lowest position.
CREATE TABLE feed_consumers (
  consumer VARCHAR(64) NOT NULL,
  position BIGINT NOT NULL,
  acknowledge_time DATETIME(6) NOT NULL,
  PRIMARY KEY (consumer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
