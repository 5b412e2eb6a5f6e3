package org.popline.app;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.popline.app.config.DeskTls;
import org.popline.web.LabCertificate;
import org.popline.web.ServerCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agents' page's TLS identity from {@code desk.tls.*}: the operator's certificate, or a lab one. */
final class DeskTlsContext {
    private static final Logger log = LoggerFactory.getLogger(DeskTlsContext.class);
    static final String LAB_NAME = "agents-page";

    private DeskTlsContext() {
    }

    /** @param hosts the names the page answers to: a lab certificate names every one of them */
    static Optional<SSLContext> of(DeskTls tls, InetAddress bind, Collection<String> hosts) throws IOException {
        if (!tls.enabledOn(bind)) {
            if (!bind.isLoopbackAddress()) {
                log.warn("agents' page on {} without TLS (desk.tls.mode: off): passwords cross the network in "
                        + "clear unless a proxy in front adds TLS", bind.getHostAddress());
            }
            return Optional.empty();
        }
        if (tls.certificate().isPresent()) {
            return Optional.of(ServerCertificates.fromPem(tls.certificate().get(), tls.key().orElseThrow()));
        }
        if (tls.pkcs12().isPresent()) {
            return Optional.of(ServerCertificates.fromPkcs12(tls.pkcs12().get(), tls.pkcs12Password().toCharArray()));
        }
        LabCertificate lab = LabCertificate.loadOrCreate(tls.labFolder(), LAB_NAME, "Popline agents' page", hosts);
        log.info("agents' page over TLS with a lab certificate ({}): browsers warn until it is trusted",
                lab.pemFile());
        try {
            return Optional.of(lab.serverContext());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the lab certificate " + lab.pemFile() + ": " + e.getMessage(), e);
        }
    }
}
