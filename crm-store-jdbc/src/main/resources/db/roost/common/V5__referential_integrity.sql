-- Referential integrity in the database, on every database (issue 10 items 4 and 5). Two nodes racing each other —
-- one deleting a contact while another adds a note, a reminder or a membership to it; one deleting a stage while
-- another assigns it — could each pass the service's checks and commit, leaving orphans or a contact at a deleted
-- stage. Foreign keys make the database refuse the loser: a child of a deleted contact goes with it (cascade), a
-- child added to a contact already deleted is refused, and a stage in use cannot be deleted.

-- Rows such races left behind are personal data the delete promised to remove: they go first.
DELETE FROM roost_note WHERE contact_id NOT IN (SELECT id FROM roost_contact);
DELETE FROM roost_reminder WHERE contact_id NOT IN (SELECT id FROM roost_contact);
DELETE FROM roost_membership WHERE contact_id NOT IN (SELECT id FROM roost_contact)
    OR group_id NOT IN (SELECT id FROM roost_group);
UPDATE roost_contact SET stage = NULL WHERE stage IS NOT NULL AND stage NOT IN (SELECT id FROM roost_stage);

ALTER TABLE roost_note ADD CONSTRAINT fk_roost_note_contact
    FOREIGN KEY (contact_id) REFERENCES roost_contact (id) ON DELETE CASCADE;
ALTER TABLE roost_reminder ADD CONSTRAINT fk_roost_reminder_contact
    FOREIGN KEY (contact_id) REFERENCES roost_contact (id) ON DELETE CASCADE;
ALTER TABLE roost_membership ADD CONSTRAINT fk_roost_membership_contact
    FOREIGN KEY (contact_id) REFERENCES roost_contact (id) ON DELETE CASCADE;
ALTER TABLE roost_membership ADD CONSTRAINT fk_roost_membership_group
    FOREIGN KEY (group_id) REFERENCES roost_group (id) ON DELETE CASCADE;
ALTER TABLE roost_contact ADD CONSTRAINT fk_roost_contact_stage
    FOREIGN KEY (stage) REFERENCES roost_stage (id);
