package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.CrmConfigurationException;
import io.roostcrm.core.field.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomFieldCatalogTest {

    private static String field(String slug, String type) {
        return "a:3:{s:4:\"slug\";s:" + slug.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + ":\"" + slug + "\";s:4:\"type\";s:" + type.length() + ":\""
                + type + "\";s:5:\"label\";s:0:\"\";}";
    }

    @Test
    void fieldWithATypeRoostCannotRepresentStopsTheStoreNamingRowAndSlug() {
        String value = "a:1:{i:0;" + field("rating", "stars") + "}";

        assertThatThrownBy(() -> CustomFieldCatalog.parse(12, value, Map.of()))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("fc_meta row id 12").hasMessageContaining("'rating'");
    }

    @Test
    void slugThatIsNotARoostKeyStopsTheStoreNamingThePosition() {
        String value = "a:2:{i:0;" + field("ok", "text") + "i:1;" + field("Größe", "text") + "}";

        assertThatThrownBy(() -> CustomFieldCatalog.parse(3, value, Map.of()))
                .isInstanceOf(CrmConfigurationException.class)
                .hasMessageContaining("fc_meta row id 3").hasMessageContaining("position 1");
    }

    @Test
    void blankLabelFallsBackToTheSlugAndRoostsRecordedTypeRefinesText() {
        String value = "a:1:{i:0;" + field("homepage", "text") + "}";

        CustomFieldCatalog catalog = CustomFieldCatalog.parse(1, value,
                Map.of("homepage", new SideFieldFlags("URL", true, true, false, false)));

        assertThat(catalog.definitions()).singleElement().satisfies(d -> {
            assertThat(d.label()).isEqualTo("homepage");
            assertThat(d.type()).isEqualTo(FieldType.URL);
            assertThat(d.required()).isTrue();
        });
        assertThat(catalog.serialize()).isEqualTo(value);
    }

    @Test
    void emptyOrMissingRowMeansNoFields() {
        assertThat(CustomFieldCatalog.parse(1, null, Map.of()).fields()).isEmpty();
        assertThat(CustomFieldCatalog.parse(1, "a:0:{}", Map.of()).fields()).isEmpty();
    }
}
