-- Accounts: who may sign in, and as what. Read by quarkus-security-jpa through academy.minicluster.web.accounts.Account.
-- password holds a bcrypt hash in Modular Crypt Format ($2a$/$2b$/$2y$, 60 characters), never a plain password.
-- roles is a comma-separated set of learner, instructor, admin (the form quarkus-security-jpa reads from a string).
CREATE TABLE account (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username   varchar(100) NOT NULL,
    password   varchar(100) NOT NULL,
    roles      varchar(100) NOT NULL DEFAULT 'learner',
    created_at timestamp(6) with time zone NOT NULL DEFAULT now(),
    CONSTRAINT account_username_unique UNIQUE (username),
    CONSTRAINT account_username_not_blank CHECK (length(btrim(username)) > 0),
    CONSTRAINT account_password_is_bcrypt CHECK (password ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    CONSTRAINT account_roles_known CHECK (roles ~ '^(learner|instructor|admin)(,(learner|instructor|admin))*$')
);
