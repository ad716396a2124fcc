-- A stage in use can never be deleted, even by two nodes racing (issue 10 item 5): the contact's stage, kept in
-- Roost's side table, refers to Roost's stage table by a foreign key. Both tables are Roost's own; no FluentCRM
-- table is altered. Stages of contacts that no longer exist, or that name a stage gone already, are cleared first.
-- ${prefix} is the WordPress table prefix.
UPDATE ${prefix}roost_contacts SET stage_id = NULL
    WHERE stage_id IS NOT NULL AND stage_id NOT IN (SELECT id FROM ${prefix}roost_stages);
ALTER TABLE ${prefix}roost_contacts ADD CONSTRAINT ${prefix}roost_contacts_stage_fk
    FOREIGN KEY (stage_id) REFERENCES ${prefix}roost_stages (id);
