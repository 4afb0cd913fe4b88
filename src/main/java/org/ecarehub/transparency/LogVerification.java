package org.ecarehub.transparency;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.ecarehub.transparency.internal.StoredLogCheck;

/**
 * Checks a stored log end to end, as {@code ecare log verify} does with the hub stopped: recomputes the tree from
 * the stored leaves and every stored subtree hash, checks every tree head's signature and root, recomputes every
 * leaf from its private event and salt, and follows every person's chain for gaps.
 */
public final class LogVerification {

    private LogVerification() {}

    /**
     * @param trustedKeys DER SubjectPublicKeyInfo of every key whose tree heads are to be trusted (the current key
     *     and any retired ones); a head signed by another key is a problem, even one recorded in the database
     */
    public static Report verify(Connection connection, List<byte[]> trustedKeys) throws SQLException {
        return StoredLogCheck.run(connection, trustedKeys);
    }

    /** The key in a log key file, for {@link #verify}. */
    public static byte[] publicKeyOfKeyFile(java.nio.file.Path keyFile) {
        return StoredLogCheck.publicKeyOfKeyFile(keyFile);
    }

    /**
     * What the check found.
     *
     * @param problems each divergence, the first first, each naming the leaf, event, node or head concerned
     */
    public record Report(long leaves, long events, long treeHeads, long persons, long pending, List<String> problems) {

        public boolean holds() {
            return problems.isEmpty();
        }
    }
}
