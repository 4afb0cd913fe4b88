package org.ecarehub.transparency.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTests {

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Section323Shows() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("\u20ac", "Euro Sign");
        object.put("\r", "Carriage Return");
        object.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        object.put("1", "One");
        object.put("\ud83d\ude00", "Emoji: Grinning Face");
        object.put("\u0080", "Control");
        object.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.write(object))
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesStringsAsEcmaScriptDoes() {
        assertThat(CanonicalJson.write("\"\\\b\f\n\r\t\u0001\u001f/\u007f\u00e9"))
                .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f/\u007f\u00e9\"");
    }

    @Test
    void writesNestedValuesWithoutWhitespaceAndLeavesNullMembersOut() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", List.of(1, 2L, true, "x", List.of()));
        object.put("a", null);
        object.put("c", Map.of());
        assertThat(CanonicalJson.write(object)).isEqualTo("{\"b\":[1,2,true,\"x\",[]],\"c\":{}}");
    }

    @Test
    void refusesWhatHasNoExactCanonicalForm() {
        assertThatThrownBy(() -> CanonicalJson.write(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(1L << 53)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write("\ud83d")).isInstanceOf(IllegalArgumentException.class);
    }
}
