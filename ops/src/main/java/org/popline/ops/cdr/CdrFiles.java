package org.popline.ops.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CDR files in one folder: one JSON object per line, one file per UTC day of the call's end
 * ({@code cdr-2026-12-02.jsonl}), only ever appended to. Each record is forced to the disk before
 * the next is written, so a crash loses at most the record being written, whose partial line is
 * skipped when the files are read back. Appending is for one thread only (the writer's).
 */
final class CdrFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdrFiles.class);
    private static final Pattern NAME = Pattern.compile("cdr-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
    // Unknown fields are ignored on reading, so files written by a newer version still read back.
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    // Records hold callers' numbers and names: only the user Popline runs as may read them.
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);

    private final Path folder;
    private FileChannel channel;
    private Path openFile;

    private CdrFiles(Path folder) {
        this.folder = folder;
    }

    /** Creates the folder if needed and checks that records can be written there. */
    static CdrFiles open(Path folder) throws IOException {
        if (POSIX) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        if (!Files.isWritable(folder)) {
            throw new IOException(folder + ": not writable");
        }
        return new CdrFiles(folder);
    }

    Path folder() {
        return folder;
    }

    /**
     * Appends the records, one line each, and forces them to the disk with one sync for all: at
     * hundreds of calls a second a sync per record would cost the writer most of its time.
     */
    void append(List<CallDetailRecord> records) throws IOException {
        for (CallDetailRecord record : records) {
            write(record);
        }
        // fdatasync: also writes the file size, which reading the appended lines needs.
        channel.force(false);
    }

    private void write(CallDetailRecord record) throws IOException {
        Path file = folder.resolve("cdr-" + record.endedAt().atZone(ZoneOffset.UTC).toLocalDate() + ".jsonl");
        if (!file.equals(openFile)) {
            if (channel != null) {
                channel.force(false);
            }
            close();
            boolean partialLine = endsInPartialLine(file);
            channel = POSIX
                    ? FileChannel.open(file, APPEND, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, APPEND);
            openFile = file;
            if (partialLine) {
                // What a crash left half-written stays on its own line, where reading skips it.
                write(new byte[] {'\n'});
            }
        }
        byte[] json = JSON.writeValueAsBytes(record);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        write(line);
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static boolean endsInPartialLine(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.position(in.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /**
     * The newest {@code keep} records, oldest first, read from the newest files back. A line that is
     * not a record (the partial last line of a crash) is skipped with a warning naming file and line.
     */
    List<CallDetailRecord> readNewest(int keep) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        }
        Deque<CallDetailRecord> newest = new ArrayDeque<>();
        for (Path file : files) {
            List<CallDetailRecord> records = read(file);
            for (int i = records.size() - 1; i >= 0 && newest.size() < keep; i--) {
                newest.addFirst(records.get(i));
            }
            if (newest.size() >= keep) {
                break;
            }
        }
        return List.copyOf(newest);
    }

    private static List<CallDetailRecord> read(Path file) throws IOException {
        List<CallDetailRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(JSON.readValue(line, CallDetailRecord.class));
                } catch (JsonProcessingException e) {
                    log.warn("{} line {}: not a call record, skipped (cut short by a crash?): {}", file, number,
                            e.getOriginalMessage());
                }
            }
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            openFile = null;
        }
    }
}
