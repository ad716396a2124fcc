-- The audit trail is the change log, hash-chained (issue 12): each entry keeps the hash of the entry before it and
-- its own (64 hex digits, SHA-256 or HMAC-SHA256 over the previous hash and the entry's columns), and the head keeps
-- the last hash, written under the same row lock that numbers the entries. Entries written before this migration
-- have no hashes; the chain starts after them.
ALTER TABLE roost_change_log ADD previous_hash VARCHAR(64);
ALTER TABLE roost_change_log ADD entry_hash VARCHAR(64);
ALTER TABLE roost_change_head ADD last_hash VARCHAR(64);

-- The audit view's queries by actor and by time.
CREATE INDEX ix_roost_change_log_actor ON roost_change_log (actor_id, sequence_no);
CREATE INDEX ix_roost_change_log_time ON roost_change_log (occurred_at, sequence_no);
