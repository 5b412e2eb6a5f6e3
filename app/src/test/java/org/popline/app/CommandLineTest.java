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
        assertEquals("127.0.0.3", c.sip().bindAddress().getHostAddress());
        assertEquals("127.0.0.3", c.desk().bindAddress().getHostAddress(), "--bind moves the agents' page too");
        assertEquals("127.0.0.1", c.http().bindAddress().getHostAddress(), "but not the admin API");
        assertEquals(5070, c.sip().port());
        assertEquals(31000, c.rtp().portMin());
        assertEquals(31999, c.rtp().portMax());
        assertEquals(8181, c.http().port());
        assertEquals(600, c.call().maxDuration().toSeconds());
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
