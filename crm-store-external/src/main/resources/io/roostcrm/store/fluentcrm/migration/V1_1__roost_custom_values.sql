-- Per contact and custom text field: the exact value Roost was given where FluentCRM would not keep it as it is
-- (WordPress's sanitize_text_field / sanitize_textarea_field trims, collapses whitespace, strips tags and
-- percent-encoded octets on FluentCRM's next save). FluentCRM's fc_subscriber_meta row holds kept_value, the value
-- as FluentCRM keeps it (both encoded as the meta row is, maybe_serialize); Roost reads exact_value while that row
-- still holds kept_value.
CREATE TABLE ${prefix}roost_custom_values (
    subscriber_id BIGINT NOT NULL,
    slug VARCHAR(64) NOT NULL,
    exact_value MEDIUMTEXT NOT NULL,
    kept_value MEDIUMTEXT NOT NULL,
    PRIMARY KEY (subscriber_id, slug)
) ${tableOptions};
