-- Issue 4: mutual-aid groups (边民互助组) and their group declarations.

-- Groups are reference data, written only by HQ's administrators (server/admin/group-write.ts)
-- and pulled by every desk of the port. data is the whole MutualAidGroup as desks pull it
-- (members as resident ids, in the order the split fills them); version is the group's own
-- edit counter, seq the port's change number. name is unique in its port (desks find a group
-- by typing it).
CREATE TABLE mutual_aid_groups (
  port_id text NOT NULL REFERENCES ports (port_id),
  group_id uuid NOT NULL,
  name text NOT NULL,
  version int4 NOT NULL,
  seq bigint NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (port_id, group_id),
  UNIQUE (port_id, name)
);
CREATE INDEX mutual_aid_groups_feed ON mutual_aid_groups (port_id, seq);

-- What a group declared as a whole (group_declaration.create, server/sync/kinds/group-declaration.ts).
-- The members' shares are ordinary declarations carrying the id in their data
-- (groupDeclarationId), each re-checked against the member's port-wide usage.
CREATE TABLE group_declarations (
  port_id text NOT NULL REFERENCES ports (port_id),
  group_declaration_id uuid NOT NULL,
  seq bigint NOT NULL,
  data json NOT NULL,
  group_id uuid NOT NULL,
  trade_date date NOT NULL,
  PRIMARY KEY (port_id, group_declaration_id)
);
CREATE INDEX group_declarations_feed ON group_declarations (port_id, seq);
CREATE INDEX group_declarations_group_day ON group_declarations (port_id, group_id, trade_date);
