package dev.orderly.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md §2. Each rule's reason says how to fix a failure. */
class ArchitectureTest {

    private static JavaClasses orderly;

    @BeforeAll
    static void importClasses() {
        orderly = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.orderly");
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.orderly.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.orderly.domain..", "java..")
                .because("domain is embedded in other platforms and must have no dependency; move code that needs a library into an adapter"
                        + " or the app, and pass plain values into the domain")
                .check(orderly);
    }

    @Test
    void portsDependOnTheDomainOnly() {
        classes().that().resideInAPackage("dev.orderly.ports..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.orderly.ports..", "dev.orderly.domain..", "java..")
                .because("ports describe what the application needs without naming a technology; replace a Kafka, Debezium or library type"
                        + " in a port signature with a domain or port type, and convert in the adapter")
                .check(orderly);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        for (String adapter : new String[] {"config", "debezium", "kafka"}) {
            noClasses().that().resideInAPackage("dev.orderly.adapter." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherAdapters(adapter))
                    .because("an adapter implements ports and talks to one technology; share what two adapters need through a port or the"
                            + " domain, and let app.wiring connect them")
                    .check(orderly);
        }
    }

    @Test
    void adaptersAndPluginsDoNotKnowTheApp() {
        noClasses().that().resideInAnyPackage("dev.orderly.adapter..", "dev.orderly.plugin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orderly.app..", "dev.orderly.sandbox..")
                .because("the app depends on adapters and plugins, never the other way round; move the shared type into ports or domain")
                .check(orderly);
    }

    @Test
    void onlyTheWiringKnowsConcreteAdapters() {
        noClasses().that().resideInAPackage("dev.orderly.app..").and().resideOutsideOfPackage("dev.orderly.app.wiring..")
                .should().dependOnClassesThat().resideInAPackage("dev.orderly.adapter..")
                .because("the pipeline, the command line and the demo talk to ports; get an adapter through dev.orderly.app.wiring"
                        + " (Orderly or OrderlyModule) instead of constructing it")
                .check(orderly);
    }

    @Test
    void pluginsUsePortsAndDomainOnly() {
        noClasses().that().resideInAPackage("dev.orderly.plugin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orderly.adapter..", "dev.orderly.app..")
                .because("a plugin is loaded in its own class loader that shares only ports and domain; it cannot see adapters or the app")
                .check(orderly);
    }

    @Test
    void thePipelineTalksToPortsOnly() {
        classes().that().resideInAPackage("dev.orderly.app.pipeline..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.orderly.app.pipeline..", "dev.orderly.ports..", "dev.orderly.domain..",
                        "java..", "org.slf4j..")
                .because("the pipeline use case is tested with in-memory ports; reach any technology through a port")
                .check(orderly);
    }

    private static String[] otherAdapters(String adapter) {
        return java.util.stream.Stream.of("config", "debezium", "kafka").filter(other -> !other.equals(adapter))
                .map(other -> "dev.orderly.adapter." + other + "..").toArray(String[]::new);
    }
}
