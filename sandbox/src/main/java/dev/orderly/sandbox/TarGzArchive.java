package dev.orderly.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Extracts a gzip-compressed tar archive (ustar or GNU format) into a directory, keeping permission
 * bits (so executables stay executable) and symbolic links. Handles regular files, directories,
 * symbolic and hard links and GNU long names; skips pax headers. Refuses entries and links that would
 * land outside the target directory.
 */
final class TarGzArchive {

    private static final int BLOCK = 512;

    private TarGzArchive() {
    }

    /** Extracts {@code archive} (not closed here) into the existing directory {@code target}. */
    static void extract(InputStream archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        InputStream tar = new GZIPInputStream(archive, 64 * 1024);
        byte[] header = new byte[BLOCK];
        String longName = null;
        String longLinkName = null;
        while (readBlock(tar, header)) {
            if (isZeroBlock(header)) {
                return;
            }
            char type = (char) header[156];
            long size = parseOctal(header, 124, 12);
            if (type == 'L' || type == 'K') {
                String value = readText(tar, size);
                if (type == 'L') {
                    longName = value;
                } else {
                    longLinkName = value;
                }
                continue;
            }
            if (type == 'x' || type == 'g') {
                skip(tar, padded(size));
                continue;
            }
            String name = longName != null ? longName : entryName(header);
            String linkName = longLinkName != null ? longLinkName : text(header, 157, 100);
            longName = null;
            longLinkName = null;
            Path path = inside(root, name);
            int mode = (int) parseOctal(header, 100, 8);
            switch (type) {
                case '5' -> {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(mode | 0700));
                }
                case '2' -> {
                    Files.createDirectories(path.getParent());
                    Path linkTarget = path.getParent().resolve(linkName).normalize();
                    if (Path.of(linkName).isAbsolute() || !linkTarget.startsWith(root)) {
                        throw new IOException("Symbolic link " + quote(name) + " -> " + quote(linkName)
                                + " points outside " + root);
                    }
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(linkName));
                }
                case '1' -> {
                    Files.createDirectories(path.getParent());
                    Files.deleteIfExists(path);
                    Files.createLink(path, inside(root, linkName));
                }
                case '0', '\0', '7' -> {
                    Files.createDirectories(path.getParent());
                    try (OutputStream out = Files.newOutputStream(path)) {
                        copy(tar, out, size);
                    }
                    skip(tar, padded(size) - size);
                    Files.setPosixFilePermissions(path, permissions(mode));
                }
                default -> skip(tar, padded(size)); // devices, fifos: nothing a server distribution needs
            }
        }
    }

    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("Archive entry " + quote(name) + " points outside " + root);
        }
        return path;
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static String readText(InputStream in, long size) throws IOException {
        if (size > 64 * 1024) {
            throw new IOException("Implausible long-name entry of " + size + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy(in, bytes, size);
        skip(in, padded(size) - size);
        String value = bytes.toString(StandardCharsets.UTF_8);
        int nul = value.indexOf('\0');
        return nul >= 0 ? value.substring(0, nul) : value;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long value = 0; // GNU base-256 for large numbers
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String digits = text(header, offset, length).trim();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("Corrupt tar header: number field " + quote(digits) + " is not octal", e);
        }
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new IOException("Truncated tar archive: header block has " + read + " of " + BLOCK + " bytes");
        }
        return true;
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("Truncated tar archive: " + remaining + " bytes of an entry missing");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static void skip(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }
}
