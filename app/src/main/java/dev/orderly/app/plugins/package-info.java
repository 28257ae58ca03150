/**
 * Finds the extensions orderly runs with. {@link dev.orderly.app.plugins.PluginLoader} loads the
 * partition rules: the built-in ones and those of the plugin directory, each plugin in its own class
 * loader that shares only the SPI and the domain with orderly. {@link dev.orderly.app.plugins.Providers}
 * finds the record formats on orderly's class path. docs/PLUGINS.md describes both from a plugin
 * author's side.
 */
package dev.orderly.app.plugins;
