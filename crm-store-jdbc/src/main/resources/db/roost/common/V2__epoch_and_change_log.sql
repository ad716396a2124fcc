-- Roost native schema, every database. One script for all: the few words that differ between H2, PostgreSQL and
-- MariaDB are Flyway placeholders (${timestamp}, ${long_text}, ${table_options}), filled by the store from
-- DatabaseKind.migrationPlaceholders(); see db/roost/README.md.

-- The security epoch: one row, moved in the same transaction as every change to custom field definitions, roles,
-- users and stages. epoch_version moves with every component, so a unit of work can read that one number together
-- with its first select and learn whether anything changed at all.
CREATE TABLE roost_epoch (
    id            INTEGER NOT NULL,
    epoch_version BIGINT  NOT NULL,
    fields_epoch  BIGINT  NOT NULL,
    roles_epoch   BIGINT  NOT NULL,
    users_epoch   BIGINT  NOT NULL,
    stages_epoch  BIGINT  NOT NULL,
    CONSTRAINT pk_roost_epoch PRIMARY KEY (id)
) ${table_options};
INSERT INTO roost_epoch (id, epoch_version, fields_epoch, roles_epoch, users_epoch, stages_epoch) VALUES (1, 0, 0, 0, 0, 0);

-- The change log's head: the last sequence number handed out. A unit of work that writes entries locks this row
-- (UPDATE) just before it commits and numbers its entries from it, so entries commit in sequence order.
CREATE TABLE roost_change_head (
    id            INTEGER NOT NULL,
    last_sequence BIGINT  NOT NULL,
    CONSTRAINT pk_roost_change_head PRIMARY KEY (id)
) ${table_options};
INSERT INTO roost_change_head (id, last_sequence) VALUES (1, 0);

-- The change log: append-only, one row per change. actor_id 0 is the system, contact_id 0 is no contact.
CREATE TABLE roost_change_log (
    sequence_no    BIGINT       NOT NULL,
    occurred_at    ${timestamp} NOT NULL,
    actor_id       BIGINT       NOT NULL,
    client_address VARCHAR(64),
    correlation_id VARCHAR(64)  NOT NULL,
    entity         VARCHAR(20)  NOT NULL,
    entity_id      VARCHAR(190) NOT NULL,
    contact_id     BIGINT       NOT NULL,
    operation      VARCHAR(10)  NOT NULL,
    changes        ${long_text} NOT NULL,
    CONSTRAINT pk_roost_change_log PRIMARY KEY (sequence_no)
) ${table_options};
CREATE INDEX ix_roost_change_log_contact ON roost_change_log (contact_id, sequence_no);
CREATE INDEX ix_roost_change_log_entity ON roost_change_log (entity, entity_id, sequence_no);
