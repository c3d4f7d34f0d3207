-- Issue 4, landing processing (落地加工): processing firms and the processing policy
-- (reference data HQ's administrators write, desks pull), and the records desks push:
-- residents' sales to firms, central declarations (集中申报) and direct transports (直通式).
-- data is the record as desks pull it; the columns beside it are what HQ looks records up by.

CREATE TABLE processing_firms (
  port_id text NOT NULL REFERENCES ports (port_id),
  firm_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  credit_code text NOT NULL,
  PRIMARY KEY (port_id, firm_id),
  UNIQUE (port_id, credit_code)
);
CREATE INDEX processing_firms_feed ON processing_firms (port_id, seq);

CREATE TABLE processing_policies (
  port_id text NOT NULL REFERENCES ports (port_id),
  policy_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  version int4 NOT NULL,
  effective_from date NOT NULL,
  PRIMARY KEY (port_id, policy_id),
  UNIQUE (port_id, version)
);
CREATE INDEX processing_policies_feed ON processing_policies (port_id, seq);

-- A sale is checked against every other sale of its declaration: (port_id, declaration_id).
CREATE TABLE processing_sales (
  port_id text NOT NULL REFERENCES ports (port_id),
  sale_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  declaration_id uuid NOT NULL,
  firm_id uuid NOT NULL,
  resident_id uuid NOT NULL,
  is_flagged boolean NOT NULL,
  PRIMARY KEY (port_id, sale_id)
);
CREATE INDEX processing_sales_feed ON processing_sales (port_id, seq);
CREATE INDEX processing_sales_declaration ON processing_sales (port_id, declaration_id);

-- sale_ids: the bundle's sales, comma-separated, so that a sale already in another central
-- declaration is found by one array overlap (&&) over the port's central declarations.
CREATE TABLE central_declarations (
  port_id text NOT NULL REFERENCES ports (port_id),
  central_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  firm_id uuid NOT NULL,
  status text NOT NULL,
  sale_ids text NOT NULL,
  PRIMARY KEY (port_id, central_id)
);
CREATE INDEX central_declarations_feed ON central_declarations (port_id, seq);
CREATE INDEX central_declarations_sales ON central_declarations USING gin ((string_to_array(sale_ids, ',')));

CREATE TABLE direct_transports (
  port_id text NOT NULL REFERENCES ports (port_id),
  transport_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  central_id uuid NOT NULL,
  is_arrived boolean NOT NULL,
  PRIMARY KEY (port_id, transport_id)
);
CREATE INDEX direct_transports_feed ON direct_transports (port_id, seq);
CREATE INDEX direct_transports_central ON direct_transports (port_id, central_id);
