package dev.orderly.app.plugins;

/** Java sources of partition rules, as a plugin author would write them, for {@link TestingPluginJar}. */
public final class TestingRuleSources {

    private TestingRuleSources() {
    }

    /** A rule without options whose partition is the given Java expression over {@code input}. */
    public static String rule(String className, String identifier, String guarantee, String partitionExpression) {
        return """
                package %s;

                import dev.orderly.domain.ordering.OrderingGuarantee;
                import dev.orderly.ports.spi.PartitionRule;
                import dev.orderly.ports.spi.PartitionRulePort;
                import dev.orderly.ports.spi.RuleOptions;

                public final class %s implements PartitionRulePort {
                    @Override
                    public String identifier() {
                        return "%s";
                    }

                    @Override
                    public String description() {
                        return "test rule %s";
                    }

                    @Override
                    public OrderingGuarantee guarantee() {
                        return OrderingGuarantee.%s;
                    }

                    @Override
                    public PartitionRule create(RuleOptions options) {
                        return input -> %s;
                    }
                }
                """.formatted(packageOf(className), simpleName(className), identifier, identifier, guarantee, partitionExpression);
    }

    /** {@code modulo}: the value of a numeric column plus an offset, modulo the partition count; per-key. */
    public static String modulo(String className) {
        return """
                package %s;

                import dev.orderly.domain.ordering.OrderingGuarantee;
                import dev.orderly.ports.spi.OptionType;
                import dev.orderly.ports.spi.PartitionRule;
                import dev.orderly.ports.spi.PartitionRulePort;
                import dev.orderly.ports.spi.RuleOption;
                import dev.orderly.ports.spi.RuleOptions;
                import java.util.List;

                public final class %s implements PartitionRulePort {
                    static final RuleOption<String> COLUMN = RuleOption.required("column", OptionType.STRING, "the numeric column that picks the partition");
                    static final RuleOption<Long> OFFSET = RuleOption.optional("offset", OptionType.INTEGER, 0L, "added to the value first");

                    @Override
                    public String identifier() {
                        return "modulo";
                    }

                    @Override
                    public String description() {
                        return "a numeric column modulo the partition count";
                    }

                    @Override
                    public OrderingGuarantee guarantee() {
                        return OrderingGuarantee.PER_KEY;
                    }

                    @Override
                    public List<RuleOption<?>> requiredOptions() {
                        return List.of(COLUMN);
                    }

                    @Override
                    public List<RuleOption<?>> optionalOptions() {
                        return List.of(OFFSET);
                    }

                    @Override
                    public PartitionRule create(RuleOptions options) {
                        String column = options.get(COLUMN);
                        long offset = options.get(OFFSET);
                        return input -> (int) Math.floorMod(((Number) input.change().latestImage().get(column)).longValue() + offset,
                                (long) input.partitionCount());
                    }
                }
                """.formatted(packageOf(className), simpleName(className));
    }

    /**
     * {@code probe}: reports what the plugin's class loader can see. With {@code class-name} its
     * rule returns 1 when that class loads and 0 when it does not; with {@code resource}, how many
     * copies of that resource the class loader finds.
     */
    public static String probe(String className) {
        return """
                package %s;

                import dev.orderly.domain.ordering.OrderingGuarantee;
                import dev.orderly.ports.spi.OptionType;
                import dev.orderly.ports.spi.PartitionRule;
                import dev.orderly.ports.spi.PartitionRulePort;
                import dev.orderly.ports.spi.RuleOption;
                import dev.orderly.ports.spi.RuleOptions;
                import java.io.IOException;
                import java.io.UncheckedIOException;
                import java.util.Collections;
                import java.util.List;

                public final class %s implements PartitionRulePort {
                    static final RuleOption<String> CLASS_NAME = RuleOption.optional("class-name", OptionType.STRING, "", "a class to load");
                    static final RuleOption<String> RESOURCE = RuleOption.optional("resource", OptionType.STRING, "", "a resource to count");

                    @Override
                    public String identifier() {
                        return "probe";
                    }

                    @Override
                    public OrderingGuarantee guarantee() {
                        return OrderingGuarantee.TOTAL;
                    }

                    @Override
                    public List<RuleOption<?>> optionalOptions() {
                        return List.of(CLASS_NAME, RESOURCE);
                    }

                    @Override
                    public PartitionRule create(RuleOptions options) {
                        ClassLoader loader = getClass().getClassLoader();
                        String className = options.get(CLASS_NAME);
                        if (!className.isEmpty()) {
                            try {
                                Class.forName(className, false, loader);
                                return input -> 1;
                            } catch (ClassNotFoundException e) {
                                return input -> 0;
                            }
                        }
                        try {
                            int copies = Collections.list(loader.getResources(options.get(RESOURCE))).size();
                            return input -> copies;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                """.formatted(packageOf(className), simpleName(className));
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
