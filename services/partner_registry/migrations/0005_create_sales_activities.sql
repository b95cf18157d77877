-- Meetings, calls, emails and visits with partners.
CREATE TABLE sales_activities (
  id BIGINT NOT NULL AUTO_INCREMENT,
  partner_id BIGINT NOT NULL,
  type ENUM('MEETING', 'CALL', 'EMAIL', 'VISIT') NOT NULL,
  owner VARCHAR(64) NOT NULL,
  -- The contact it was with; cleared if the contact is deleted.
  contact_id BIGINT NULL,
  occur_time DATETIME(6) NOT NULL,
  notes TEXT NOT NULL,
  next_step VARCHAR(500) NOT NULL,
  next_step_due_time DATETIME(6) NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY sales_activities_by_partner (partner_id, occur_time, id),
  CONSTRAINT sales_activities_partner FOREIGN KEY (partner_id)
    REFERENCES partners (id) ON DELETE CASCADE,
  CONSTRAINT sales_activities_contact FOREIGN KEY (contact_id)
    REFERENCES contacts (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
