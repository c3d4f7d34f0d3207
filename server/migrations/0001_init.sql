-- BorderDesk HQ, first schema.
-- port_id leads every primary key of port data: a port's rows live together, and with
-- Citus every such table is distributed by port_id and colocated (docs/hq-storage.md).
-- Every table a desk pulls carries seq, the port's change number, indexed by (port_id, seq).

-- Global settings (e.g. the access-token secret). A Citus reference table.
CREATE TABLE hq_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per port; last_seq is the port's change counter. Writers lock this row to take
-- seqs (server/sync/seq.ts), which is what keeps the feed gap-free for pullers.
CREATE TABLE ports (
  port_id text PRIMARY KEY,
  name text NOT NULL,
  name_en text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market_points (
  port_id text NOT NULL REFERENCES ports (port_id),
  point_id text NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, point_id)
);
CREATE INDEX market_points_feed ON market_points (port_id, seq);

-- data holds only the public Officer record (what desks pull); the hash stays in its column.
CREATE TABLE officers (
  port_id text NOT NULL REFERENCES ports (port_id),
  officer_id uuid NOT NULL,
  username text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, officer_id),
  UNIQUE (port_id, username)
);
CREATE INDEX officers_feed ON officers (port_id, seq);

-- Sign-in arrives with a user name and no port: this small directory finds the port.
-- A user name is unique across HQ. With Citus: a reference table.
CREATE TABLE officer_logins (
  username text PRIMARY KEY,
  port_id text NOT NULL,
  officer_id uuid NOT NULL
);

CREATE TABLE residents (
  port_id text NOT NULL REFERENCES ports (port_id),
  resident_id uuid NOT NULL,
  certificate_no text NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, resident_id),
  UNIQUE (port_id, certificate_no)
);
CREATE INDEX residents_feed ON residents (port_id, seq);

CREATE TABLE goods_lists (
  port_id text NOT NULL REFERENCES ports (port_id),
  list_id uuid NOT NULL,
  version integer NOT NULL,
  effective_from date NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, list_id),
  UNIQUE (port_id, version)
);
CREATE INDEX goods_lists_feed ON goods_lists (port_id, seq);

CREATE TABLE policies (
  port_id text NOT NULL REFERENCES ports (port_id),
  policy_id uuid NOT NULL,
  version integer NOT NULL,
  effective_from date NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, policy_id),
  UNIQUE (port_id, version)
);
CREATE INDEX policies_feed ON policies (port_id, seq);

-- data is the full Declaration as desks pull it: the desk's amounts, HQ's own
-- (hqExemptFen, hqTaxableFen), flags, times. It is json, not jsonb: HQ never looks
-- inside it (the columns beside it are what HQ queries by), it is stored as the text
-- HQ wrote and sent as that text, and a push does not pay for converting a thousand
-- records to jsonb. Fewer columns also make a push's multi-row insert cheaper.
CREATE TABLE declarations (
  port_id text NOT NULL,
  declaration_id uuid NOT NULL,
  mutation_id uuid NOT NULL,
  resident_id uuid NOT NULL,
  trade_date date NOT NULL,
  hq_exempt_fen bigint NOT NULL,
  hq_taxable_fen bigint NOT NULL,
  flags jsonb NOT NULL DEFAULT '[]',
  hq_received_at timestamptz NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  PRIMARY KEY (port_id, declaration_id)
);
CREATE INDEX declarations_feed ON declarations (port_id, seq);
-- A port's declarations of a day: the duty-free amount each resident already used (every
-- point, every desk: read by each push, index-only) and the day report.
CREATE INDEX declarations_day ON declarations (port_id, trade_date, resident_id) INCLUDE (hq_exempt_fen);

-- Every mutation id HQ has answered, with its answer: replays return it unchanged
-- (json: stored and read back whole, never queried inside).
CREATE TABLE mutations (
  port_id text NOT NULL,
  mutation_id uuid NOT NULL,
  device_id text NOT NULL,
  officer_id uuid NOT NULL,
  result json NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (port_id, mutation_id)
);

-- Refresh tokens, stored only as SHA-256 hashes. Each sign-in starts a family; each
-- refresh uses one token and issues the next; reuse of a used token revokes the family.
CREATE TABLE refresh_tokens (
  port_id text NOT NULL REFERENCES ports (port_id),
  token_hash text NOT NULL,
  family_id uuid NOT NULL,
  officer_id uuid NOT NULL,
  device_id text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (port_id, token_hash)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (port_id, family_id);

-- Requests HQ refused for scope (another port, wrong role): who, from where, what.
CREATE TABLE refused_requests (
  port_id text NOT NULL,
  refusal_id uuid NOT NULL,
  at timestamptz NOT NULL,
  officer_id uuid,
  device_id text,
  route text NOT NULL,
  code text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (port_id, refusal_id)
);
CREATE INDEX refused_requests_at ON refused_requests (port_id, at);
