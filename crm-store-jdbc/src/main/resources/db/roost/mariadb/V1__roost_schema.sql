-- Roost native schema, MariaDB 10.5+ (and MySQL 8). Timestamps are UTC instants stored as DATETIME(6) (no zone; TIMESTAMP would convert zones and end in 2038).
-- Tables use utf8mb4_bin so that = and ORDER BY on text are case-sensitive, as on PostgreSQL and H2.
-- DDL commits implicitly on MariaDB: each CREATE runs on its own; a failed migration must be repaired by hand.
-- Custom fields are columns cf_<n> added to roost_contact at run time (see roost_custom_field).

CREATE TABLE roost_contact (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    version        BIGINT       NOT NULL,
    owner_id       BIGINT,
    created_at     DATETIME(6)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    email          VARCHAR(190) COLLATE utf8mb4_unicode_ci,
    first_name     VARCHAR(255),
    last_name      VARCHAR(255),
    phone          VARCHAR(50),
    company        VARCHAR(255),
    job_title      VARCHAR(255),
    address_line_1 VARCHAR(255),
    address_line_2 VARCHAR(255),
    city           VARCHAR(255),
    state          VARCHAR(255),
    postal_code    VARCHAR(255),
    country        VARCHAR(255),
    date_of_birth  DATE,
    status         VARCHAR(190),
    source         VARCHAR(255),
    stage          BIGINT,
    contact_type   VARCHAR(190),
    CONSTRAINT pk_roost_contact PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- email has a case-insensitive collation, so this unique index compares case-insensitively.
CREATE UNIQUE INDEX uq_roost_contact_email ON roost_contact (email);
CREATE INDEX ix_roost_contact_owner ON roost_contact (owner_id, id);
CREATE INDEX ix_roost_contact_last_name ON roost_contact (last_name, id);
CREATE INDEX ix_roost_contact_first_name ON roost_contact (first_name, id);
CREATE INDEX ix_roost_contact_company ON roost_contact (company, id);
CREATE INDEX ix_roost_contact_created_at ON roost_contact (created_at, id);
CREATE INDEX ix_roost_contact_updated_at ON roost_contact (updated_at, id);
CREATE INDEX ix_roost_contact_stage ON roost_contact (stage, id);
CREATE INDEX ix_roost_contact_status ON roost_contact (status, id);

CREATE TABLE roost_custom_field (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    field_key   VARCHAR(64)  NOT NULL,
    label       VARCHAR(190) NOT NULL,
    field_type  VARCHAR(20)  NOT NULL,
    options     MEDIUMTEXT   NOT NULL,
    is_required BOOLEAN      NOT NULL,
    is_active   BOOLEAN      NOT NULL,
    is_read_only BOOLEAN     NOT NULL,
    is_sensitive BOOLEAN     NOT NULL,
    position    INTEGER      NOT NULL,
    column_name VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_roost_custom_field PRIMARY KEY (id),
    CONSTRAINT uq_roost_custom_field_key UNIQUE (field_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Hands out numbers that are never reused, even after a rollback (custom column names, generated user ids).
CREATE TABLE roost_counter (
    id      BIGINT       NOT NULL AUTO_INCREMENT,
    purpose VARCHAR(20) NOT NULL,
    CONSTRAINT pk_roost_counter PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roost_group (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    kind        VARCHAR(10)  NOT NULL,
    name        VARCHAR(190) NOT NULL,
    slug        VARCHAR(190) NOT NULL,
    description VARCHAR(255) NOT NULL,
    CONSTRAINT pk_roost_group PRIMARY KEY (id),
    CONSTRAINT uq_roost_group_kind_slug UNIQUE (kind, slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roost_membership (
    contact_id BIGINT NOT NULL,
    group_id   BIGINT NOT NULL,
    CONSTRAINT pk_roost_membership PRIMARY KEY (contact_id, group_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_roost_membership_group ON roost_membership (group_id, contact_id);

CREATE TABLE roost_note (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    contact_id BIGINT       NOT NULL,
    author_id  BIGINT       NOT NULL,
    note_type  VARCHAR(20)  NOT NULL,
    title      VARCHAR(190) NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    CONSTRAINT pk_roost_note PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_roost_note_contact ON roost_note (contact_id, created_at);

CREATE TABLE roost_reminder (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    contact_id    BIGINT        NOT NULL,
    assignee_id   BIGINT        NOT NULL,
    due_at        DATETIME(6)   NOT NULL,
    reminder_text VARCHAR(1000) NOT NULL,
    done          BOOLEAN       NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    CONSTRAINT pk_roost_reminder PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_roost_reminder_contact ON roost_reminder (contact_id, due_at);
CREATE INDEX ix_roost_reminder_assignee ON roost_reminder (assignee_id, done, due_at);

CREATE TABLE roost_stage (
    id       BIGINT       NOT NULL AUTO_INCREMENT,
    name     VARCHAR(100) NOT NULL,
    position INTEGER      NOT NULL,
    CONSTRAINT pk_roost_stage PRIMARY KEY (id),
    CONSTRAINT uq_roost_stage_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roost_user (
    id           BIGINT       NOT NULL,
    login        VARCHAR(100) NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    is_active    BOOLEAN      NOT NULL,
    CONSTRAINT pk_roost_user PRIMARY KEY (id),
    CONSTRAINT uq_roost_user_login UNIQUE (login)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roost_user_role (
    user_id   BIGINT       NOT NULL,
    role_name VARCHAR(190) NOT NULL,
    CONSTRAINT pk_roost_user_role PRIMARY KEY (user_id, role_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roost_user_team (
    user_id BIGINT NOT NULL,
    team_id BIGINT NOT NULL,
    CONSTRAINT pk_roost_user_team PRIMARY KEY (user_id, team_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ix_roost_user_team_team ON roost_user_team (team_id, user_id);

CREATE TABLE roost_role (
    name       VARCHAR(190) NOT NULL,
    definition MEDIUMTEXT   NOT NULL,
    CONSTRAINT pk_roost_role PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
