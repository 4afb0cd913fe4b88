package org.ecarehub.partnership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the policy's vocabularies: a partnership file with an unknown purpose or category code is refused with a
 * problem that names the code, its place and the codes that exist, and yields no partnership at all.
 */
class PartnershipFileCodesTests {

    static String demoFile() throws IOException {
        try (InputStream in = PartnershipFileCodesTests.class.getResourceAsStream("/demo/partnership.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static PartnershipFile.Result parsedWith(String from, String to) throws IOException {
        String file = demoFile();
        assertThat(file)
                .as("the demo file still has the text this test changes")
                .contains(from);
        return PartnershipFile.parse("demo", file.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void refusesAnUnknownPurposeCode() throws IOException {
        PartnershipFile.Result result =
                parsedWith("purposes: [direct-care, emergency]", "purposes: [direct-care, emergncy]");

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.message()).contains("unknown purpose 'emergncy'", "emergency");
            assertThat(problem.line()).isPositive();
        });
    }

    @Test
    void refusesAnUnknownCategoryCode() throws IOException {
        PartnershipFile.Result result = parsedWith("      contacts: [read]", "      contact: [read]");

        assertThat(result).isInstanceOf(PartnershipFile.Invalid.class);
        assertThat(result.problems())
                .anySatisfy(
                        problem -> assertThat(problem.message()).contains("unknown category 'contact'", "contacts"));
    }
}
