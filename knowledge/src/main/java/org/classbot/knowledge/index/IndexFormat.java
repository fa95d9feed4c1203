package org.classbot.knowledge.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

import org.classbot.knowledge.KnowledgeBaseException;

/**
 * The ClassBot index format as recorded in the commit user data: the format number and, per vector field,
 * the model name and dimension (the model guard). The next format change touches this class and
 * {@link ChunkSchema} only.
 */
public final class IndexFormat {
    public static final String META_FORMAT = "classbot.index.format";
    /** 2: each chunk also stores its sentences' vectors ({@link ChunkSchema#SENTENCE_VECTORS} + field). */
    public static final String FORMAT = "2";

    private IndexFormat() {
    }

    /** The commit user data an index of these vector spaces carries. */
    static Map<String, String> commitData(List<VectorSpace> spaces) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(META_FORMAT, FORMAT);
        for (VectorSpace v : spaces) {
            data.put(v.metaPrefix() + ".model", v.model());
            data.put(v.metaPrefix() + ".dimension", Integer.toString(v.dimension()));
        }
        return data;
    }

    /**
     * Checks that the index in {@code d} is a ClassBot index of this format built with these models.
     *
     * @throws KnowledgeBaseException saying how to fix it when it is not
     */
    static void check(Path abs, Directory d, List<VectorSpace> spaces) throws IOException {
        check(abs, SegmentInfos.readLatestCommit(d).getUserData(), spaces);
    }

    static void check(Path abs, Map<String, String> data, List<VectorSpace> spaces) {
        if (!data.containsKey(META_FORMAT)) {
            throw new KnowledgeBaseException("folder " + abs + " holds a Lucene index that ClassBot did not create;"
                    + " use another --index folder / 该文件夹中的索引不是 ClassBot 创建的，请换一个 --index 文件夹");
        }
        if (!FORMAT.equals(data.get(META_FORMAT))) {
            throw new KnowledgeBaseException("index " + abs + " has ClassBot index format " + data.get(META_FORMAT) + ", but this ClassBot"
                    + " reads format " + FORMAT + " (chunks now carry sentence vectors); re-ingest your documents into a new index"
                    + " (delete the folder or pass another --index) / 索引格式已更新，请重新导入文档");
        }
        String built = describe(data);
        String wanted = describe(commitData(spaces));
        if (!built.equals(wanted)) {
            throw new KnowledgeBaseException("index " + abs + " was built with embedding model " + built
                    + ", but this ClassBot uses " + wanted + "; re-ingest your documents into a new index"
                    + " (delete the folder or pass another --index) / 索引与嵌入模型不一致，请重新导入文档");
        }
    }

    /** "'a' (512-d) + 'b' (384-d)" from commit user data, in field order. */
    static String describe(Map<String, String> data) {
        List<String> parts = new ArrayList<>();
        data.keySet().stream().filter(k -> k.startsWith("classbot.embedding") && k.endsWith(".model")).sorted((a, b) -> a.length() - b.length())
                .forEach(k -> parts.add("'" + data.get(k) + "' (" + data.get(k.substring(0, k.length() - ".model".length()) + ".dimension") + "-d)"));
        return parts.isEmpty() ? "(none recorded)" : String.join(" + ", parts);
    }
}
