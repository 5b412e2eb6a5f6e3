package org.popline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCertificateTest {
    @TempDir
    Path folder;

    private LabCertificate make(List<String> hosts) throws Exception {
        return LabCertificate.loadOrCreate(folder, "lab-test", "Popline test", hosts);
    }

    private static List<String> names(LabCertificate lab) throws Exception {
        Collection<List<?>> names = lab.certificate().getSubjectAlternativeNames();
        return names.stream().map(n -> n.get(1).toString()).collect(Collectors.toList());
    }

    @Test
    void coversLoopbackNamesAndIsReusedAcrossStarts() throws Exception {
        LabCertificate first = make(LabCertificate.LOOPBACK);
        LabCertificate second = make(LabCertificate.LOOPBACK);
        assertEquals(first.certificate(), second.certificate());
        assertTrue(names(first).contains("127.0.0.1"), names(first).toString());
        assertTrue(names(first).contains("localhost"), names(first).toString());
    }

    @Test
    void aHostTheCertificateDoesNotNameMakesANewOne() throws Exception {
        LabCertificate loopback = make(LabCertificate.LOOPBACK);
        List<String> wider = new ArrayList<>(LabCertificate.LOOPBACK);
        wider.add("127.0.0.2");
        wider.add("popline.example.lan");
        wider.add("host_with_underscore");
        LabCertificate lan = make(wider);
        assertNotEquals(loopback.certificate(), lan.certificate());
        assertTrue(names(lan).contains("127.0.0.2") && names(lan).contains("popline.example.lan"),
                names(lan).toString());
        assertFalse(names(lan).contains("host_with_underscore"), "a name no certificate can carry is left out");
        assertEquals(lan.certificate(), make(wider).certificate(), "and does not make a new one each start");
        assertEquals(lan.certificate(), make(LabCertificate.LOOPBACK).certificate(), "a subset is still covered");
    }

    @Test
    void firstUsesAtOnceAgreeOnOneCertificateAndLeaveNoPartialFiles() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<LabCertificate>> made = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                made.add(pool.submit(() -> make(LabCertificate.LOOPBACK)));
            }
            LabCertificate first = made.get(0).get(120, TimeUnit.SECONDS);
            for (Future<LabCertificate> f : made) {
                assertEquals(first.certificate(), f.get(120, TimeUnit.SECONDS).certificate());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(folder)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList());
        }
    }

    @Test
    void aNewCertificateKeepsTheNamesTheOldOneHad() throws Exception {
        LabCertificate onTwo = make(List.of("127.0.0.1", "127.0.0.2"));
        LabCertificate onThree = make(List.of("127.0.0.1", "127.0.0.3"));
        assertNotEquals(onTwo.certificate(), onThree.certificate());
        assertTrue(names(onThree).containsAll(List.of("127.0.0.2", "127.0.0.3")),
                "another process serving on 127.0.0.2 keeps working: " + names(onThree));
    }

    /** Two first starts at once from one folder (the issue: one failed renaming the .partial key store). */
    @Test
    void twoProcessesStartingAtOnceShareOneCertificate() throws Exception {
        Path tls = folder.resolve("tls");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LabCertificateProbe.class.getName(), tls.toString(),
                    "probe", "127.0.0.2").redirectErrorStream(true)
                    .redirectOutput(folder.resolve("probe" + i + ".out").toFile()).start());
        }
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = processes.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String out = Files.readString(folder.resolve("probe" + i + ".out"));
            assertEquals(0, p.exitValue(), out);
            fingerprints.add(out.lines().filter(l -> l.startsWith("fingerprint ")).findFirst()
                    .orElseThrow(() -> new AssertionError(out)));
        }
        assertEquals(fingerprints.get(0), fingerprints.get(1), "both use the one certificate on disk");
        try (var files = Files.list(tls)) {
            assertEquals(List.of("probe.lock", "probe.p12", "probe.pem"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no partial file left behind");
        }
    }

    @Test
    void pemTrustStoreHoldsOnlyTheCertificate() throws Exception {
        LabCertificate lab = make(LabCertificate.LOOPBACK);
        KeyStore fromPem = LabCertificate.trustStore(lab.pemFile());
        assertEquals(1, fromPem.size());
        String alias = fromPem.aliases().nextElement();
        assertTrue(fromPem.isCertificateEntry(alias));
        assertEquals(lab.certificate(), fromPem.getCertificate(alias));
        assertNull(lab.trustStore().getKey(alias, new char[0]));
    }
}
