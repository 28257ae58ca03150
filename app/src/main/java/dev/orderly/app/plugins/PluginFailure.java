package dev.orderly.app.plugins;

import java.util.ArrayList;
import java.util.List;

/** Describes what a plugin threw, for a loading error that must say why without a stack trace. */
final class PluginFailure {

    static final String BUNDLE_HINT = "a plugin sees only the JDK and the packages " + SharedPackagesClassLoader.SHARED_PACKAGES.stream()
            .map(prefix -> prefix.substring(0, prefix.length() - 1)).toList()
            + "; bundle every other library it needs in the plugin (a JAR with its dependencies inside, or a plugin subdirectory that holds them)";

    private PluginFailure() {
    }

    /**
     * The failure and its causes, outermost first ({@code X: message; caused by Y: message}), then a
     * hint when a class could not be found, which in a plugin almost always means a library it did
     * not bundle.
     */
    static String describe(Throwable failure) {
        List<String> chain = new ArrayList<>();
        boolean classMissing = false;
        for (Throwable cause = failure; cause != null && chain.size() < 5; cause = cause.getCause() == cause ? null : cause.getCause()) {
            chain.add(cause.toString());
            classMissing |= cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError;
        }
        return String.join("; caused by ", chain) + (classMissing ? ". Note: " + BUNDLE_HINT : "");
    }
}
