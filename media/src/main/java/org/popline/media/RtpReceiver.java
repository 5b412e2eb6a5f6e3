package org.popline.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads inbound RTP of every session, through a selector.
 * Registration and closing of channels are handed to this thread, because a channel
 * registered with a selector is only really closed (its port freed) once the
 * selector thread has dropped it.
 */
final class RtpReceiver implements AutoCloseable {

    /** Gets each datagram; runs on the receive thread and must not block. */
    interface Handler {
        void onDatagram(ByteBuffer datagram, SocketAddress source);
    }

    private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams read from one channel per wake-up, so one flooded port cannot starve the rest. */
    private static final int MAX_READS_PER_KEY = 32;

    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long handlerFailures;

    RtpReceiver() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector", e);
        }
        this.thread = new Thread(this::run, "media-receive");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void register(DatagramChannel channel, Handler handler) {
        submit(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, handler);
            } catch (IOException e) {
                log.warn("Cannot watch RTP channel {}", channel, e);
            }
        });
    }

    /**
     * Closes the channels on the receive thread and then runs {@code whenFreed} there, once their
     * ports are free again; returns at once, so that no SIP thread waits for this one. Datagrams
     * may still reach the channels' handlers until then.
     */
    void close(Runnable whenFreed, DatagramChannel... channels) {
        Runnable closeAll = () -> {
            closeNow(channels);
            whenFreed.run();
        };
        if (Thread.currentThread() == thread || !running) {
            closeAll.run();
        } else {
            submit(closeAll);
            // Stopped in the meantime: its last look at the tasks may have come before this one.
            if (!running) {
                runTasks();
            }
        }
    }

    private void closeNow(DatagramChannel... channels) {
        try {
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            if (selector.isOpen()) {
                // Flushes the cancelled keys, which is what releases the sockets.
                selector.selectNow();
            }
        } catch (IOException | ClosedSelectorException e) {
            log.debug("Closing RTP channels", e);
        }
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        while (running) {
            try {
                selector.select();
                runTasks();
                readSelected();
            } catch (IOException | ClosedSelectorException e) {
                if (running) {
                    log.error("RTP receive loop failed; stopping", e);
                }
                return;
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void readSelected() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
                drain(key);
            }
        }
    }

    private void drain(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        Handler handler = (Handler) key.attachment();
        for (int i = 0; i < MAX_READS_PER_KEY; i++) {
            buffer.clear();
            SocketAddress source;
            try {
                source = channel.receive(buffer);
            } catch (IOException e) {
                log.debug("RTP receive on {} failed", channel, e);
                return;
            }
            if (source == null) {
                return;
            }
            buffer.flip();
            try {
                handler.onDatagram(buffer, source);
            } catch (RuntimeException e) {
                long failures = ++handlerFailures;
                // Whoever can make a datagram throw can send millions: the 1st, 2nd, 4th, 8th... are logged.
                if (Long.bitCount(failures) == 1) {
                    log.error("RTP handler failed for a datagram from {} ({} so far)", source, failures, e);
                }
            }
        }
    }

    /** Datagrams whose handling threw: each is a bug in reading what a peer sent. */
    long handlerFailures() {
        return handlerFailures;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runTasks();
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("Closing selector", e);
        }
    }
}
