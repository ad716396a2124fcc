-- Settings every node of a deployment shares (Roost's SettingStore): for now the key page cursors are signed with.
-- A row is written once, by the first node that needs it, and never changed by Roost; ASCII names and values only.
CREATE TABLE ${prefix}roost_settings (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1024) NOT NULL
) ${tableOptions};
