package io.roostcrm.auth.internal;

import io.roostcrm.auth.TotpAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    private static byte[] seed(TotpAlgorithm algorithm) {
        String base = "1234567890";
        return base.repeat(7).substring(0, algorithm.keyBytes()).getBytes(StandardCharsets.US_ASCII);
    }

    // RFC 6238 Appendix B: every vector, 8 digits, with the 20/32/64-byte seeds of Appendix A.
    @ParameterizedTest(name = "{1} at {0}")
    @CsvSource({
            "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
            "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
            "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
            "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
            "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
            "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"})
    void rfc6238AppendixBVectors(long time, TotpAlgorithm algorithm, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(time));
        assertThat(Totp.codeText(seed(algorithm), step, algorithm, 8)).isEqualTo(expected);
        assertThat(Totp.verify(seed(algorithm), expected, Instant.ofEpochSecond(time), algorithm, 8, -1))
                .hasValue(step);
    }

    @Test
    void acceptsOneStepEitherSideButNotTwo() { // RFC 6238 §5.2
        byte[] key = seed(TotpAlgorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.verify(key, Totp.codeText(key, s, TotpAlgorithm.SHA1, 6), now, TotpAlgorithm.SHA1, 6, -1))
                    .hasValue(s);
        }
        assertThat(Totp.verify(key, Totp.codeText(key, step - 2, TotpAlgorithm.SHA1, 6), now, TotpAlgorithm.SHA1, 6,
                -1)).isEmpty();
        assertThat(Totp.verify(key, Totp.codeText(key, step + 2, TotpAlgorithm.SHA1, 6), now, TotpAlgorithm.SHA1, 6,
                -1)).isEmpty();
    }

    @Test
    void refusesACodeAtOrBeforeTheLastUsedStep() { // ASVS 4.0.3 2.8.4, ASVS 5.0 6.5.1
        byte[] key = seed(TotpAlgorithm.SHA1);
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        String code = Totp.codeText(key, step, TotpAlgorithm.SHA1, 6);
        assertThat(Totp.verify(key, code, now, TotpAlgorithm.SHA1, 6, step - 1)).hasValue(step);
        assertThat(Totp.verify(key, code, now, TotpAlgorithm.SHA1, 6, step)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        byte[] key = seed(TotpAlgorithm.SHA1);
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.verify(key, "", now, TotpAlgorithm.SHA1, 6, -1)).isEmpty();
        assertThat(Totp.verify(key, "12345a", now, TotpAlgorithm.SHA1, 6, -1)).isEmpty();
        assertThat(Totp.verify(key, "1234567", now, TotpAlgorithm.SHA1, 6, -1)).isEmpty();
    }

    @Test
    void otpauthUriCarriesBase32SecretAndParameters() {
        String uri = Totp.otpauthUri("Roost CRM", "ann@example.com", "12345678901234567890".getBytes(StandardCharsets.US_ASCII),
                TotpAlgorithm.SHA256, 6);
        assertThat(uri).isEqualTo("otpauth://totp/Roost%20CRM:ann%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=Roost%20CRM&algorithm=SHA256&digits=6&period=30");
    }
}
