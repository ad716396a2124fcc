-- Issue 13: free-text search and text matches on indexes, and descending sorts on custom fields.
--
-- Search and contains/startsWith filters are lower(col) LIKE lower(?) (ContactQueryBuilder). A pg_trgm GIN index on
-- exactly lower(col) serves them for any pattern with a trigram in it, so search (the service's OR over the five
-- search columns) becomes a BitmapOr of five index scans instead of a sequential scan of the table.
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension (13+): a role with CREATE on the database may
-- create it. It goes in schema public, shared by every Roost schema of the database (so dropping one Roost schema
-- cannot take the others' indexes with it), or else in the current schema. When the role may not create it (or the
-- server lacks contrib), this migration creates no trigram index, raises a NOTICE and succeeds: search and text
-- filters then work exactly as before, on sequential scans. To add the indexes later, have the database owner run
-- CREATE EXTENSION pg_trgm and create the indexes below by hand (custom fields defined after that get theirs when
-- defined).
DO $$
DECLARE
    trgm TEXT;
    field RECORD;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            BEGIN
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
            EXCEPTION WHEN OTHERS THEN
                RAISE NOTICE 'Roost: pg_trgm is not installed and could not be created (%); search and text filters will scan the contact table', SQLERRM;
            END;
        END;
    END IF;
    SELECT n.nspname INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    IF trgm IS NOT NULL THEN
        EXECUTE format('CREATE INDEX ix_roost_contact_email_trgm ON roost_contact USING gin (lower(email) %I.gin_trgm_ops)', trgm);
        EXECUTE format('CREATE INDEX ix_roost_contact_first_name_trgm ON roost_contact USING gin (lower(first_name) %I.gin_trgm_ops)', trgm);
        EXECUTE format('CREATE INDEX ix_roost_contact_last_name_trgm ON roost_contact USING gin (lower(last_name) %I.gin_trgm_ops)', trgm);
        EXECUTE format('CREATE INDEX ix_roost_contact_company_trgm ON roost_contact USING gin (lower(company) %I.gin_trgm_ops)', trgm);
        EXECUTE format('CREATE INDEX ix_roost_contact_phone_trgm ON roost_contact USING gin (lower(phone) %I.gin_trgm_ops)', trgm);
    END IF;
    -- Custom fields defined before this version get what JdbcFieldStore now creates with each field.
    FOR field IN SELECT column_name, field_type FROM roost_custom_field
                  WHERE field_type IN ('TEXT', 'SELECT', 'EMAIL', 'PHONE', 'NUMBER', 'DATE', 'DATETIME', 'CHECKBOX') LOOP
        EXECUTE format('CREATE INDEX %I ON roost_contact (%I DESC NULLS FIRST, id)',
                       'ix_roost_contact_' || field.column_name || '_desc', field.column_name);
        IF trgm IS NOT NULL AND field.field_type IN ('TEXT', 'SELECT', 'EMAIL', 'PHONE') THEN
            EXECUTE format('CREATE INDEX %I ON roost_contact USING gin (lower(%I) %I.gin_trgm_ops)',
                           'ix_roost_contact_' || field.column_name || '_trgm', field.column_name, trgm);
        END IF;
    END LOOP;
END
$$;
