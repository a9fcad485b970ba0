package io.filepipe.local.upload;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of sending {@code total} bytes. On a terminal one line redrawn in place (bar, bytes,
 * per cent, rate, time left), at most ten times a second; elsewhere (a pipe, a CI log) a plain line
 * at every tenth of the way, so a log is not flooded. Safe to advance from several threads.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final LongSupplier nanoTime;
    private final long started;
    private final long base;
    private long done;
    private long lastDrawn;
    private int lastTenth;

    /**
     * @param alreadyDone bytes sent before this run (a resumed upload): counted in the per cent, not in the rate
     */
    public ProgressBar(PrintStream out, boolean terminal, long total, long alreadyDone, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastDrawn = started - REDRAW_NANOS;
        this.done = alreadyDone;
        this.base = alreadyDone;
        this.lastTenth = (int) (alreadyDone * 10 / total);
    }

    /** For the console: a terminal when {@code System.console()} is one. */
    public static ProgressBar onConsole(PrintStream out, long total, long alreadyDone) {
        return new ProgressBar(out, System.console() != null, total, alreadyDone, System::nanoTime);
    }

    public synchronized void advance(long bytes) {
        done += bytes;
        long now = nanoTime.getAsLong();
        if (terminal) {
            if (now - lastDrawn >= REDRAW_NANOS || done == total) {
                lastDrawn = now;
                out.print("\r" + render(done, now - started));
                out.flush();
            }
            return;
        }
        int tenth = (int) (done * 10 / total);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.println(render(done, now - started));
        }
    }

    /** Ends the redrawn line on a terminal so that what follows starts on a line of its own. */
    public synchronized void finish() {
        if (terminal) {
            out.print("\r" + render(done, nanoTime.getAsLong() - started) + "\n");
            out.flush();
        }
    }

    /** One line: {@code [#####-----]  50%  512.0 MiB / 1.0 GiB  64.0 MiB/s  ETA 0:08}. */
    String render(long sent, long elapsedNanos) {
        int filled = (int) (sent * WIDTH / total);
        String bar = terminal ? "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " : "";
        double seconds = elapsedNanos / 1e9;
        long sentNow = sent - base;
        String rate = seconds > 0 && sentNow > 0 ? bytes((long) (sentNow / seconds)) + "/s" : "-/s";
        String eta = seconds > 0 && sentNow > 0
                ? clock(Duration.ofSeconds((long) Math.ceil((total - sent) * seconds / sentNow))) : "-:--";
        return String.format(Locale.ROOT, "%s%3d%%  %s / %s  %s  ETA %s", bar, sent * 100 / total, bytes(sent),
                bytes(total), rate, eta);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
