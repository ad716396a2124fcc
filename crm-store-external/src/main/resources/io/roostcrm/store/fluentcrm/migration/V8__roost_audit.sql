-- The audit trail is Roost's change log, hash-chained (issue 12): no new side table, so nothing is added to
-- Tables.SIDE_TABLES; the change log's own side table gets the chain's columns. Each entry keeps the hash of the entry
-- before it and its own (64 hex digits), and the head keeps the last hash, written under the head's row lock.
-- Entries written before this migration have no hashes; the chain starts after them.
ALTER TABLE ${prefix}roost_change_log ADD COLUMN previous_hash VARCHAR(64) NULL;
ALTER TABLE ${prefix}roost_change_log ADD COLUMN entry_hash VARCHAR(64) NULL;
ALTER TABLE ${prefix}roost_change_head ADD COLUMN last_hash VARCHAR(64) NULL;
CREATE INDEX ${prefix}roost_change_log_actor ON ${prefix}roost_change_log (actor_id, sequence_no);
CREATE INDEX ${prefix}roost_change_log_time ON ${prefix}roost_change_log (occurred_epoch, sequence_no);
