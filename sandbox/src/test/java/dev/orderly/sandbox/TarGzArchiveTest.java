package dev.orderly.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzArchiveTest {

    @TempDir
    Path target;

    @Test
    void extractsFilesDirectoriesLinksAndKeepsTheExecutableBit() throws IOException {
        String longName = "share/" + "x".repeat(120) + ".txt";
        byte[] archive = new TarBuilder()
                .directory("bin/", 0755)
                .file("bin/server", 0755, "#!/bin/sh\n")
                .file("lib/libthing.so.1", 0644, "library")
                .symbolicLink("bin/libthing.so.1", "../lib/libthing.so.1")
                .longName(longName)
                .file(longName.substring(0, 99), 0644, "long")
                .build();

        TarGzArchive.extract(new ByteArrayInputStream(archive), target);

        assertThat(target.resolve("bin/server")).hasContent("#!/bin/sh").isExecutable();
        assertThat(target.resolve("lib/libthing.so.1")).hasContent("library");
        assertThat(Files.isExecutable(target.resolve("lib/libthing.so.1"))).isFalse();
        assertThat(Files.isSymbolicLink(target.resolve("bin/libthing.so.1"))).isTrue();
        assertThat(target.resolve("bin/libthing.so.1")).hasContent("library");
        assertThat(target.resolve(longName)).hasContent("long");
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        byte[] archive = new TarBuilder().file("../escaped", 0644, "no").build();

        assertThatThrownBy(() -> TarGzArchive.extract(new ByteArrayInputStream(archive), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'../escaped'");
        assertThat(target.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesLinksOutsideTheTarget() throws IOException {
        byte[] archive = new TarBuilder().symbolicLink("lib/passwd", "../../etc/passwd").build();

        assertThatThrownBy(() -> TarGzArchive.extract(new ByteArrayInputStream(archive), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'../../etc/passwd'");
    }

    @Test
    void reportsATruncatedArchive() throws IOException {
        byte[] whole = new TarBuilder().file("data", 0644, "x".repeat(2000)).build();
        byte[] truncated = gzip(Arrays.copyOf(gunzip(whole), 1024));

        assertThatThrownBy(() -> TarGzArchive.extract(new ByteArrayInputStream(truncated), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Truncated");
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        return new java.util.zip.GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Writes just enough of the ustar format for these tests. */
    private static final class TarBuilder {

        private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

        TarBuilder directory(String name, int mode) {
            return entry(name, mode, '5', "", new byte[0]);
        }

        TarBuilder file(String name, int mode, String content) {
            return entry(name, mode, '0', "", content.getBytes(StandardCharsets.UTF_8));
        }

        TarBuilder symbolicLink(String name, String linkTarget) {
            return entry(name, 0777, '2', linkTarget, new byte[0]);
        }

        /** A GNU long-name entry that names the entry after it. */
        TarBuilder longName(String name) {
            return entry("././@LongLink", 0644, 'L', "", (name + "\0").getBytes(StandardCharsets.UTF_8));
        }

        byte[] build() throws IOException {
            tar.writeBytes(new byte[1024]);
            return gzip(tar.toByteArray());
        }

        private TarBuilder entry(String name, int mode, char type, String linkName, byte[] content) {
            byte[] header = new byte[512];
            put(header, 0, 100, name);
            put(header, 100, 8, String.format("%07o", mode));
            put(header, 124, 12, String.format("%011o", content.length));
            header[156] = (byte) type;
            put(header, 157, 100, linkName);
            put(header, 257, 6, "ustar");
            Arrays.fill(header, 148, 156, (byte) ' ');
            int checksum = 0;
            for (byte b : header) {
                checksum += b & 0xff;
            }
            put(header, 148, 8, String.format("%06o", checksum));
            tar.writeBytes(header);
            tar.writeBytes(content);
            tar.writeBytes(new byte[(512 - content.length % 512) % 512]);
            return this;
        }

        private static void put(byte[] header, int offset, int length, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
        }
    }
}
