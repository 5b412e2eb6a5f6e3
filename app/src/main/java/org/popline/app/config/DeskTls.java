package org.popline.app.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for the agents' page ({@code desk.tls.*}): a PEM certificate and key, a PKCS#12 store, or else a lab
 * certificate made on first use in {@code labFolder}.
 *
 * @param mode           on, off, or auto: on unless the page listens on a loopback address
 * @param pkcs12Password read from the variable {@code desk.tls.pkcs12-password-env} names; never printed
 */
public record DeskTls(Mode mode, Optional<Path> certificate, Optional<Path> key, Optional<Path> pkcs12,
        String pkcs12Password, Path labFolder) {

    public enum Mode { AUTO, ON, OFF }

    /** Whether the page on {@code bind} is served over TLS. */
    public boolean enabledOn(InetAddress bind) {
        return mode == Mode.ON || (mode == Mode.AUTO && !bind.isLoopbackAddress());
    }

    @Override
    public String toString() {
        return "DeskTls[mode=" + mode + ", certificate=" + certificate + ", key=" + key + ", pkcs12=" + pkcs12
                + ", labFolder=" + labFolder + "]";
    }
}
