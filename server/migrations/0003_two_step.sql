-- Two-step declarations (两步申报, issue 5): entries, the receipts customs sent, the policy.
-- Keyed by port_id first like every port table (docs/hq-storage.md).

-- data is the whole entry as desks pull it (shared/model/two-step-record.ts), json as
-- HQ wrote it; the columns beside it are what HQ and its reports query by.
CREATE TABLE two_step_entries (
  port_id text NOT NULL,
  entry_id uuid NOT NULL,
  status text NOT NULL,
  entry_no text,
  consignee_code text NOT NULL,
  transport_declared_on date,
  seq bigint NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (port_id, entry_id)
);
CREATE INDEX two_step_entries_feed ON two_step_entries (port_id, seq);
CREATE INDEX two_step_entries_consignee ON two_step_entries (port_id, consignee_code);

-- Each customs receipt is applied once: its id and the answer HQ gave are kept.
CREATE TABLE two_step_receipts (
  port_id text NOT NULL,
  receipt_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  code text NOT NULL,
  customs_time timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  result json NOT NULL,
  PRIMARY KEY (port_id, receipt_id)
);

-- Deadline and late-fee values, dated and versioned like the duty-free policy.
CREATE TABLE two_step_policies (
  port_id text NOT NULL REFERENCES ports (port_id),
  policy_id uuid NOT NULL,
  version integer NOT NULL,
  effective_from date NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (port_id, policy_id),
  UNIQUE (port_id, version)
);
CREATE INDEX two_step_policies_feed ON two_step_policies (port_id, seq);
