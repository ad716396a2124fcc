-- Roost's side tables beside FluentCRM's: what FluentCRM has no place for. Never alters a FluentCRM table.
-- ${prefix} is the WordPress table prefix (e.g. wp_); ${tableOptions} the engine/charset clause of the database.

-- Per contact (fc_subscribers.id): optimistic-lock version, stage, company, job title, the exact instants Roost
-- wrote (FluentCRM's TIMESTAMP columns keep whole seconds of site-local time), and whether status / contact_type
-- hold FluentCRM's defaults only because Roost was given none, and (full_*) the whole of a text value longer than
-- FluentCRM's column, whose first characters FluentCRM's column holds.
CREATE TABLE ${prefix}roost_contacts (
    subscriber_id BIGINT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL,
    stage_id BIGINT NULL,
    company VARCHAR(255) NULL,
    job_title VARCHAR(255) NULL,
    created_epoch BIGINT NULL,
    created_nanos INT NULL,
    updated_epoch BIGINT NULL,
    updated_nanos INT NULL,
    status_implicit BOOLEAN NULL,
    type_implicit BOOLEAN NULL,
    full_first_name VARCHAR(255) NULL,
    full_last_name VARCHAR(255) NULL,
    full_address_line_1 VARCHAR(255) NULL,
    full_address_line_2 VARCHAR(255) NULL,
    full_postal_code VARCHAR(255) NULL,
    full_city VARCHAR(255) NULL,
    full_state VARCHAR(255) NULL,
    full_country VARCHAR(255) NULL,
    full_source VARCHAR(255) NULL
) ${tableOptions};
CREATE INDEX ${prefix}roost_contacts_stage_idx ON ${prefix}roost_contacts (stage_id);

-- Per custom field slug: Roost's flags, and Roost's type where FluentCRM's 'text' does not say it.
CREATE TABLE ${prefix}roost_fields (
    slug VARCHAR(64) NOT NULL PRIMARY KEY,
    roost_type VARCHAR(20) NULL,
    is_required BOOLEAN NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_read_only BOOLEAN NOT NULL,
    is_sensitive BOOLEAN NOT NULL
) ${tableOptions};

-- Per note (fc_subscriber_notes.id): Roost's type where FluentCRM has none (TASK is stored as 'note'), and the
-- exact instants Roost wrote.
CREATE TABLE ${prefix}roost_notes (
    note_id BIGINT NOT NULL PRIMARY KEY,
    roost_type VARCHAR(20) NULL,
    created_epoch BIGINT NULL,
    created_nanos INT NULL,
    updated_epoch BIGINT NULL,
    updated_nanos INT NULL
) ${tableOptions};

CREATE TABLE ${prefix}roost_stages (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    sort_order INT NOT NULL,
    CONSTRAINT ${prefix}roost_stages_name_uq UNIQUE (name)
) ${tableOptions};

CREATE TABLE ${prefix}roost_reminders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    contact_id BIGINT NOT NULL,
    assignee_id BIGINT NOT NULL,
    due_epoch BIGINT NOT NULL,
    due_nanos INT NOT NULL,
    body VARCHAR(1000) NOT NULL,
    done BOOLEAN NOT NULL,
    created_epoch BIGINT NOT NULL,
    created_nanos INT NOT NULL
) ${tableOptions};
CREATE INDEX ${prefix}roost_reminders_contact_idx ON ${prefix}roost_reminders (contact_id);
CREATE INDEX ${prefix}roost_reminders_assignee_idx ON ${prefix}roost_reminders (assignee_id, done);

-- Users are the site's WordPress users (id = wp_users.ID) as Roost knows them: login, roles, teams.
CREATE TABLE ${prefix}roost_users (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    login VARCHAR(100) NOT NULL,
    display_name VARCHAR(190) NOT NULL,
    active BOOLEAN NOT NULL,
    CONSTRAINT ${prefix}roost_users_login_uq UNIQUE (login)
) ${tableOptions};

CREATE TABLE ${prefix}roost_user_roles (
    user_id BIGINT NOT NULL,
    ordinal INT NOT NULL,
    role_name VARCHAR(100) NOT NULL,
    PRIMARY KEY (user_id, ordinal)
) ${tableOptions};

CREATE TABLE ${prefix}roost_user_teams (
    user_id BIGINT NOT NULL,
    team_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, team_id)
) ${tableOptions};
CREATE INDEX ${prefix}roost_user_teams_team_idx ON ${prefix}roost_user_teams (team_id);

CREATE TABLE ${prefix}roost_roles (
    name VARCHAR(100) NOT NULL PRIMARY KEY,
    definition MEDIUMTEXT NOT NULL
) ${tableOptions};
