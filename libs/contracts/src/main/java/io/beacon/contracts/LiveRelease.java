package io.beacon.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of everything marketing ops change without a release of Beacon: the files under {@code rules/},
 * {@code workflows/} and {@code content/}, whole (not a difference), on {@link Topics#RELEASES} keyed {@link #KEY}.
 * The console publishes a new one when a proposal is approved (four eyes), a rollback is made, or, in development
 * mode only, a file is edited; every service that loads one of the folders follows it (ADR 0029).
 *
 * @param number   1, 2, 3, ... in the order they went live; a rollback is a new number with the old files
 * @param kind     how it came to be live
 * @param hash     {@link #hash(Map)} of the files: the same files, the same hash, whatever the number
 * @param files    path below the repository root ({@code rules/triggers/salary.drl}) to its text
 * @param author   who proposed it (the proposal's author; "files" for a development-mode edit)
 * @param approver who approved it (never the author), or who rolled back
 * @param proposal the proposal it came from, or null
 * @param restores for a rollback, the number whose files it brings back; else null
 */
public record LiveRelease(long number, Kind kind, String hash, Map<String, String> files, String author, String approver,
                          Instant at, String proposal, Long restores) {

    public static final String KEY = "live";
    public static final String TYPE = "beacon.release.live";
    /** The folders a release holds, each a top-level folder of the repository. */
    public static final java.util.List<String> AREAS = java.util.List.of("rules", "workflows", "content");

    public enum Kind {
        /** The folders as a new installation found them, published once when the topic had no release. */
        SEED,
        /** A file edited in development mode (no proposal, no approval: the embedded suite's hot reload). */
        DIRECT,
        /** An approved proposal. */
        PROPOSAL,
        /** The files of an earlier release brought back. */
        ROLLBACK
    }

    public LiveRelease {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** The files of one area ({@code rules}), with paths relative to it ({@code triggers/salary.drl}). */
    public Map<String, String> area(String area) {
        return area(files, area);
    }

    public static Map<String, String> area(Map<String, String> files, String area) {
        var prefix = area + "/";
        var result = new TreeMap<String, String>();
        files.forEach((path, text) -> {
            if (path.startsWith(prefix)) {
                result.put(path.substring(prefix.length()), text);
            }
        });
        return result;
    }

    /** SHA-256 over the paths and texts in path order: what says two releases hold the same files. */
    public static String hash(Map<String, String> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        new TreeMap<>(files).forEach((path, text) -> {
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
