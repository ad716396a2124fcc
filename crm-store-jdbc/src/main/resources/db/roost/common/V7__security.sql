-- Account security (issue 11, SecurityStore): what every node over this database must share so that a login, a
-- lockout, a revoked API password or session, a used TOTP code holds on all of them. No secret is stored: API
-- passwords, session tokens and recovery codes are kept as the lower-case hex of their SHA-256 digests, login
-- passwords as PHC strings, TOTP secrets encrypted by the caller (hex). Rows are keyed by user id without a foreign
-- key: users may live elsewhere, and SecurityStore.forgetUser removes a user's rows.

CREATE TABLE roost_login_credential (
    user_id       BIGINT       NOT NULL,
    password_hash VARCHAR(512) NOT NULL,
    set_at        ${timestamp} NOT NULL,
    CONSTRAINT pk_roost_login_credential PRIMARY KEY (user_id)
) ${table_options};

CREATE TABLE roost_api_password (
    id           ${identity},
    user_id      BIGINT       NOT NULL,
    label        VARCHAR(100) NOT NULL,
    digest       CHAR(64)     NOT NULL,
    created_at   ${timestamp} NOT NULL,
    last_used_at ${timestamp} NOT NULL,
    CONSTRAINT pk_roost_api_password PRIMARY KEY (id),
    CONSTRAINT uq_roost_api_password_digest UNIQUE (digest)
) ${table_options};
CREATE INDEX ix_roost_api_password_user ON roost_api_password (user_id, id);

CREATE TABLE roost_login_session (
    token_digest          CHAR(64)     NOT NULL,
    user_id               BIGINT       NOT NULL,
    created_at            ${timestamp} NOT NULL,
    last_seen_at          ${timestamp} NOT NULL,
    expires_at            ${timestamp} NOT NULL,
    second_factor_pending BOOLEAN      NOT NULL,
    CONSTRAINT pk_roost_login_session PRIMARY KEY (token_digest)
) ${table_options};
CREATE INDEX ix_roost_login_session_user ON roost_login_session (user_id);
CREATE INDEX ix_roost_login_session_expires ON roost_login_session (expires_at);

-- Failure counters: incremented by one statement on the current row (an upsert), never read and written back, so
-- two nodes failing at once count twice. locked_until is 1970-01-01 when no lockout was set.
CREATE TABLE roost_failure_counter (
    kind         VARCHAR(10)  NOT NULL,
    failure_key  VARCHAR(255) NOT NULL,
    failures     INTEGER      NOT NULL,
    window_start ${timestamp} NOT NULL,
    locked_until ${timestamp} NOT NULL,
    CONSTRAINT pk_roost_failure_counter PRIMARY KEY (kind, failure_key)
) ${table_options};

-- One TOTP enrolment per user; last_used_step moves only forward (UPDATE ... WHERE last_used_step < ?), so a code
-- is accepted once across nodes.
CREATE TABLE roost_totp (
    user_id          BIGINT        NOT NULL,
    encrypted_secret VARCHAR(1024) NOT NULL,
    key_id           VARCHAR(64)   NOT NULL,
    totp_algorithm   VARCHAR(10)   NOT NULL,
    digits           INTEGER       NOT NULL,
    period_seconds   INTEGER       NOT NULL,
    confirmed        BOOLEAN       NOT NULL,
    last_used_step   BIGINT        NOT NULL,
    created_at       ${timestamp}  NOT NULL,
    CONSTRAINT pk_roost_totp PRIMARY KEY (user_id)
) ${table_options};

-- Unused recovery codes; using one deletes its row, which exactly one unit of work can do.
CREATE TABLE roost_recovery_code (
    user_id     BIGINT   NOT NULL,
    code_digest CHAR(64) NOT NULL,
    CONSTRAINT pk_roost_recovery_code PRIMARY KEY (user_id, code_digest)
) ${table_options};

-- IP rules; user_id is 0 for the global scopes.
CREATE TABLE roost_ip_rule (
    id         ${identity},
    rule_scope VARCHAR(20)  NOT NULL,
    user_id    BIGINT       NOT NULL,
    cidr       VARCHAR(49)  NOT NULL,
    label      VARCHAR(100) NOT NULL,
    CONSTRAINT pk_roost_ip_rule PRIMARY KEY (id)
) ${table_options};
CREATE INDEX ix_roost_ip_rule_user ON roost_ip_rule (user_id, id);
