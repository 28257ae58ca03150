package dev.orderly.domain.change;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map of names to values in the order they were put, values possibly {@code null}
 * (SQL NULL): a row image's columns or a change's source block. A {@link Row} and a
 * {@link ChangeEvent} take one as it is, where they copy any other map. Built once per change on the
 * hot path, so it is two arrays, not a hash table: lookups scan the names, with an index built on
 * first use for wide rows. Equal to any {@link Map} with the same entries. Thread-safe.
 */
public final class ColumnMap extends AbstractMap<String, Object> {

    /** Wider than this, {@link #get} uses an index instead of scanning. */
    private static final int SCAN_LIMIT = 16;

    private final String[] names;
    private final Object[] values;
    /** Built on first lookup of a wide map; immutable (final fields inside), so a race only builds it twice. */
    private Map<String, Integer> index;

    private ColumnMap(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** @param expectedSize how many entries will be put; a hint, more may be */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /** Collects the entries of one map, in order; not thread-safe, used once. */
    public static final class Builder {

        private String[] names;
        private Object[] values;
        private int size;
        private boolean built;

        private Builder(int expectedSize) {
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expectedSize must be >= 0 but got " + expectedSize);
            }
            names = new String[expectedSize];
            values = new Object[expectedSize];
        }

        /**
         * @param name not null, not put before
         * @param value may be null
         * @throws IllegalArgumentException when {@code name} was put before
         */
        public Builder put(String name, Object value) {
            requireNonNull(name, "name is null");
            if (built) {
                throw new IllegalStateException("the map was built already");
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, Math.max(4, size * 2));
                values = Arrays.copyOf(values, names.length);
            }
            names[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        /** @throws IllegalArgumentException naming a name put twice */
        public ColumnMap build() {
            built = true;
            String[] keptNames = size == names.length ? names : Arrays.copyOf(names, size);
            Object[] keptValues = size == values.length ? values : Arrays.copyOf(values, size);
            ColumnMap map = new ColumnMap(keptNames, keptValues);
            if (size <= SCAN_LIMIT) {
                for (int i = 1; i < size; i++) {
                    if (map.indexOf(keptNames[i], i) >= 0) {
                        throw duplicate(keptNames[i]);
                    }
                }
            } else if (map.index().size() != size) {
                throw new IllegalArgumentException("a name was put twice among " + Arrays.toString(keptNames));
            }
            return map;
        }

        private static IllegalArgumentException duplicate(String name) {
            return new IllegalArgumentException("name '" + name + "' was put twice; each name may appear once");
        }
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return position(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int at = position(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new SimpleImmutableEntry<>(names[at], values[at]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    private int position(Object key) {
        if (names.length > SCAN_LIMIT) {
            Integer at = index().get(key);
            return at == null ? -1 : at;
        }
        return indexOf(key, names.length);
    }

    /** The position of {@code key} among the first {@code limit} names, or -1; names are usually the very instances asked for. */
    private int indexOf(Object key, int limit) {
        for (int i = 0; i < limit; i++) {
            if (names[i] == key) {
                return i;
            }
        }
        for (int i = 0; i < limit; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> built = index;
        if (built == null) {
            built = new HashMap<>(names.length * 4 / 3 + 1);
            for (int i = 0; i < names.length; i++) {
                built.putIfAbsent(names[i], i);
            }
            built = Map.copyOf(built);
            index = built;
        }
        return built;
    }
}
