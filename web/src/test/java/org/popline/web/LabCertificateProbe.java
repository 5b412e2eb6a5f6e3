package org.popline.web;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** Run in a JVM of its own by {@link LabCertificateTest}: loads or makes a lab certificate and prints its fingerprint. */
public final class LabCertificateProbe {
    private LabCertificateProbe() {
    }

    /** @param args the folder, the file name, and one host the certificate must name */
    public static void main(String[] args) throws Exception {
        LabCertificate lab = LabCertificate.loadOrCreate(Path.of(args[0]), args[1], "Popline probe",
                List.of("127.0.0.1", args[2]));
        System.out.println("fingerprint " + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lab.certificate().getEncoded())));
    }
}
