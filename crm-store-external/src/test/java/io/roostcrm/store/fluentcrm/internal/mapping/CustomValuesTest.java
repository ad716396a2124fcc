package io.roostcrm.store.fluentcrm.internal.mapping;

import io.roostcrm.core.field.FieldDefinition;
import io.roostcrm.core.field.FieldType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomValuesTest {

    private static final FieldDefinition NICKNAME = FieldDefinition.custom("nickname", FieldType.TEXT).build();

    @Test
    void textThatLooksSerializedIsWrappedAsWordPressMaybeSerializeDoes() {
        assertThat(CustomValues.encode(NICKNAME, "a:0:{}")).contains("s:6:\"a:0:{}\";");
        assertThat(CustomValues.encode(NICKNAME, "plain text")).contains("plain text");
    }

    @Test
    void wrappedTextReadsBackAsTheStringItWrapped() {
        assertThat(CustomValues.decode(NICKNAME, "s:6:\"a:0:{}\";")).contains("a:0:{}");
        assertThat(CustomValues.decode(NICKNAME, CustomValues.encode(NICKNAME, "b:1;").orElseThrow())).contains("b:1;");
        assertThat(CustomValues.decode(NICKNAME, "plain text")).contains("plain text");
    }

    @Test
    void storedArraysOnATextFieldAreReturnedAsStoredRatherThanLost() {
        assertThat(CustomValues.decode(NICKNAME, "a:1:{i:0;s:1:\"x\";}")).contains("a:1:{i:0;s:1:\"x\";}");
    }
}
