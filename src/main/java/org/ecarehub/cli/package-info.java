/** The {@code ecare} command line: serve, demo, token and partnership validation. */
package org.ecarehub.cli;
