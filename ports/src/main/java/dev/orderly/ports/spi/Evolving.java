package dev.orderly.ports.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An SPI type that may still change in a minor release; every change is listed in
 * docs/SPI-CHANGES.md. Plugins that use it may need a rebuild on upgrade.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Evolving {
}
