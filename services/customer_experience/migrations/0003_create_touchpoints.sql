-- Touchpoints: the customer journey, written in multi-row batches. The
-- secondary indexes are the ones segment evaluation and the journey read.
CREATE TABLE touchpoints (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_key BIGINT NOT NULL,
  -- The client's event id (up to 64 characters), or "purchase:{order}" and
  -- "refund:{order}:{refund}" for those recorded here; unique per customer
  -- (duplicates are ignored).
  event_id VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- Touchpoint.Type number.
  type TINYINT NOT NULL,
  occur_time DATETIME(6) NOT NULL,
  -- Touchpoint.Channel number, 0 when not given.
  channel TINYINT NOT NULL,
  -- partners/{partner} and campaigns/{campaign} ids; 0 for none.
  partner_id BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  -- For touchpoints of RecordPurchase/RefundPurchase: the order id.
  purchase_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  -- Free-form properties as a JSON object; NULL when there are none.
  properties TEXT NULL,
  record_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY touchpoints_by_event (customer_key, event_id),
  -- The journey, newest first (InnoDB appends id).
  KEY touchpoints_by_customer_time (customer_key, occur_time),
  -- "had touchpoint T (with partner P) in a window", funnel counts.
  KEY touchpoints_by_type (type, partner_id, occur_time, customer_key),
  -- The same, within a campaign.
  KEY touchpoints_by_campaign (campaign_id, type, occur_time, customer_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each customer's overall funnel progress: the time each stage was first
-- reached, over all touchpoints. Rows only ever move forward; updates are
-- commutative (earliest time wins), so batches may land in any order.
-- Progress with one partner is derived from that partner's touchpoints
-- when read (touchpoints_by_type), so ingestion writes one row per
-- customer, not one per customer and partner.
CREATE TABLE funnel_progress (
  customer_key BIGINT NOT NULL,
  aware_time DATETIME(6) NULL,
  interested_time DATETIME(6) NULL,
  considering_time DATETIME(6) NULL,
  purchased_time DATETIME(6) NULL,
  -- The second purchase, or the first REPEAT_PURCHASE, whichever came first.
  repeat_time DATETIME(6) NULL,
  advocate_time DATETIME(6) NULL,
  -- FunnelProgress.Stage number of the furthest stage reached.
  stage TINYINT AS (CASE
    WHEN advocate_time IS NOT NULL THEN 6
    WHEN repeat_time IS NOT NULL THEN 5
    WHEN purchased_time IS NOT NULL THEN 4
    WHEN considering_time IS NOT NULL THEN 3
    WHEN interested_time IS NOT NULL THEN 2
    WHEN aware_time IS NOT NULL THEN 1
    ELSE 0 END) PERSISTENT,
  PRIMARY KEY (customer_key),
  KEY funnel_progress_by_stage (stage, customer_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
