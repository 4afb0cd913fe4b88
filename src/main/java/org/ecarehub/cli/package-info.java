/** The {@code ecare} command line: serve, demo, token, partnership validation, log checks, link and import. */
package org.ecarehub.cli;
