-- bayu schema: what an as-of date reads has a date of effect.
--
-- A task's status (with its reason), a progress set by hand, and its
-- start and due dates are kept as a history. Each entry takes effect on
-- its `effective` day (生效日期) and holds until the next entry of the
-- same field; the value in effect on a day D is the entry with the latest
-- effective day not after D (on the same day, the one recorded last: the
-- higher id). Before a task's first status entry it is 未启动; before its
-- first progress entry its progress is derived; before its first dates
-- entry it has no dates of its own. The node table no longer holds these
-- values (see src/db/history.rs).
CREATE TABLE node_history (
    id         INTEGER PRIMARY KEY,
    node_id    INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
    field      TEXT NOT NULL CHECK (field IN ('status', 'progress', 'dates')),
    effective  TEXT NOT NULL,
    status     TEXT CHECK (status IS NULL
                           OR status IN ('not_started', 'in_progress', 'done', 'late', 'paused')),
    reason     TEXT,
    progress   INTEGER CHECK (progress IS NULL OR progress BETWEEN 0 AND 100),
    start_date TEXT,
    due_date   TEXT,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (field <> 'status' OR status IS NOT NULL),
    CHECK (field = 'status' OR (status IS NULL AND reason IS NULL)),
    CHECK (field = 'progress' OR progress IS NULL),
    CHECK (field = 'dates' OR (start_date IS NULL AND due_date IS NULL))
);
CREATE INDEX node_history_node ON node_history(node_id, field, effective, id);

-- Today's values become entries that take effect on the day of the log
-- entry that last set them, or, where the log never did (the demo data,
-- a plan loaded with its values), on the plan's start or issue date.
CREATE TEMP TABLE v4_node_touch AS
SELECT CAST(json_extract(j.value, '$.id') AS INTEGER) AS node_id,
       a.id AS entry,
       substr(a.at, 1, 10) AS day,
       j.value AS after_row,
       (SELECT b.value
        FROM json_each(CASE WHEN json_valid(a.before) THEN a.before END, '$.rows.node') b
        WHERE json_extract(b.value, '$.id') = json_extract(j.value, '$.id')) AS before_row
FROM audit a, json_each(CASE WHEN json_valid(a.after) THEN a.after END, '$.rows.node') j
WHERE date(substr(a.at, 1, 10)) IS NOT NULL;
CREATE INDEX temp.v4_node_touch_node ON v4_node_touch(node_id, entry);

CREATE TEMP TABLE v4_fallback AS
SELECT COALESCE((SELECT COALESCE(start_date, issued_on) FROM plan WHERE id = 1),
                date('now', 'localtime')) AS day;

INSERT INTO node_history (node_id, field, effective, status, reason)
SELECT n.id, 'status',
       COALESCE((SELECT t.day FROM v4_node_touch t
                 WHERE t.node_id = n.id
                   AND json_extract(t.after_row, '$.status') IS n.status
                   AND json_extract(t.after_row, '$.status_reason') IS n.status_reason
                   AND (t.before_row IS NULL
                        OR json_extract(t.before_row, '$.status') IS NOT n.status
                        OR json_extract(t.before_row, '$.status_reason') IS NOT n.status_reason)
                 ORDER BY t.entry DESC LIMIT 1),
                (SELECT day FROM v4_fallback)),
       n.status, n.status_reason
FROM node n
WHERE n.status <> 'not_started'
ORDER BY n.id;

INSERT INTO node_history (node_id, field, effective, progress)
SELECT n.id, 'progress',
       COALESCE((SELECT t.day FROM v4_node_touch t
                 WHERE t.node_id = n.id
                   AND json_extract(t.after_row, '$.progress') IS n.progress
                   AND (t.before_row IS NULL
                        OR json_extract(t.before_row, '$.progress') IS NOT n.progress)
                 ORDER BY t.entry DESC LIMIT 1),
                (SELECT day FROM v4_fallback)),
       n.progress
FROM node n
WHERE n.progress IS NOT NULL
ORDER BY n.id;

INSERT INTO node_history (node_id, field, effective, start_date, due_date)
SELECT n.id, 'dates',
       COALESCE((SELECT t.day FROM v4_node_touch t
                 WHERE t.node_id = n.id
                   AND json_extract(t.after_row, '$.start_date') IS n.start_date
                   AND json_extract(t.after_row, '$.due_date') IS n.due_date
                   AND (t.before_row IS NULL
                        OR json_extract(t.before_row, '$.start_date') IS NOT n.start_date
                        OR json_extract(t.before_row, '$.due_date') IS NOT n.due_date)
                 ORDER BY t.entry DESC LIMIT 1),
                (SELECT day FROM v4_fallback)),
       n.start_date, n.due_date
FROM node n
WHERE n.start_date IS NOT NULL OR n.due_date IS NOT NULL
ORDER BY n.id;

ALTER TABLE node DROP COLUMN status;
ALTER TABLE node DROP COLUMN status_reason;
ALTER TABLE node DROP COLUMN start_date;
ALTER TABLE node DROP COLUMN due_date;
ALTER TABLE node DROP COLUMN progress;

-- The day a report was reviewed (已采纳 or 退回), so that a figure as of D
-- knows what was still 待审核 then: a report reviewed after D was pending
-- on D. Never before the day it was received. Existing reviews take the
-- day of the log entry that last set them, else the day received.
ALTER TABLE report ADD COLUMN reviewed_on TEXT;

CREATE TEMP TABLE v4_review_touch AS
SELECT CAST(json_extract(j.value, '$.id') AS INTEGER) AS report_id,
       a.id AS entry,
       substr(a.at, 1, 10) AS day,
       json_extract(j.value, '$.review') AS review
FROM audit a, json_each(CASE WHEN json_valid(a.after) THEN a.after END, '$.rows.report') j
WHERE date(substr(a.at, 1, 10)) IS NOT NULL
  AND json_extract(j.value, '$.review') IS NOT
      (SELECT json_extract(b.value, '$.review')
       FROM json_each(CASE WHEN json_valid(a.before) THEN a.before END, '$.rows.report') b
       WHERE json_extract(b.value, '$.id') = json_extract(j.value, '$.id'));
CREATE INDEX temp.v4_review_touch_report ON v4_review_touch(report_id, entry);

UPDATE report SET reviewed_on = max(reported_on, COALESCE(
    (SELECT t.day FROM v4_review_touch t
     WHERE t.report_id = report.id AND t.review = report.review
     ORDER BY t.entry DESC LIMIT 1),
    reported_on))
WHERE review <> 'pending';

DROP TABLE temp.v4_node_touch;
DROP TABLE temp.v4_fallback;
DROP TABLE temp.v4_review_touch;

-- tally_review: the sum and count of the indicator values of current
-- reports that were reviewed, per review (accepted / returned), in all,
-- per month and per day reviewed — grains and buckets as in tally_value.
-- As of D: counted = received by D (tally_value) less returned by D;
-- still pending review = received by D less accepted and returned by D.
CREATE TABLE tally_review (
    review       TEXT NOT NULL CHECK (review IN ('accepted', 'returned')),
    grain        TEXT NOT NULL CHECK (grain IN ('a', 'm', 'd')),
    bucket       TEXT NOT NULL,
    indicator_id INTEGER NOT NULL,
    total        REAL NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (review, grain, bucket, indicator_id)
) WITHOUT ROWID;

INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
SELECT r.review, 'm', substr(r.reviewed_on, 1, 7), v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
GROUP BY r.review, substr(r.reviewed_on, 1, 7), v.indicator_id;

INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
SELECT r.review, 'd', r.reviewed_on, v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
GROUP BY r.review, r.reviewed_on, v.indicator_id;

INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
SELECT r.review, 'a', '', v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
GROUP BY r.review, v.indicator_id;

-- A value counts while its report is current and reviewed. The values'
-- own triggers add and remove them; a report's triggers move all its
-- values when it is reviewed, returned to pending, superseded, made
-- current again, or deleted (values are removed BEFORE the report is).
CREATE TRIGGER tally_review_value_insert AFTER INSERT ON report_value
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT r.review, 'm', substr(r.reviewed_on, 1, 7), NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'd', r.reviewed_on, NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'a', '', NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_review_value_delete AFTER DELETE ON report_value
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT r.review, 'm', substr(r.reviewed_on, 1, 7), OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'd', r.reviewed_on, OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'a', '', OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_review_value_update AFTER UPDATE OF report_id, indicator_id, value ON report_value
WHEN OLD.report_id IS NOT NEW.report_id OR OLD.indicator_id IS NOT NEW.indicator_id
  OR OLD.value IS NOT NEW.value
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT r.review, 'm', substr(r.reviewed_on, 1, 7), OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'd', r.reviewed_on, OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'a', '', OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT r.review, 'm', substr(r.reviewed_on, 1, 7), NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'd', r.reviewed_on, NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    UNION ALL
    SELECT r.review, 'a', '', NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
      AND r.review <> 'pending' AND r.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_review_report_insert AFTER INSERT ON report
WHEN NEW.superseded = 0 AND NEW.review <> 'pending' AND NEW.reviewed_on IS NOT NULL
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT NEW.review, 'm', substr(NEW.reviewed_on, 1, 7), v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    UNION ALL
    SELECT NEW.review, 'd', NEW.reviewed_on, v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    UNION ALL
    SELECT NEW.review, 'a', '', v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_review_report_update AFTER UPDATE OF superseded, review, reviewed_on ON report
WHEN OLD.superseded IS NOT NEW.superseded OR OLD.review IS NOT NEW.review
  OR OLD.reviewed_on IS NOT NEW.reviewed_on
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT OLD.review, 'm', substr(OLD.reviewed_on, 1, 7), v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
      AND OLD.review <> 'pending' AND OLD.reviewed_on IS NOT NULL
    UNION ALL
    SELECT OLD.review, 'd', OLD.reviewed_on, v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
      AND OLD.review <> 'pending' AND OLD.reviewed_on IS NOT NULL
    UNION ALL
    SELECT OLD.review, 'a', '', v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
      AND OLD.review <> 'pending' AND OLD.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT NEW.review, 'm', substr(NEW.reviewed_on, 1, 7), v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
      AND NEW.review <> 'pending' AND NEW.reviewed_on IS NOT NULL
    UNION ALL
    SELECT NEW.review, 'd', NEW.reviewed_on, v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
      AND NEW.review <> 'pending' AND NEW.reviewed_on IS NOT NULL
    UNION ALL
    SELECT NEW.review, 'a', '', v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
      AND NEW.review <> 'pending' AND NEW.reviewed_on IS NOT NULL
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_review_report_delete BEFORE DELETE ON report
WHEN OLD.superseded = 0 AND OLD.review <> 'pending' AND OLD.reviewed_on IS NOT NULL
BEGIN
    INSERT INTO tally_review (review, grain, bucket, indicator_id, total, n)
    SELECT OLD.review, 'm', substr(OLD.reviewed_on, 1, 7), v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    UNION ALL
    SELECT OLD.review, 'd', OLD.reviewed_on, v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    UNION ALL
    SELECT OLD.review, 'a', '', v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    ON CONFLICT (review, grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;
