-- Meetings of the joint office (联席会议) and what they decided (议定事项),
-- tracked to done. Dates are ISO text. A meeting's version counts its
-- attending agencies, a decision's its supporting agencies. A decision is
-- numbered 一、二、… by its id within the meeting (numbering is derived).

CREATE TABLE meeting (
    id      INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    title   TEXT NOT NULL CHECK (length(title) > 0),
    place   TEXT NOT NULL DEFAULT '',
    chair   TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX meeting_held ON meeting(held_on, id);

-- Attending agencies (参会单位), in order.
CREATE TABLE meeting_agency (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    agency_id  INTEGER NOT NULL REFERENCES agency(id),
    position   INTEGER NOT NULL,
    UNIQUE (meeting_id, agency_id)
);

CREATE TABLE decision (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (length(text) > 0),
    -- The responsible agency (责任单位).
    agency_id  INTEGER NOT NULL REFERENCES agency(id),
    -- The task it is about; a task a decision names cannot be deleted.
    node_id    INTEGER REFERENCES node(id),
    due_date   TEXT NOT NULL,
    done_date  TEXT,
    done_note  TEXT,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (done_date IS NOT NULL OR done_note IS NULL)
);
CREATE INDEX decision_meeting ON decision(meeting_id, id);
CREATE INDEX decision_node ON decision(node_id) WHERE node_id IS NOT NULL;
CREATE INDEX decision_open ON decision(due_date) WHERE done_date IS NULL;

-- Supporting agencies (配合单位), in order.
CREATE TABLE decision_agency (
    id          INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    agency_id   INTEGER NOT NULL REFERENCES agency(id),
    position    INTEGER NOT NULL,
    UNIQUE (decision_id, agency_id)
);
