package org.ecarehub.transparency.merkle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** The copies of public test vectors under {@code merkle-test-vectors/} on the test classpath; see the README there. */
final class MerkleTestVectors {

    private static final String ROOT = "merkle-test-vectors/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MerkleTestVectors() {}

    /**
     * A transparency-dev inclusion probe; {@code proof} is null in some files. The numbers are Go's uint64, and
     * {@link #index()} and {@link #size()} give them as the Java long with the same 64 bits, so that 2^64-1 arrives as
     * -1, an index the verifier refuses just as Go refuses one beyond the tree.
     */
    record InclusionProbe(
            BigInteger leafIdx,
            BigInteger treeSize,
            String root,
            String leafHash,
            List<String> proof,
            String desc,
            boolean wantErr) {

        long index() {
            return leafIdx.longValue();
        }

        long size() {
            return treeSize.longValue();
        }
    }

    /** A transparency-dev consistency probe; {@code proof} is null in some files; sizes as for {@link InclusionProbe}. */
    record ConsistencyProbe(
            BigInteger size1,
            BigInteger size2,
            String root1,
            String root2,
            List<String> proof,
            String desc,
            boolean wantErr) {

        long first() {
            return size1.longValue();
        }

        long second() {
            return size2.longValue();
        }
    }

    record SignedTreeHead(long tree_size, String sha256_root_hash) {}

    record Entries(List<Entry> entries) {}

    record Entry(String leaf_input) {}

    record AuditProof(long leaf_index, List<String> audit_path) {}

    record ConsistencyProof(List<String> consistency) {}

    /** The paths, relative to the transparency-dev directory, of every probe of one kind: "inclusion" or "consistency". */
    static List<String> transparencyDevProbes(String kind) {
        Path directory = directory(ROOT + "transparency-dev-merkle/" + kind);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file ->
                            kind + "/" + directory.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String path, Class<T> type) {
        try (InputStream in = resource(ROOT + path).openStream()) {
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InclusionProbe inclusionProbe(String path) {
        return read("transparency-dev-merkle/" + path, InclusionProbe.class);
    }

    static ConsistencyProbe consistencyProbe(String path) {
        return read("transparency-dev-merkle/" + path, ConsistencyProbe.class);
    }

    static byte[] base64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static List<byte[]> base64(List<String> texts) {
        return texts == null
                ? List.of()
                : texts.stream().map(MerkleTestVectors::base64).toList();
    }

    private static Path directory(String name) {
        try {
            return Path.of(resource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL resource(String name) {
        URL url = MerkleTestVectors.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("The test classpath lacks " + name);
        }
        return url;
    }
}
