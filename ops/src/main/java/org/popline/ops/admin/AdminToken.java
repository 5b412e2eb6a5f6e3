package org.popline.ops.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The admin API's bearer token: from an environment variable when set, else from a file only Popline's user can
 * read, made with a fresh random token at first start. Only a digest is kept in memory and compared, in constant
 * time; the token itself is never logged.
 */
public final class AdminToken {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final byte[] digest;
    private final String source;

    private AdminToken(String token, String source) {
        this.digest = sha256(token);
        this.source = source;
    }

    /**
     * @param env      reads an environment variable (null when unset)
     * @param variable the variable that may hold the token
     * @param file     where the token is kept otherwise (created at first start, mode 0600)
     */
    public static AdminToken load(Function<String, String> env, String variable, Path file) throws IOException {
        String fromEnv = env.apply(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AdminToken(fromEnv.trim(), "environment variable " + variable);
        }
        if (!Files.exists(file)) {
            create(file);
        }
        Set<PosixFilePermission> permissions = permissions(file);
        if (permissions.stream().anyMatch(p -> !OWNER_ONLY.contains(p))) {
            throw new IOException(file + ": the admin token file may be read by other users ("
                    + PosixFilePermissions.toString(permissions) + "); chmod 600 it, or set " + variable);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
            throw new IOException(file + ": the admin token file is empty; delete it to have a new token made, or set "
                    + variable);
        }
        return new AdminToken(token, "file " + file.toAbsolutePath());
    }

    /**
     * Writes a new token into a file of its own, readable by the owner only, then links it into place: the link
     * fails if another process got there first, and then that one's token is used.
     */
    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = folder.resolve(file.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(partial);
            }
            Files.writeString(partial, newToken() + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException e) {
            // Another Popline made it first: both use that one.
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return OWNER_ONLY;
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a request's {@code Authorization} header carries this token. */
    public boolean authorises(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).trim()));
    }

    /** Where the token came from, for the start-up log: a variable's or a file's name, never the token. */
    public String source() {
        return source;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[" + source + "]";
    }
}
