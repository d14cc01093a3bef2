-- bayu schema, version 3: speed at 100,000+ reports.
--
-- Every figure counts the *current* reports (superseded = 0) received by
-- the as-of date. Partial indexes hold exactly those rows, so the per-node
-- and per-period questions read an index and nothing else.
CREATE INDEX report_current_node ON report(node_id, reported_on, id) WHERE superseded = 0;
CREATE INDEX report_current_date ON report(reported_on, id) WHERE superseded = 0;
CREATE INDEX report_current_period ON report(period, unit_id, node_id, reported_on) WHERE superseded = 0;

-- Two aggregates kept by triggers, for the questions that would otherwise
-- read every report (see src/db/tally.rs; `bayu check` recomputes them).
--
-- tally_report: current reports per period, unit and day received. The
-- reporting history, the per-period coverage and the number of reports as
-- of a date are sums over a few thousand rows, however many reports there
-- are. A row whose count reaches 0 is deleted.
CREATE TABLE tally_report (
    period  TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    day     TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (period, unit_id, day)
) WITHOUT ROWID;

-- tally_value: sum and count of current indicator values per indicator,
-- in all (grain 'a', bucket ''), per month received (grain 'm', bucket
-- '2021-12') and per day (grain 'd', bucket '2021-12-20'). The total as of
-- 2021-12-20 is the months before December plus the days of December up
-- to the 20th — or, when that is the shorter way, the total in all less
-- what came after. A row whose count reaches 0 keeps total 0 (it is
-- skipped when read).
CREATE TABLE tally_value (
    grain        TEXT NOT NULL CHECK (grain IN ('a', 'm', 'd')),
    bucket       TEXT NOT NULL,
    indicator_id INTEGER NOT NULL,
    total        REAL NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (grain, bucket, indicator_id)
) WITHOUT ROWID;

INSERT INTO tally_report (period, unit_id, day, n)
SELECT period, unit_id, reported_on, COUNT(*) FROM report
WHERE superseded = 0 GROUP BY period, unit_id, reported_on;

INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
SELECT 'm', substr(r.reported_on, 1, 7), v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 GROUP BY substr(r.reported_on, 1, 7), v.indicator_id;

INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
SELECT 'd', r.reported_on, v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 GROUP BY r.reported_on, v.indicator_id;

INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
SELECT 'a', '', v.indicator_id, SUM(v.value), COUNT(*)
FROM report_value v JOIN report r ON r.id = v.report_id
WHERE r.superseded = 0 GROUP BY v.indicator_id;

-- tally_report follows the report rows.
CREATE TRIGGER tally_report_insert AFTER INSERT ON report
WHEN NEW.superseded = 0
BEGIN
    INSERT INTO tally_report (period, unit_id, day, n)
    VALUES (NEW.period, NEW.unit_id, NEW.reported_on, 1)
    ON CONFLICT (period, unit_id, day) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tally_report_delete AFTER DELETE ON report
WHEN OLD.superseded = 0
BEGIN
    UPDATE tally_report SET n = n - 1
    WHERE period = OLD.period AND unit_id = OLD.unit_id AND day = OLD.reported_on;
    DELETE FROM tally_report
    WHERE period = OLD.period AND unit_id = OLD.unit_id AND day = OLD.reported_on AND n <= 0;
END;

CREATE TRIGGER tally_report_update AFTER UPDATE OF superseded, period, unit_id, reported_on ON report
WHEN OLD.superseded IS NOT NEW.superseded OR OLD.period IS NOT NEW.period
  OR OLD.unit_id IS NOT NEW.unit_id OR OLD.reported_on IS NOT NEW.reported_on
BEGIN
    UPDATE tally_report SET n = n - 1
    WHERE OLD.superseded = 0
      AND period = OLD.period AND unit_id = OLD.unit_id AND day = OLD.reported_on;
    DELETE FROM tally_report
    WHERE OLD.superseded = 0
      AND period = OLD.period AND unit_id = OLD.unit_id AND day = OLD.reported_on AND n <= 0;
    INSERT INTO tally_report (period, unit_id, day, n)
    SELECT NEW.period, NEW.unit_id, NEW.reported_on, 1 WHERE NEW.superseded = 0
    ON CONFLICT (period, unit_id, day) DO UPDATE SET n = n + 1;
END;

-- tally_value follows the values of current reports. A value counts while
-- its report exists and is current: its own rows' triggers add or remove
-- it, and a report's triggers move all its values when the report becomes
-- current or superseded, changes date, or is deleted. (A report's values
-- are removed BEFORE the report is deleted; the cascade that then deletes
-- the value rows finds no report and changes nothing.)
CREATE TRIGGER tally_value_insert AFTER INSERT ON report_value
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(r.reported_on, 1, 7), NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'd', r.reported_on, NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'a', '', NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_value_delete AFTER DELETE ON report_value
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(r.reported_on, 1, 7), OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'd', r.reported_on, OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'a', '', OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_value_update AFTER UPDATE OF report_id, indicator_id, value ON report_value
WHEN OLD.report_id IS NOT NEW.report_id OR OLD.indicator_id IS NOT NEW.indicator_id
  OR OLD.value IS NOT NEW.value
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(r.reported_on, 1, 7), OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'd', r.reported_on, OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'a', '', OLD.indicator_id, -OLD.value, -1
    FROM report r WHERE r.id = OLD.report_id AND r.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(r.reported_on, 1, 7), NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'd', r.reported_on, NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    UNION ALL
    SELECT 'a', '', NEW.indicator_id, NEW.value, 1
    FROM report r WHERE r.id = NEW.report_id AND r.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

-- A report inserted with its values already present (never, while foreign
-- keys hold; but then the values' own triggers found no report).
CREATE TRIGGER tally_value_report_insert AFTER INSERT ON report
WHEN NEW.superseded = 0
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(NEW.reported_on, 1, 7), v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    UNION ALL
    SELECT 'd', NEW.reported_on, v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    UNION ALL
    SELECT 'a', '', v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_value_report_update AFTER UPDATE OF superseded, reported_on ON report
WHEN OLD.superseded IS NOT NEW.superseded OR OLD.reported_on IS NOT NEW.reported_on
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(OLD.reported_on, 1, 7), v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
    UNION ALL
    SELECT 'd', OLD.reported_on, v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
    UNION ALL
    SELECT 'a', '', v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id AND OLD.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(NEW.reported_on, 1, 7), v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
    UNION ALL
    SELECT 'd', NEW.reported_on, v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
    UNION ALL
    SELECT 'a', '', v.indicator_id, v.value, 1
    FROM report_value v WHERE v.report_id = NEW.id AND NEW.superseded = 0
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;

CREATE TRIGGER tally_value_report_delete BEFORE DELETE ON report
WHEN OLD.superseded = 0
BEGIN
    INSERT INTO tally_value (grain, bucket, indicator_id, total, n)
    SELECT 'm', substr(OLD.reported_on, 1, 7), v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    UNION ALL
    SELECT 'd', OLD.reported_on, v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    UNION ALL
    SELECT 'a', '', v.indicator_id, -v.value, -1
    FROM report_value v WHERE v.report_id = OLD.id
    ON CONFLICT (grain, bucket, indicator_id) DO UPDATE SET
        n = n + excluded.n,
        total = CASE WHEN n + excluded.n = 0 THEN 0 ELSE total + excluded.total END;
END;
