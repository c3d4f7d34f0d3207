-- Issue 4: the gate weighing tolerance (卡口过磅误差), reference data desks pull, dated and
-- versioned like the duty-free and two-step policies. A declaration's life itself (review,
-- inspection, release with the gate weight) lives in declarations.data: HQ never queries
-- inside it, and the pull sends the record whole.
CREATE TABLE gate_policies (
  port_id text NOT NULL REFERENCES ports (port_id),
  policy_id uuid NOT NULL,
  version integer NOT NULL,
  effective_from date NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (port_id, policy_id),
  UNIQUE (port_id, version)
);
CREATE INDEX gate_policies_feed ON gate_policies (port_id, seq);
