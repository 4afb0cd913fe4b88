package org.ecarehub.shared.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.ecarehub.shared.LogRedactor;

/**
 * The hub's one log encoder, as text or as one JSON object a line; every message and exception text passes
 * {@link LogRedactor} on the way out, whichever format is chosen.
 */
public final class EcareLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private boolean json;

    /** {@code json} for JSON lines; anything else for text. */
    public void setFormat(String format) {
        this.json = "json".equalsIgnoreCase(format == null ? "" : format.strip());
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = json ? json(event) : text(event);
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append(' ')
                .append(String.format("%-5s", event.getLevel()))
                .append(" [")
                .append(event.getThreadName())
                .append("] ")
                .append(shortLogger(event.getLoggerName()))
                .append(" - ")
                .append(LogRedactor.redact(event.getFormattedMessage()))
                .append('\n');
        for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
            line.append(proxy == event.getThrowableProxy() ? "" : "Caused by: ")
                    .append(proxy.getClassName())
                    .append(": ")
                    .append(LogRedactor.redact(proxy.getMessage()))
                    .append('\n');
            for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
                line.append("\tat ").append(frame.getStackTraceElement()).append('\n');
            }
        }
        return line.toString();
    }

    private static String json(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(200);
        line.append("{\"time\":");
        quote(line, TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
        line.append(",\"level\":");
        quote(line, event.getLevel().toString());
        line.append(",\"thread\":");
        quote(line, event.getThreadName());
        line.append(",\"logger\":");
        quote(line, event.getLoggerName());
        line.append(",\"message\":");
        quote(line, LogRedactor.redact(event.getFormattedMessage()));
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy != null) {
            line.append(",\"error\":");
            quote(line, proxy.getClassName() + ": " + LogRedactor.redact(proxy.getMessage()));
            StringBuilder stack = new StringBuilder();
            for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
                stack.append(frame.getStackTraceElement()).append('\n');
            }
            line.append(",\"stack\":");
            quote(line, stack.toString());
        }
        return line.append("}\n").toString();
    }

    private static String shortLogger(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    private static void quote(StringBuilder out, String value) {
        out.append('"');
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        out.append('"');
    }
}
