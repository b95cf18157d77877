-- Segments (personas) and their immutable snapshots.
CREATE TABLE segments (
  id BIGINT NOT NULL AUTO_INCREMENT,
  display_name VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  -- The condition tree in the domain's text form (domain/condition_codec.h).
  condition_text MEDIUMTEXT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY segments_by_create_time (create_time, id),
  KEY segments_by_update_time (update_time, id),
  KEY segments_by_display_name (display_name, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A snapshot keeps its own copy of the definition it was taken with.
CREATE TABLE segment_snapshots (
  id BIGINT NOT NULL AUTO_INCREMENT,
  segment_id BIGINT NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  description TEXT NOT NULL,
  condition_text MEDIUMTEXT NOT NULL,
  segment_create_time DATETIME(6) NOT NULL,
  segment_update_time DATETIME(6) NOT NULL,
  segment_version BIGINT NOT NULL,
  member_count BIGINT NOT NULL,
  snapshot_time DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY segment_snapshots_by_segment (segment_id, id),
  CONSTRAINT segment_snapshots_segment FOREIGN KEY (segment_id)
    REFERENCES segments (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Members of a snapshot, by customer id (never changed once written).
CREATE TABLE segment_snapshot_members (
  snapshot_id BIGINT NOT NULL,
  customer_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (snapshot_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
