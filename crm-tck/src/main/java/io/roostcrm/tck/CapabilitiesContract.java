package io.roostcrm.tck;

import io.roostcrm.core.CrmValidationException;
import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import io.roostcrm.core.spi.StoreFeature;
import io.roostcrm.core.spi.StoreCapabilities;

import java.util.EnumSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The kit skips tests only through what a store declares in {@code CrmStore.capabilities()}, so the declaration
 * itself must be honest: stable between calls, never offering {@code STAGE} as a custom field type, refusing a
 * custom field of an undeclared type (rule {@code unsupported_type}), and throwing
 * an optional sub-store ({@code reminders()}, {@code epoch()}, {@code changeLog()}) present exactly when its feature
 * is declared.
 */
abstract class CapabilitiesContract extends KitSupport {

    CapabilitiesContract(CrmStoreCompatibilityKit kit) {
        super(kit);
    }

    @Test
    @DisplayName("declared custom field types never include STAGE")
    void declaredTypesExcludeStage() {
        assertThat(store().capabilities().customFieldTypes()).doesNotContain(FieldType.STAGE);
    }

    @Test
    @DisplayName("defining a custom field of an undeclared type is refused with rule unsupported_type")
    void undeclaredTypeIsRefused() {
        EnumSet<FieldType> undeclared = EnumSet.allOf(FieldType.class);
        undeclared.remove(FieldType.STAGE);
        undeclared.removeAll(store().capabilities().customFieldTypes());
        assumeFalse(undeclared.isEmpty(), "the store declares every custom field type");

        assertSoftly(softly -> {
            for (FieldType type : undeclared) {
                FieldDefinition.Builder definition = FieldDefinition.custom("unsupported", type);
                if (type.hasOptions()) {
                    definition.options(optionsFor(type));
                }
                softly.assertThatThrownBy(() -> define(definition.build())).as("%s", type)
                        .isInstanceOfSatisfying(CrmValidationException.class, e -> assertThat(e.violations())
                                .anySatisfy(v -> assertThat(v.rule()).isEqualTo("unsupported_type")));
            }
        });
        assertThat(fieldDefinitions()).isEmpty();
    }

    @Test
    @DisplayName("each optional sub-store is present exactly when its feature is declared")
    void optionalSubStoresMatchTheDeclaredFeatures() {
        StoreCapabilities declared = store().capabilities();
        assertSoftly(softly -> runInTransaction(tx -> {
            softly.assertThat(tx.reminders().isPresent()).as("reminders() present")
                    .isEqualTo(declared.has(StoreFeature.REMINDERS));
            softly.assertThat(tx.epoch().isPresent()).as("epoch() present")
                    .isEqualTo(declared.has(StoreFeature.SECURITY_EPOCH));
            softly.assertThat(tx.changeLog().isPresent()).as("changeLog() present")
                    .isEqualTo(declared.has(StoreFeature.CHANGE_LOG));
            softly.assertThat(tx.settings().isPresent()).as("settings() present")
                    .isEqualTo(declared.has(StoreFeature.SETTINGS));
            softly.assertThat(tx.security().isPresent()).as("security() present")
                    .isEqualTo(declared.has(StoreFeature.SECURITY));
            softly.assertThat(tx.audit().isPresent()).as("audit() present")
                    .isEqualTo(declared.has(StoreFeature.AUDIT_CHAIN));
        }));
    }

    @Test
    @DisplayName("capabilities are stable: two calls return equal values")
    void capabilitiesAreStable() {
        assertThat(store().capabilities()).isEqualTo(store().capabilities());
    }
}
