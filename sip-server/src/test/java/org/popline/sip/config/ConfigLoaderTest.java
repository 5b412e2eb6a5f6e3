package org.popline.sip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.sip.testkit.TestServer;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    /** A configuration folder of one's own still holds the default files the keys refer to. */
    @org.junit.jupiter.api.BeforeEach
    void copyDefaultFiles() throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        Files.copy(TestServer.confDir().resolve("audio/hold-music.wav"), dir.resolve("audio/hold-music.wav"));
        Files.copy(TestServer.confDir().resolve("crm-seed.json"), dir.resolve("crm-seed.json"));
        Files.createDirectories(dir.resolve("flows"));
        Files.copy(TestServer.confDir().resolve("flows/ms-dynamics.yaml"), dir.resolve("flows/ms-dynamics.yaml"));
    }

    private ConfigException failure(String yaml) throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides()));
    }

    @Test
    void theShippedConfigurationLoads() throws Exception {
        PoplineConfig c = ConfigLoader.load(TestServer.confDir(), new Overrides());
        assertEquals(5060, c.sipPort());
        assertEquals("127.0.0.1", c.bindAddress().getHostAddress());
        assertEquals(20000, c.rtpPortMin());
        assertEquals(29999, c.rtpPortMax());
        assertEquals(8080, c.httpPort());
        assertTrue(c.udp() && c.tcp());
        assertEquals(Duration.ofHours(1), c.maxCallDuration());
        assertEquals(TestServer.confDir().resolve("flows/ms-dynamics.yaml"), c.flowFile());
    }

    @Test
    void overridesWinOverTheFile() throws Exception {
        PoplineConfig c = ConfigLoader.load(TestServer.confDir(), new Overrides()
                .set("sip.port", "5080").set("rtp.ports", "30000-30099").set("http.port", "0")
                .set("sip.bind-address", "127.0.0.2"));
        assertEquals(5080, c.sipPort());
        assertEquals(30000, c.rtpPortMin());
        assertEquals(30099, c.rtpPortMax());
        assertEquals(0, c.httpPort());
        assertEquals("127.0.0.2", c.advertisedAddress());
    }

    @Test
    void messagesNameFileKeyAndProblem() throws Exception {
        ConfigException e = failure("sip:\n  port: 70000\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.port: 70000 is out of range 1-65535"), e.getMessage());

        e = failure("sip:\n  prot: 5060\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: sip.prot: unknown key"), e.getMessage());

        e = failure("rtp:\n  ports: 20001-20001\n");
        assertTrue(e.getMessage().contains("rtp.ports: '20001-20001' holds no even port"), e.getMessage());

        e = failure("call:\n  max-duration: soon\n");
        assertTrue(e.getMessage().contains("call.max-duration: 'soon' is not a duration"), e.getMessage());

        e = failure("sip:\n  bind-address: 0.0.0.0\n");
        assertTrue(e.getMessage().contains("sip.advertised-address: required"), e.getMessage());

        e = failure("sip:\n  transports: [udp, sctp]\n");
        assertTrue(e.getMessage().contains("sip.transports: unknown transport 'sctp'"), e.getMessage());

        e = failure("call:\n  flow: flows/nowhere.yaml\n");
        assertTrue(e.getMessage().contains("call.flow: ") && e.getMessage().contains("nowhere.yaml: file not found"),
                e.getMessage());

        e = failure("sip: [\n");
        assertTrue(e.getMessage().contains("popline.yaml: not valid YAML"), e.getMessage());
    }

    @Test
    void musicIsCheckedAtStartNotMidCall() throws Exception {
        ConfigException e = failure("call:\n  music: nowhere.wav\n");
        assertTrue(e.getMessage().contains("call.music: ") && e.getMessage().contains("nowhere.wav: file not found"),
                e.getMessage());

        javax.sound.sampled.AudioFormat cd = new javax.sound.sampled.AudioFormat(44100, 16, 2, true, false);
        try (var in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(new byte[4 * 4410]),
                cd, 4410)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE,
                    dir.resolve("cd.wav").toFile());
        }
        e = failure("call:\n  music: cd.wav\n");
        assertTrue(e.getMessage().contains("popline.yaml: call.music: ") && e.getMessage().contains("44100 Hz"),
                e.getMessage());
    }

    @Test
    void aRealOrgNeedsItsAddressAndIdentityButNeverTheSecret() throws Exception {
        ConfigException e = failure("crm:\n  mode: dataverse\n  tenant: t\n  client-id: c\n");
        assertTrue(e.getMessage().contains("crm.org-url: required when crm.mode is dataverse"), e.getMessage());

        e = failure("crm:\n  mode: dataverse\n  org-url: http://x.crm.dynamics.com\n  tenant: t\n  client-id: c\n");
        assertTrue(e.getMessage().contains("crm.org-url: 'http://x.crm.dynamics.com' is not an https:// URL"),
                e.getMessage());

        e = failure("crm:\n  secret-env: s3cr3t-value!\n");
        assertTrue(e.getMessage().contains("crm.secret-env: 's3cr3t-value!' is not an environment variable name"),
                e.getMessage());

        Files.writeString(dir.resolve("popline.yaml"), "crm:\n  mode: dataverse\n  org-url: https://x.crm4.dynamics.com"
                + "\n  tenant: t\n  client-id: c\n  default-region: DE\n");
        CrmConfig crm = ConfigLoader.load(dir, new Overrides()).crm();
        assertTrue(!crm.emulated(), "dataverse mode");
        assertEquals("POPLINE_CRM_SECRET", crm.secretVariable());
        assertEquals("DE", crm.defaultRegion());
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides()));
        assertTrue(e.getMessage().contains("popline.yaml: file not found"), e.getMessage());
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides());
        assertEquals(5060, c.sipPort());
    }
}
