package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MerkleHashesTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hashesTheEmptyTreeToTheSha256OfNothing() {
        assertThat(HEX.formatHex(MerkleHashes.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void handsOutAFreshEmptyRootSoThatNoCallerCanChangeAnother() {
        MerkleHashes.emptyRoot()[0] ^= 1;

        assertThat(HEX.formatHex(MerkleHashes.emptyRoot())).startsWith("e3b0c442");
    }

    @Test
    void prefixesALeafWithAZeroByte() {
        assertThat(HEX.formatHex(MerkleHashes.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void prefixesANodeWithAOneByteSoThatNoNodeHashesLikeALeaf() {
        byte[] left = MerkleHashes.leafHash(new byte[0]);
        byte[] right = MerkleHashes.leafHash(new byte[] {0});
        byte[] both = new byte[64];
        System.arraycopy(left, 0, both, 0, 32);
        System.arraycopy(right, 0, both, 32, 32);

        assertThat(MerkleHashes.nodeHash(left, right))
                .isNotEqualTo(MerkleHashes.leafHash(both))
                .isEqualTo(HEX.parseHex("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
    }

    @Test
    void givesTheSameHashesOnManyThreadsAtOnce() throws Exception {
        byte[] expected = chainOfNodeHashes();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(MerkleHashesTests::chainOfNodeHashes));
            }
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] chainOfNodeHashes() {
        byte[] hash = MerkleHashes.leafHash(new byte[] {1, 2, 3});
        for (int i = 0; i < 2_000; i++) {
            hash = MerkleHashes.nodeHash(hash, MerkleHashes.leafHash(new byte[] {(byte) i}));
        }
        return hash;
    }
}
