-- Conflicts, the audit trail and versioned records (issue 3).

-- Every mutation HQ answered is also an entry of its desk's audit chain
-- (shared/audit/chain.ts): the link (audit_n, audit_prev, audit_hash), the change's
-- canonical text it covers (body), and both clocks (desk_time here, received_at = HQ's).
-- Rows are never updated or deleted; an administrator re-verifies a desk's chain from them.
ALTER TABLE mutations
  ADD COLUMN audit_n bigint,
  ADD COLUMN audit_prev text,
  ADD COLUMN audit_hash text,
  ADD COLUMN body text,
  ADD COLUMN desk_time timestamptz,
  ADD COLUMN mutation_type text;
CREATE INDEX mutations_chain ON mutations (port_id, device_id, audit_n);

-- Each desk's chain as HQ has checked it so far: the unbroken run from link 1.
CREATE TABLE audit_chains (
  port_id text NOT NULL,
  device_id text NOT NULL,
  officer_id uuid NOT NULL,
  head_n bigint NOT NULL DEFAULT 0,
  head_hash text NOT NULL,
  entries bigint NOT NULL DEFAULT 0,
  broken boolean NOT NULL DEFAULT false,
  last_received_at timestamptz NOT NULL,
  verified_at timestamptz,
  PRIMARY KEY (port_id, device_id)
);

-- A break HQ found in a desk's chain, on arrival (source 'push') or when an
-- administrator re-verified it (source 'verify').
CREATE TABLE audit_breaks (
  port_id text NOT NULL,
  break_id uuid NOT NULL,
  device_id text NOT NULL,
  n bigint NOT NULL,
  kind text NOT NULL,
  message text NOT NULL,
  source text NOT NULL,
  detected_at timestamptz NOT NULL,
  PRIMARY KEY (port_id, break_id)
);
CREATE INDEX audit_breaks_device ON audit_breaks (port_id, device_id, detected_at);

-- Two desks changed the same field of one record (shared/model/conflict.ts). Desks of
-- the port pull them; a supervisor resolves them.
CREATE TABLE conflicts (
  port_id text NOT NULL,
  conflict_id uuid NOT NULL,
  record_id uuid NOT NULL,
  field text NOT NULL,
  status text NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (port_id, conflict_id)
);
CREATE INDEX conflicts_feed ON conflicts (port_id, seq);
CREATE INDEX conflicts_record ON conflicts (port_id, record_id);
