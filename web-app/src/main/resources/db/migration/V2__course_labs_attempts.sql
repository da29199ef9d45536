-- The platform's state, shared by its features. Everything a learner does is here, so any app server can serve any
-- request: a lab workspace or playground is its command log, replayed on demand.

-- Published lab versions are immutable: an attempt names the version it was graded against, so editing a lab never
-- changes a past grade. Built-in labs are loaded at start as version rows with author_id NULL.
CREATE TABLE lab_version (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lab_id       varchar(100) NOT NULL,
    version      integer NOT NULL,
    yaml         text NOT NULL,
    title        varchar(200) NOT NULL,
    lesson_id    varchar(100),
    author_id    bigint REFERENCES account (id),
    published    boolean NOT NULL DEFAULT false,
    created_at   timestamp(6) with time zone NOT NULL DEFAULT now(),
    CONSTRAINT lab_version_unique UNIQUE (lab_id, version)
);

-- An instructor's working copy of a lab, saved as typed; publishing copies it into lab_version.
CREATE TABLE lab_draft (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lab_id       varchar(100) NOT NULL UNIQUE,
    yaml         text NOT NULL,
    author_id    bigint NOT NULL REFERENCES account (id),
    updated_at   timestamp(6) with time zone NOT NULL DEFAULT now()
);

-- A learner's cluster for one lab (lab_id set) or a playground (lab_id NULL): the profile, the seed and the ordered
-- log of what they did. Replaying the log on a fresh mini-cluster rebuilds the cluster on any server.
CREATE TABLE workspace (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES account (id),
    lab_id       varchar(100),
    lab_version  integer,
    profile      varchar(100) NOT NULL,
    seed         bigint NOT NULL,
    created_at   timestamp(6) with time zone NOT NULL DEFAULT now(),
    updated_at   timestamp(6) with time zone NOT NULL DEFAULT now()
);
CREATE INDEX workspace_account_lab ON workspace (account_id, lab_id);

-- One entry of a workspace's log: a console command, or manifests applied from the editor.
CREATE TABLE workspace_entry (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    seq          integer NOT NULL,
    kind         varchar(20) NOT NULL CHECK (kind IN ('command', 'manifests')),
    text         text NOT NULL,
    created_at   timestamp(6) with time zone NOT NULL DEFAULT now(),
    CONSTRAINT workspace_entry_order UNIQUE (workspace_id, seq)
);

-- A graded submission. result holds the grader's JSON (checks, explanations, traces) as it was at grading time.
CREATE TABLE attempt (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES account (id),
    lab_id       varchar(100) NOT NULL,
    lab_version  integer NOT NULL,
    submission   text NOT NULL,
    score        integer NOT NULL,
    max_score    integer NOT NULL,
    result       text NOT NULL,
    created_at   timestamp(6) with time zone NOT NULL DEFAULT now()
);
CREATE INDEX attempt_account_lab ON attempt (account_id, lab_id);
CREATE INDEX attempt_lab ON attempt (lab_id);

-- Hints a learner revealed, one row per hint, so instructors can see them and the workspace can show them again.
CREATE TABLE hint_reveal (
    account_id   bigint NOT NULL REFERENCES account (id),
    lab_id       varchar(100) NOT NULL,
    hint_index   integer NOT NULL,
    revealed_at  timestamp(6) with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, lab_id, hint_index)
);

-- Lessons a learner has read (opened), for the course page's progress.
CREATE TABLE lesson_visit (
    account_id   bigint NOT NULL REFERENCES account (id),
    lesson_id    varchar(100) NOT NULL,
    visited_at   timestamp(6) with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, lesson_id)
);

-- An instructor's group of learners; learners join with the code.
CREATE TABLE cohort (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          varchar(200) NOT NULL,
    join_code     varchar(20) NOT NULL UNIQUE,
    instructor_id bigint NOT NULL REFERENCES account (id),
    created_at    timestamp(6) with time zone NOT NULL DEFAULT now()
);

CREATE TABLE cohort_member (
    cohort_id    bigint NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    account_id   bigint NOT NULL REFERENCES account (id),
    joined_at    timestamp(6) with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (cohort_id, account_id)
);
