package org.ecarehub.transparency.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecarehub.transparency.merkle.MerkleTestVectors.base64;

import java.util.Map;
import java.util.stream.Stream;
import org.ecarehub.transparency.merkle.MerkleTestVectors.ConsistencyProbe;
import org.ecarehub.transparency.merkle.MerkleTestVectors.InclusionProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every probe of transparency-dev/merkle's test data, each verified as its {@code wantErr} says. */
class TransparencyDevVectorsTests {

    /**
     * Probes where this verifier is stricter than transparency-dev's, by the policy that every hash must be 32 bytes:
     * transparency-dev compares the roots of equal tree sizes without looking at their length.
     */
    private static final Map<String, String> STRICTER_THAN_TRANSPARENCY_DEV = Map.of(
            "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json",
            "The first root is not 32 bytes long");

    static Stream<String> inclusionProbes() {
        return MerkleTestVectors.transparencyDevProbes("inclusion").stream();
    }

    static Stream<String> consistencyProbes() {
        return MerkleTestVectors.transparencyDevProbes("consistency").stream();
    }

    @Test
    void findsAllNinetyEightProbesOfEachKind() {
        assertThat(inclusionProbes()).hasSize(98);
        assertThat(consistencyProbes()).hasSize(98);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionProbes")
    void verifiesAnAuditPathAsTheProbeExpects(String path) {
        InclusionProbe probe = MerkleTestVectors.inclusionProbe(path);

        Runnable verification = () -> ProofVerifier.verifyInclusion(
                base64(probe.leafHash()), probe.index(), probe.size(), base64(probe.proof()), base64(probe.root()));

        if (probe.wantErr()) {
            assertThatThrownBy(verification::run).isInstanceOf(ProofException.class);
        } else {
            assertThatCode(verification::run).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyProbes")
    void verifiesAConsistencyProofAsTheProbeExpects(String path) {
        ConsistencyProbe probe = MerkleTestVectors.consistencyProbe(path);

        Runnable verification = () -> ProofVerifier.verifyConsistency(
                probe.first(), probe.second(), base64(probe.proof()), base64(probe.root1()), base64(probe.root2()));

        if (STRICTER_THAN_TRANSPARENCY_DEV.containsKey(path)) {
            assertThat(probe.wantErr())
                    .as("the probe this verifier departs from")
                    .isFalse();
            assertThatThrownBy(verification::run)
                    .isInstanceOf(ProofException.class)
                    .hasMessage(STRICTER_THAN_TRANSPARENCY_DEV.get(path));
        } else if (probe.wantErr()) {
            assertThatThrownBy(verification::run).isInstanceOf(ProofException.class);
        } else {
            assertThatCode(verification::run).doesNotThrowAnyException();
        }
    }
}
