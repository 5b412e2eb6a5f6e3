package org.popline.crm.emulator;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Run in a JVM of its own by {@link LabCertificateTest}: loads or makes the lab certificate and prints its fingerprint. */
public final class LabCertificateProbe {
    private LabCertificateProbe() {
    }

    public static void main(String[] args) throws Exception {
        LabCertificate lab = LabCertificate.loadOrCreate(Path.of(args[0]), List.of(InetAddress.getByName(args[1])));
        System.out.println("fingerprint " + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lab.certificate().getEncoded())));
    }
}
