package org.ecarehub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.ecarehub.shared.logging.EcareLogEncoder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EcareLogEncoderTests {

    static LoggingEvent event(String message, Throwable error) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent(
                EcareLogEncoderTests.class.getName(),
                context.getLogger("org.ecarehub.person.Matching"),
                Level.WARN,
                message,
                error,
                null);
    }

    static String encode(String format, LoggingEvent event) {
        EcareLogEncoder encoder = new EcareLogEncoder();
        encoder.setFormat(format);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void keepsIdentifiersOutOfTextLines() {
        String line = encode("text", event("no match for CHI 1403415678 at ML3 9AA", null));

        assertThat(line).contains("no match for CHI [redacted] at [redacted]").doesNotContain("1403415678");
    }

    @Test
    void keepsIdentifiersOutOfExceptionMessages() {
        String line = encode("text", event("failed", new IllegalStateException("bad CHI 1403415678")));

        assertThat(line).contains("IllegalStateException").doesNotContain("1403415678");
    }

    @Test
    void writesOneJsonObjectALineWhenAskedForJson() {
        String line = encode("json", event("lookup at G72 0AB \"quoted\"", new RuntimeException("x 01698 123456")));

        assertThat(line).endsWith("}\n").doesNotContain("G72 0AB").doesNotContain("123456");
        JsonNode node = JsonMapper.builder().build().readTree(line);
        assertThat(node.get("level").asString()).isEqualTo("WARN");
        assertThat(node.get("message").asString()).isEqualTo("lookup at [redacted] \"quoted\"");
        assertThat(node.get("logger").asString()).isEqualTo("org.ecarehub.person.Matching");
        assertThat(node.get("error").asString()).startsWith("java.lang.RuntimeException");
    }
}
