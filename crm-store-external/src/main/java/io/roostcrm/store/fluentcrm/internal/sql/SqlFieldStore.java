package io.roostcrm.store.fluentcrm.internal.sql;

import io.roostcrm.core.CrmNotFoundException;
import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.Violation;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.spi.FieldStore;
import io.roostcrm.permissions.FieldKind;
import io.roostcrm.store.fluentcrm.internal.mapping.CustomFieldCatalog;
import io.roostcrm.store.fluentcrm.internal.mapping.FluentField;
import io.roostcrm.store.fluentcrm.internal.mapping.FluentFieldTypes;
import io.roostcrm.store.fluentcrm.internal.mapping.SubscriberColumns;
import io.roostcrm.store.fluentcrm.internal.mapping.Tables;

import java.util.List;
import java.util.Objects;

/**
 * Custom field definitions in FluentCRM's {@code contact_custom_fields} row, Roost's flags in {@code roost_fields}.
 * These are data changes only (no DDL), so they roll back with the unit of work.
 */
final class SqlFieldStore implements FieldStore {

    private final UnitOfWork work;

    SqlFieldStore(UnitOfWork work) {
        this.work = work;
    }

    @Override
    public List<FieldDefinition> all() {
        return work.catalog().definitions();
    }

    @Override
    public void define(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        String key = field.key();
        String fluentType = FluentFieldTypes.toFluent(field.type())
                .filter(t -> FluentFieldTypes.SUPPORTED.contains(field.type()))
                .orElseThrow(() -> new CrmValidationException(Violation.of(key, "unsupported_type",
                        "has a type FluentCRM cannot hold")));
        if (SubscriberColumns.isReserved(key)) {
            throw new CrmValidationException(Violation.of(key, "reserved",
                    "is a FluentCRM contact column or a standard field; choose another key"));
        }
        CustomFieldCatalog catalog = work.catalogForUpdate();
        if (catalog.find(key).isPresent()) {
            throw new CrmValidationException(Violation.of(key, "unique", "is already defined"));
        }
        FieldDefinition definition = new FieldDefinition(key, field.label(), field.type(), field.options(),
                field.required(), field.active(), field.readOnly(), field.sensitive(), FieldKind.CUSTOM);
        catalog = CatalogSql.save(work.jdbc(), work.context(),
                catalog.plus(CustomFieldCatalog.newField(definition, fluentType)));
        work.catalog(catalog);
        Tables t = work.tables();
        // A new field has no values: FluentCRM keeps values of deleted definitions, which would otherwise reappear.
        work.jdbc().update("DELETE FROM " + t.subscriberMeta() + " WHERE object_type = 'custom_field' AND `key` = ?", key);
        work.jdbc().update("DELETE FROM " + t.roostCustomValues() + " WHERE slug = ?", key);
        writeFlags(definition);
        work.bumpEpoch(SqlEpoch.Part.FIELDS);
    }

    @Override
    public void update(FieldDefinition field) {
        Objects.requireNonNull(field, "field");
        CustomFieldCatalog catalog = work.catalogForUpdate();
        FluentField existing = catalog.find(field.key())
                .orElseThrow(() -> new CrmNotFoundException("field", field.key()));
        FieldDefinition old = existing.definition();
        FieldDefinition definition = new FieldDefinition(old.key(), field.label(), old.type(),
                old.type().hasOptions() ? field.options() : List.of(), field.required(), field.active(),
                field.readOnly(), field.sensitive(), FieldKind.CUSTOM);
        catalog = CatalogSql.save(work.jdbc(), work.context(),
                catalog.replacing(CustomFieldCatalog.updated(existing, definition)));
        work.catalog(catalog);
        writeFlags(definition);
        work.bumpEpoch(SqlEpoch.Part.FIELDS);
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        CustomFieldCatalog catalog = work.catalogForUpdate();
        if (catalog.find(key).isEmpty()) {
            return;
        }
        // Removing a field and its values is no change FluentCRM made to those contacts: their versions stay.
        List<Long> unchanged = ContactVersions.unchangedHolding(work.jdbc(), work.context(), catalog, key);
        catalog = CatalogSql.save(work.jdbc(), work.context(), catalog.minus(key));
        work.catalog(catalog);
        Tables t = work.tables();
        work.jdbc().update("DELETE FROM " + t.subscriberMeta() + " WHERE object_type = 'custom_field' AND `key` = ?", key);
        work.jdbc().update("DELETE FROM " + t.roostCustomValues() + " WHERE slug = ?", key);
        ContactVersions.record(work.jdbc(), work.context(), catalog, unchanged);
        work.jdbc().update("DELETE FROM " + t.roostFields() + " WHERE slug = ?", key);
        work.bumpEpoch(SqlEpoch.Part.FIELDS);
    }

    private void writeFlags(FieldDefinition definition) {
        Tables t = work.tables();
        String recorded = FluentFieldTypes.needsRecordedType(definition.type()) ? definition.type().name() : null;
        work.jdbc().update("DELETE FROM " + t.roostFields() + " WHERE slug = ?", definition.key());
        work.jdbc().update("INSERT INTO " + t.roostFields() + " (slug, roost_type, is_required, is_active, is_read_only,"
                        + " is_sensitive) VALUES (?, ?, ?, ?, ?, ?)", definition.key(), recorded, definition.required(),
                definition.active(), definition.readOnly(), definition.sensitive());
    }
}
