package io.beacon.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A content tree as text, by path relative to the content folder ({@code sms/en.yml}), read from a folder or given
 * whole (a proposal checked through {@code POST /api/templates/check}). Loading from this, never from the folder
 * itself, is what makes a check and a load judge the same thing.
 */
public final class ContentFiles {

    private final Map<String, String> files;

    private ContentFiles(Map<String, String> files) {
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** @param files path relative to the content folder ({@code /}-separated) to text */
    public static ContentFiles of(Map<String, String> files) {
        var normalised = new TreeMap<String, String>();
        files.forEach((path, text) -> normalised.put(normalise(path), text == null ? "" : text));
        return new ContentFiles(normalised);
    }

    /** Every regular file below the folder (hidden ones left out), as UTF-8. */
    public static ContentFiles read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new UncheckedIOException(new IOException("content folder " + directory.toAbsolutePath().normalize()
                    + " does not exist (beacon.content.directory, BEACON_CONTENT_DIR)"));
        }
        var files = new TreeMap<String, String>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> !hidden(directory, p)).toList()) {
                files.put(relative(directory, file), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("content folder " + directory + " cannot be read: " + e.getMessage(), e);
        }
        return new ContentFiles(files);
    }

    /** Whether a channel reads this file: offers, steps, product names and the channel's own folder. */
    public static boolean readBy(Channel channel, String path) {
        String p = normalise(path);
        return p.equals("offers.yml") || p.equals("steps.yml") || p.startsWith("products/") || p.startsWith(channel.id() + "/");
    }

    /** For {@link io.beacon.platform.FolderWatch}: the files of the folder this channel reads. */
    public static boolean readBy(Channel channel, Path directory, Path file) {
        return !hidden(directory, file) && readBy(channel, relative(directory, file));
    }

    /** Only the files this channel reads. */
    public ContentFiles forChannel(Channel channel) {
        var selected = new TreeMap<String, String>();
        files.forEach((path, text) -> {
            if (readBy(channel, path)) {
                selected.put(path, text);
            }
        });
        return new ContentFiles(selected);
    }

    public Optional<String> text(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public Map<String, String> all() {
        return files;
    }

    /** A digest of the names and bytes of these files, in name order: the content version. */
    public String version() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, text) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean hidden(Path directory, Path file) {
        for (Path part : directory.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }

    private static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.startsWith("./") ? 2 : 1);
        }
        if (p.startsWith("content/")) {
            p = p.substring("content/".length());
        }
        return p;
    }
}
