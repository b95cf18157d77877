-- Named people at partners.
CREATE TABLE contacts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  partner_id BIGINT NOT NULL,
  display_name VARCHAR(100) NOT NULL,
  role VARCHAR(100) NOT NULL,
  email VARCHAR(254) NOT NULL,
  phone VARCHAR(32) NOT NULL,
  -- 1 for the partner's primary contact, NULL for the others: the unique
  -- key below then admits at most one primary per partner.
  is_primary TINYINT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY contacts_one_primary (partner_id, is_primary),
  KEY contacts_by_partner (partner_id, id),
  CONSTRAINT contacts_partner FOREIGN KEY (partner_id)
    REFERENCES partners (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
