package org.popline.sip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Baresip;
import org.popline.sip.testkit.TestServer;

/**
 * Two real softphones through Popline: a baresip caller from a seeded number (PCMU, sending a
 * 440 Hz tone) presses 1; a baresip agent (PCMA only, auto-answer, sending 1000 Hz) takes the
 * call. Each must hear the other's tone: the bridge carries audio both ways, transcoded.
 */
class SoftphoneAgentCallTest {
    private static final Pattern ROUGH_FREQUENCY = Pattern.compile("Rough\\s+frequency:\\s+(\\d+)");

    @TempDir
    Path dir;

    @Test
    void baresipCallerAndBaresipAgentHearEachOther() throws Exception {
        Path script = dir.resolve("baresip-call.sh");
        try (var in = SoftphoneAgentCallTest.class.getResourceAsStream("/peers/baresip-call.sh")) {
            Files.copy(in, script);
        }
        Path agentTone = dir.resolve("agent-tone.wav");
        sox("-n", "-r", "8000", "-c", "1", "-b", "16", agentTone.toString(), "synth", "40", "sine", "1000", "vol", "0.5");
        Path agentHeard = dir.resolve("agent-recordings");
        Path callerHeard = dir.resolve("caller-heard.wav");
        try (TestServer popline = TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                // baresip 1.0 answers only an MD5 challenge.
                .set("sip.digest-algorithms", "md5").set("queues.support.wrap-up", "1s"));
             Baresip agent = Baresip.answering("agent1", "lab-agent1-change-me", popline.sipPort, agentTone,
                     agentHeard)) {
            awaitAgent(popline, "AVAILABLE");
            // Presses 1 two seconds in, during the greeting (type-ahead answers the menu), talks 14 s in all.
            ProcessBuilder caller = new ProcessBuilder("bash", script.toString(), "127.0.0.1:" + popline.sipPort, "1",
                    "14", callerHeard.toString());
            caller.environment().put("SIP_USER", "+14155550100");
            caller.environment().put("DTMF_DELAY", "2");
            Process p = caller.redirectErrorStream(true).redirectOutput(dir.resolve("caller.out").toFile()).start();
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "baresip caller did not finish");
            String out = Files.readString(dir.resolve("caller.out"));
            assertEquals(0, p.exitValue(), out);

            // The caller's last 5 seconds are the agent's tone; the agent heard the caller's.
            double callerSeconds = Double.parseDouble(sox(callerHeard.toString(), "-n", "stat").replaceAll(
                    "(?s).*Length \\(seconds\\):\\s+([0-9.]+).*", "$1"));
            assertEquals(1000, roughFrequency(callerHeard, callerSeconds - 6, 5), 60,
                    "the caller hears the agent: " + out);
            Path agentRecording;
            try (var files = Files.list(agentHeard)) {
                agentRecording = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst()
                        .orElseThrow(() -> new AssertionError("the agent's phone recorded nothing"));
            }
            assertEquals(440, roughFrequency(agentRecording, 2, 5), 40, "the agent hears the caller");

            awaitAgent(popline, "AVAILABLE");
            JsonNode health = Admin.get(popline, "/health");
            assertEquals(0, health.path("agentLegs").asInt(), health.toPrettyString());
            popline.assertIdle();
        }
    }

    private static int roughFrequency(Path wav, double from, double seconds) throws Exception {
        String stat = sox(wav.toString(), "-n", "trim", String.valueOf(from), String.valueOf(seconds), "stat");
        Matcher m = ROUGH_FREQUENCY.matcher(stat);
        assertTrue(m.find(), stat);
        return Integer.parseInt(m.group(1));
    }

    private static String sox(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sox"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sox hung");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void awaitAgent(TestServer popline, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode agents = Admin.get(popline, "/agents");
            last = agents.get(0).path("state").asText();
            if (last.equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("agent1 is " + last + ", not " + state);
    }
}
