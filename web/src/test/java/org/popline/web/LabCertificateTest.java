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
