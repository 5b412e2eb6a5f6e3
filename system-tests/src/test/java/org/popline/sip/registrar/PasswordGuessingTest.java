package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Phone;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.Svcrack;
import org.popline.sip.testkit.TestServer;

/**
 * A real password guesser, SIPVicious' svcrack, against agent1 from 127.0.0.1, while agent2's phone
 * registers from 127.0.0.2. svcrack reads only the first challenge and knows only MD5 (offered
 * SHA-256 first, it crashes before its first guess), so this server offers MD5 alone: the setting
 * that lets it try. The right password is the last of 200 words: it never gets that far.
 */
class PasswordGuessingTest {
    private static final String GRACE_PASSWORD = "grace-lab-password";
    private static final int WORDS = 200;
    private static final String STRONG_PASSWORD = strongPassword();
    private static TestServer popline;

    @TempDir
    Path dir;

    private static String strongPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("sip.digest-algorithms", "md5")
                .set("agents.agent1.password", STRONG_PASSWORD).set("agents.agent2.password", GRACE_PASSWORD));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    void svcrackFindsNothingItsAddressIsLockedOutAndOtherPhonesRegisterMeanwhile() throws Exception {
        List<String> words = new ArrayList<>(List.of("agent1", "password", "123456", "admin", "popline", "secret",
                "lab-agent1-change-me"));
        while (words.size() < WORDS - 1) {
            words.add("guess" + words.size());
        }
        words.add(STRONG_PASSWORD);
        Path dictionary = Files.write(dir.resolve("dictionary.txt"), words);

        String output;
        try (Svcrack attack = Svcrack.start(popline.sipPort, "agent1", dictionary)) {
            JsonNode lockout = lockoutOf("127.0.0.1", Duration.ofSeconds(15));
            assertNotNull(lockout, "svcrack's address is locked out; svcrack still running: " + attack.isAlive());
            assertEquals(1, lockout.path("lockouts").asInt());

            try (Phone sameAddress = new Phone(popline.sipPort, "127.0.0.1", "agent2", GRACE_PASSWORD)) {
                String refused = sameAddress.register("Contact: <" + sameAddress.contact(5098) + ">");
                assertEquals(403, RawSip.status(refused), "refused at once, unchallenged and unchecked: " + refused);
            }

            long started = System.nanoTime();
            Sipp.Result grace = Sipp.scenario("register.xml").from("127.0.0.2").auth("agent2", GRACE_PASSWORD)
                    .key("user", "agent2").callId("grace-" + UUID.randomUUID())
                    .key("contact", "sip:agent2@127.0.0.2:5099").key("expires", "3600")
                    .run(popline.sipPort, Duration.ofSeconds(15));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(grace.ok(), grace.output());
            assertTrue(tookMillis < 5000, "agent2 registered in " + tookMillis + " ms during the attack");

            JsonNode later = lockoutOf("127.0.0.1", Duration.ofSeconds(5));
            assertNotNull(later);
            assertTrue(later.path("refused").asLong() > 0, "svcrack kept trying and was refused unchecked: " + later);
            assertTrue(attack.isAlive(), "svcrack is still at it (it ends by itself only on success or a crash)");
            output = attack.stop();
        }
        assertFalse(output.contains("The password for"), output);
        assertFalse(output.contains(STRONG_PASSWORD), output);
        assertEquals(0, Admin.bindings(popline, "agent1").size());
        JsonNode grace = Admin.bindings(popline, "agent2");
        assertEquals(1, grace.size());
        assertTrue(grace.get(0).path("source").asText().startsWith("127.0.0.2:"), grace.toString());
        assertEquals(1, Admin.get(popline, "/registrations").path("lockouts").size(), "only svcrack's address");
    }

    /** The lockout of that address as {@code /registrations} shows it, polled until it appears. */
    private static JsonNode lockoutOf(String address, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode l : Admin.get(popline, "/registrations").path("lockouts")) {
                if (l.path("source").asText().equals(address)) {
                    return l;
                }
            }
            Thread.sleep(200);
        }
        return null;
    }
}
