package io.roostcrm.auth.internal;

import io.roostcrm.core.CrmAuthenticationException;
import io.roostcrm.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicCredentialsTest {

    @Test
    void parsesRfc7617Vectors() { // RFC 7617 §2, §2.1
        assertThat(BasicCredentials.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))
                .isEqualTo(new BasicCredentials("Aladdin", "open sesame"));
        assertThat(BasicCredentials.parse("Basic dGVzdDoxMjPCow==")).isEqualTo(new BasicCredentials("test", "123£"));
        assertThat(BasicCredentials.parse("basic   YWxhZGRpbjpvcGVuOnNlc2FtZQ=="))
                .isEqualTo(new BasicCredentials("aladdin", "open:sesame"));
    }

    @Test
    void anEmptyPasswordIsAPassword() {
        assertThat(BasicCredentials.parse("Basic " + b64("ann:"))).isEqualTo(new BasicCredentials("ann", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Basic    ", "Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basic not*base64!", "Basic QWxhZGRpbg==", "Basic OnBhc3N3b3Jk", "BasicQWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "Basic QWxh ZGRp"})
    void malformedHeadersAreAuthenticationFailures(String header) {
        assertThatThrownBy(() -> BasicCredentials.parse(header)).isInstanceOf(CrmAuthenticationException.class)
                .satisfies(e -> assertThat(((CrmAuthenticationException) e).code()).isEqualTo(ErrorCode.AUTHENTICATION))
                .hasMessage("authentication failed");
    }

    @Test
    void nonUtf8IsRefused() {
        byte[] latin1 = "ann:caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(latin1)))
                .isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void controlCharactersAreRefused() { // RFC 7617 §2: no CTLs
        assertThatThrownBy(() -> BasicCredentials.parse("Basic " + b64("ann:pa\nss")))
                .isInstanceOf(CrmAuthenticationException.class);
    }

    @Test
    void oversizedHeadersAreRefusedBeforeDecoding() {
        String mib = "Basic " + "A".repeat(1 << 20);
        assertThatThrownBy(() -> BasicCredentials.parse(mib)).isInstanceOf(CrmAuthenticationException.class);
        String justOver = "Basic " + b64("ann:" + "x".repeat(6_200));
        assertThat(justOver.length()).isGreaterThan(BasicCredentials.MAX_HEADER_LENGTH);
        assertThatThrownBy(() -> BasicCredentials.parse(justOver)).isInstanceOf(CrmAuthenticationException.class);
        assertThat(BasicCredentials.parse("Basic " + b64("ann:" + "x".repeat(6_000))).password()).hasSize(6_000);
    }

    @Test
    void toStringNeverShowsThePassword() { // ASVS 4.0.3 7.1.1
        assertThat(BasicCredentials.parse("Basic " + b64("ann:s3cr3t-Value")).toString())
                .doesNotContain("s3cr3t-Value").contains("ann");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
