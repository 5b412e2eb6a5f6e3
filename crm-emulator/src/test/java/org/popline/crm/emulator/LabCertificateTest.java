package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCertificateTest {

    @Test
    void coversLoopbackNamesAndIsReusedAcrossStarts() throws Exception {
        LabCertificate first = LabCertificate.loadOrCreate(EmulatorFixture.TLS);
        LabCertificate second = LabCertificate.loadOrCreate(EmulatorFixture.TLS);
        assertEquals(first.certificate(), second.certificate());
        Collection<List<?>> names = first.certificate().getSubjectAlternativeNames();
        List<String> values = names.stream().map(n -> n.get(1).toString()).collect(Collectors.toList());
        assertTrue(values.contains("127.0.0.1"), values.toString());
        assertTrue(values.contains("localhost"), values.toString());
    }

    @Test
    void namesTheAddressItIsServedOnAndKeepsTheOnesItNamedBefore(@TempDir Path folder) throws Exception {
        InetAddress two = InetAddress.getByName("127.0.0.2");
        InetAddress three = InetAddress.getByName("127.0.0.3");
        LabCertificate plain = LabCertificate.loadOrCreate(folder);
        assertFalse(plain.ipAddresses().contains(two), plain.ipAddresses().toString());

        LabCertificate onTwo = LabCertificate.loadOrCreate(folder, List.of(two));
        assertTrue(onTwo.ipAddresses().containsAll(List.of(InetAddress.getByName("127.0.0.1"), two)),
                onTwo.ipAddresses().toString());
        assertEquals(onTwo.certificate(), LabCertificate.loadOrCreate(folder, List.of(two)).certificate(),
                "a certificate that already names the address is reused");
        assertEquals(onTwo.certificate(), LabCertificate.loadOrCreate(folder, List.of(InetAddress.getByName("0.0.0.0")))
                .certificate(), "a wildcard bind is reached on loopback, which it names");

        LabCertificate onThree = LabCertificate.loadOrCreate(folder, List.of(three));
        assertTrue(onThree.ipAddresses().containsAll(List.of(two, three)), onThree.ipAddresses().toString());
    }

    /** Two first starts at once from one folder (the issue: one failed renaming the .partial key store). */
    @Test
    void twoProcessesStartingAtOnceShareOneCertificate(@TempDir Path folder) throws Exception {
        Path tls = folder.resolve("tls");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LabCertificateProbe.class.getName(), tls.toString(),
                    "127.0.0.2").redirectErrorStream(true).redirectOutput(folder.resolve("probe" + i + ".out").toFile())
                    .start());
        }
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String out = Files.readString(folder.resolve("probe" + i + ".out"));
            assertEquals(0, p.exitValue(), out);
            fingerprints.add(out.lines().filter(l -> l.startsWith("fingerprint ")).findFirst().orElseThrow(() ->
                    new AssertionError(out)));
        }
        assertEquals(fingerprints.get(0), fingerprints.get(1), "both use the one certificate on disk");
        try (var files = Files.list(tls)) {
            List<String> left = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of(LabCertificate.LOCK_FILE, LabCertificate.KEY_STORE_FILE, LabCertificate.PEM_FILE),
                    left, "no partial file left behind");
        }
    }

    @Test
    void pemTrustStoreHoldsOnlyTheCertificate() throws Exception {
        LabCertificate lab = LabCertificate.loadOrCreate(EmulatorFixture.TLS);
        KeyStore fromPem = LabCertificate.trustStore(lab.pemFile());
        assertEquals(1, fromPem.size());
        String alias = fromPem.aliases().nextElement();
        assertTrue(fromPem.isCertificateEntry(alias));
        assertEquals(lab.certificate(), fromPem.getCertificate(alias));
        assertNull(lab.trustStore().getKey(alias, new char[0]));
    }
}
