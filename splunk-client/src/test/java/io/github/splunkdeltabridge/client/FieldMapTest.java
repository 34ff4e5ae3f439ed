package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    @Test
    void fieldsKeepSplunksOrderAndReadLikeALinkedHashMap() {
        FieldMap fields = new FieldMap();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String name : List.of("_time", "_raw", "host", "index", "source", "sourcetype", "tags{}", "user.name")) {
            fields.add(name, List.of(name + "-value"));
            expected.put(name, List.of(name + "-value"));
        }
        assertThat(fields).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new ArrayList<>(fields.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(fields.get("host")).containsExactly("host-value");
        assertThat(fields.get("absent")).isNull();
        assertThat(fields.get(42)).isNull();
        assertThat(fields.containsKey("user.name")).isTrue();
        assertThat(fields.containsKey("user")).isFalse();
    }

    @Test
    void aFieldSentTwiceKeepsItsFirstPlaceAndItsLastValue() {
        FieldMap fields = new FieldMap();
        fields.add("a", List.of("1"));
        fields.add("b", List.of("2"));
        // A name equal to an earlier one but not the same String object.
        fields.add(new String("a".toCharArray()), List.of("3"));
        assertThat(fields).hasSize(2);
        assertThat(new ArrayList<>(fields.entrySet()))
                .containsExactly(Map.entry("a", List.of("3")), Map.entry("b", List.of("2")));
    }

    @Test
    void rowsWithHundredsOfColumnsKeepEveryOneInOrder() {
        FieldMap fields = new FieldMap(4);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 500; i++) {
            String name = "column_" + (i * 7919 % 500);
            fields.add(name, List.of(Integer.toString(i)));
            expected.put(name, List.of(Integer.toString(i)));
        }
        assertThat(fields).hasSize(500).isEqualTo(expected);
        assertThat(new ArrayList<>(fields.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        List<String> visited = new ArrayList<>();
        fields.forEach((name, values) -> visited.add(name));
        assertThat(visited).isEqualTo(new ArrayList<>(expected.keySet()));
    }

    @Test
    void theMapOfAnEventCannotBeChanged() {
        SplunkEvent event = SplunkEvent.fromFields(Map.of("_raw", "x", "tags", List.of("a", "b")));
        assertThatThrownBy(() -> event.fields().put("host", List.of("h")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.fields().remove("_raw")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.fields().get("tags").add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(event.isMultivalue("tags")).isTrue();
    }
}
