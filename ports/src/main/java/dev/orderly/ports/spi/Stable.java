package dev.orderly.ports.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stable SPI type: its public signatures change only in a major release, and every change is
 * listed in docs/SPI-CHANGES.md. A plugin compiled against one minor release loads in the next.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Stable {
}
