-- Settings every node of a deployment shares (SettingStore): for now the key page cursors are signed with. A row is
-- written once, by the first node that needs it, and never changed by Roost; ASCII names and values only.
CREATE TABLE roost_setting (
    name          VARCHAR(64)   NOT NULL,
    setting_value VARCHAR(1024) NOT NULL,
    CONSTRAINT pk_roost_setting PRIMARY KEY (name)
) ${table_options};
