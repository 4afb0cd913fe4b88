/** The transparency log: every access to personal information on an append-only, tamper-evident Merkle log. */
package org.ecarehub.transparency;
