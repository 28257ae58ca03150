package dev.orderly.plugin.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderly.ports.spi.PartitionRule;
import dev.orderly.ports.spi.PartitionRulePort;
import dev.orderly.ports.spi.RuleOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The built JAR (failsafe runs after package) as the host sees it in its plugin directory. */
class DropInJarIT {

    private static final Path JAR = Path.of(System.getProperty("dropInJar", "target/missing-dropInJar-property.jar"));

    @Test
    void holdsOnlyThisPluginsClassesAndItsServiceEntry() throws IOException {
        assertThat(JAR).as("the drop-in JAR; build it with mvn package").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> files = jar.stream().filter(entry -> !entry.isDirectory()).map(JarEntry::getName).toList();

            assertThat(files).allSatisfy(name -> assertThat(name).matches("dev/orderly/plugin/tenant/[A-Za-z0-9$-]+\\.class|META-INF/.*"));
            assertThat(files).contains("dev/orderly/plugin/tenant/TenantRule.class", "dev/orderly/plugin/tenant/TenantPlacement.class",
                    "dev/orderly/plugin/tenant/TenantFallback.class");
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/dev.orderly.ports.spi.PartitionRulePort")).readAllBytes(),
                    StandardCharsets.UTF_8).strip()).isEqualTo("dev.orderly.plugin.tenant.TenantRule");
        }
    }

    @Test
    void loadsInAClassLoaderThatSharesOnlyPortsAndDomain() throws IOException {
        try (URLClassLoader plugin = new URLClassLoader("tenant-rule", new URL[] {JAR.toUri().toURL()},
                new SharedApiClassLoader(DropInJarIT.class.getClassLoader()))) {
            List<PartitionRulePort> found = ServiceLoader.load(PartitionRulePort.class, plugin).stream().map(ServiceLoader.Provider::get).toList();

            assertThat(found).singleElement().satisfies(factory -> {
                assertThat(factory.identifier()).isEqualTo("tenant");
                assertThat(factory.getClass().getClassLoader()).isSameAs(plugin);
                PartitionRule rule = factory.create(RuleOptions.validate(factory,
                        Map.of("column", "tenant_id", "map", Map.of("acme", "4"), "fallback", "tenant-hash")));
                assertThat(rule.partition(TestingChanges.insert(1, "acme", 8))).isEqualTo(4);
                assertThat(rule.partition(TestingChanges.insert(1, "globex", 8))).isEqualTo(3);
            });
        }
    }
}
