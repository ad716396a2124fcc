-- Account security (issue 11, SecurityStore) in Roost's side tables: WordPress's wp_users and FluentCRM's tables are
-- never touched. No secret is stored: API passwords, session tokens, recovery codes and failure-counter keys are kept
-- as the lower-case hex of their SHA-256 digests (so the site's case-insensitive collation compares them exactly),
-- login passwords as PHC strings, TOTP secrets encrypted by the caller (hex). Times are microseconds since the epoch,
-- without a zone. user_id is a WordPress user id, without a foreign key (wp_users is WordPress's).
-- ${prefix} is the WordPress table prefix (e.g. wp_); ${tableOptions} the engine/charset clause of the database.

CREATE TABLE ${prefix}roost_login_credentials (
    user_id BIGINT NOT NULL PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL,
    set_micros BIGINT NOT NULL
) ${tableOptions};

CREATE TABLE ${prefix}roost_api_passwords (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    label VARCHAR(100) NOT NULL,
    digest CHAR(64) NOT NULL,
    created_micros BIGINT NOT NULL,
    last_used_micros BIGINT NOT NULL
) ${tableOptions};
CREATE UNIQUE INDEX ${prefix}roost_api_passwords_digest_idx ON ${prefix}roost_api_passwords (digest);
CREATE INDEX ${prefix}roost_api_passwords_user_idx ON ${prefix}roost_api_passwords (user_id, id);

CREATE TABLE ${prefix}roost_login_sessions (
    token_digest CHAR(64) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    created_micros BIGINT NOT NULL,
    last_seen_micros BIGINT NOT NULL,
    expires_micros BIGINT NOT NULL,
    second_factor_pending BOOLEAN NOT NULL
) ${tableOptions};
CREATE INDEX ${prefix}roost_login_sessions_user_idx ON ${prefix}roost_login_sessions (user_id);

-- Failure counters, keyed by the digest of the exact key (a login or an address, kept beside it for reading),
-- incremented by one statement on the current row. locked_until_micros is 0 when no lockout was set.
CREATE TABLE ${prefix}roost_failure_counters (
    kind VARCHAR(10) NOT NULL,
    key_digest CHAR(64) NOT NULL,
    failure_key VARCHAR(255) NOT NULL,
    failures INT NOT NULL,
    window_start_micros BIGINT NOT NULL,
    locked_until_micros BIGINT NOT NULL,
    PRIMARY KEY (kind, key_digest)
) ${tableOptions};

CREATE TABLE ${prefix}roost_totp (
    user_id BIGINT NOT NULL PRIMARY KEY,
    encrypted_secret VARCHAR(1024) NOT NULL,
    key_id VARCHAR(64) NOT NULL,
    totp_algorithm VARCHAR(10) NOT NULL,
    digits INT NOT NULL,
    period_seconds INT NOT NULL,
    confirmed BOOLEAN NOT NULL,
    last_used_step BIGINT NOT NULL,
    created_micros BIGINT NOT NULL
) ${tableOptions};

CREATE TABLE ${prefix}roost_recovery_codes (
    user_id BIGINT NOT NULL,
    code_digest CHAR(64) NOT NULL,
    PRIMARY KEY (user_id, code_digest)
) ${tableOptions};

-- user_id is 0 for the global scopes.
CREATE TABLE ${prefix}roost_ip_rules (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rule_scope VARCHAR(20) NOT NULL,
    user_id BIGINT NOT NULL,
    cidr VARCHAR(49) NOT NULL,
    label VARCHAR(100) NOT NULL
) ${tableOptions};
CREATE INDEX ${prefix}roost_ip_rules_user_idx ON ${prefix}roost_ip_rules (user_id, id);
