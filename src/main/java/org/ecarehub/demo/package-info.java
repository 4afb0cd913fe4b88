/** The demo partnership of DEMO.md: seeded through the modules' own APIs, and kept apart from real hubs. */
package org.ecarehub.demo;
