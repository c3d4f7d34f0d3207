-- Issue 6: designated inspection sites (reference data desks pull), attachments as
-- content-addressed blobs (docs/hq-storage.md "Attachments"), consignments and inspections.

-- Designated supervision sites (shared/model/site.ts). data is the whole Site record as
-- desks pull it; version is the record's own edit counter, seq the port's change number.
CREATE TABLE sites (
  port_id text NOT NULL REFERENCES ports (port_id),
  site_id text NOT NULL,
  version int4 NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, site_id)
);
CREATE INDEX sites_feed ON sites (port_id, seq);

-- One row per blob a port holds, named by the SHA-256 of its bytes: sending the same
-- photo again finds this row and stores nothing. 'partial' while chunks arrive,
-- 'complete' once finish has hashed the whole and found its name.
CREATE TABLE blobs (
  port_id text NOT NULL REFERENCES ports (port_id),
  sha256 text NOT NULL,
  size int4 NOT NULL,
  content_type text NOT NULL,
  state text NOT NULL CHECK (state IN ('partial', 'complete')),
  opened_by uuid,
  opened_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (port_id, sha256)
);

-- The bytes, one row per chunk of the 1 MiB grid (shared/sync/blobs.ts). receipts counts
-- how often the chunk arrived: a resumed upload that sends a held chunk again shows up
-- here (the e2e test and the console read it). Photos and PDFs are already compressed:
-- EXTERNAL storage keeps them out of the table page without a wasted pglz attempt.
CREATE TABLE blob_chunks (
  port_id text NOT NULL,
  sha256 text NOT NULL,
  chunk_offset int4 NOT NULL,
  length int4 NOT NULL,
  data bytea NOT NULL,
  receipts int4 NOT NULL DEFAULT 1,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (port_id, sha256, chunk_offset),
  FOREIGN KEY (port_id, sha256) REFERENCES blobs (port_id, sha256) ON DELETE CASCADE
);
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- Consignments at the yard, inspection orders and inspection records: pushed by desks
-- (server/sync/kinds/), pulled by every desk of the port. data is the record as desks
-- pull it; the columns beside it are what HQ looks records up by.
CREATE TABLE consignments (
  port_id text NOT NULL REFERENCES ports (port_id),
  consignment_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  site_id text NOT NULL,
  category text NOT NULL,
  arrived_on date NOT NULL,
  is_flagged boolean NOT NULL,
  PRIMARY KEY (port_id, consignment_id)
);
CREATE INDEX consignments_feed ON consignments (port_id, seq);
CREATE INDEX consignments_site_day ON consignments (port_id, site_id, category, arrived_on);

CREATE TABLE inspection_orders (
  port_id text NOT NULL REFERENCES ports (port_id),
  order_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  consignment_id uuid NOT NULL,
  PRIMARY KEY (port_id, order_id)
);
CREATE INDEX inspection_orders_feed ON inspection_orders (port_id, seq);

CREATE TABLE inspections (
  port_id text NOT NULL REFERENCES ports (port_id),
  inspection_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  order_id uuid NOT NULL,
  consignment_id uuid NOT NULL,
  PRIMARY KEY (port_id, inspection_id)
);
CREATE INDEX inspections_feed ON inspections (port_id, seq);
