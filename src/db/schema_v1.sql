-- bayu schema, version 1. Dates are ISO text (YYYY-MM-DD); periods are
-- canonical codes (2021Q4 or 2021-10). Every editable row carries a
-- version that increases on each change (optimistic concurrency).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE plan (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    title             TEXT NOT NULL,
    action_name       TEXT NOT NULL,
    doc_number        TEXT,
    issued_on         TEXT,
    recipients        TEXT,
    preamble          TEXT NOT NULL DEFAULT '',
    period_kind       TEXT NOT NULL DEFAULT 'quarter' CHECK (period_kind IN ('quarter', 'month')),
    start_date        TEXT,
    end_date          TEXT,
    warning_days      INTEGER NOT NULL DEFAULT 30 CHECK (warning_days >= 0),
    report_grace_days INTEGER NOT NULL DEFAULT 10 CHECK (report_grace_days >= 0),
    version           INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE node (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES node(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 1),
    level         INTEGER NOT NULL CHECK (level >= 0),
    title         TEXT NOT NULL CHECK (length(title) > 0),
    body          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'in_progress', 'done', 'late', 'paused')),
    status_reason TEXT,
    start_date    TEXT,
    due_date      TEXT,
    progress      INTEGER CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
    reportable    INTEGER NOT NULL DEFAULT 1 CHECK (reportable IN (0, 1)),
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX node_parent ON node(parent_id, position);

CREATE TABLE agency (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    short_name TEXT NOT NULL CHECK (length(short_name) > 0),
    is_issuer  INTEGER NOT NULL DEFAULT 0 CHECK (is_issuer IN (0, 1)),
    position   INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE assignment (
    id        INTEGER PRIMARY KEY,
    node_id   INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    role      TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    position  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (node_id, agency_id)
);
CREATE INDEX assignment_agency ON assignment(agency_id, role);

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT UNIQUE,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    short_name TEXT NOT NULL CHECK (length(short_name) > 0),
    kind       TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_to   TEXT,
    position   INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);

CREATE TABLE milestone (
    id        INTEGER PRIMARY KEY,
    node_id   INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
    title     TEXT NOT NULL CHECK (length(title) > 0),
    due_date  TEXT NOT NULL,
    done_date TEXT,
    version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX milestone_node ON milestone(node_id, due_date);
CREATE INDEX milestone_due ON milestone(due_date);

CREATE TABLE indicator (
    id       INTEGER PRIMARY KEY,
    node_id  INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (length(name) > 0),
    measure  TEXT NOT NULL DEFAULT '',
    target   REAL CHECK (target IS NULL OR target >= 0),
    position INTEGER NOT NULL DEFAULT 1,
    version  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (node_id, name)
);

CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    os_user      TEXT NOT NULL,
    rows_added   INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL
);

CREATE TABLE report (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    node_id        INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
    period         TEXT NOT NULL,
    reported_on    TEXT NOT NULL,
    author         TEXT NOT NULL,
    body           TEXT NOT NULL CHECK (length(body) > 0),
    review         TEXT NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'returned')),
    review_comment TEXT,
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    superseded     INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
    batch_id       INTEGER REFERENCES import_batch(id),
    version        INTEGER NOT NULL DEFAULT 1
);
-- One current report per unit, node and period; older revisions stay.
CREATE UNIQUE INDEX report_current ON report(unit_id, node_id, period) WHERE superseded = 0;
CREATE INDEX report_period_unit ON report(period, unit_id, reported_on);
CREATE INDEX report_node_period ON report(node_id, period);
CREATE INDEX report_unit_date ON report(unit_id, reported_on);
CREATE INDEX report_date ON report(reported_on, id);
CREATE INDEX report_batch ON report(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE report_value (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    value        REAL NOT NULL,
    UNIQUE (report_id, indicator_id)
);
CREATE INDEX report_value_indicator ON report_value(indicator_id, report_id);

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    op        TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    summary   TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    undo_of   INTEGER REFERENCES audit(id),
    undone_by INTEGER REFERENCES audit(id)
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_user ON audit(os_user, at);
