package org.ecarehub.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTests {

    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "at {0} s the code is {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheSha1VectorsOfRfc6238(long seconds, String expected) {
        assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(seconds)), 8))
                .isEqualTo(expected);
    }

    @Test
    void readsTheSecretAsAuthenticatorAppsWriteIt() {
        assertThat(Totp.base32Decode(Totp.base32(RFC_KEY))).isEqualTo(RFC_KEY);
        assertThat(Totp.base32(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThatThrownBy(() -> Totp.base32Decode("not base32!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        String secret = Totp.base32(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.step(now);
        String previous = Totp.code(RFC_KEY, step - 1, 6);
        String next = Totp.code(RFC_KEY, step + 1, 6);
        String twoBehind = Totp.code(RFC_KEY, step - 2, 6);
        assertThat(Totp.matchingStep(secret, previous, now, -1)).isEqualTo(step - 1);
        assertThat(Totp.matchingStep(secret, next, now, -1)).isEqualTo(step + 1);
        assertThat(Totp.matchingStep(secret, twoBehind, now, -1)).isEqualTo(-1);
    }

    @Test
    void refusesACodeAlreadyUsed() {
        String secret = Totp.base32(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1234567890);
        String code = Totp.code(RFC_KEY, Totp.step(now), 6);
        assertThat(Totp.matchingStep(secret, code, now, -1)).isEqualTo(Totp.step(now));
        assertThat(Totp.matchingStep(secret, code, now, Totp.step(now))).isEqualTo(-1);
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        String secret = Totp.base32(RFC_KEY);
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.matchingStep(secret, "94287082", now, -1)).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, "abcdef", now, -1)).isEqualTo(-1);
        assertThat(Totp.matchingStep(secret, null, now, -1)).isEqualTo(-1);
    }

    @Test
    void writesAnOtpauthUriAppsRead() {
        assertThat(Totp.uri("eCare Hub", "david.thomson", "JBSWY3DPEHPK3PXP"))
                .isEqualTo("otpauth://totp/eCare%20Hub:david.thomson?secret=JBSWY3DPEHPK3PXP&issuer=eCare%20Hub"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
