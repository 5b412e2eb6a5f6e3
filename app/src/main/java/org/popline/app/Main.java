package org.popline.app;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.popline.app.config.ConfigException;
import org.popline.app.config.ConfigLoader;
import org.popline.app.config.PoplineConfig;

/** Starts Popline from a configuration folder and runs until Ctrl-C (or SIGTERM), then ends calls cleanly. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("flow")) {
            System.exit(FlowCommand.run(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("popline: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (cli.help()) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        PoplineConfig config;
        try {
            config = ConfigLoader.load(cli.confDir(), cli.overrides());
        } catch (ConfigException e) {
            System.err.println("popline: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        PoplineServer server;
        try {
            server = PoplineServer.start(config);
        } catch (Exception e) {
            System.err.println("popline: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
