-- WordPress's users table exactly as WordPress 6.1 creates it (wp-admin/includes/schema.php; schema document,
-- "WordPress pieces the FluentCRM store meets"). {p} is the table prefix ($wpdb->users is the base prefix's table).
-- The store only ever reads it: wp_fc_subscribers.contact_owner names a users.ID.

CREATE TABLE {p}users (
    ID BIGINT(20) UNSIGNED NOT NULL AUTO_INCREMENT,
    user_login VARCHAR(60) NOT NULL DEFAULT '',
    user_pass VARCHAR(255) NOT NULL DEFAULT '',
    user_nicename VARCHAR(50) NOT NULL DEFAULT '',
    user_email VARCHAR(100) NOT NULL DEFAULT '',
    user_url VARCHAR(100) NOT NULL DEFAULT '',
    user_registered DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00',
    user_activation_key VARCHAR(255) NOT NULL DEFAULT '',
    user_status INT(11) NOT NULL DEFAULT 0,
    display_name VARCHAR(250) NOT NULL DEFAULT '',
    PRIMARY KEY (ID),
    KEY user_login_key (user_login),
    KEY user_nicename (user_nicename),
    KEY user_email (user_email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
