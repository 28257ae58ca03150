package dev.orderly.domain.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMapTest {

    @Test
    void keepsTheOrderAndNullValuesAndEqualsAnyMapWithTheSameEntries() {
        ColumnMap map = ColumnMap.builder(2).put("id", 7L).put("note", null).put("status", "new").build();
        Map<String, Object> same = new LinkedHashMap<>();
        same.put("id", 7L);
        same.put("note", null);
        same.put("status", "new");

        assertThat(map).containsExactly(Map.entry("id", 7L), new java.util.AbstractMap.SimpleEntry<>("note", null), Map.entry("status", "new"));
        assertThat(map.containsKey("note")).isTrue();
        assertThat(map.containsKey("missing")).isFalse();
        assertThat(map.get(new String("status"))).isEqualTo("new");
        assertThat(map).isEqualTo(same);
        assertThat(map.hashCode()).isEqualTo(same.hashCode());
        List<String> visited = new ArrayList<>();
        map.forEach((name, value) -> visited.add(name));
        assertThat(visited).containsExactly("id", "note", "status");
    }

    @Test
    void wideMapsAreLookedUpByIndex() {
        ColumnMap.Builder builder = ColumnMap.builder(0);
        for (int i = 0; i < 40; i++) {
            builder.put("c" + i, i);
        }
        ColumnMap map = builder.build();

        assertThat(map).hasSize(40);
        assertThat(map.get("c33")).isEqualTo(33);
        assertThat(map.get("c40")).isNull();
    }

    @Test
    void isImmutableAndRefusesANamePutTwice() {
        ColumnMap map = ColumnMap.builder(1).put("id", 1L).build();

        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ColumnMap.builder(2).put("id", 1L).put("id", 2L).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id' was put twice");
    }

    @Test
    void aRowTakesItWithoutACopy() {
        ColumnMap map = ColumnMap.builder(1).put("id", 1L).build();

        assertThat(Row.of(map).values()).isSameAs(map);
    }
}
