-- What each workspace stores, kept with the workspace so a learner's storage quota is one indexed sum over their
-- workspaces (workspace_account_lab), not a scan of their logs at every command. stored_bytes counts, per entry, the
-- UTF-8 bytes of its text and of its stored output (octet_length in this UTF-8 database; WorkspaceEntry.storedBytes
-- in Java, the same definition); entry_count the entries. Kept by Workspaces.run in the transaction that appends an
-- entry. Existing logs are counted once here (migrations run without the request timeouts: MigrationTimeouts).
ALTER TABLE workspace ADD COLUMN stored_bytes bigint NOT NULL DEFAULT 0;
ALTER TABLE workspace ADD COLUMN entry_count integer NOT NULL DEFAULT 0;

UPDATE workspace w
SET stored_bytes = usage.bytes, entry_count = usage.entries
FROM (SELECT workspace_id,
             sum(octet_length(text) + coalesce(octet_length(output), 0)) AS bytes,
             count(*) AS entries
      FROM workspace_entry
      GROUP BY workspace_id) usage
WHERE usage.workspace_id = w.id;
