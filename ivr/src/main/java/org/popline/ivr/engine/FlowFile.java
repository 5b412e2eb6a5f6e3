package org.popline.ivr.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow file in service, reloaded when its text changes. A changed file is validated completely
 * before it replaces the version in service; a broken one is logged and ignored, so the previous
 * version keeps answering calls. Calls already running keep the version they started with.
 */
public final class FlowFile implements Supplier<LoadedFlow> {
    private static final Logger log = LoggerFactory.getLogger(FlowFile.class);

    private final Path file;
    private final FlowLoader loader;
    private final DeploymentCheck deployment;
    private volatile LoadedFlow current;
    private volatile String rejectedVersion;

    private FlowFile(Path file, FlowLoader loader, DeploymentCheck deployment) {
        this.file = file;
        this.loader = loader;
        this.deployment = deployment;
    }

    /**
     * Loads the file for the first time.
     *
     * @throws FlowException naming file, activity and key of every problem, so start-up can stop
     */
    public static FlowFile open(Path file, FlowLoader loader, DeploymentCheck deployment) throws FlowException {
        FlowFile flowFile = new FlowFile(file, loader, deployment);
        String text = flowFile.read();
        flowFile.current = flowFile.load(text);
        log.info("flow '{}' version {} loaded from {}", flowFile.current.flow().name(), flowFile.current.version(), file);
        return flowFile;
    }

    @Override
    public LoadedFlow get() {
        return current;
    }

    /** The version of the file's text that was last rejected, while that text is still the file's. */
    public Optional<String> rejectedVersion() {
        return Optional.ofNullable(rejectedVersion);
    }

    /**
     * Reloads if the file's text changed since the version in service.
     *
     * @return true if a new version went into service
     */
    public synchronized boolean reloadIfChanged() {
        String text;
        try {
            text = read();
        } catch (FlowException e) {
            logRejected("unreadable", e);
            return false;
        }
        String version = version(text);
        if (version.equals(current.version()) || version.equals(rejectedVersion)) {
            return false;
        }
        try {
            LoadedFlow next = load(text);
            String previous = current.version();
            current = next;
            rejectedVersion = null;
            log.info("flow '{}' reloaded from {}: version {} replaces {} for new calls",
                    next.flow().name(), file, next.version(), previous);
            return true;
        } catch (FlowException e) {
            rejectedVersion = version;
            logRejected(version, e);
            return false;
        }
    }

    private void logRejected(String version, FlowException e) {
        log.error("flow file {} (version {}) rejected, version {} stays in service:\n{}", file, version,
                current.version(), e.getMessage());
    }

    private String read() throws FlowException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FlowException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    private LoadedFlow load(String text) throws FlowException {
        Flow flow = loader.parse(file.toString(), text);
        List<String> problems = new ArrayList<>(deployment.problems(file.toString(), flow));
        if (!problems.isEmpty()) {
            throw new FlowException(problems.stream().sorted().toList());
        }
        return LoadedFlow.of(flow, version(text));
    }

    private static String version(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
