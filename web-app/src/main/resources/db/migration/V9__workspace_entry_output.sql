-- What each log entry answered, as the console shows it (JSON: command, stdout, stderr, the trace's lines), stored
-- with the entry so the workspace page shows the console's transcript without replaying the log. The cluster is
-- still the log replayed (the output is only shown, never replayed or graded). NULL for entries stored before this
-- column existed: a page whose shown entries lack an output replays the log for them, as it always did.
ALTER TABLE workspace_entry ADD COLUMN output text;
