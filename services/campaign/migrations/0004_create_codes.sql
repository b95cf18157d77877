-- Jobs issuing codes, and the codes. A job's progress (issued_count,
-- page_token) is written in the same transaction as each chunk of codes, so
-- a job resumes exactly where it stopped.
CREATE TABLE code_issuances (
  id BIGINT NOT NULL AUTO_INCREMENT,
  campaign_id BIGINT NOT NULL,
  offer_id BIGINT NOT NULL,
  kind ENUM('BULK', 'SEGMENT') NOT NULL,
  prefix VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  code_length INT NOT NULL,
  -- BULK: codes asked for. SEGMENT: codes to issue, once known (else 0).
  requested_count BIGINT NOT NULL,
  issued_count BIGINT NOT NULL,
  segment_snapshot VARCHAR(200) NOT NULL,
  member_count BIGINT NOT NULL,
  holdout_count BIGINT NOT NULL,
  -- SEGMENT: where reading the snapshot's members continues.
  page_token VARCHAR(1024) NOT NULL,
  state ENUM('RUNNING', 'SUCCEEDED', 'FAILED') NOT NULL,
  error VARCHAR(500) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY code_issuances_by_offer (offer_id, id),
  KEY code_issuances_by_state (state, id),
  CONSTRAINT code_issuances_offer FOREIGN KEY (offer_id) REFERENCES offers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE coupon_codes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- Normalized: upper case, no separators. Unique across all campaigns: at
  -- the till, the code alone finds its offer.
  code VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  offer_id BIGINT NOT NULL,
  issuance_id BIGINT NOT NULL,
  -- Personal codes: the only customer who may redeem it; '' for bulk codes.
  customer VARCHAR(80) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  max_uses INT NOT NULL,
  use_count INT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY coupon_codes_by_code (code),
  KEY coupon_codes_by_issuance (issuance_id, id),
  CONSTRAINT coupon_codes_uses CHECK (use_count BETWEEN 0 AND max_uses)
) ENGINE=InnoDB;
