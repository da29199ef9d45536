-- The latest saved state of a workspace's cluster (core-net's Shell.saveState), so that a server which does not hold
-- the cluster in its cache restores it and replays only the log entries after it, instead of the whole log
-- (issue 17). One row per workspace, replaced as the log grows (every minicluster.workspace.snapshot-every entries).
-- log_length: the entries the state includes (the first log_length, by seq). model: the build of the mini-cluster
-- that wrote it (WorkspaceSnapshots.ModelVersion); a server of another build ignores the row, replays the log and
-- writes its own: a state holds no rules, and a changed model might not reach it from the log. Not part of the
-- learner's storage quota: it is a cache the server may drop at any time (the log stays the truth).
CREATE TABLE workspace_snapshot (
    workspace_id bigint PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    log_length   integer NOT NULL,
    model        varchar(64) NOT NULL,
    state        bytea NOT NULL,
    saved_at     timestamp(6) with time zone NOT NULL DEFAULT now()
);
