-- Customers: analytic attributes and consent here; personal data apart in
-- customer_personal_data, so that it can be erased on its own. Enum columns
-- hold the proto's numbers (0 = not given).
CREATE TABLE customers (
  -- Internal key that touchpoints, purchases and funnel rows refer to.
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- The platform's customer id, the {customer} of "customers/{customer}".
  -- Binary collation: byte order is the order members are listed in.
  customer_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  -- 0 when unknown.
  birth_year SMALLINT NOT NULL DEFAULT 0,
  -- Customer.Gender: 0 not given, 1 FEMALE, 2 MALE, 3 OTHER.
  gender TINYINT NOT NULL DEFAULT 0,
  -- ISO 3166-2 code, '' when not given.
  region VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
  sign_up_time DATETIME(6) NOT NULL,
  -- MarketingConsent.State: 1 GRANTED, 2 DENIED, 3 REVOKED.
  consent TINYINT NOT NULL,
  consent_change_time DATETIME(6) NOT NULL,
  personal_data_erase_time DATETIME(6) NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY customers_by_customer_id (customer_id),
  -- Segment members are consent GRANTED, listed by customer_id.
  KEY customers_by_consent (consent, customer_id),
  KEY customers_by_create_time (create_time, customer_id),
  KEY customers_by_sign_up_time (sign_up_time, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Personal data; the row is deleted when the customer asks for erasure.
CREATE TABLE customer_personal_data (
  customer_key BIGINT NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL,
  phone VARCHAR(32) NOT NULL,
  PRIMARY KEY (customer_key),
  CONSTRAINT customer_personal_data_customer FOREIGN KEY (customer_key)
    REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of marketing consent, the first one made on create.
CREATE TABLE consent_changes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  customer_key BIGINT NOT NULL,
  -- 0 for the entry made on create.
  from_state TINYINT NOT NULL,
  to_state TINYINT NOT NULL,
  source VARCHAR(64) NOT NULL,
  change_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY consent_changes_by_customer (customer_key, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
