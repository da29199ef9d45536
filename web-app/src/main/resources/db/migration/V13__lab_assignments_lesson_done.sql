-- Issue 15: labs given to a cohort, with dates, and lessons a learner marks as done.

-- A lab an instructor gave a cohort: learners see it on the course page from opens_at, with its due date; attempts
-- after the due date (or after the learner's extension) are marked late. One assignment per cohort and lab.
CREATE TABLE lab_assignment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cohort_id   bigint NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    lab_id      varchar(100) NOT NULL,
    opens_at    timestamp(6) with time zone NOT NULL,
    due_at      timestamp(6) with time zone NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL DEFAULT now(),
    CONSTRAINT lab_assignment_once_per_cohort UNIQUE (cohort_id, lab_id),
    CONSTRAINT lab_assignment_due_after_opening CHECK (due_at > opens_at)
);

-- One learner's later due date for one assignment; it replaces the assignment's due date for them.
CREATE TABLE assignment_extension (
    assignment_id bigint NOT NULL REFERENCES lab_assignment (id) ON DELETE CASCADE,
    account_id    bigint NOT NULL REFERENCES account (id),
    due_at        timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (assignment_id, account_id)
);

-- Lessons a learner marked as done ("Mark as done"), for the course page's progress. Opening a lesson no longer
-- counts: lesson_visit keeps the visits recorded before, which are not carried over as done.
CREATE TABLE lesson_done (
    account_id   bigint NOT NULL REFERENCES account (id),
    lesson_id    varchar(100) NOT NULL,
    done_at      timestamp(6) with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, lesson_id)
);

-- The gradebook counts a learner's attempts made since they joined the cohort.
CREATE INDEX attempt_account_lab_time ON attempt (account_id, lab_id, created_at);
