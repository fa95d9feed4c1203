package org.classbot.bridge.ros1;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TCPROS framing: every header and message is a 4-byte little-endian length followed by that many
 * bytes; a connection header is a sequence of such length-prefixed {@code key=value} fields.
 */
final class TcpRos {

    /** Headers beyond this are refused: a real one is a few kB (the Odometry definition is ~3 kB). */
    static final int MAX_HEADER = 1 << 20;
    /** Messages beyond this are refused rather than allocated. */
    static final int MAX_MESSAGE = 64 << 20;

    private TcpRos() {
    }

    /** The header as one frame (length prefix included), fields in the given order. */
    static byte[] encodeHeader(Map<String, String> fields) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            byte[] field = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            body.writeBytes(le(field.length));
            body.writeBytes(field);
        }
        return frame(body.toByteArray());
    }

    /** Reads one header frame. */
    static Map<String, String> readHeader(InputStream in) throws IOException {
        byte[] body = readFrame(in, MAX_HEADER, "connection header");
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> fields = new LinkedHashMap<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new IOException("truncated TCPROS header field length");
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IOException("TCPROS header field of " + Integer.toUnsignedString(n) + " bytes exceeds the header");
            }
            String field = new String(body, b.position(), n, StandardCharsets.UTF_8);
            b.position(b.position() + n);
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IOException("TCPROS header field without '=': " + field);
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return fields;
    }

    /** One length-prefixed frame around a message body. */
    static byte[] frame(byte[] body) {
        byte[] out = new byte[4 + body.length];
        System.arraycopy(le(body.length), 0, out, 0, 4);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    /** Reads one frame's body; {@link EOFException} when the peer closed cleanly before it. */
    static byte[] readFrame(InputStream in, int max, String what) throws IOException {
        DataInputStream d = in instanceof DataInputStream di ? di : new DataInputStream(in);
        byte[] len = new byte[4];
        d.readFully(len);
        int n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (n < 0 || n > max) {
            throw new IOException(what + " of " + Integer.toUnsignedString(n) + " bytes exceeds the limit of " + max);
        }
        byte[] body = new byte[n];
        d.readFully(body);
        return body;
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
