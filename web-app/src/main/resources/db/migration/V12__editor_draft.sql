-- The workspace editor's text as the learner typed it, kept per learner and place (a lab's id, or "playground")
-- until replaced, so unapplied work survives a reload, a reset of the cluster and a move to another browser
-- (issue 15, "work never lost"). Written by academy.minicluster.web.workspace.EditorDraft, one upsert per save.
CREATE TABLE editor_draft (
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    place      varchar(120) NOT NULL,
    yaml       text NOT NULL,
    updated_at timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (account_id, place)
);
