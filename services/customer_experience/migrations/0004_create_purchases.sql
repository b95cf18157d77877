-- Purchases (orders), their lines and refunds.
CREATE TABLE purchases (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- The order id, the {purchase} of "purchases/{purchase}".
  purchase_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  customer_key BIGINT NOT NULL,
  partner_id BIGINT NOT NULL,
  currency_code CHAR(3) CHARACTER SET ascii NOT NULL,
  total_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL DEFAULT 0,
  coupon_code VARCHAR(64) NOT NULL,
  -- 0 for none.
  campaign_id BIGINT NOT NULL,
  channel TINYINT NOT NULL,
  purchase_time DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  -- Fingerprint of the recorded content: recording the same order again
  -- with other content is ALREADY_EXISTS.
  content_fingerprint BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY purchases_by_purchase_id (purchase_id),
  KEY purchases_by_customer (customer_key, purchase_time),
  KEY purchases_by_partner (partner_id, purchase_time, customer_key),
  KEY purchases_by_time (purchase_time, customer_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Purchase lines, with the purchase's customer, partner, currency and time
-- copied in, so that category conditions read one index.
CREATE TABLE purchase_items (
  purchase_key BIGINT NOT NULL,
  line_no INT NOT NULL,
  customer_key BIGINT NOT NULL,
  partner_id BIGINT NOT NULL,
  category VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  quantity INT NOT NULL,
  currency_code CHAR(3) CHARACTER SET ascii NOT NULL,
  amount_minor BIGINT NOT NULL,
  purchase_time DATETIME(6) NOT NULL,
  -- 1 once refunds reach the purchase's total: it no longer counts.
  fully_refunded TINYINT NOT NULL DEFAULT 0,
  PRIMARY KEY (purchase_key, line_no),
  KEY purchase_items_by_category (category, purchase_time, customer_key),
  -- One customer's membership check.
  KEY purchase_items_by_customer (customer_key, purchase_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE refunds (
  id BIGINT NOT NULL AUTO_INCREMENT,
  purchase_key BIGINT NOT NULL,
  amount_minor BIGINT NOT NULL,
  reason VARCHAR(500) NOT NULL,
  refund_time DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY refunds_by_purchase (purchase_key, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
