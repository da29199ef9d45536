-- "Check my work" stores its attempt's submission by reference instead of a copy of the whole log (issue 17: no
-- request's cost may grow with the log's length): the workspace, how many of its log entries were graded, and the
-- answers to the lab's questions (as the copy listed them after the log's parts, GradeJson.submission). A log only
-- grows (entries are never changed or removed) and a workspace is never deleted, which the foreign key enforces
-- from now on, so the submission read back (LabAttempt.submissionText: the log's first log_length entries as
-- WorkspaceReplay.submission groups them, then the answers) is the text the copy held, byte for byte. Attempts
-- stored before, and those graded from a submission sent whole (the API), keep their copy in submission.
ALTER TABLE attempt ALTER COLUMN submission DROP NOT NULL;
ALTER TABLE attempt ADD COLUMN workspace_id bigint REFERENCES workspace (id);
ALTER TABLE attempt ADD COLUMN log_length integer;
ALTER TABLE attempt ADD COLUMN answers text;
ALTER TABLE attempt ADD CONSTRAINT attempt_submission_copied_or_referenced CHECK (
    (submission IS NOT NULL AND workspace_id IS NULL AND log_length IS NULL AND answers IS NULL)
    OR (submission IS NULL AND workspace_id IS NOT NULL AND log_length >= 0 AND answers IS NOT NULL));
