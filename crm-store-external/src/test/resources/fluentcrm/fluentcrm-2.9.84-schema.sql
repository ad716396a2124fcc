-- FluentCRM's contact tables exactly as the plugin's migrations create them (schema document §2-§12; FluentCRM
-- 2.9.84 index set: no unique key on the pivot, so old installs' duplicate pivot rows can be reproduced).
-- {p} is the WordPress table prefix. dbDelta gives no ENGINE; the charset clause is $wpdb->get_charset_collate().
-- Tables of §12 beyond the contact tables (campaign e-mails, URL metrics, funnels, sequence tracker) carry the
-- columns the schema document lists for them plus their id and timestamps.

CREATE TABLE {p}fc_subscribers (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT UNSIGNED NULL,
    hash VARCHAR(90) NULL,
    contact_owner BIGINT UNSIGNED NULL,
    company_id BIGINT UNSIGNED NULL,
    prefix VARCHAR(192) NULL,
    first_name VARCHAR(192) NULL,
    last_name VARCHAR(192) NULL,
    email VARCHAR(190) NOT NULL UNIQUE,
    timezone VARCHAR(192) NULL,
    address_line_1 VARCHAR(192) NULL,
    address_line_2 VARCHAR(192) NULL,
    postal_code VARCHAR(192) NULL,
    city VARCHAR(192) NULL,
    state VARCHAR(192) NULL,
    country VARCHAR(192) NULL,
    ip VARCHAR(40) NULL,
    latitude DECIMAL(10, 8) NULL,
    longitude DECIMAL(10, 8) NULL,
    total_points INT UNSIGNED NOT NULL DEFAULT 0,
    life_time_value INT UNSIGNED NOT NULL DEFAULT 0,
    phone VARCHAR(50) NULL,
    status VARCHAR(50) NOT NULL DEFAULT 'subscribed',
    contact_type VARCHAR(50) NULL DEFAULT 'lead',
    source VARCHAR(50) NULL,
    avatar VARCHAR(192) NULL,
    date_of_birth DATE NULL,
    created_at TIMESTAMP NULL,
    last_activity TIMESTAMP NULL,
    updated_at TIMESTAMP NULL,
    INDEX {p}fc_index__subscriber_user_id_idx (user_id),
    INDEX {p}fc_index__subscriber_status_idx (status)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_subscriber_meta (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    subscriber_id BIGINT UNSIGNED NOT NULL,
    created_by BIGINT UNSIGNED NOT NULL,
    object_type VARCHAR(50) NULL DEFAULT 'option',
    `key` VARCHAR(192) NOT NULL,
    `value` LONGTEXT NULL,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL,
    INDEX {p}fc_index__s_meta_id_idx (subscriber_id),
    INDEX {p}fc_index__s_ot_idx (object_type)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_lists (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(192) NOT NULL,
    slug VARCHAR(192) NOT NULL,
    description TINYTEXT NULL,
    is_public TINYINT(1) NULL DEFAULT 0,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_tags (
    id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    title VARCHAR(192) NOT NULL,
    slug VARCHAR(192) NOT NULL,
    description TINYTEXT NULL,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_subscriber_pivot (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    subscriber_id BIGINT UNSIGNED NOT NULL,
    object_id BIGINT UNSIGNED NOT NULL,
    object_type VARCHAR(50) NOT NULL,
    status VARCHAR(50) NULL,
    is_public TINYINT(1) NOT NULL DEFAULT 1,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL,
    INDEX {p}fc_srp__sp_id_idx (subscriber_id),
    INDEX {p}fc_srp__sp_o_id_idx (object_id),
    INDEX {p}fc_srp__sp_t_id_idx (object_type)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_meta (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    object_type VARCHAR(50) NOT NULL,
    object_id BIGINT NULL,
    `key` VARCHAR(192) NOT NULL,
    `value` LONGTEXT NULL,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL,
    INDEX {p}fc_mt__mt_idx (object_type),
    INDEX {p}fc_mt__mto_id_idx (object_id),
    INDEX {p}fc_mt__mto_id_key (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_subscriber_notes (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    subscriber_id BIGINT UNSIGNED NOT NULL,
    parent_id BIGINT UNSIGNED NULL,
    created_by BIGINT UNSIGNED NULL,
    status VARCHAR(50) NULL DEFAULT 'open',
    type VARCHAR(50) NULL DEFAULT 'note',
    is_private TINYINT NULL DEFAULT 1,
    title VARCHAR(192) NULL,
    description LONGTEXT NULL,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL,
    INDEX {p}fc_sn__s_id_idx (subscriber_id),
    INDEX {p}fc_sn__s_idx (status),
    INDEX type (type)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_campaign_emails (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    campaign_id BIGINT UNSIGNED NULL,
    subscriber_id BIGINT UNSIGNED NULL,
    email_address VARCHAR(192) NOT NULL,
    status VARCHAR(50) NOT NULL DEFAULT 'draft',
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_campaign_url_metrics (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    url_id BIGINT UNSIGNED NULL,
    campaign_id BIGINT UNSIGNED NULL,
    subscriber_id BIGINT UNSIGNED NULL,
    type VARCHAR(50) NULL DEFAULT 'click',
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_funnel_subscribers (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    funnel_id BIGINT UNSIGNED NULL,
    subscriber_id BIGINT UNSIGNED NULL,
    status VARCHAR(50) NULL DEFAULT 'active',
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

CREATE TABLE {p}fc_funnel_metrics (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    funnel_id BIGINT UNSIGNED NULL,
    sequence_id BIGINT UNSIGNED NULL,
    subscriber_id BIGINT UNSIGNED NULL,
    created_at TIMESTAMP NULL,
    updated_at TIMESTAMP NULL
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
