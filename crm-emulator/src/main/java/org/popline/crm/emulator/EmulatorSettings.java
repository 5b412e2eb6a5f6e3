package org.popline.crm.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start an emulator. Port 0 picks a free port. Without a seed file the tables start empty.
 * {@code toString} leaves the client secret out.
 */
public final class EmulatorSettings {

    private final String bindAddress;
    private final int port;
    private final Path tlsFolder;
    private final Path seedFile;
    private final String tenant;
    private final String clientId;
    private final String clientSecret;
    private final Duration tokenLifetime;

    private EmulatorSettings(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.tlsFolder = Objects.requireNonNull(b.tlsFolder, "tlsFolder");
        this.seedFile = b.seedFile;
        this.tenant = b.tenant.toLowerCase();
        this.clientId = Objects.requireNonNull(b.clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(b.clientSecret, "clientSecret");
        this.tokenLifetime = b.tokenLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public Path tlsFolder() {
        return tlsFolder;
    }

    /** Null when the emulator starts with empty tables. */
    public Path seedFile() {
        return seedFile;
    }

    /** Lower-cased, because MSAL4J lower-cases the authority it calls. */
    public String tenant() {
        return tenant;
    }

    public String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    @Override
    public String toString() {
        return "EmulatorSettings[" + bindAddress + ":" + port + ", tls=" + tlsFolder + ", seed=" + seedFile
                + ", tenant=" + tenant + ", clientId=" + clientId + ", tokenLifetime=" + tokenLifetime + "]";
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private Path tlsFolder;
        private Path seedFile;
        private String tenant = "popline-lab";
        private String clientId;
        private String clientSecret;
        // Entra's usual lifetime; MSAL4J only caches tokens that live longer than 300 s.
        private Duration tokenLifetime = Duration.ofSeconds(3599);

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder tlsFolder(Path tlsFolder) {
            this.tlsFolder = tlsFolder;
            return this;
        }

        public Builder seedFile(Path seedFile) {
            this.seedFile = seedFile;
            return this;
        }

        public Builder tenant(String tenant) {
            if (tenant == null || !tenant.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("tenant must be a single path segment, was " + tenant);
            }
            this.tenant = tenant;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder tokenLifetime(Duration tokenLifetime) {
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
            this.tokenLifetime = tokenLifetime;
            return this;
        }

        public EmulatorSettings build() {
            return new EmulatorSettings(this);
        }
    }
}
