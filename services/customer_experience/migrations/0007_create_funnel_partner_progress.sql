-- Each customer's funnel progress with each partner, kept at ingestion like
-- funnel_progress (earliest time per stage; REPEAT also at the second
-- purchase; rows only move forward and merge commutatively), so that a
-- batch can tell which stages it reaches for the first time with a partner
-- and publish them on the event feed. Written only by a transaction that
-- holds the customer's funnel_progress row (FOR UPDATE).
CREATE TABLE funnel_partner_progress (
  customer_key BIGINT NOT NULL,
  -- partners/{partner}; never 0.
  partner_id BIGINT NOT NULL,
  aware_time DATETIME(6) NULL,
  interested_time DATETIME(6) NULL,
  considering_time DATETIME(6) NULL,
  purchased_time DATETIME(6) NULL,
  repeat_time DATETIME(6) NULL,
  advocate_time DATETIME(6) NULL,
  PRIMARY KEY (customer_key, partner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- From the touchpoints stored so far (what GetFunnel derives from them).
INSERT INTO funnel_partner_progress (customer_key, partner_id, aware_time,
  interested_time, considering_time, purchased_time, repeat_time,
  advocate_time)
SELECT customer_key, partner_id,
  MIN(IF(type = 1, occur_time, NULL)),
  MIN(IF(type IN (2, 3), occur_time, NULL)),
  MIN(IF(type IN (4, 5), occur_time, NULL)),
  MIN(IF(type = 6, occur_time, NULL)),
  COALESCE(LEAST(MIN(IF(type = 7, occur_time, NULL)),
                 MIN(IF(type = 6 AND purchase_rank = 2, occur_time, NULL))),
           MIN(IF(type = 7, occur_time, NULL)),
           MIN(IF(type = 6 AND purchase_rank = 2, occur_time, NULL))),
  MIN(IF(type IN (8, 9), occur_time, NULL))
FROM (
  SELECT customer_key, partner_id, type, occur_time,
    ROW_NUMBER() OVER (PARTITION BY customer_key, partner_id, type = 6
                       ORDER BY occur_time) AS purchase_rank
  FROM touchpoints
  WHERE partner_id <> 0 AND type BETWEEN 1 AND 9
) t
GROUP BY customer_key, partner_id;
