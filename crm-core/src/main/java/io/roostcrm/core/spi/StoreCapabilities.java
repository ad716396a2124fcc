package io.roostcrm.core.spi;

import io.roostcrm.core.field.FieldType;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a store declares it can do: the custom field types it can hold and its optional features. A store declares
 * what it cannot offer rather than faking it.
 *
 * @param customFieldTypes the types custom fields may have on this store
 * @param features         optional features
 */
public record StoreCapabilities(Set<FieldType> customFieldTypes, Set<StoreFeature> features) {

    /** Copies the sets. */
    public StoreCapabilities {
        customFieldTypes = Set.copyOf(Objects.requireNonNull(customFieldTypes, "customFieldTypes"));
        features = Set.copyOf(Objects.requireNonNull(features, "features"));
    }

    /** Every custom field type and every feature. */
    public static StoreCapabilities full() {
        Set<FieldType> types = EnumSet.allOf(FieldType.class);
        types.remove(FieldType.STAGE);
        return new StoreCapabilities(types, EnumSet.allOf(StoreFeature.class));
    }

    /** Whether the store has a feature. */
    public boolean has(StoreFeature feature) {
        return features.contains(feature);
    }

    /** Whether custom fields of a type can be defined. */
    public boolean supports(FieldType type) {
        return customFieldTypes.contains(type);
    }
}
