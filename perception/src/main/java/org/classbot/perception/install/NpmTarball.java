package org.classbot.perception.install;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads selected files out of an npm package tarball ({@code .tgz}, entries under {@code package/})
 * into memory. Nothing is written to disk, so entry names cannot escape a folder.
 */
public final class NpmTarball {

    private static final long MAX_ENTRY = 512L << 20;

    private NpmTarball() {
    }

    /**
     * The wanted entries (full names such as {@code package/models/centernet.json}) and their bytes.
     * {@code progress} gets the number of compressed bytes read so far.
     */
    public static Map<String, byte[]> read(Path tgz, Set<String> wanted, LongConsumer progress) throws IOException {
        return read(tgz, wanted::contains, wanted.size(), progress);
    }

    /**
     * The entries whose names {@code wanted} accepts; stops early once {@code stopAfter} entries are
     * read ({@code <= 0}: read the whole archive).
     */
    public static Map<String, byte[]> read(Path tgz, java.util.function.Predicate<String> wanted, int stopAfter,
                                           LongConsumer progress) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (CountingStream counting = new CountingStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), progress);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(counting))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile() || !wanted.test(e.getName())) {
                    continue;
                }
                if (e.getSize() > MAX_ENTRY) {
                    throw new IOException(tgz + ": entry " + e.getName() + " is implausibly large (" + e.getSize() + " bytes)");
                }
                out.put(e.getName(), tar.readAllBytes());
                if (stopAfter > 0 && out.size() == stopAfter) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IOException(tgz + " is not a readable npm package tarball (.tgz): " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code name@version} from the tarball's {@code package/package.json}. */
    public static String nameAndVersion(Path tgz) throws IOException {
        byte[] json = read(tgz, Set.of("package/package.json"), n -> { }).get("package/package.json");
        if (json == null) {
            throw new IOException(tgz + " has no package/package.json: not an npm package tarball");
        }
        JsonNode pkg = new ObjectMapper().readTree(json);
        return pkg.path("name").asText("?") + "@" + pkg.path("version").asText("?");
    }

    /** Like {@link #nameAndVersion} but null when the file is not a readable package. */
    public static String nameAndVersionOrNull(Path tgz) {
        try {
            return nameAndVersion(tgz);
        } catch (IOException e) {
            return null;
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        private final LongConsumer progress;
        private long count;

        CountingStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
                progress.accept(count);
            }
            return r;
        }
    }
}
