-- Web security (issue 11): sessions that sign-out ends, sign-in throttling shared by replicas, and the session
-- cookie's encryption key shared by replicas and kept across restarts.

-- One row per signed-in browser: the SHA-256 of the random token in its minicluster-session cookie (the token itself
-- is never stored, so reading this table does not let anyone sign in). Sign-out deletes the row, so the cookies it
-- went with stop working at once, on every replica. expires_at bounds a session however often it is renewed.
CREATE TABLE web_session (
    token_hash bytea PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at timestamp(6) with time zone NOT NULL DEFAULT now(),
    expires_at timestamp(6) with time zone NOT NULL,
    CONSTRAINT web_session_token_hash_is_sha256 CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX web_session_account ON web_session (account_id);

-- Each failed sign-in, by the username typed (lower-cased, whether or not such an account exists: no enumeration)
-- and the client's address. Counted over a window to throttle guessing; rows older than the window are deleted.
CREATE TABLE sign_in_failure (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username  varchar(200) NOT NULL,
    address   varchar(100) NOT NULL,
    failed_at timestamp(6) with time zone NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_username ON sign_in_failure (username, failed_at);
CREATE INDEX sign_in_failure_address ON sign_in_failure (address, failed_at);

-- Secrets the platform generates once and every replica shares: the form-login cookie's encryption key when
-- QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY is not set.
CREATE TABLE platform_secret (
    name       varchar(100) PRIMARY KEY,
    value      varchar(200) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL DEFAULT now()
);
