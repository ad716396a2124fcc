-- The security epoch and the change log, in Roost's side tables (FluentCRM's tables stay untouched).
-- ${prefix} is the WordPress table prefix (e.g. wp_); ${tableOptions} the engine/charset clause of the database.

-- One row, moved in the same transaction as every change Roost makes to field definitions, roles, users and
-- stages. FluentCRM's own changes to its field definitions do not touch it; the store folds a digest of FluentCRM's
-- definitions into the fields component it reports, so those changes move the epoch as Roost sees it too.
CREATE TABLE ${prefix}roost_epoch (
    id INT NOT NULL PRIMARY KEY,
    epoch_version BIGINT NOT NULL,
    fields_epoch BIGINT NOT NULL,
    roles_epoch BIGINT NOT NULL,
    users_epoch BIGINT NOT NULL,
    stages_epoch BIGINT NOT NULL
) ${tableOptions};
INSERT INTO ${prefix}roost_epoch (id, epoch_version, fields_epoch, roles_epoch, users_epoch, stages_epoch)
    VALUES (1, 0, 0, 0, 0, 0);

-- The last change-log sequence number handed out; locked by the unit of work that writes entries, just before it
-- commits, so entries commit in sequence order.
CREATE TABLE ${prefix}roost_change_head (
    id INT NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL
) ${tableOptions};
INSERT INTO ${prefix}roost_change_head (id, last_sequence) VALUES (1, 0);

-- Every change Roost makes, with who, when (epoch seconds and nanos, no zone), from where. actor_id is a WordPress
-- user id (0: the system); contact_id a subscriber id (0: none).
CREATE TABLE ${prefix}roost_change_log (
    sequence_no BIGINT NOT NULL PRIMARY KEY,
    occurred_epoch BIGINT NOT NULL,
    occurred_nanos INT NOT NULL,
    actor_id BIGINT NOT NULL,
    client_address VARCHAR(64) NULL,
    correlation_id VARCHAR(64) NOT NULL,
    entity VARCHAR(20) NOT NULL,
    entity_id VARCHAR(190) NOT NULL,
    contact_id BIGINT NOT NULL,
    operation VARCHAR(10) NOT NULL,
    changes MEDIUMTEXT NOT NULL
) ${tableOptions};
CREATE INDEX ${prefix}roost_change_log_contact_idx ON ${prefix}roost_change_log (contact_id, sequence_no);
CREATE INDEX ${prefix}roost_change_log_entity_idx ON ${prefix}roost_change_log (entity, entity_id, sequence_no);
