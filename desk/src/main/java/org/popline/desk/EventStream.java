package org.popline.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One page's server-sent event stream: snapshots as {@code event: state}, and a comment line
 * every {@code keepAlive} so that a page that went away is noticed and its thread freed.
 */
final class EventStream implements AgentDesks.Subscriber {
    /** A page this far behind is cut off; it reconnects and starts from a fresh snapshot. */
    private static final int BACKLOG = 64;
    /** Queued in place of the snapshot that did not fit; told apart by identity. */
    private static final Map<String, Object> OVERFLOW = new HashMap<>();

    private final BlockingQueue<Map<String, Object>> pending = new ArrayBlockingQueue<>(BACKLOG + 1);
    private final ObjectMapper json;

    EventStream(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void accept(Map<String, Object> snapshot) {
        if (pending.remainingCapacity() <= 1) {
            pending.offer(OVERFLOW);
        } else {
            pending.offer(snapshot);
        }
    }

    /**
     * Sends until the page goes away, {@code open} turns false (logout, session expired) or the
     * thread is interrupted (server stopping). {@code retryMillis} tells EventSource how soon to reconnect.
     */
    void run(HttpExchange exchange, BooleanSupplier open, Duration keepAlive, long retryMillis) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "retry: " + retryMillis + "\n\n");
            while (open.getAsBoolean()) {
                Map<String, Object> next = pending.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (next == OVERFLOW) {
                    return;
                }
                write(out, next == null ? ": keep-alive\n\n"
                        : "event: state\ndata: " + json.writeValueAsString(next) + "\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
