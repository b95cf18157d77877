-- The funnel projector (domain/funnel_projector.h) follows this service's
-- own event feed: it moves funnel_progress and funnel_partner_progress with
-- the touchpoints of every TouchpointsRecorded event and publishes the
-- stages reached, off the ingestion path. Its position is a feed consumer
-- row, written in the transaction that applies the events (so each applies
-- once), and it keeps pruning from passing events it has not applied.
-- Everything on the feed so far moved the funnel when it was recorded.
INSERT INTO feed_consumers (consumer, position, acknowledge_time)
SELECT 'customer-experience.funnel', head_position, NOW(6) FROM event_feed;
