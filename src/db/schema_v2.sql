-- bayu schema, version 2: the audit log is append-only. Only `undone_by`
-- may change (undo and redo mark entries); nothing may be deleted.

CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.os_user IS NOT OLD.os_user
  OR NEW.op IS NOT OLD.op OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
  OR NEW.summary IS NOT OLD.summary OR NEW.before IS NOT OLD.before OR NEW.after IS NOT OLD.after
  OR NEW.undo_of IS NOT OLD.undo_of
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
