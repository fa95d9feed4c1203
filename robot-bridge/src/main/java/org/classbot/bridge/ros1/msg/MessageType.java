package org.classbot.bridge.ros1.msg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One ROS 1 message type: its name, md5sum, full definition text and its little-endian TCPROS
 * serialization. The definition text ships as a resource (copied from the ROS message packages) and
 * the md5sum is computed from it and checked against the published sum when the class loads.
 *
 * @param <T> the Java value carried
 */
public final class MessageType<T> {

    private final String name;
    private final MessageDefinition definition;
    private final String md5;
    private final ToIntFunction<T> size;
    private final BiConsumer<T, ByteBuffer> writer;
    private final Function<ByteBuffer, T> reader;

    MessageType(String name, String expectedMd5, ToIntFunction<T> size, BiConsumer<T, ByteBuffer> writer,
                Function<ByteBuffer, T> reader) {
        this.name = name;
        this.definition = MessageDefinition.parse(name, loadDefinition(name));
        this.md5 = definition.md5();
        if (!md5.equals(expectedMd5)) {
            throw new IllegalStateException("definition of " + name + " hashes to " + md5 + ", expected " + expectedMd5);
        }
        this.size = size;
        this.writer = writer;
        this.reader = reader;
    }

    private static String loadDefinition(String name) {
        String resource = name.replace('/', '.') + ".msg";
        try (InputStream in = MessageType.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("message definition resource " + resource + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** e.g. {@code geometry_msgs/Twist}. */
    public String name() {
        return name;
    }

    public String md5() {
        return md5;
    }

    /** The full definition text for the TCPROS {@code message_definition} header. */
    public String definition() {
        return definition.fullText();
    }

    /** Serializes without the 4-byte length prefix of the TCPROS frame. */
    public byte[] serialize(T value) {
        Objects.requireNonNull(value, "message");
        ByteBuffer b = ByteBuffer.allocate(size.applyAsInt(value)).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(value, b);
        if (b.hasRemaining()) {
            throw new IllegalStateException(name + " serializer wrote " + b.position() + " of " + b.capacity() + " bytes");
        }
        return b.array();
    }

    /**
     * Reads one message body.
     *
     * @throws IllegalArgumentException when the bytes are not a valid message of this type
     */
    public T deserialize(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        try {
            T v = reader.apply(b);
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " trailing bytes after a " + name);
            }
            return v;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated " + name + " (" + body.length + " bytes)", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + md5 + ")";
    }

    static int stringSize(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(bytes.length);
        b.put(bytes);
    }

    static String getString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("string length " + Integer.toUnsignedString(n) + " exceeds the message");
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
