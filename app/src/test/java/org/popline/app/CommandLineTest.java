package org.popline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.popline.app.config.ConfigLoader;
import org.popline.app.config.PoplineConfig;

class CommandLineTest {
    @Test
    void optionsBecomeOverridesOfTheConfigKeys() throws Exception {
        CommandLine cli = CommandLine.parse(new String[] {"--conf", ConfFolder.path().toString(),
                "--bind", "127.0.0.3", "--sip-port", "5070", "--rtp-ports", "31000-31999", "--http-port", "8181",
                "--set", "call.max-duration=10m"});
        PoplineConfig c = ConfigLoader.load(cli.confDir(), cli.overrides());
        assertEquals("127.0.0.3", c.bindAddress().getHostAddress());
        assertEquals("127.0.0.3", c.desk().bindAddress().getHostAddress(), "--bind moves the agents' page too");
        assertEquals("127.0.0.1", c.httpBindAddress().getHostAddress(), "but not the admin API");
        assertEquals(5070, c.sipPort());
        assertEquals(31000, c.rtpPortMin());
        assertEquals(31999, c.rtpPortMax());
        assertEquals(8181, c.httpPort());
        assertEquals(600, c.maxCallDuration().toSeconds());
    }

    @Test
    void defaultsToTheConfFolder() {
        assertEquals(Path.of("conf"), CommandLine.parse(new String[0]).confDir());
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
    }

    @Test
    void unknownOptionsAndMissingValuesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port", "5060"}));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--sip-port"}));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--set", "novalue"}));
    }
}
