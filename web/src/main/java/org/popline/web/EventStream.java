package org.popline.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One page's server-sent event stream: named events carrying JSON, and a comment line on every
 * {@link #keepAlive()} so that a page that went away is noticed. Written without holding a thread: each event is
 * handed to Jetty and the next one follows when it has been sent.
 */
public final class EventStream {
    /** A page this far behind is cut off; it reconnects and starts from a fresh snapshot. */
    private static final int BACKLOG = 64;

    private final Response response;
    private final Callback done;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean writing;
    private boolean closed;
    private boolean finished;
    private Runnable onClose = () -> { };

    /** @param done completes the HTTP exchange once the stream ends */
    public EventStream(Response response, Callback done, long retryMillis) {
        this.response = response;
        this.done = done;
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        send("retry: " + retryMillis + "\n\n");
    }

    /** What to run once the stream has ended, whichever way; run now if it already has. */
    public void onClose(Runnable action) {
        boolean now;
        synchronized (this) {
            onClose = action;
            now = closed;
        }
        if (now) {
            action.run();
        }
    }

    /** Sends {@code data} as JSON under the event name {@code event}. */
    public void event(String event, Object data) {
        send("event: " + event + "\ndata: " + new String(Answers.json(data), StandardCharsets.UTF_8) + "\n\n");
    }

    /**
     * Sends {@code data} as JSON under the event name {@code event} with the id {@code id}, which the browser
     * sends back as Last-Event-ID when it reconnects by itself.
     */
    public void event(String event, String id, Object data) {
        if (id.contains("\n") || id.contains("\r")) {
            throw new IllegalArgumentException("an event id is one line");
        }
        send("id: " + id + "\nevent: " + event + "\ndata: " + new String(Answers.json(data), StandardCharsets.UTF_8) + "\n\n");
    }

    public void keepAlive() {
        send(": keep-alive\n\n");
    }

    private synchronized void send(String text) {
        if (closed) {
            return;
        }
        if (pending.size() >= BACKLOG) {
            close();
            return;
        }
        pending.addLast(text);
        if (!writing) {
            writeNext();
        }
    }

    /** Called holding the lock. */
    private void writeNext() {
        String next = pending.pollFirst();
        if (next == null) {
            writing = false;
            if (closed) {
                finish(null);
            }
            return;
        }
        writing = true;
        response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)),
                Callback.from(this::written, this::failed));
    }

    private synchronized void written() {
        if (closed) {
            writing = false;
            finish(null);
        } else {
            writeNext();
        }
    }

    /** The page went away (tab closed, reload, network): nothing to do but let go. */
    private void failed(Throwable failure) {
        Runnable action;
        synchronized (this) {
            writing = false;
            action = markClosed();
            finish(failure);
        }
        action.run();
    }

    /** Ends the stream (logout, session expired, server stopping, page too far behind). */
    public void close() {
        Runnable action;
        synchronized (this) {
            action = markClosed();
            if (!writing) {
                finish(null);
            }
        }
        action.run();
    }

    private Runnable markClosed() {
        if (closed) {
            return () -> { };
        }
        closed = true;
        pending.clear();
        return onClose;
    }

    private void finish(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (failure == null) {
            response.write(true, null, done);
        } else {
            done.failed(failure);
        }
    }
}
