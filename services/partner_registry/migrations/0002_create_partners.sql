-- Partners and the history of their lifecycle.
CREATE TABLE partners (
  id BIGINT NOT NULL AUTO_INCREMENT,
  display_name VARCHAR(200) NOT NULL,
  legal_name VARCHAR(200) NOT NULL,
  business_registration_number CHAR(10) NOT NULL,
  category ENUM('DEPARTMENT_STORE', 'FOOD_AND_BEVERAGE', 'FASHION', 'BEAUTY',
                'ELECTRONICS', 'TRAVEL', 'OTHER') NOT NULL,
  tier ENUM('STANDARD', 'PREMIUM', 'STRATEGIC') NOT NULL,
  account_manager VARCHAR(64) NOT NULL,
  needs TEXT NOT NULL,
  value_proposition TEXT NOT NULL,
  state ENUM('PROSPECT', 'NEGOTIATING', 'CONTRACTED', 'ACTIVE', 'SUSPENDED',
             'TERMINATED') NOT NULL,
  state_change_time DATETIME(6) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  -- Bumped by every change; the etag.
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY partners_by_business_registration_number (business_registration_number),
  -- One index per order_by, each ending in id for keyset paging.
  KEY partners_by_create_time (create_time, id),
  KEY partners_by_update_time (update_time, id),
  KEY partners_by_display_name (display_name, id),
  KEY partners_by_state (state, id),
  KEY partners_by_account_manager (account_manager, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE partner_state_changes (
  id BIGINT NOT NULL AUTO_INCREMENT,
  partner_id BIGINT NOT NULL,
  -- NULL for the entry written when the partner is created.
  from_state ENUM('PROSPECT', 'NEGOTIATING', 'CONTRACTED', 'ACTIVE',
                  'SUSPENDED', 'TERMINATED') NULL,
  to_state ENUM('PROSPECT', 'NEGOTIATING', 'CONTRACTED', 'ACTIVE',
                'SUSPENDED', 'TERMINATED') NOT NULL,
  reason VARCHAR(500) NOT NULL,
  change_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY partner_state_changes_by_partner (partner_id, id),
  CONSTRAINT partner_state_changes_partner FOREIGN KEY (partner_id)
    REFERENCES partners (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
