-- Per contact: an MD5 of FluentCRM's fc_subscribers row and custom_field rows as they stood after Roost's last write,
-- so that a change FluentCRM makes itself moves the version Roost reports (ContactVersions). NULL on rows written
-- before this migration: their version moves again from Roost's next write on.
ALTER TABLE ${prefix}roost_contacts ADD COLUMN fc_stamp VARCHAR(64) NULL;
