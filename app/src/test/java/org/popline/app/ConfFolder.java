package org.popline.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.popline.app.config.ConfigLoader;

/** The repository's conf/ folder, found from wherever a test runs. */
public final class ConfFolder {
    private ConfFolder() {
    }

    public static Path path() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("conf").resolve(ConfigLoader.FILE_NAME))) {
                return p.resolve("conf");
            }
        }
        throw new IllegalStateException("no conf/popline.yaml above " + here);
    }
}
