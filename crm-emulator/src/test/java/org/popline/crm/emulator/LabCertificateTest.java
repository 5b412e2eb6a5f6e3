package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
