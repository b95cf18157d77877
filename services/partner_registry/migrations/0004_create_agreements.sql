-- Commercial terms agreed with partners.
CREATE TABLE agreements (
  id BIGINT NOT NULL AUTO_INCREMENT,
  partner_id BIGINT NOT NULL,
  commission_rate_bps INT NOT NULL,
  partner_discount_share_bps INT NOT NULL,
  settlement_cycle ENUM('WEEKLY', 'BIWEEKLY', 'MONTHLY') NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  state ENUM('DRAFT', 'SIGNED', 'TERMINATED') NOT NULL,
  kpi_new_customers BIGINT NOT NULL,
  kpi_gmv_currency_code CHAR(3) NOT NULL,
  kpi_gmv_amount_minor BIGINT NOT NULL,
  kpi_orders BIGINT NOT NULL,
  kpi_repeat_purchase_rate_bps INT NOT NULL,
  kpi_coupon_redemption_rate_bps INT NOT NULL,
  sign_time DATETIME(6) NULL,
  terminate_time DATETIME(6) NULL,
  terminate_reason VARCHAR(500) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY agreements_by_partner (partner_id, start_date, id),
  CONSTRAINT agreements_partner FOREIGN KEY (partner_id)
    REFERENCES partners (id) ON DELETE CASCADE,
  CONSTRAINT agreements_dates CHECK (start_date <= end_date),
  CONSTRAINT agreements_rates CHECK (
    commission_rate_bps BETWEEN 0 AND 10000 AND
    partner_discount_share_bps BETWEEN 0 AND 10000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
