-- The two tables Buyer Signals reads through CDC. All times are UTC with millisecond precision.
-- Used by the integration tests and the local run as well; on production the tables already exist.
-- shops.experiment_arm: 'control' or 'treatment' while the shop takes part in an experiment
-- (docs/experiments.md), else NULL.

CREATE TABLE IF NOT EXISTS shops (
  id            BIGINT       NOT NULL PRIMARY KEY,
  domain        VARCHAR(255) NOT NULL,
  inbox_enabled BOOLEAN      NOT NULL,
  experiment_arm VARCHAR(16) NULL
);

CREATE TABLE IF NOT EXISTS checkouts (
  id           BIGINT        NOT NULL PRIMARY KEY,
  shop_id      BIGINT        NOT NULL,
  buyer_token  VARCHAR(64)   NOT NULL,
  cart_token   VARCHAR(64)   NULL,
  currency     CHAR(3)       NOT NULL,
  total_price  DECIMAL(12,2) NOT NULL,
  order_id     BIGINT        NULL,
  order_number VARCHAR(32)   NULL,
  created_at   DATETIME(3)   NOT NULL,
  updated_at   DATETIME(3)   NOT NULL,
  completed_at DATETIME(3)   NULL,
  KEY checkouts_by_buyer (shop_id, buyer_token)
);
