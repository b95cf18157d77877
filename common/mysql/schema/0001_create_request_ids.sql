-- Claims of request_id for retried mutations (common/mysql/request_ids.h),
-- in every producer's schema (common/events/producer_schema.h).
CREATE TABLE request_ids (
  request_id VARCHAR(64) NOT NULL,
  -- Fingerprint of the request, to tell a retry from a reuse of the id.
  fingerprint BIGINT NOT NULL,
  -- What the first execution produced, e.g. "partners/12".
  result VARCHAR(255) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (request_id),
  KEY request_ids_by_create_time (create_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
