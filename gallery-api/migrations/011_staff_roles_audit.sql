-- Staff roles for workshops (educator) and open calls (jury), and one append-only audit log of staff actions
-- (staff accounts, workshops, exhibitions, withdrawals, open calls). Moderation decisions keep their own log.
ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check;
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check CHECK (role IN ('moderator', 'admin', 'educator', 'jury'));

CREATE TABLE staff_audit_events (
  id           bigserial PRIMARY KEY,
  staff_id     uuid REFERENCES staff_accounts (id),
  action       text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  -- What changed, never a password or a visitor's data.
  detail       jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_audit_events_subject ON staff_audit_events (subject_type, subject_id, id);

CREATE FUNCTION staff_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'staff_audit_events is append-only';
END;
$$;
CREATE TRIGGER staff_audit_events_append_only BEFORE UPDATE OR DELETE ON staff_audit_events
  FOR EACH ROW EXECUTE FUNCTION staff_audit_events_append_only();
