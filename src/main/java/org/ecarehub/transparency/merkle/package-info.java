/** The RFC 6962 Merkle tree of the transparency log: hashing, proofs built from stored subtree hashes, and their verification, in plain Java. */
package org.ecarehub.transparency.merkle;
